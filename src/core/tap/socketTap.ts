import type { Socket } from 'node:net';
import { now } from '../clock';
import { FrameDecoder, type FrameDecoderSink, type FrameRecord, type MessageRecord } from '../protocol/frameDecoder';
import type { PendingFrame, Sender } from '../protocol/frameParser';
import type { Violation } from '../protocol/violations';
import { RecentChunks, type StreamReader, type UnmaskedInPlace } from './recentChunks';

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
  /**
   * The socket closed inside an incoming frame that breaks RFC 6455 in its header already (e.g. a
   * length over the limit, whose payload never comes): the frame is never reported, its
   * violations are, with its number in that direction.
   */
  cutFrame?(direction: TapDirection, frameIndex: number, violations: readonly Violation[], time: number): void;
  /**
   * Stream offset of the oldest incoming message the receiver has not delivered yet (Infinity
   * when none). With `receiverChecksUtf8` the tap keeps the incoming bytes from there on, so a
   * message the receiver refuses can be read back (`inboundBytes`).
   */
  undeliveredFrom?(): number;
}

export interface TapOptions {
  /** Which side of the connection we are: a client's outgoing frames are masked, a server's are not. */
  readonly role: Sender;
  /** permessage-deflate was negotiated, so RSV1 marks compressed messages. */
  readonly perMessageDeflate: boolean;
  readonly maxPayloadBytes?: number;
  /**
   * The receiver above the tap (ws) checks the UTF-8 of every text message it delivers and
   * reports the ones it refuses: the tap leaves that check to it instead of doing it twice, and
   * keeps the undelivered bytes to find the invalid one when asked (`inboundBytes`).
   */
  readonly receiverChecksUtf8?: boolean;
}

/**
 * A passive tap on the raw socket under `ws`: decodes every frame in both directions without
 * changing what `ws` reads or writes. Incoming bytes are seen by a `data` listener placed before
 * `ws`'s own (and, once the socket has closed, by a wrapper around `socket.read`); outgoing bytes
 * by a wrapper around `socket.write`. Chunks are read in place; the only ones kept (by reference,
 * with `receiverChecksUtf8`) are those of incoming messages `ws` has not delivered yet. Attach it before any frame crosses: on the `upgrade` response (client) or in the
 * `connection` callback (server), synchronously.
 */
export class SocketTap {
  // Each made on the first bytes in its direction: a mock keeps a tap per client, most of them idle.
  private inboundDecoder: FrameDecoder | undefined;
  private outboundDecoder: FrameDecoder | undefined;
  private readonly recentInbound: RecentChunks | undefined;
  private attached = true;
  private finSent = false;
  /** 'data' events seen, to tell a `read()` that emitted one from one that did not. */
  private dataEvents = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly options: TapOptions,
    private readonly listener: TapListener,
  ) {
    this.recentInbound = options.receiverChecksUtf8 === true ? new RecentChunks() : undefined;
  }

  private get inbound(): FrameDecoder {
    return (this.inboundDecoder ??= this.decoder('in'));
  }

  private get outbound(): FrameDecoder {
    return (this.outboundDecoder ??= this.decoder('out'));
  }

  private decoder(direction: TapDirection): FrameDecoder {
    const { perMessageDeflate, maxPayloadBytes, role } = this.options;
    const incoming = direction === 'in';
    const sender: Sender = incoming === (role === 'client') ? 'server' : 'client';
    // Literals of one shape, not spreads: the parsers read these options on every frame.
    return new FrameDecoder(new DirectionSink(direction, this.listener), { perMessageDeflate, maxPayloadBytes, sender, deferUtf8: incoming && this.options.receiverChecksUtf8 === true });
  }

  static attach(socket: Socket, options: TapOptions, listener: TapListener): SocketTap {
    const tap = new SocketTap(socket, options, listener);
    tap.hook();
    return tap;
  }

  /** The incoming frame that the end of the stream so far cuts off, with its number in that direction; undefined between frames. */
  inboundCut(): { readonly frameIndex: number; readonly frame: PendingFrame } | undefined {
    const decoder = this.inboundDecoder;
    const frame = decoder?.pending();
    return frame && { frameIndex: decoder!.nextFrameIndex, frame };
  }

  /** Incoming stream bytes `[start, end)` while they are kept (see `receiverChecksUtf8`). */
  readonly inboundBytes: StreamReader = (start, end) => this.recentInbound?.read(start, end);

  /** Incoming stream bytes `[start, end)` lie in one kept chunk (so ws unmasked them there, in place). */
  readonly inboundInOneChunk: UnmaskedInPlace = (start, end) => this.recentInbound?.inOneChunk(start, end) ?? false;

  /** Bytes written to the socket so far: where the next write starts in the outgoing stream. */
  get outboundOffset(): number {
    return this.outboundDecoder?.offset ?? 0;
  }

  /** Stops reporting; the socket keeps working as before. */
  detach(): void {
    this.attached = false;
    this.recentInbound?.clear();
  }

  private hook(): void {
    const socket = this.socket;
    socket.prependListener('data', (chunk: Buffer) => {
      this.dataEvents++;
      if (!this.attached) return;
      const recent = this.recentInbound;
      recent?.add(chunk);
      this.inbound.push(chunk, now());
      // Keep what ws may still refuse: the message being received and those not delivered yet.
      recent?.keepFrom(Math.min(this.inbound.openMessageOffset, this.listener.undeliveredFrom?.() ?? Infinity));
    });
    // ws pauses the socket while it inflates; once the socket has closed it reads what is left with
    // `read()`, and Node emits no 'data' for a read after 'close': decode what a read returned that
    // no 'data' event brought. Nothing of it is kept (the connection is over).
    const read = socket.read;
    socket.read = ((size?: number) => {
      const seen = this.dataEvents;
      const chunk = Reflect.apply(read, socket, [size]) as unknown;
      if (this.attached && this.dataEvents === seen && chunk instanceof Uint8Array) this.inbound.push(chunk, now());
      return chunk;
    }) as Socket['read'];
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
    // 'end', 'finish' and 'close' come once each: `on`, not `once` and the wrapper it makes per socket.
    socket.on('end', () => this.tcp('fin-received', false));
    socket.on('finish', () => {
      this.finSent = true;
      this.tcp('fin-sent', false);
    });
    socket.on('close', (hadError: boolean) => {
      const cut = this.attached ? this.inboundCut() : undefined;
      if (cut?.frame.violations?.length) this.listener.cutFrame?.('in', cut.frameIndex, cut.frame.violations, now());
      this.tcp('closed', hadError);
      this.recentInbound?.clear();
    });
  }

  private tcp(event: TcpEvent, hadError: boolean): void {
    if (this.attached) this.listener.tcp(event, now(), hadError);
  }
}

/** Hands one direction's frames and messages to the listener (one class, so the decoder's calls stay monomorphic). */
class DirectionSink implements FrameDecoderSink {
  constructor(
    private readonly direction: TapDirection,
    private readonly listener: TapListener,
  ) {}

  frame(frame: FrameRecord): void {
    this.listener.frame(this.direction, frame);
  }

  message(message: MessageRecord): void {
    this.listener.message(this.direction, message);
  }
}
