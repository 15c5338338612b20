import type { Socket } from 'node:net';
import { now } from '../clock';
import { FrameDecoder, type FrameRecord, type MessageRecord } from '../protocol/frameDecoder';
import type { Sender } from '../protocol/frameParser';
import { RecentChunks, type StreamReader } from './recentChunks';

/** `in`: bytes the peer sent us; `out`: bytes we wrote. */
export type TapDirection = 'in' | 'out';

/** What the TCP connection did, in the order it happened. */
export type TcpEvent =
  /** The peer sent FIN: it will write no more. */
  | 'fin-received'
  /** Our FIN is on its way: we will write no more. */
  | 'fin-sent'
  /** We tore the socket down without a FIN (ws's terminate(), a timeout, an error). */
  | 'destroyed-locally'
  /** The socket is closed; `hadError` when it ended with an error such as a reset. */
  | 'closed';

/** What the tap reports. Frame and message records are reused: copy what you keep (see FrameDecoderSink). */
export interface TapListener {
  frame(direction: TapDirection, frame: FrameRecord): void;
  message(direction: TapDirection, message: MessageRecord): void;
  tcp(event: TcpEvent, time: number, hadError: boolean): void;
}

export interface TapOptions {
  /** Which side of the connection we are: a client's outgoing frames are masked, a server's are not. */
  readonly role: Sender;
  /** permessage-deflate was negotiated, so RSV1 marks compressed messages. */
  readonly perMessageDeflate: boolean;
  readonly maxPayloadBytes?: number;
}

/**
 * A passive tap on the raw socket under `ws`: decodes every frame in both directions without
 * changing what `ws` reads or writes. Incoming bytes are seen by a `data` listener placed before
 * `ws`'s own; outgoing bytes by a wrapper around `socket.write`. Chunks are read in place and never
 * kept. Attach it before any frame crosses: on the `upgrade` response (client) or in the
 * `connection` callback (server), synchronously.
 */
export class SocketTap {
  private readonly inbound: FrameDecoder;
  private readonly outbound: FrameDecoder;
  private readonly recentInbound = new RecentChunks();
  private attached = true;
  private finSent = false;

  private constructor(
    private readonly socket: Socket,
    options: TapOptions,
    private readonly listener: TapListener,
  ) {
    const peer: Sender = options.role === 'client' ? 'server' : 'client';
    const common = { perMessageDeflate: options.perMessageDeflate, maxPayloadBytes: options.maxPayloadBytes };
    // ws checks the UTF-8 of every text message it delivers: the tap leaves that to ws instead of
    // checking the same bytes twice, and reads a refused message back (see `inboundBytes`).
    this.inbound = new FrameDecoder({ frame: (f) => this.emitFrame('in', f), message: (m) => this.emitMessage('in', m) }, { ...common, sender: peer, deferUtf8: true });
    this.outbound = new FrameDecoder({ frame: (f) => this.emitFrame('out', f), message: (m) => this.emitMessage('out', m) }, { ...common, sender: options.role });
  }

  static attach(socket: Socket, options: TapOptions, listener: TapListener): SocketTap {
    const tap = new SocketTap(socket, options, listener);
    tap.hook();
    return tap;
  }

  /** Incoming stream bytes `[start, end)` if the last few chunks still hold them (see RecentChunks). */
  readonly inboundBytes: StreamReader = (start, end) => this.recentInbound.read(start, end);

  /** Stops reporting; the socket keeps working as before. */
  detach(): void {
    this.attached = false;
  }

  private hook(): void {
    const socket = this.socket;
    socket.prependListener('data', (chunk: Buffer) => {
      if (!this.attached) return;
      this.recentInbound.add(chunk);
      this.inbound.push(chunk, now());
    });
    const write = socket.write;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (this.attached && chunk instanceof Uint8Array) this.outbound.push(chunk, now());
      return Reflect.apply(write, socket, [chunk, ...rest]) as boolean;
    }) as Socket['write'];
    const destroy = socket.destroy;
    socket.destroy = ((error?: Error) => {
      if (!socket.destroyed && !this.finSent) this.tcp('destroyed-locally', error !== undefined);
      return Reflect.apply(destroy, socket, [error]) as Socket;
    }) as Socket['destroy'];
    socket.once('end', () => this.tcp('fin-received', false));
    socket.once('finish', () => {
      this.finSent = true;
      this.tcp('fin-sent', false);
    });
    socket.once('close', (hadError: boolean) => this.tcp('closed', hadError));
  }

  private emitFrame(direction: TapDirection, frame: FrameRecord): void {
    this.listener.frame(direction, frame);
  }

  private emitMessage(direction: TapDirection, message: MessageRecord): void {
    this.listener.message(direction, message);
  }

  private tcp(event: TcpEvent, hadError: boolean): void {
    if (this.attached) this.listener.tcp(event, now(), hadError);
  }
}
