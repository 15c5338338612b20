import { randomInt } from 'node:crypto';
import { SocketLensError } from '../errors';

/** Auto-reconnect: off unless given. Each wait doubles from `initialDelayMs` up to `maxDelayMs`. */
export interface ReconnectOptions {
  /** Attempts after the first before giving up. Default 10. */
  readonly maxAttempts?: number;
  /** Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Default 30 s. */
  readonly maxDelayMs?: number;
  /** Each wait is moved at random by up to this share of it, so many clients do not return in step. Default 0.3. */
  readonly jitter?: number;
}

/** What a reconnect option left out means. */
export const RECONNECT_DEFAULTS = { maxAttempts: 10, initialDelayMs: 500, maxDelayMs: 30_000, jitter: 0.3 };

/** Exponential backoff with jitter; `random` is injectable so tests can pin it. */
export class ReconnectPolicy {
  private readonly settings: Required<ReconnectOptions>;
  private failures = 0;

  constructor(
    options: ReconnectOptions,
    private readonly random: () => number = uniform,
  ) {
    this.settings = { ...RECONNECT_DEFAULTS, ...withoutUndefined(options) };
    const { maxAttempts, initialDelayMs, maxDelayMs, jitter } = this.settings;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw invalid(`maxAttempts ${maxAttempts}: use a whole number of at least 1`);
    if (!(initialDelayMs >= 0) || !(maxDelayMs >= initialDelayMs)) throw invalid(`delays ${initialDelayMs}-${maxDelayMs} ms: the first must be at least 0 and at most the longest`);
    if (!(jitter >= 0 && jitter <= 1)) throw invalid(`jitter ${jitter}: use a share from 0 to 1`);
  }

  /** How long to wait before retry number `retry` (from 1 since the last open); undefined when the retries are used up. */
  next(): { readonly retry: number; readonly delayMs: number } | undefined {
    if (this.failures >= this.settings.maxAttempts) return undefined;
    const { initialDelayMs, maxDelayMs, jitter } = this.settings;
    const base = Math.min(maxDelayMs, initialDelayMs * 2 ** this.failures);
    this.failures++;
    return { retry: this.failures, delayMs: Math.max(0, Math.round(base * (1 + jitter * (2 * this.random() - 1)))) };
  }

  /** An attempt opened: the next drop starts the backoff again. */
  succeeded(): void {
    this.failures = 0;
  }
}

/** A number in [0, 1); the project takes all randomness from node:crypto. */
function uniform(): number {
  return randomInt(1 << 30) / (1 << 30);
}

function withoutUndefined(options: ReconnectOptions): Partial<Required<ReconnectOptions>> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

function invalid(what: string): SocketLensError {
  return new SocketLensError('connection/request', `Reconnect ${what}.`);
}
