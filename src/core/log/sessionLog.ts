import { Emitter } from '../events/emitter';
import type { FrameRecord } from '../protocol/frameDecoder';
import type { Violation } from '../protocol/violations';

export type Direction = 'in' | 'out';
export type MessageKind = 'text' | 'binary' | 'ping' | 'pong' | 'close';

/** How a message crossed the wire, as the tap decoded it. */
export interface WireInfo {
  /** Its frames in order (one for a control frame). */
  readonly frames: readonly FrameRecord[];
  /** permessage-deflate: the payload on the wire was compressed; `payload` is inflated. */
  readonly compressed: boolean;
  /** Payload bytes on the wire, summed over the frames. */
  readonly wireLength: number;
  /** Everything wrong with the message and its frames (RFC section, close code). */
  readonly violations: readonly Violation[];
}

export interface LogEntryInput {
  readonly direction: Direction;
  readonly kind: MessageKind;
  /** Copied on append (Buffer#slice would not copy): the log never keeps a caller's buffer (ws hands out views of 64 KiB reads). */
  readonly payload: Uint8Array;
  /** Milliseconds since the epoch, with sub-millisecond precision. */
  readonly time: number;
  readonly wire?: WireInfo;
  /** For a pong: milliseconds since the ping it answers (matched by payload). */
  readonly rttMs?: number;
  /**
   * Set when the message crossed the wire but did not reach the application: `ws` failed the
   * connection first (`not-delivered`), or a send never reached the socket (`not-sent`).
   */
  readonly undelivered?: { readonly reason: string };
}

export interface LogEntry extends LogEntryInput {
  /** Stable for the life of the log: ids grow by one and are never reused. */
  readonly id: number;
}

export interface LogCounters {
  readonly messagesIn: number;
  readonly messagesOut: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
}

export interface SessionLogOptions {
  /** Payload bytes kept before the oldest entries are evicted (and counted). */
  readonly byteBudget?: number;
}

export const DEFAULT_LOG_BUDGET_BYTES = 64 * 1024 * 1024;

/** Fixed bookkeeping cost charged per entry so that a flood of empty messages is bounded too. */
const ENTRY_OVERHEAD_BYTES = 64;

/**
 * The single source of truth for what a connection carried. Bounded by a byte budget: when full
 * it evicts the oldest entries and counts them, so every message is either stored or counted.
 */
export class SessionLog {
  private entries: LogEntry[] = [];
  private head = 0;
  private storedBytes = 0;
  private nextEntryId = 1;
  private evicted = { entries: 0, bytes: 0 };
  private counters = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0 };
  private readonly appended = new Emitter<LogEntry>();
  readonly byteBudget: number;

  /** Fires after every append, synchronously. */
  readonly onDidAppend = this.appended.event;

  constructor(options: SessionLogOptions = {}) {
    this.byteBudget = options.byteBudget ?? DEFAULT_LOG_BUDGET_BYTES;
  }

  append(input: LogEntryInput): LogEntry {
    const entry: LogEntry = { ...input, payload: new Uint8Array(input.payload), id: this.nextEntryId++ };
    this.entries.push(entry);
    this.storedBytes += cost(entry);
    this.count(entry);
    this.evictOverBudget();
    this.appended.fire(entry);
    return entry;
  }

  get(id: number): LogEntry | undefined {
    const index = this.indexOf(id);
    return index === undefined ? undefined : this.entries[index];
  }

  /** Up to `limit` entries with ids from `fromId` on, oldest first; evicted ids are skipped. */
  range(fromId: number, limit: number): LogEntry[] {
    const start = Math.max(this.indexOf(Math.max(fromId, this.firstId)) ?? this.entries.length, this.head);
    return this.entries.slice(start, start + Math.max(0, limit));
  }

  /** The newest `limit` entries, oldest first. */
  tail(limit: number): LogEntry[] {
    return this.entries.slice(Math.max(this.head, this.entries.length - Math.max(0, limit)));
  }

  get length(): number {
    return this.entries.length - this.head;
  }

  get firstId(): number {
    return this.nextEntryId - this.length;
  }

  get bytes(): number {
    return this.storedBytes;
  }

  get evictedEntries(): number {
    return this.evicted.entries;
  }

  get evictedBytes(): number {
    return this.evicted.bytes;
  }

  get totals(): LogCounters {
    return { ...this.counters };
  }

  dispose(): void {
    this.appended.dispose();
    this.entries = [];
    this.head = 0;
    this.storedBytes = 0;
  }

  private indexOf(id: number): number | undefined {
    const index = this.head + (id - this.firstId);
    return index >= this.head && index < this.entries.length ? index : undefined;
  }

  private count(entry: LogEntry): void {
    const size = entry.payload.byteLength;
    if (entry.direction === 'in') {
      this.counters.messagesIn++;
      this.counters.bytesIn += size;
    } else {
      this.counters.messagesOut++;
      this.counters.bytesOut += size;
    }
  }

  private evictOverBudget(): void {
    // Keep the newest entry even when it alone exceeds the budget: dropping what just arrived
    // would hide exactly the message a person is debugging.
    while (this.storedBytes > this.byteBudget && this.length > 1) {
      const oldest = this.entries[this.head++]!;
      this.storedBytes -= cost(oldest);
      this.evicted.entries++;
      this.evicted.bytes += oldest.payload.byteLength;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}

function cost(entry: LogEntry): number {
  return entry.payload.byteLength + ENTRY_OVERHEAD_BYTES;
}
