import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { forkSender } from './senderChild';
import { upgradeRequest } from './rawClient';

export interface FloodSender {
  /**
   * The URL whose upgrade gets an endless stream of `size`-byte frames (text unless `opcode`
   * says); with `deflate`, compressed (the client must offer permessage-deflate).
   */
  url(size: number, opcode?: number, deflate?: boolean): string;
  close(): Promise<void>;
}

/** Starts floodSender.ts in a child process, so the sender does not share the measuring thread. */
export async function startFloodSender(): Promise<FloodSender> {
  const child = await forkSender('floodSender.ts', 'flood sender');
  return {
    url: (size, opcode = 1, deflate = false) => `ws://127.0.0.1:${child.port}/?size=${size}&opcode=${opcode}${deflate ? '&deflate=1' : ''}`,
    close: () => child.close(),
  };
}

export interface RoundTiming {
  /** Time from the open to the start of the count: TCP windows open up, the pipe fills. */
  readonly settleMs: number;
  readonly durationMs: number;
}

export interface ReceiveOptions extends RoundTiming {
  /** Offer permessage-deflate (for a sender URL made with `deflate`). Default false. */
  readonly perMessageDeflate?: boolean;
  /** On the 101, before ws reads a frame: where a tap goes. */
  readonly onUpgrade?: (socket: Socket) => void;
  /** At the end of the count, before the connection is cut, with the messages ws delivered; may throw. */
  readonly check?: (delivered: number) => void;
}

/** Connects a `ws` client to `url` and returns the messages per second it received during the count. */
export function receiveRate(url: string, options: ReceiveOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: options.perMessageDeflate ?? false });
    let delivered = 0;
    let outcome: { rate: number } | { error: unknown } | undefined;
    ws.on('message', () => {
      delivered++;
    });
    if (options.onUpgrade) ws.on('upgrade', (response) => options.onUpgrade!(response.socket as Socket));
    ws.on('error', (error) => {
      outcome ??= { error };
    });
    ws.on('close', () => (outcome && 'rate' in outcome ? resolve(outcome.rate) : reject(outcome?.error ?? new Error(`${url} closed before the count ended`))));
    ws.on('open', () =>
      countFor(
        options,
        () => delivered,
        (rate) => {
          try {
            options.check?.(delivered);
            outcome ??= { rate };
          } catch (error) {
            outcome ??= { error };
          }
          ws.terminate();
        },
      ),
    );
  });
}

/**
 * Bytes per second a bare TCP reader gets from the sender at `url` (handshake read and skipped):
 * what the sender and the loopback can deliver, to show the client, not the sender, sets the pace.
 * `offerDeflate` for a URL made with `deflate`: the reader offers permessage-deflate and reads the compressed frames.
 */
export function rawReadRate(url: string, timing: RoundTiming, offerDeflate = false): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    let bytes = 0;
    socket.on('error', reject);
    socket.on('connect', () => {
      socket.write(upgradeRequest(url, offerDeflate ? ['Sec-WebSocket-Extensions: permessage-deflate'] : []));
      socket.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      countFor(
        timing,
        () => bytes,
        (rate) => {
          resolve(rate);
          socket.destroy();
        },
      );
    });
  });
}

/** Waits `settleMs`, then calls `done` with how fast `read()` grew (per second) over `durationMs`. */
export function countFor(timing: RoundTiming, read: () => number, done: (perSecond: number) => void): void {
  setTimeout(() => {
    const from = read();
    const start = performance.now();
    setTimeout(() => done(((read() - from) * 1000) / (performance.now() - start)), timing.durationMs);
  }, timing.settleMs);
}
