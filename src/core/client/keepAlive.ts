/** Pings on an interval and reports a ping still unanswered when the next one is due. */
export class KeepAlive {
  private readonly timer: NodeJS.Timeout;
  private count = 0;
  private waiting: string | undefined;
  /** A miss was reported and no pong has come since: say it once, not at every tick. */
  private missing = false;

  constructor(
    private readonly everyMs: number,
    private readonly ping: (payload: string) => void,
    private readonly missed: (detail: string) => void,
  ) {
    this.timer = setInterval(() => this.tick(), everyMs);
  }

  /** A pong came with this payload. */
  pong(payload: string): void {
    if (payload !== this.waiting) return;
    this.waiting = undefined;
    this.missing = false;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    if (this.waiting !== undefined && !this.missing) {
      this.missing = true;
      this.missed(`no pong to the keep-alive ping "${this.waiting}" within ${this.everyMs} ms (said once until a pong comes)`);
    }
    // Numbered, so a late pong is matched to its own ping (and its round-trip time is right).
    this.waiting = `keepalive ${++this.count}`;
    try {
      this.ping(this.waiting);
    } catch {
      // The connection stopped being open between two ticks; its owner stops us.
      this.stop();
    }
  }
}
