import type { LogEntry, SessionLog } from './sessionLog';
import { compileQuery, type CompiledQuery, type LogQuery } from './logQuery';

/** Entries of a view from one position on. */
export interface LogViewPage {
  /** The position of `entries[0]`. */
  readonly start: number;
  readonly entries: LogEntry[];
}

/** The most entries one page may ask for. */
export const MAX_PAGE_ENTRIES = 2000;

const INITIAL_IDS = 1024;

/**
 * The entries of a session log that pass a filter, numbered by position so a virtual list can
 * scroll them and fetch any range. A position names the same entry for the life of the view:
 * eviction raises `first` instead of renumbering, and new matches extend `end`.
 *
 * Without a filter a position is the entry's id minus one and costs nothing. With one, the view
 * keeps the matching ids (8 bytes each) and takes in entries on `catchUp`, one scan of what was
 * appended since, so a flood of messages costs one pass per panel update, not one per message.
 * A new filtered view has seen nothing: catch it up in slices (`catchUp(rows)`) to keep a long
 * scan from holding the event loop.
 */
export class LogView {
  private readonly compiled: CompiledQuery | undefined;
  /** Matching ids; `ids[i]` is at position `base + i`; those before `head` are evicted. */
  private ids = new Float64Array(0);
  private head = 0;
  private length = 0;
  private base = 0;
  private scannedTo: number;

  /** `query`'s fromId and limit are ignored. A bad query throws a SocketLensError 'log/query'. */
  constructor(
    private readonly log: SessionLog,
    readonly query: LogQuery = {},
  ) {
    const filter = { ...query, fromId: undefined, limit: undefined };
    this.compiled = isEmptyQuery(filter) ? undefined : compileQuery({ ...filter, limit: Infinity });
    this.scannedTo = log.firstId;
  }

  /** True when the view has a filter (its positions are not the log's). */
  get filtered(): boolean {
    return this.compiled !== undefined;
  }

  /** Takes in the entries not seen yet, `maxRows` of them at most; true when it has seen them all. */
  catchUp(maxRows = Infinity): boolean {
    if (this.compiled && this.scannedTo < this.log.nextId) {
      this.scannedTo = this.log.forEachMatch({ ...this.compiled, fromId: this.scannedTo }, (id) => this.push(id), maxRows);
    }
    return !this.compiled || this.scannedTo >= this.log.nextId;
  }

  /** The lowest position still in the log. */
  get first(): number {
    if (!this.compiled) return this.log.firstId - 1;
    this.dropEvicted();
    return this.base + this.head;
  }

  /** One past the newest position. */
  get end(): number {
    return this.compiled ? this.base + this.length : this.log.nextId - 1;
  }

  /** Up to `count` (at most MAX_PAGE_ENTRIES) entries from position `start` on; evicted positions are skipped. */
  page(start: number, count: number): LogViewPage {
    const from = Math.max(Math.floor(start), this.first);
    const to = Math.min(from + Math.min(Math.max(0, Math.floor(count)), MAX_PAGE_ENTRIES), this.end);
    const entries: LogEntry[] = [];
    for (let position = from; position < to; position++) {
      const entry = this.log.get(this.idAt(position));
      if (entry) entries.push(entry);
    }
    return { start: from, entries };
  }

  /** The newest `count` entries. */
  tail(count: number): LogViewPage {
    return this.page(this.end - count, count);
  }

  /** The position of entry `id`, or undefined when it is evicted or does not pass the filter. */
  positionOf(id: number): number | undefined {
    if (!this.compiled) return id >= this.log.firstId && id < this.log.nextId ? id - 1 : undefined;
    this.dropEvicted();
    let low = this.head;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ids[mid]! < id) low = mid + 1;
      else high = mid;
    }
    return low < this.length && this.ids[low] === id ? this.base + low : undefined;
  }

  private idAt(position: number): number {
    return this.compiled ? this.ids[position - this.base]! : position + 1;
  }

  private push(id: number): void {
    if (this.length === this.ids.length) this.grow();
    this.ids[this.length++] = id;
  }

  /** Makes room: drops the evicted ids at the front, or doubles. */
  private grow(): void {
    this.dropEvicted();
    if (this.head >= this.length / 2 && this.head > 0) {
      this.ids.copyWithin(0, this.head, this.length);
      this.base += this.head;
      this.length -= this.head;
      this.head = 0;
      return;
    }
    const ids = new Float64Array(Math.max(INITIAL_IDS, this.ids.length * 2));
    ids.set(this.ids.subarray(0, this.length));
    this.ids = ids;
  }

  private dropEvicted(): void {
    const oldest = this.log.firstId;
    while (this.head < this.length && this.ids[this.head]! < oldest) this.head++;
  }
}

function isEmptyQuery(query: LogQuery): boolean {
  return Object.values(query).every((value) => value === undefined);
}
