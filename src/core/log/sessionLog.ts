import { SocketLensError } from '../errors';
import { Emitter } from '../events/emitter';
import { payloadNeedles } from '../redaction/scrubPayload';
import { secretForms } from '../redaction/secretForms';
import { scrubForms } from '../redaction/scrubValues';
import { ByteArena } from './byteArena';
import { Opcode } from '../protocol/opcodes';
import { CompactWire, plainWire, type PlainFrame } from './compactWire';
import { kindCode, MESSAGE_KINDS, type Direction, type LogCounters, type LogEntry, type LogEntryInput } from './logEntry';
import { checkInput, checkPlainInput } from './logInput';
import { Flag, LogColumns, ROW_BYTES } from './logColumns';
import { compileQuery, type CompiledQuery, type LogQuery, type LogQueryResult } from './logQuery';
import { scrubEntry, type HiddenForms } from './scrubEntry';
import { copyWire, sideDataFor, type SideData } from './sideData';

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
/** Live arena bytes allowed whatever the budget: with one more payload they stay under 2^32 (see `position`). */
const MAX_ARENA_SPAN = 2 ** 31;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The single source of truth for what a connection carried. Bounded by a byte budget: when full
 * it evicts the oldest entries and counts them, so every message is either stored or counted.
 *
 * Entries live in a ring of typed-array rows (`LogColumns`) with their payloads copied into a
 * chunked byte arena; the common message (one frame, nothing wrong) costs its payload plus
 * ROW_BYTES. What a row cannot hold exactly goes to a side map keyed by id. Entries are built as
 * objects only when asked for, and queries scan the columns without building the ones that do
 * not match.
 */
export class SessionLog {
  private readonly columns: LogColumns;
  private readonly arena = new ByteArena();
  private readonly wire = new CompactWire();
  /** Made on the first entry that needs it: a mock keeps a log per client. */
  private side: Map<number, SideData> | undefined;
  /** Arena position where the oldest row's payload starts. */
  private oldestStart = 0;
  private payloadBytes = 0;
  private sideBytes = 0;
  private nextEntryId = 1;
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
    this.byteBudget = budget;
    this.columns = new LogColumns(Math.floor(budget / ROW_BYTES) + 2);
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

  get(id: number): LogEntry | undefined {
    const place = id - this.firstId;
    return Number.isInteger(place) && place >= 0 && place < this.columns.count ? this.entryAt(place) : undefined;
  }

  /** Up to `limit` entries with ids from `fromId` on, oldest first; evicted ids are skipped. */
  range(fromId: number, limit: number): LogEntry[] {
    const from = Math.max(0, Math.ceil(fromId - this.firstId));
    const to = Math.min(this.columns.count, from + Math.max(0, limit));
    const entries: LogEntry[] = [];
    for (let place = from; place < to; place++) entries.push(this.entryAt(place));
    return entries;
  }

  /** The newest `limit` entries, oldest first. */
  tail(limit: number): LogEntry[] {
    return this.range(this.nextEntryId - Math.max(0, limit), limit);
  }

  /**
   * Entries matching `query` (see LogQuery for what text and regex match), oldest first, up to
   * its limit. Bad input (an invalid regex, an unknown kind) throws a SocketLensError 'log/query'.
   */
  query(query: LogQuery = {}): LogQueryResult {
    const compiled = compileQuery(query);
    const entries: LogEntry[] = [];
    const stop = this.scan(compiled, compiled.limit, (place) => entries.push(this.entryAt(place)));
    return { entries, nextId: stop < this.columns.count ? this.firstId + stop : undefined };
  }

  /** How many entries from `query.fromId` on match `query` (its limit ignored); builds none of them. */
  count(query: LogQuery = {}): number {
    let matched = 0;
    this.scan(compileQuery(query), Infinity, () => matched++);
    return matched;
  }

  /**
   * Calls `visit` with the id of every entry matching a compiled query, from its `fromId` on
   * (its limit ignored), looking at `maxRows` entries at most; returns the id after the last one
   * looked at, where the next call can go on (`nextId` when it reached the newest).
   */
  forEachMatch(query: CompiledQuery, visit: (id: number) => void, maxRows = Infinity): number {
    const first = this.firstId;
    const from = Math.max(0, Math.ceil(query.fromId - first));
    return first + this.scan(query, Infinity, (place) => visit(first + place), from + maxRows);
  }

  get length(): number {
    return this.columns.count;
  }

  /** The id the next entry will get. */
  get nextId(): number {
    return this.nextEntryId;
  }

  get firstId(): number {
    return this.nextEntryId - this.columns.count;
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

  /** Builds the entry of the `place`-th oldest row. */
  private entryAt(place: number): LogEntry {
    const { columns } = this;
    const row = columns.row(place);
    const id = this.firstId + place;
    const flags = columns.flags[row]!;
    const side = flags & Flag.SIDE ? this.side?.get(id) : undefined;
    const payload = side?.payload ? new Uint8Array(side.payload) : this.arena.copy(this.payloadStart(place), this.position(columns.payloadEnd[row]!));
    const entry: Mutable<LogEntry> = { id, direction: flags & Flag.OUT ? 'out' : 'in', kind: MESSAGE_KINDS[(flags & Flag.KIND_MASK) >> Flag.KIND_SHIFT]!, payload, time: columns.time[row]! };
    if (flags & Flag.WIRE) entry.wire = this.wire.read(columns, row, id, payload);
    else if (side?.wire) entry.wire = copyWire(side.wire);
    if (side?.rttMs !== undefined) entry.rttMs = side.rttMs;
    if (side?.undelivered) entry.undelivered = { reason: side.undelivered.reason };
    if (side?.size !== undefined) entry.size = side.size;
    return entry;
  }

  /**
   * Visits the rows matching `query` in order, up to `limit` of them; returns the place after
   * the last row looked at. Reads payloads in place in the arena where they lie in one chunk.
   */
  private scan(query: CompiledQuery, limit: number, visit: (place: number) => void, stopAt = Infinity): number {
    const { columns, arena } = this;
    const { accepts, payload: matcher } = query;
    matcher?.startScan();
    const count = Math.min(columns.count, stopAt);
    let place = Math.max(0, Math.ceil(query.fromId - this.firstId));
    let start = place < count ? this.payloadStart(place) : 0;
    let found = 0;
    for (; place < count && found < limit; place++) {
      const row = columns.row(place);
      const end = this.position(columns.payloadEnd[row]!);
      const flags = columns.flags[row]!;
      const from = start;
      start = end;
      if (accepts[flags] === 0) continue;
      if (matcher) {
        const kind = (flags & Flag.KIND_MASK) >> Flag.KIND_SHIFT;
        const whole = flags & Flag.SIDE ? this.side?.get(this.firstId + place)?.payload : undefined;
        const chunk = whole ? undefined : arena.chunkHolding(from, end);
        const matches = whole
          ? matcher.matches(kind, Buffer.from(whole.buffer, whole.byteOffset, whole.byteLength), 0, whole.byteLength)
          : chunk
            ? matcher.matches(kind, chunk, arena.offsetOf(from), arena.offsetOf(from) + end - from)
            : matcher.matches(kind, arena.view(from, end), 0, end - from);
        if (!matches) continue;
      }
      visit(place);
      found++;
    }
    return place;
  }

  private payloadStart(place: number): number {
    return place === 0 ? this.oldestStart : this.position(this.columns.payloadEnd[this.columns.row(place - 1)]!);
  }

  /**
   * The arena position whose low 32 bits are `low`. Exact because every live position lies less
   * than 2^32 before the arena's end (MAX_ARENA_SPAN plus one payload of at most MAX_ARENA_PAYLOAD).
   */
  private position(low: number): number {
    const end = this.arena.end;
    return end - ((end - low) >>> 0);
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
