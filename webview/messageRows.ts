import type { CountersView, MessageSummary } from '../src/shared/viewModels';

/** Rows kept in the panel's list; older ones stay in the host's log and are counted. */
export const MAX_ROWS = 5000;

/**
 * The rows the list shows, newest last. Every captured message is either a row here or in
 * `notShown`, which is derived from the host's counters (they include evicted messages).
 */
export class MessageRows {
  private items: MessageSummary[] = [];
  private total = 0;

  constructor(private readonly cap = MAX_ROWS) {}

  reset(messages: readonly MessageSummary[], counters: CountersView): void {
    this.items = messages.slice(-this.cap);
    this.total = counters.messagesIn + counters.messagesOut;
  }

  /** Replaces the rows array (never mutates it), so views that compare by identity repaint. */
  append(messages: readonly MessageSummary[], counters: CountersView): void {
    this.items = [...this.items, ...messages].slice(-this.cap);
    this.total = counters.messagesIn + counters.messagesOut;
  }

  get rows(): readonly MessageSummary[] {
    return this.items;
  }

  get notShown(): number {
    return Math.max(0, this.total - this.items.length);
  }
}
