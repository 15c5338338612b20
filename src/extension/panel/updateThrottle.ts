/** How often the panel hears that the log grew: one update per frame at most. */
export const UPDATE_INTERVAL_MS = 16;

/**
 * Under a flood (an update had more new rows than it carries), twenty updates a second: the list
 * scrolls as fast as anyone can read, and the extension host posts a third of the rows.
 */
export const FLOOD_INTERVAL_MS = 50;

/**
 * How often the panel hears that the connection changed (state, handshake, lifecycle): a
 * connection that keeps reconnecting records a dozen events an attempt, each of which redraws the
 * Lifecycle tab; ten updates a second is as fast as anyone reads them.
 */
export const CONNECTION_UPDATE_INTERVAL_MS = 100;

/**
 * Turns many "something changed" signals into one call per interval, so a flood of messages
 * costs one postMessage per frame instead of one per message.
 */
export class UpdateThrottle {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly update: () => void,
    /** Milliseconds, or asked for at each schedule (to slow down under load). */
    private readonly intervalMs: number | (() => number) = UPDATE_INTERVAL_MS,
  ) {}

  schedule(): void {
    this.timer ??= setTimeout(() => this.flushNow(), typeof this.intervalMs === 'number' ? this.intervalMs : this.intervalMs());
  }

  /** Runs a scheduled update now; nothing when none is pending. */
  flushNow(): void {
    if (this.timer === undefined) return;
    this.cancel();
    this.update();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
