import { toErrorInfo } from '../../core/errors';
import type { LogQuery } from '../../core/log/logQuery';
import { LogView, type LogViewPage } from '../../core/log/logView';
import type { LogEntry, SessionLog } from '../../core/log/sessionLog';

/** Messages of each sort (data, ping/pong) a sequence diagram shows at each end of the conversation. */
const CONVERSATION_ENDS = 4;
/** How far back from the newest entry the diagram looks for the last ones of each sort. */
const CONVERSATION_RECENT = 500;
/**
 * Entries a new filter looks at before it lets the event loop run: a JSON path over a million
 * messages takes over a second, which must not freeze the extension host.
 */
const FILTER_SLICE_ROWS = 20_000;
import { TAIL_ROWS } from '../../shared/protocol';
import type { ConversationView, LogFilterView, LogPageView } from '../../shared/viewModels';
import { toMessageSummary } from './viewModelMapping';

/**
 * What a panel's log list is fed from the session log: the log through the panel's filter, its
 * newest rows, pages by position, and updates that carry only what the panel has not heard of.
 * Knows nothing of VS Code, so the panel benchmark drives the same code.
 */
export class LogFeed {
  /** The log through the panel's filter. */
  private view: LogView;
  /** The view's `end` as the panel last heard it. */
  private shownEnd = 0;
  /** See `flooded`. */
  private leftOut = false;
  /** Counts filters asked for, so one that finishes after a newer one does not replace it. */
  private filtersAsked = 0;

  constructor(private readonly log: SessionLog) {
    this.view = new LogView(log);
  }

  /**
   * Starts over through `filter` and returns the filter in effect with the newest rows; a filter
   * that no longer parses (saved by an older version, say) is dropped, and `dropped` says why.
   */
  async start(filter: LogFilterView): Promise<{ filter: LogFilterView; log: LogPageView; dropped?: string }> {
    try {
      return { filter, log: await this.filter(filter) };
    } catch (error) {
      return { filter: {}, log: await this.filter({}), dropped: toErrorInfo(error).message };
    }
  }

  /**
   * Applies `filter` and returns its newest rows. The log is scanned in slices between which the
   * event loop runs; a filter asked for meanwhile wins. A bad filter rejects and leaves the current one.
   */
  async filter(filter: LogFilterView): Promise<LogPageView> {
    const ticket = ++this.filtersAsked;
    const view = new LogView(this.log, toLogQuery(filter));
    while (!view.catchUp(FILTER_SLICE_ROWS)) await new Promise((resolve) => setImmediate(resolve));
    if (ticket !== this.filtersAsked) return this.pageView(view.tail(TAIL_ROWS), view);
    this.view = view;
    this.shownEnd = view.end;
    return this.tail();
  }

  /** Rows from position `start` on. */
  range(start: number, count: number): LogPageView {
    this.view.catchUp();
    return this.pageView(this.view.page(start, count));
  }

  /** The last update left out rows (more arrived than TAIL_ROWS): the log is growing faster than a list can show. */
  get flooded(): boolean {
    return this.leftOut;
  }

  /** The log's bounds now, with the newest rows added since the last update (at most TAIL_ROWS). */
  update(): LogPageView {
    this.view.catchUp();
    const start = Math.max(this.shownEnd, this.view.end - TAIL_ROWS);
    this.leftOut = start > this.shownEnd;
    this.shownEnd = this.view.end;
    return this.pageView(this.view.page(start, this.view.end - start));
  }

  /**
   * What a sequence diagram draws of the messages: the first and last data messages and the first
   * and last pings and pongs (close frames are lifecycle events), whatever the panel's filter.
   */
  conversation(): ConversationView {
    const picked = new Map<number, LogEntry>();
    const take = (entries: readonly LogEntry[]) => entries.forEach((e) => picked.set(e.id, e));
    const recent = this.log.tail(CONVERSATION_RECENT);
    take(this.log.query({ kinds: ['text', 'binary'], limit: CONVERSATION_ENDS }).entries);
    take(recent.filter((e) => e.kind === 'text' || e.kind === 'binary').slice(-CONVERSATION_ENDS));
    take(this.log.query({ kinds: ['ping', 'pong'], limit: CONVERSATION_ENDS }).entries);
    take(recent.filter((e) => e.kind === 'ping' || e.kind === 'pong').slice(-CONVERSATION_ENDS));
    return { messages: [...picked.values()].sort((a, b) => a.id - b.id).map(toMessageSummary) };
  }

  private tail(): LogPageView {
    return this.pageView(this.view.tail(TAIL_ROWS));
  }

  private pageView(page: LogViewPage, view = this.view): LogPageView {
    return { first: view.first, end: view.end, start: page.start, messages: page.entries.map(toMessageSummary) };
  }
}

/** The core query for a panel's filter; empty fields filter nothing. */
export function toLogQuery(filter: LogFilterView): LogQuery {
  const text = filter.text || undefined;
  const jsonPath = filter.jsonPath?.trim() || undefined;
  return {
    ...(filter.direction && { direction: filter.direction }),
    ...(filter.kinds && { kinds: filter.kinds }),
    ...(text !== undefined && (filter.regex ? { regex: text } : { text })),
    ...(filter.ignoreCase && { ignoreCase: true }),
    ...(jsonPath !== undefined && { jsonPath }),
  };
}
