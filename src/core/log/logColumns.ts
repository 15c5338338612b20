/**
 * A row's flags byte. The kind takes 3 bits (its code in `MESSAGE_KINDS`); COMPRESSED and MASKED
 * describe the single frame and mean something only with WIRE.
 */
export const Flag = {
  OUT: 1 << 0,
  KIND_SHIFT: 1,
  KIND_MASK: 0b111 << 1,
  /** The message's wire info is one frame held in the row's columns. */
  WIRE: 1 << 4,
  /** The side map holds more of this entry (frames the columns cannot hold, rtt, undelivered). */
  SIDE: 1 << 5,
  COMPRESSED: 1 << 6,
  MASKED: 1 << 7,
} as const;

/** Bytes one row takes across the columns: 8 + 4 + 1 + 2 + 2 + 4 + 4 + 4. */
export const ROW_BYTES =
  Float64Array.BYTES_PER_ELEMENT + Uint32Array.BYTES_PER_ELEMENT + Uint8Array.BYTES_PER_ELEMENT + 2 * Uint16Array.BYTES_PER_ELEMENT + 3 * Uint32Array.BYTES_PER_ELEMENT;

/** Small: a mock keeps a log per client, and most short connections log a handful of entries. */
const INITIAL_ROWS = 8;

/**
 * The stored entries as parallel typed arrays in a ring, one row per entry: oldest at `first`,
 * `count` rows in all. Rows are addressed by their place from the oldest (0 is the oldest).
 *
 * Frame index, message index and stream offset are stored as deltas from a base per direction
 * (see `compactWire.ts`): 2 + 2 + 4 bytes instead of 8 + 8 + 8.
 */
export class LogColumns {
  // Until the first row, every log shares these empty columns (a mock makes a log per client).
  /** Milliseconds since the epoch: a double, so that it comes back exactly. */
  time = NO_ROWS.f64;
  /** Arena position after the payload, modulo 2^32; the payload starts where the previous row's ends. */
  payloadEnd = NO_ROWS.u32;
  flags = NO_ROWS.u8;
  frameDelta = NO_ROWS.u16;
  messageDelta = NO_ROWS.u16;
  offsetDelta = NO_ROWS.u32;
  maskingKey = NO_ROWS.u32;
  /** The frame's payload length on the wire (differs from the payload's when compressed). */
  wireLength = NO_ROWS.u32;

  private first = 0;
  private rows = 0;
  private capacity = 0;

  /** `maxRows`: the most rows the budget can ever need; the ring grows by doubling up to it. */
  constructor(private readonly maxRows: number) {}

  get count(): number {
    return this.rows;
  }

  /** Bytes allocated for the columns, used rows or not. */
  get allocatedBytes(): number {
    return this.capacity * ROW_BYTES;
  }

  /** The row index of the `place`-th oldest row (0 ≤ place < count). */
  row(place: number): number {
    const index = this.first + place;
    return index < this.capacity ? index : index - this.capacity;
  }

  /** Adds a row after the newest and returns its index; its cells hold stale values until written. */
  push(): number {
    if (this.rows === this.capacity) this.grow();
    return this.row(this.rows++);
  }

  /** Drops the oldest row. */
  shift(): void {
    this.first = this.row(1);
    this.rows--;
  }

  clear(): void {
    this.first = 0;
    this.rows = 0;
    this.resize(0);
  }

  private grow(): void {
    // The cap is soft: the log keeps its newest entry whatever the budget says.
    const next = Math.max(this.rows + 1, Math.min(Math.max(INITIAL_ROWS, this.capacity * 2), this.maxRows));
    this.resize(next);
  }

  /**
   * Moves the rows, oldest first, to the start of columns of `capacity` rows. The columns are views
   * of one buffer, widest first so that each is aligned: one allocation, not eight.
   */
  private resize(capacity: number): void {
    const memory = new ArrayBuffer(capacity * ROW_BYTES);
    let at = 0;
    const take = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(old: T, made: T): T => {
      at += made.byteLength;
      if (this.rows === 0) return made;
      const tail = Math.min(this.rows, this.capacity - this.first);
      made.set(old.subarray(this.first, this.first + tail), 0);
      made.set(old.subarray(0, this.rows - tail), tail);
      return made;
    };
    this.time = take(this.time, new Float64Array(memory, at, capacity));
    this.payloadEnd = take(this.payloadEnd, new Uint32Array(memory, at, capacity));
    this.offsetDelta = take(this.offsetDelta, new Uint32Array(memory, at, capacity));
    this.maskingKey = take(this.maskingKey, new Uint32Array(memory, at, capacity));
    this.wireLength = take(this.wireLength, new Uint32Array(memory, at, capacity));
    this.frameDelta = take(this.frameDelta, new Uint16Array(memory, at, capacity));
    this.messageDelta = take(this.messageDelta, new Uint16Array(memory, at, capacity));
    this.flags = take(this.flags, new Uint8Array(memory, at, capacity));
    this.first = 0;
    this.capacity = capacity;
  }
}

const NO_ROWS = { f64: new Float64Array(0), u32: new Uint32Array(0), u16: new Uint16Array(0), u8: new Uint8Array(0) } as const;
