import { interleave, median } from './measure';

/** A figure measured with and without the thing under test, interleaved. */
export interface PairedResult {
  /** Median of the baseline's samples. */
  readonly base: number;
  /** Median of the samples with the thing under test. */
  readonly value: number;
  /**
   * Median of the rounds' value/base ratios: each ratio compares two runs a few seconds apart,
   * so a machine that drifts between rounds moves it less than it moves the ratio of the medians.
   */
  readonly ratio: number;
}

export interface PairedOptions {
  /** Names the series in progress lines (`256b`). */
  readonly label: string;
  /** What to call the baseline and the variant (`bare`, `tap`). */
  readonly names: readonly [string, string];
  readonly rounds: number;
  readonly warmupRounds: number;
  /** Formats one sample with its unit. */
  readonly format: (value: number) => string;
  readonly log: (line: string) => void;
}

/** Runs `base` and `variant` interleaved (A B, B A, …), logs every round, and returns their medians and the median paired ratio. */
export async function comparePaired(base: () => Promise<number>, variant: () => Promise<number>, options: PairedOptions): Promise<PairedResult> {
  const { label, names, rounds, format, log } = options;
  const samples = await interleave(
    { base, variant },
    {
      rounds,
      warmupRounds: options.warmupRounds,
      onRound: (round, [a, b], warmup) => log(`${label} ${warmup ? 'warm-up' : `round ${round}/${rounds}`}: ${names[0]} ${format(a!)}, ${names[1]} ${format(b!)} (${(b! / a!).toFixed(3)})`),
    },
  );
  const paired = samples.base.map((a, i) => samples.variant[i]! / a);
  const result = { base: median(samples.base), value: median(samples.variant), ratio: median(paired) };
  const spread = `${Math.min(...paired).toFixed(3)}–${Math.max(...paired).toFixed(3)}`;
  log(`${label}: median ${names[0]} ${format(result.base)}, ${names[1]} ${format(result.value)}, median of paired ratios ${result.ratio.toFixed(3)} (${spread}), ratio of medians ${(result.value / result.base).toFixed(3)}`);
  return result;
}

/**
 * Says whether the baseline comes near what a reader that does nothing gets (`rawRate`, same
 * unit): if so the sender or the loopback sets the pace, and a ratio understates the cost.
 */
export function logSenderHeadroom(label: string, rawRate: number, base: number, format: (value: number) => string, log: (line: string) => void): void {
  const load = base / rawRate;
  log(`${label}: a bare TCP reader gets ${format(rawRate)}; the baseline reaches ${(100 * load).toFixed(0)}% of it${load > 0.5 ? ': CAUTION, the sender side may set the pace, the ratio understates the cost' : ' (client-bound)'}`);
}
