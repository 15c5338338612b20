import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type WebSocket from 'ws';
import { now } from '../clock';
import { CloseTracker, describeClose } from '../client/closeTracker';
import type { CloseInfo, LifecycleEvent, LifecycleKind } from '../client/connectionTypes';
import { fragmentsOf } from '../client/outgoing';
import { SessionLog } from '../log/sessionLog';
import { redactRequestPath } from '../redaction/redactUrl';
import { encodeFrame, encodeClosePayload } from '../protocol/frameEncoder';
import { parseExtensions } from '../protocol/negotiation';
import { Opcode } from '../protocol/opcodes';
import { Emitter } from '../events/emitter';
import { rawDataBytes } from '../tap/rawData';
import { SocketTap } from '../tap/socketTap';
import { WireJoiner } from '../tap/wireJoiner';
import type { BrokenFrame, MockFault } from './mockDefinition';
import type { MockMessage } from './ruleMatcher';
import { BURST_MAX_PAYLOAD, FrameBurst } from './frameBurst';
import { describeRequest, parseResponse, type MockClientInfo } from './mockClientInfo';

export type { MockClientInfo } from './mockClientInfo';

/**
 * Bytes waiting to be written to a client (the kernel's buffers full) beyond which its next ping
 * is not answered but ends the connection: a client that pings and never reads would otherwise
 * pile pongs up in the host's memory. Not a count of pongs, as ws's maxPendingAutoPongs is: a
 * burst of hundreds of pings in one read, answered at once, is fine.
 */
const MAX_BACKLOG_BYTES = 1 << 20;

/** How long a drop or broken frame waits for the replies before it to reach the socket. */
const FAULT_WAITS_FOR_SENDS_MS = 2000;

/** Broken frames the mock can send on purpose, to see how a client copes. */
const BROKEN_FRAME_BYTES: Record<BrokenFrame, () => Uint8Array> = {
  'reserved-opcode': () => encodeFrame({ opcode: 0x3, payload: 'reserved' }),
  'unmasked-rsv': () => encodeFrame({ opcode: 0x1, payload: 'rsv2', rsv2: true }),
  'bad-utf8': () => encodeFrame({ opcode: 0x1, payload: Uint8Array.of(0xc3, 0x28) }),
  'oversized-control': () => encodeFrame({ opcode: 0x9, payload: new Uint8Array(126) }),
  'bad-close-code': () => encodeFrame({ opcode: 0x8, payload: encodeClosePayload(1005, '') }),
};

function describeFault(fault: MockFault): string {
  if ('close' in fault) return `fault: closing with ${fault.close.code}${fault.close.reason ? ` "${fault.close.reason}"` : ''}`;
  if ('drop' in fault) return 'fault: dropping TCP without a close frame';
  if ('stopReading' in fault) return 'fault: stopped reading from the client (its writes back up)';
  if ('pings' in fault) return fault.pings === 'ignore' ? 'fault: pings go unanswered from now on' : `fault: pongs come ${fault.pings.delayMs} ms late from now on`;
  return `fault: sending a broken frame (${fault.brokenFrame})`;
}

/**
 * One client of a mock server: its socket under a passive tap (the same decoder as the client
 * side, in the server's role), its own session log and lifecycle, and what the mock does to it —
 * sends, fragments, faults.
 */
export class MockClient {
  readonly log: SessionLog;
  readonly lifecycle: LifecycleEvent[] = [];
  private readonly joiner: WireJoiner;
  private readonly tap: SocketTap;
  private readonly closing: CloseTracker;
  private closeInfo: CloseInfo | undefined;
  /** Made on the first timer: most clients never have one. */
  private timers: Set<NodeJS.Timeout> | undefined;
  /** How pings are answered: at once (default), after a delay, or never (a fault). */
  private pings: 'answer' | 'ignore' | { readonly delayMs: number } = 'answer';
  private readonly connectedAt = now();
  /** "address:port" of the client, read once (each read asks the kernel). */
  private readonly remote: string;
  /** The upgrade request's headers as sent: name, value, name, value… */
  private readonly rawHeaders: readonly string[];
  /** The request target, query included, credentials hidden. */
  private readonly target: string;
  private readonly received = new Emitter<MockMessage>();
  /** Settles when the last message sent is written to the socket (or failed to be). */
  private sent: Promise<void> = Promise.resolve();
  /** The socket is corked until the end of this tick: the frames ws writes in one tick leave in one write. */
  private corked = false;
  /**
   * Small messages' frames, written once per tick. Only without permessage-deflate: ws's Sender
   * then writes every frame at once (it queues only to compress), so frames encoded here keep
   * their place among ws's own writes.
   */
  private readonly burst: FrameBurst | undefined;
  private readonly uncork = (): void => {
    this.corked = false;
    this.socket.uncork();
  };

  /** Each message the client sent, after it is in the log. */
  readonly onDidReceive = this.received.event;

  constructor(
    readonly id: string,
    readonly path: string,
    private readonly ws: WebSocket,
    private readonly socket: Socket,
    request: IncomingMessage,
    private readonly options: { readonly logBudgetBytes?: number; readonly maxPayloadBytes: number; readonly response: readonly string[] },
    private readonly changed: (client: MockClient) => void,
  ) {
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
    // The request's headers only: the IncomingMessage (its stream state, its socket) can go.
    this.rawHeaders = request.rawHeaders;
    this.target = redactRequestPath(request.url ?? '/');
    this.log = new SessionLog({ byteBudget: options.logBudgetBytes });
    this.closing = new CloseTracker((kind, detail, time) => this.record(kind, detail, time), 'server');
    this.joiner = new WireJoiner(this.log, this.closing, 'client');
    const perMessageDeflate = parseExtensions(ws.extensions).value.some((e) => e.name === 'permessage-deflate');
    this.tap = SocketTap.attach(socket, { role: 'server', perMessageDeflate, maxPayloadBytes: options.maxPayloadBytes, receiverChecksUtf8: true }, this.joiner);
    this.joiner.readFrom(this.tap);
    this.burst = perMessageDeflate ? undefined : new FrameBurst(socket);
    ws.on('message', (data, isBinary) => {
      const message: MockMessage = { kind: isBinary ? 'binary' : 'text', data: rawDataBytes(data) };
      this.joiner.delivered(message.kind, message.data);
      this.received.fire(message);
    });
    ws.on('ping', (data) => this.answerPing(data));
    ws.on('error', (error) => {
      this.joiner.receiverError(error);
      this.record('error', `the client broke the protocol: ${error.message}`);
    });
    ws.on('close', (code, reason) => this.closed(code, reason.toString('utf8')));
    this.record('open', `${request.method} ${this.target} from ${this.remote}${ws.protocol ? `; subprotocol ${ws.protocol}` : ''}${ws.extensions ? `; extensions ${ws.extensions}` : ''}`);
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  /** Bytes sent but not yet handed to the kernel: what a sender that respects backpressure watches. */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount + (this.burst?.pending ?? 0);
  }

  info(): MockClientInfo {
    return {
      id: this.id,
      path: this.path,
      target: this.target,
      remote: this.remote,
      ...describeRequest(this.rawHeaders),
      response: parseResponse(this.options.response),
      protocol: this.ws.protocol || undefined,
      extensions: this.ws.extensions || undefined,
      connectedAt: this.connectedAt,
      closed: this.closeInfo,
    };
  }

  /** Sends one message now, in `fragments` frames; a client that is gone is skipped. */
  send(kind: 'text' | 'binary', data: Uint8Array, fragments = 1): void {
    if (!this.open) return;
    this.joiner.sending(kind, data);
    if (this.burst && fragments <= 1 && data.length <= BURST_MAX_PAYLOAD) return this.burst.add(kind === 'binary' ? Opcode.binary : Opcode.text, data);
    this.corkUntilNextTick();
    const parts = fragmentsOf(data, fragments);
    this.sent = new Promise((resolve) => {
      parts.forEach((part, k) => this.ws.send(part, { binary: kind === 'binary', fin: k === parts.length - 1 }, k === parts.length - 1 ? () => resolve() : undefined));
    });
  }

  /** Sends a ping or a pong now, after any small messages still waiting for the end of the tick; a client that is gone is skipped. */
  control(opcode: 'ping' | 'pong', data: Uint8Array): void {
    if (!this.open) return;
    this.burst?.flush();
    if (opcode === 'ping') this.ws.ping(data);
    else this.ws.pong(data);
  }

  /**
   * Holds the socket's writes until the current tick ends, so that a burst of sends ws frames
   * (compressed, fragmented, large) costs one system call, not one per frame; nothing waits longer than this tick.
   */
  private corkUntilNextTick(): void {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    process.nextTick(this.uncork);
  }

  /** Runs `action` after `delayMs` unless the client is gone by then. */
  later(delayMs: number, action: () => void): void {
    if (delayMs <= 0) return action();
    const timers = (this.timers ??= new Set());
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (this.open) action();
    }, delayMs);
    timers.add(timer);
  }

  /** Injects a fault and notes it in the lifecycle first, so the log says why what follows happens. */
  fault(fault: MockFault): void {
    this.record('fault', describeFault(fault));
    if ('close' in fault) this.close(fault.close.code, fault.close.reason ?? '');
    else if ('drop' in fault) this.afterSends(() => this.ws.terminate());
    else if ('stopReading' in fault) this.socket.pause();
    else if ('pings' in fault) this.pings = fault.pings;
    else this.afterSends(() => this.socket.write(BROKEN_FRAME_BYTES[fault.brokenFrame]()));
  }

  /**
   * Runs `action` once every message sent so far is on the socket. With permessage-deflate ws
   * compresses asynchronously, so a drop or a broken frame written straight to the socket would
   * otherwise overtake the replies before it (or lose them). A client that stopped reading may
   * never take them: the fault strikes anyway after a while.
   */
  private afterSends(action: () => void): void {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<void>((resolve) => (timer = setTimeout(resolve, FAULT_WAITS_FOR_SENDS_MS).unref()));
    void Promise.race([this.sent, stuck]).then(() => {
      clearTimeout(timer);
      // A burst still waiting for the end of the tick goes first (terminate() does not write).
      this.burst?.flush();
      if (this.open) action();
    });
  }

  close(code: number, reason: string): void {
    if (this.open) this.ws.close(code, reason);
  }

  /** Drops TCP at once. */
  terminate(): void {
    this.ws.terminate();
  }

  /** Calls `listener` once the connection is closed (at once if it already is). */
  onceClosed(listener: () => void): void {
    if (this.closeInfo) return listener();
    // ws emits 'close' once: `on` spares the wrapper `once` makes per client.
    this.ws.on('close', () => listener());
  }

  /** Ends every timer and listener; the socket is closed by the server. */
  dispose(): void {
    for (const timer of this.timers ?? []) clearTimeout(timer);
    this.timers = undefined;
    this.received.dispose();
  }

  private answerPing(data: Buffer): void {
    const pings = this.pings;
    if (pings === 'ignore') return;
    if (pings === 'answer') return this.pong(data);
    this.later(pings.delayMs, () => this.pong(data));
  }

  /** Answers a ping, unless the client has stopped reading what it is sent: then it is closed, saying why. */
  private pong(data: Buffer): void {
    if (!this.open) return;
    if (this.bufferedAmount > MAX_BACKLOG_BYTES) {
      this.record('error', `the client pings but reads nothing: over ${MAX_BACKLOG_BYTES / 1024} KiB waits to be written to it: closing it with 1008`);
      return this.ws.close(1008, 'ping flood, nothing read');
    }
    this.ws.pong(data);
  }

  private closed(code: number, reason: string): void {
    this.dispose();
    this.joiner.finish('The connection closed before ws delivered this message.');
    this.closeInfo = this.closing.finish(code, reason);
    this.record('closed', describeClose(this.closeInfo));
  }

  /** Adds an event to this client's lifecycle (the server's own notes: errors, faults). */
  note(kind: LifecycleKind, detail: string): void {
    this.record(kind, detail);
  }

  private record(kind: LifecycleKind, detail?: string, time = now()): void {
    this.lifecycle.push({ time, kind, detail });
    this.changed(this);
  }
}
