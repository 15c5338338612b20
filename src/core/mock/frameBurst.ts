import type { Socket } from 'node:net';

/** Until the first burst (a mock makes one per client). */
const NO_SLAB = Buffer.alloc(0);
/** Bytes gathered before a burst is written out even within the tick. */
const SLAB_BYTES = 64 * 1024;
/** Payloads up to this size are copied into the burst; larger ones go to ws as they are. */
export const BURST_MAX_PAYLOAD = 16 * 1024;

/**
 * Small data frames written to a socket in bursts: frames sent during one tick are encoded one
 * after another into one buffer and written with one `socket.write` when the tick ends, instead of
 * two writes per frame (ws writes header and payload apart) for the kernel to gather.
 *
 * Order on the wire is the order of the calls: every other write to the socket (ws's close,
 * ping and pong frames, raw writes) first writes out the burst before it, so nothing overtakes a
 * frame sent before it. Install it after the tap, so that the tap sees the bytes as written.
 */
export class FrameBurst {
  private slab = NO_SLAB;
  private start = 0;
  private end = 0;
  private scheduled = false;
  private readonly writeThrough: Socket['write'];
  private readonly flushNow = (): void => {
    this.scheduled = false;
    this.flush();
  };

  constructor(private readonly socket: Socket) {
    const write = socket.write;
    this.writeThrough = write;
    socket.write = ((...args: unknown[]) => {
      this.flush();
      return Reflect.apply(write, socket, args) as boolean;
    }) as Socket['write'];
  }

  /** Bytes encoded but not yet handed to the socket. */
  get pending(): number {
    return this.end - this.start;
  }

  /** Adds one final, unmasked data frame (RFC 6455 §5.2) carrying `payload` (at most BURST_MAX_PAYLOAD bytes). */
  add(opcode: number, payload: Uint8Array): void {
    const length = payload.length;
    const header = length < 126 ? 2 : 4;
    if (this.end + header + length > this.slab.length) this.newSlab(header + length);
    const slab = this.slab;
    let at = this.end;
    slab[at++] = 0x80 | opcode;
    if (header === 2) slab[at++] = length;
    else {
      slab[at++] = 126;
      slab[at++] = length >>> 8;
      slab[at++] = length & 0xff;
    }
    slab.set(payload, at);
    this.end = at + length;
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(this.flushNow);
    }
  }

  /** Writes out what is gathered. */
  flush(): void {
    if (this.end === this.start) return;
    const bytes = this.slab.subarray(this.start, this.end);
    this.start = this.end;
    if (!this.socket.destroyed) Reflect.apply(this.writeThrough, this.socket, [bytes]);
  }

  /** Written parts of a slab stay the socket's until written; the rest of the burst goes to a new one. */
  private newSlab(least: number): void {
    this.flush();
    this.slab = Buffer.allocUnsafe(Math.max(SLAB_BYTES, least));
    this.start = 0;
    this.end = 0;
  }
}
