/** Pings on an interval and reports a ping still unanswered when the next one is due. */
export class KeepAlive {
  private readonly timer: NodeJS.Timeout;
  private count = 0;
  private waiting: string | undefined;

  constructor(
    private readonly everyMs: number,
    private readonly ping: (payload: string) => void,
    private readonly missed: (detail: string) => void,
  ) {
    this.timer = setInterval(() => this.tick(), everyMs);
  }

  /** A pong came with this payload. */
  pong(payload: string): void {
    if (payload === this.waiting) this.waiting = undefined;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    if (this.waiting !== undefined) this.missed(`no pong to the keep-alive ping "${this.waiting}" within ${this.everyMs} ms`);
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
