import { ByteArena } from './byteArena';
import { CompactWire } from './compactWire';
import { MESSAGE_KINDS, type LogEntry } from './logEntry';
import { Flag, LogColumns } from './logColumns';
import { compileQuery, type CompiledQuery, type LogQuery, type LogQueryResult } from './logQuery';
import { copyWire, type SideData } from './sideData';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The read side of a session log: the storage its entries live in (typed-array rows, the byte
 * arena their payloads are copied to, the side map) and how entries are read back out of it, by
 * id, by range, the newest, or by query. SessionLog writes and evicts; this only reads. A base
 * class rather than a member, so that the append path reaches the columns without another hop.
 */
export abstract class LogReader {
  protected readonly columns: LogColumns;
  protected readonly arena = new ByteArena();
  protected readonly wire = new CompactWire();
  /** Made on the first entry that needs it: a mock keeps a log per client. */
  protected side: Map<number, SideData> | undefined;
  /** Arena position where the oldest row's payload starts. */
  protected oldestStart = 0;
  protected nextEntryId = 1;

  /** `maxRows`: the most rows the byte budget can ever need (see LogColumns). */
  protected constructor(maxRows: number) {
    this.columns = new LogColumns(maxRows);
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

  /** Builds the entry of the `place`-th oldest row. */
  protected entryAt(place: number): LogEntry {
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
   * than 2^32 before the arena's end (SessionLog keeps the live span under MAX_ARENA_SPAN, plus
   * one payload of at most MAX_ARENA_PAYLOAD).
   */
  protected position(low: number): number {
    const end = this.arena.end;
    return end - ((end - low) >>> 0);
  }
}
