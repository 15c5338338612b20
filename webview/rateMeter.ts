/** The window a rate is averaged over. */
const WINDOW_MS = 2000;

/**
 * Messages per second each way, from the counters as they arrive: the change over the last
 * couple of seconds, so a burst shows at once and a quiet connection falls to 0.
 */
export class RateMeter {
  private samples: { time: number; in: number; out: number }[] = [];

  sample(time: number, messagesIn: number, messagesOut: number): void {
    const last = this.samples.at(-1);
    if (last && (messagesIn < last.in || messagesOut < last.out)) this.samples = []; // counters started over
    this.samples.push({ time, in: messagesIn, out: messagesOut });
    this.drop(time);
  }

  /** Messages per second received and sent, as of `now`. */
  rates(now: number): { in: number; out: number } {
    this.drop(now);
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last === first) return { in: 0, out: 0 };
    // Over the whole window, so the rate decays when nothing arrives and a lone message is not "4/s".
    const span = Math.max(now - first.time, WINDOW_MS) / 1000;
    return { in: (last.in - first.in) / span, out: (last.out - first.out) / span };
  }

  private drop(now: number): void {
    // Keep one sample older than the window as the base to measure from.
    while (this.samples.length > 1 && this.samples[1]!.time <= now - WINDOW_MS) this.samples.shift();
  }
}
