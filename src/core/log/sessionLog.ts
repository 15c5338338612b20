import { SocketLensError } from '../errors';
import { Emitter } from '../events/emitter';
import { payloadNeedles } from '../redaction/scrubPayload';
import { secretForms } from '../redaction/secretForms';
import { scrubForms } from '../redaction/scrubValues';
import { Opcode } from '../protocol/opcodes';
import { plainWire, type PlainFrame } from './compactWire';
import { kindCode, type Direction, type LogCounters, type LogEntry, type LogEntryInput } from './logEntry';
import { checkInput, checkPlainInput } from './logInput';
import { Flag, ROW_BYTES } from './logColumns';
import { LogReader } from './logReader';
import { scrubEntry, type HiddenForms } from './scrubEntry';
import { sideDataFor } from './sideData';

export type { Direction, LogCounters, LogEntry, LogEntryInput, MessageKind, WireInfo } from './logEntry';
export { messageSize } from './logEntry';
export { DEFAULT_QUERY_LIMIT, type LogQuery, type LogQueryResult } from './logQuery';
export { ROW_BYTES } from './logColumns';
export type { PlainFrame } from './compactWire';

export interface SessionLogOptions {
  /** Bytes kept (payloads plus what each entry costs to store) before the oldest entries are evicted and counted. */
  readonly byteBudget?: number;
}

export const DEFAULT_LOG_BUDGET_BYTES = 64 * 1024 * 1024;

/** Payloads larger than this are kept whole beside the row, so the arena's live span stays under 2^32. */
const MAX_ARENA_PAYLOAD = 2 ** 30;
/** Live arena bytes allowed whatever the budget: with one more payload they stay under 2^32 (see LogReader.position). */
const MAX_ARENA_SPAN = 2 ** 31;

/**
 * The single source of truth for what a connection carried. Bounded by a byte budget: when full
 * it evicts the oldest entries and counts them, so every message is either stored or counted.
 *
 * Entries live in a ring of typed-array rows (`LogColumns`) with their payloads copied into a
 * chunked byte arena; the common message (one frame, nothing wrong) costs its payload plus
 * ROW_BYTES. What a row cannot hold exactly goes to a side map keyed by id. Entries are built as
 * objects only when asked for, and queries scan the columns without building the ones that do
 * not match. This class writes and evicts; reading entries back is LogReader's.
 */
export class SessionLog extends LogReader {
  private payloadBytes = 0;
  private sideBytes = 0;
  private evicted = { entries: 0, bytes: 0 };
  private counters = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0 };
  private lastRtt: number | undefined;
  /** See hide(). */
  private hidden: string[] = [];
  private forms: HiddenForms | undefined;
  private readonly appended = new Emitter<LogEntry>();
  readonly byteBudget: number;

  private readonly grown = new Emitter<number>();
  /** Fires after every append, synchronously. */
  readonly onDidAppend = this.appended.event;
  /** Fires after every append with the new entry's id: for listeners that need no entry, so none is built. */
  readonly onDidGrow = this.grown.event;

  constructor(options: SessionLogOptions = {}) {
    const budget = options.byteBudget ?? DEFAULT_LOG_BUDGET_BYTES;
    if (typeof budget !== 'number' || !(budget >= 0)) {
      throw new SocketLensError('log/input', `The log's byte budget must be a number of bytes, 0 or more; got ${String(budget)}.`);
    }
    super(Math.floor(budget / ROW_BYTES) + 2);
    this.byteBudget = budget;
  }

  /**
   * Secret values this connection sent or was given (a saved connection's `${secret:…}`): from
   * now on each is stored, and so shown and exported, as `***` in any payload, frame preview,
   * close reason or undelivered reason. Sizes stay what crossed: the entry's size (LogEntry.size,
   * messageSize), the byte counters and the evicted bytes count the payload as it was, and the
   * frames keep their lengths on the wire. Only what is shown and exported is `***`.
   */
  hide(values: readonly string[]): void {
    const known = new Set(this.hidden);
    for (const value of values) if (value !== '') known.add(value);
    if (known.size === this.hidden.length) return;
    this.hidden = [...known];
    this.forms = { text: secretForms(this.hidden), bytes: payloadNeedles(this.hidden) };
  }

  /** `text` with what hide() was given as `***`: for what the connection keeps beside the log (lifecycle, close reason). */
  scrubText(text: string): string {
    return this.forms ? scrubForms(text, this.forms.text) : text;
  }

  /** Stores a copy of `input`; returns its id. Listeners of `onDidAppend` get the entry as stored. */
  append(given: LogEntryInput): number {
    checkInput(given);
    const input = this.forms ? scrubEntry(given, this.forms) : given;
    const { columns, arena } = this;
    const id = this.nextEntryId++;
    const out = input.direction === 'out' ? 1 : 0;
    const kind = kindCode(input.kind);
    const size = input.payload.byteLength;
    const carried = given.payload.byteLength;
    const inArena = size <= MAX_ARENA_PAYLOAD;
    if (inArena) arena.write(input.payload);
    const row = columns.push();
    columns.time[row] = input.time;
    columns.payloadEnd[row] = arena.end; // modulo 2^32, as a Uint32Array stores it
    let flags = out | (kind << Flag.KIND_SHIFT);
    if (input.wire) flags |= this.wire.write(columns, row, id, out, kind, input.time, input.payload, input.wire);
    const side = sideDataFor(input, (flags & Flag.WIRE) !== 0, inArena, carried === size ? undefined : carried);
    if (side) {
      flags |= Flag.SIDE;
      (this.side ??= new Map()).set(id, side);
      this.sideBytes += side.cost;
    }
    columns.flags[row] = flags;
    if (input.rttMs !== undefined) this.lastRtt = input.rttMs;
    this.finishAppend(id, out, size, carried);
    return id;
  }

  /**
   * The same as `append({ direction, kind, payload, time: frame.time, wire })` where `wire` holds
   * the one plain frame (see PlainFrame) and nothing is wrong, without building the wire info:
   * the joiner's way in for the common message.
   */
  appendPlain(direction: Direction, kind: 'text' | 'binary', payload: Uint8Array, frame: PlainFrame): number {
    const code = checkPlainInput(direction, kind, payload, frame);
    const size = payload.byteLength;
    // The long way when there is anything to hide (see hide()) or the frame is not plain.
    if (this.forms || frame.opcode !== (code === 0 ? Opcode.text : Opcode.binary) || size > MAX_ARENA_PAYLOAD) return this.append({ direction, kind, payload, time: frame.time, wire: plainWire(frame) });
    const { columns } = this;
    const id = this.nextEntryId++;
    const out = direction === 'out' ? 1 : 0;
    this.arena.write(payload);
    const row = columns.push();
    columns.time[row] = frame.time;
    columns.payloadEnd[row] = this.arena.end; // modulo 2^32, as a Uint32Array stores it
    columns.flags[row] = out | (code << Flag.KIND_SHIFT) | this.wire.writePlain(columns, row, id, out, code, frame);
    this.finishAppend(id, out, size, size);
    return id;
  }

  /** What the stored entries cost: payloads, ROW_BYTES per entry, side data and wire bases. */
  get bytes(): number {
    return this.payloadBytes + this.columns.count * ROW_BYTES + this.sideBytes + this.wire.bytes;
  }

  /** Bytes allocated, used or not: the columns' capacity, the arena's chunks, side data and bases. */
  get allocatedBytes(): number {
    return this.columns.allocatedBytes + this.arena.allocatedBytes + this.sideBytes + this.wire.bytes;
  }

  get evictedEntries(): number {
    return this.evicted.entries;
  }

  /** Payload bytes of the evicted entries, as they crossed (see messageSize). */
  get evictedBytes(): number {
    return this.evicted.bytes;
  }

  /** The round-trip time of the newest pong that answered a ping, in ms; kept when its entry is evicted. */
  get lastRttMs(): number | undefined {
    return this.lastRtt;
  }

  get totals(): LogCounters {
    return { ...this.counters };
  }

  dispose(): void {
    this.appended.dispose();
    this.grown.dispose();
    this.columns.clear();
    this.arena.clear();
    this.side = undefined;
    this.wire.clear();
    this.oldestStart = this.arena.end;
    this.payloadBytes = 0;
    this.sideBytes = 0;
  }

  /**
   * What every append ends with: the counts, eviction down to the budget, the listeners.
   * `stored`: the payload's bytes in the log; `carried`: its bytes as it crossed, which count.
   */
  private finishAppend(id: number, out: number, stored: number, carried: number): void {
    this.payloadBytes += stored;
    this.countMessage(out, carried);
    this.evictOverBudget();
    // Built only for someone who listens: a log nobody watches takes a message without allocating one.
    if (this.appended.listenerCount > 0) this.appended.fire(this.entryAt(this.columns.count - 1));
    this.grown.fire(id);
  }

  private countMessage(out: number, size: number): void {
    if (out) {
      this.counters.messagesOut++;
      this.counters.bytesOut += size;
    } else {
      this.counters.messagesIn++;
      this.counters.bytesIn += size;
    }
  }

  private evictOverBudget(): void {
    // Keep the newest entry even when it alone exceeds the budget: dropping what just arrived
    // would hide exactly the message a person is debugging.
    while (this.columns.count > 1 && (this.bytes > this.byteBudget || this.arena.end - this.oldestStart > MAX_ARENA_SPAN)) this.evictOldest();
    this.arena.release(this.oldestStart);
  }

  private evictOldest(): void {
    const id = this.firstId;
    const row = this.columns.row(0);
    const end = this.position(this.columns.payloadEnd[row]!);
    let size = end - this.oldestStart;
    let carried: number | undefined;
    if (this.columns.flags[row]! & Flag.SIDE) {
      const side = this.side!.get(id)!;
      this.side!.delete(id);
      this.sideBytes -= side.cost;
      if (side.payload) size = side.payload.byteLength;
      carried = side.size;
    }
    this.payloadBytes -= size;
    this.evicted.entries++;
    this.evicted.bytes += carried ?? size;
    this.oldestStart = end;
    this.columns.shift();
    this.wire.trim(this.firstId);
  }
}
