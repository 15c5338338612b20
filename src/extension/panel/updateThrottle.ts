/** How often the panel hears that the log grew: one update per frame at most. */
export const UPDATE_INTERVAL_MS = 16;

/**
 * Turns many "something changed" signals into one call per interval, so a flood of messages
 * costs one postMessage per frame instead of one per message.
 */
export class UpdateThrottle {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly update: () => void,
    private readonly intervalMs = UPDATE_INTERVAL_MS,
  ) {}

  schedule(): void {
    this.timer ??= setTimeout(() => this.flushNow(), this.intervalMs);
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
