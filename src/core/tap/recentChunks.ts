import type { FrameRecord } from '../protocol/frameDecoder';

/** Bytes `[start, end)` of a stream, as a new array, or undefined when some of them are gone. */
export type StreamReader = (start: number, end: number) => Uint8Array | undefined;

/**
 * The chunks one direction of a socket carried from a given stream offset on, kept by reference
 * (a socket's `data` chunks are never reused) so that a message the receiver refused can be read
 * back without copying anything while all is well. The owner says from where to keep
 * (`keepFrom`): no further back than the oldest message the receiver has not delivered.
 */
export class RecentChunks {
  private readonly chunks: Uint8Array[] = [];
  private readonly starts: number[] = [];
  private end = 0;

  add(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.starts.push(this.end);
    this.end += chunk.length;
  }

  /** Lets go of every chunk that ends at or before `offset` (Infinity: of all of them). */
  keepFrom(offset: number): void {
    let drop = 0;
    while (drop < this.chunks.length && this.starts[drop]! + this.chunks[drop]!.length <= offset) drop++;
    if (drop === 0) return;
    this.chunks.splice(0, drop);
    this.starts.splice(0, drop);
  }

  clear(): void {
    this.keepFrom(Infinity);
  }

  /** Whether stream bytes `[start, end)` lie inside one held chunk. */
  inOneChunk(start: number, end: number): boolean {
    for (let k = 0; k < this.chunks.length; k++) {
      const chunkStart = this.starts[k]!;
      if (start >= chunkStart && end <= chunkStart + this.chunks[k]!.length) return true;
    }
    return false;
  }

  /** Stream bytes `[start, end)`, copied, or undefined when some of them are no longer held. */
  read(start: number, end: number): Uint8Array | undefined {
    if (this.chunks.length === 0 || start < this.starts[0]! || end > this.end) return undefined;
    const out = new Uint8Array(end - start);
    for (let k = 0; k < this.chunks.length; k++) {
      const chunk = this.chunks[k]!;
      const chunkStart = this.starts[k]!;
      const from = Math.max(start, chunkStart);
      const to = Math.min(end, chunkStart + chunk.length);
      if (from < to) out.set(chunk.subarray(from - chunkStart, to - chunkStart), from - start);
    }
    return out;
  }
}

/**
 * Whether the receiver unmasked the stream bytes `[start, end)` of a payload in place, in the
 * chunks the tap holds. ws's Receiver does for a payload inside one chunk (it gets a view of the
 * chunk) and copies one that spans chunks before unmasking the copy.
 */
export type UnmaskedInPlace = (start: number, end: number) => boolean;

/**
 * The unmasked payload of a message, read back from its frames' places in the stream; undefined
 * when gone. `inPlace` says which masked payloads the receiver already unmasked in the chunks.
 */
export function readMessagePayload(frames: readonly FrameRecord[], read: StreamReader, inPlace: UnmaskedInPlace = () => false): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  for (const frame of frames) {
    const start = frame.offset + frame.headerLength;
    const bytes = read(start, start + frame.payloadLength);
    if (!bytes) return undefined;
    parts.push(frame.maskingKey === null || inPlace(start, start + frame.payloadLength) ? bytes : unmasked(bytes, frame.maskingKey));
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

function unmasked(bytes: Uint8Array, key: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let k = 0; k < bytes.length; k++) out[k] = bytes[k]! ^ ((key >>> (24 - 8 * (k & 3))) & 0xff);
  return out;
}
