import type { LogEntry } from '../../core/log/sessionLog';

/** How often new messages reach the panel: one batch per frame at most. */
export const BATCH_INTERVAL_MS = 16;

/**
 * Collects log entries and hands them over in batches, so a flood of messages costs one
 * postMessage per frame instead of one per message.
 */
export class MessageBatcher {
  private pending: LogEntry[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flush: (entries: LogEntry[]) => void,
    private readonly intervalMs = BATCH_INTERVAL_MS,
  ) {}

  add(entry: LogEntry): void {
    this.pending.push(entry);
    this.timer ??= setTimeout(() => this.flushNow(), this.intervalMs);
  }

  flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    this.flush(entries);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
