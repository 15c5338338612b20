/**
 * Bytes per chunk. Small enough that a short log wastes little and that the slack at the end of
 * the newest chunk is a rounding error in a full one; large enough that one chunk holds hundreds
 * of typical messages. A power of two, so a position splits into chunk and offset exactly.
 */
export const ARENA_CHUNK_BYTES = 64 * 1024;

/**
 * A log's first chunk starts this small and doubles (copying what it holds) up to a full chunk:
 * most connections log a few small messages, and a mock keeps one log per client.
 */
const FIRST_CHUNK_BYTES = 1024;

/** One chunk's memory, seen two ways: as plain bytes to copy (cheaper to slice) and as a Buffer to search and decode. */
interface Chunk {
  readonly bytes: Uint8Array;
  readonly buffer: Buffer;
}

/**
 * An append-only run of bytes addressed by logical position (0 for the first byte ever written,
 * exact as a double up to 2^53), stored in fixed-size chunks. The front is released as the log
 * evicts, a chunk at a time; payloads may straddle chunks, so no byte is wasted between them.
 * One released chunk is kept for reuse so that a full log in steady state allocates nothing.
 * Only the newest chunk can be shorter than ARENA_CHUNK_BYTES (a young log's; see FIRST_CHUNK_BYTES).
 */
export class ByteArena {
  private chunks: Chunk[] = [];
  /** The chunk number (position / chunk size) of `chunks[0]`. */
  private firstChunk = 0;
  private spare: Chunk | undefined;
  private writeAt = 0;
  private scratch = Buffer.alloc(0);
  /** The chunk the last write went to, and the positions where its bytes start and its room ends: the next write usually fits. */
  private tail: Uint8Array | undefined;
  private tailStart = 0;
  private tailEnd = 0;

  /** The position after the last byte written. */
  get end(): number {
    return this.writeAt;
  }

  /** Bytes held in chunks (live bytes, the unused tail of the newest chunk, and the spare). */
  get allocatedBytes(): number {
    let bytes = this.spare ? ARENA_CHUNK_BYTES : 0;
    for (const chunk of this.chunks) bytes += chunk.bytes.length;
    return bytes;
  }

  /** Copies `bytes` in at the end. */
  write(bytes: Uint8Array): void {
    const end = this.writeAt + bytes.length;
    if (this.tail && end <= this.tailEnd) {
      this.tail.set(bytes, this.writeAt - this.tailStart);
      this.writeAt = end;
      return;
    }
    let from = 0;
    while (from < bytes.length) {
      const at = this.writeAt % ARENA_CHUNK_BYTES;
      const take = Math.min(ARENA_CHUNK_BYTES - at, bytes.length - from);
      const chunk = this.writableChunk(at + take);
      chunk.set(from === 0 && take === bytes.length ? bytes : bytes.subarray(from, from + take), at);
      this.tail = chunk;
      this.tailStart = this.writeAt - at;
      this.tailEnd = this.tailStart + chunk.length;
      from += take;
      this.writeAt += take;
    }
  }

  /** A fresh copy of the bytes at positions [from, to). */
  copy(from: number, to: number): Uint8Array {
    const offset = from % ARENA_CHUNK_BYTES;
    if (offset + (to - from) <= ARENA_CHUNK_BYTES && to > from) return this.chunks[Math.floor(from / ARENA_CHUNK_BYTES) - this.firstChunk]!.bytes.slice(offset, offset + (to - from));
    const out = new Uint8Array(to - from);
    this.copyInto(out, from, to);
    return out;
  }

  /**
   * The chunk that holds all of [from, to), to be read in place at offsets `offsetOf(from)` on;
   * undefined when the range straddles chunks (read it with `view`) or is empty.
   */
  chunkHolding(from: number, to: number): Buffer | undefined {
    const first = Math.floor(from / ARENA_CHUNK_BYTES);
    if (to <= from || Math.floor((to - 1) / ARENA_CHUNK_BYTES) !== first) return undefined;
    return this.chunks[first - this.firstChunk]?.buffer;
  }

  offsetOf(position: number): number {
    return position % ARENA_CHUNK_BYTES;
  }

  /** The bytes [from, to) in a scratch buffer that the next call overwrites: for reading, not keeping. */
  view(from: number, to: number): Buffer {
    const length = to - from;
    if (this.scratch.length < length) this.scratch = Buffer.alloc(Math.max(length, this.scratch.length * 2));
    const out = this.scratch.subarray(0, length);
    this.copyInto(out, from, to);
    return out;
  }

  /** Nothing before `position` will be read again: frees the chunks wholly before it. */
  release(position: number): void {
    while (this.chunks.length > 0 && (this.firstChunk + 1) * ARENA_CHUNK_BYTES <= position) {
      this.spare = this.chunks.shift();
      this.firstChunk++;
      if (this.spare?.bytes === this.tail) this.tail = undefined;
    }
  }

  /** Frees every chunk; positions go on from where they were. */
  clear(): void {
    this.chunks = [];
    this.spare = undefined;
    this.tail = undefined;
    this.scratch = Buffer.alloc(0);
    this.firstChunk = Math.floor(this.writeAt / ARENA_CHUNK_BYTES);
  }

  /** The chunk the next byte goes to, holding at least `least` bytes. */
  private writableChunk(least: number): Uint8Array {
    const number = Math.floor(this.writeAt / ARENA_CHUNK_BYTES);
    if (this.chunks.length === 0) this.firstChunk = number;
    const index = number - this.firstChunk;
    const current = this.chunks[index];
    if (current && current.bytes.length >= least) return current.bytes;
    if (current) {
      // A young log's first chunk, full: a bigger one takes over what it holds.
      const grown = newChunk(Math.min(ARENA_CHUNK_BYTES, Math.max(least, 2 * current.bytes.length)));
      grown.bytes.set(current.bytes.subarray(0, this.writeAt % ARENA_CHUNK_BYTES));
      this.chunks[index] = grown;
      return grown.bytes;
    }
    const young = number === 0;
    const chunk = this.spare ?? newChunk(young ? Math.max(least, FIRST_CHUNK_BYTES) : ARENA_CHUNK_BYTES);
    this.spare = undefined;
    this.chunks.push(chunk);
    return chunk.bytes;
  }

  private copyInto(out: Uint8Array, from: number, to: number): void {
    let at = from;
    while (at < to) {
      const chunk = this.chunks[Math.floor(at / ARENA_CHUNK_BYTES) - this.firstChunk]!.bytes;
      const offset = at % ARENA_CHUNK_BYTES;
      const take = Math.min(ARENA_CHUNK_BYTES - offset, to - at);
      out.set(chunk.subarray(offset, offset + take), at - from);
      at += take;
    }
  }
}

function newChunk(size: number): Chunk {
  // Not zero-filled: only bytes written are ever read back.
  const buffer = Buffer.allocUnsafeSlow(size);
  return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length), buffer };
}
