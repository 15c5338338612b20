import { SocketLensError } from '../errors';
import { Emitter } from '../events/emitter';

export interface RepeatOptions {
  /** Milliseconds between two sends; the first goes at once. */
  readonly everyMs: number;
  /** How many sends in all; undefined repeats until stopped. */
  readonly times?: number;
}

/** The shortest interval: faster than this is a flood, which is a benchmark's job. */
const MIN_INTERVAL_MS = 1;

/** Sends a message on an interval until it has sent enough, is stopped, or a send fails. */
export class Repeater {
  private timer: NodeJS.Timeout | undefined;
  private count = 0;
  private done = false;
  private readonly stopped = new Emitter<number>();

  /** Fires once, with the number of sends made. */
  readonly onDidStop = this.stopped.event;

  constructor(
    /** Sends once; false when the connection can no longer send, which stops the repeat quietly. */
    private readonly sendOnce: () => boolean,
    private readonly options: RepeatOptions,
    private readonly failed: (error: Error) => void,
  ) {
    if (!Number.isFinite(options.everyMs) || options.everyMs < MIN_INTERVAL_MS) {
      throw new SocketLensError('connection/send-input', `Repeat every ${options.everyMs} ms: the interval must be a number of milliseconds, at least ${MIN_INTERVAL_MS}.`);
    }
    if (options.times !== undefined && (!Number.isInteger(options.times) || options.times < 1)) {
      throw new SocketLensError('connection/send-input', `Repeat ${options.times} times: the count must be a whole number of at least 1 (or none, to repeat until stopped).`);
    }
    // The first send goes at once, but after the caller has had the chance to subscribe to onDidStop.
    queueMicrotask(() => {
      this.tick();
      if (!this.done) this.timer = setInterval(() => this.tick(), options.everyMs);
    });
  }

  get sent(): number {
    return this.count;
  }

  get running(): boolean {
    return !this.done;
  }

  stop(): void {
    if (this.done) return;
    this.done = true;
    clearInterval(this.timer);
    this.stopped.fire(this.count);
    this.stopped.dispose();
  }

  private tick(): void {
    if (this.done) return;
    try {
      if (!this.sendOnce()) return this.stop();
      this.count++;
    } catch (error) {
      this.failed(error instanceof Error ? error : new Error(String(error)));
      this.stop();
      return;
    }
    if (this.options.times !== undefined && this.count >= this.options.times) this.stop();
  }
}

/** The repeats running on a connection, so that they can all be stopped at once. */
export class Repeats {
  private readonly running = new Set<Repeater>();

  start(sendOnce: () => boolean, options: RepeatOptions, failed: (error: Error) => void): Repeater {
    const repeater = new Repeater(sendOnce, options, failed);
    this.running.add(repeater);
    repeater.onDidStop(() => this.running.delete(repeater));
    return repeater;
  }

  /** Returns how many were running. */
  stopAll(): number {
    const running = [...this.running];
    for (const repeater of running) repeater.stop();
    return running.length;
  }
}
