import type { FrameRecord } from '../protocol/frameDecoder';

/** Reads bytes `[start, end)` of a stream back, or undefined when some of them are gone. */
export type StreamReader = (start: number, end: number) => Uint8Array | undefined;

/**
 * The last few chunks one direction of a socket carried, kept by reference with their stream
 * offsets (a socket's `data` chunks are never reused): enough to read back a message that the
 * receiver refused a moment ago, without copying anything while all is well.
 */
export class RecentChunks {
  private readonly chunks: (Uint8Array | undefined)[];
  private readonly starts: number[];
  private next = 0;
  private end = 0;

  constructor(private readonly capacity = 8) {
    this.chunks = new Array<Uint8Array | undefined>(capacity).fill(undefined);
    this.starts = new Array<number>(capacity).fill(0);
  }

  add(chunk: Uint8Array): void {
    this.chunks[this.next] = chunk;
    this.starts[this.next] = this.end;
    this.end += chunk.length;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
  }

  /** Stream bytes `[start, end)`, copied, or undefined when some of them are no longer held. */
  read(start: number, end: number): Uint8Array | undefined {
    const out = new Uint8Array(end - start);
    let filled = 0;
    for (let k = 0; k < this.capacity; k++) {
      const chunk = this.chunks[k];
      if (!chunk) continue;
      const chunkStart = this.starts[k]!;
      const from = Math.max(start, chunkStart);
      const to = Math.min(end, chunkStart + chunk.length);
      if (from >= to) continue;
      out.set(chunk.subarray(from - chunkStart, to - chunkStart), from - start);
      filled += to - from;
    }
    return filled === end - start ? out : undefined;
  }
}

/** The unmasked payload of a message from its frames' places in the stream, or undefined when gone. */
export function readMessagePayload(frames: readonly FrameRecord[], read: StreamReader): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  for (const frame of frames) {
    const start = frame.offset + frame.headerLength;
    const bytes = read(start, start + frame.payloadLength);
    if (!bytes) return undefined;
    if (frame.maskingKey !== null) unmask(bytes, frame.maskingKey);
    parts.push(bytes);
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

function unmask(bytes: Uint8Array, key: number): void {
  for (let k = 0; k < bytes.length; k++) bytes[k]! ^= (key >>> (24 - 8 * (k & 3))) & 0xff;
}
