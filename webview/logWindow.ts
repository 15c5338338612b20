import type { LogPageView, MessageSummary } from '../src/shared/viewModels';

/** Rows fetched in one request, aligned to multiples of this, so overlapping needs share one fetch. */
export const PAGE_ROWS = 200;
/** Rows kept in the panel; the log itself stays in the host. */
const MAX_CACHED_ROWS = 20_000;

/**
 * The panel's window onto the host's log: its bounds through the filter, and a bounded cache of
 * the rows fetched or streamed so far, by position. Rows outside the cache are fetched by page.
 */
export class LogWindow {
  /** The lowest position still in the host's log. */
  first = 0;
  /** One past the newest position in the host's log. */
  liveEnd = 0;
  /** While paused: the end the list holds still at. */
  private heldEnd: number | undefined;
  /** Bumped on every change, for views that repaint on it. */
  version = 0;
  /** Bumped when positions start over (a snapshot, a new filter): a position from before means nothing now. */
  epoch = 0;
  private rows = new Map<number, MessageSummary>();
  private readonly fetching = new Set<number>();

  /** Starts over from `page`, as after a snapshot or a new filter. */
  reset(page: LogPageView): void {
    this.rows = new Map();
    this.fetching.clear();
    this.epoch++;
    if (this.heldEnd !== undefined) this.heldEnd = page.end;
    this.take(page);
  }

  /** One past the newest position shown: the live end, or where the display was paused. */
  get end(): number {
    return this.heldEnd === undefined ? this.liveEnd : Math.max(this.first, this.heldEnd);
  }

  /** Holds the shown end still (true) or lets it follow the log again (false). */
  pause(paused: boolean): void {
    this.heldEnd = paused ? this.liveEnd : undefined;
    this.version++;
  }

  get paused(): boolean {
    return this.heldEnd !== undefined;
  }

  /** Messages that arrived while paused. */
  get waiting(): number {
    return this.heldEnd === undefined ? 0 : this.liveEnd - this.end;
  }

  /** Takes in new bounds and the rows of a page (fetched or streamed). */
  take(page: LogPageView): void {
    this.first = page.first;
    this.liveEnd = Math.max(page.end, page.first);
    page.messages.forEach((m, i) => this.rows.set(page.start + i, m));
    this.version++;
  }

  rowAt(position: number): MessageSummary | undefined {
    return this.rows.get(position);
  }

  /**
   * The starts of the pages needed to show positions `from` to `to` that are neither cached nor
   * being fetched; each is marked as being fetched until `fetched` is called with it.
   */
  pagesToFetch(from: number, to: number): number[] {
    const starts: number[] = [];
    const low = Math.max(from, this.first);
    const high = Math.min(to, this.end);
    for (let start = low - (low % PAGE_ROWS); start < high; start += PAGE_ROWS) {
      if (this.fetching.has(start)) continue;
      const pageEnd = Math.min(start + PAGE_ROWS, high);
      for (let p = Math.max(start, low); p < pageEnd; p++) {
        if (!this.rows.has(p)) {
          starts.push(start);
          this.fetching.add(start);
          break;
        }
      }
    }
    return starts;
  }

  /** A page fetch ended (`page` undefined: it failed, and may be asked for again). */
  fetched(start: number, page: LogPageView | undefined): void {
    this.fetching.delete(start);
    if (page) this.take(page);
  }

  /** Drops cached rows far from `from`..`to` once the cache holds more than it should. */
  prune(from: number, to: number): void {
    if (this.rows.size <= MAX_CACHED_ROWS) return;
    const keep = MAX_CACHED_ROWS / 4;
    for (const position of this.rows.keys()) {
      if (position < from - keep || position > to + keep || position < this.first) this.rows.delete(position);
    }
  }
}
