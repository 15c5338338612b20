/** The median of the samples (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface InterleaveOptions {
  /** Rounds kept; each round runs every variant once, the order reversed every other round (A B, B A, …). */
  readonly rounds: number;
  /** Rounds run first and thrown away (JIT, caches, TCP). */
  readonly warmupRounds: number;
  /** Called after each round with its samples, in variant order. */
  readonly onRound?: (round: number, samples: readonly number[], warmup: boolean) => void;
}

/**
 * Runs the variants interleaved, so that whatever else the shared machine is doing falls on all
 * of them alike, and returns each variant's kept samples. Every other round runs them in reverse
 * order, so that going first or second (a cold sender, TIME_WAIT sockets) favours none of them.
 */
export async function interleave<K extends string>(variants: Readonly<Record<K, () => Promise<number>>>, options: InterleaveOptions): Promise<Record<K, number[]>> {
  const names = Object.keys(variants) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    const warmup = round < options.warmupRounds;
    const taken: number[] = new Array<number>(names.length);
    const order = round % 2 === 0 ? names.map((_, k) => k) : names.map((_, k) => names.length - 1 - k);
    for (const k of order) {
      const value = await variants[names[k]!]();
      taken[k] = value;
      if (!warmup) samples[names[k]!].push(value);
    }
    options.onRound?.(round - options.warmupRounds + 1, taken, warmup);
  }
  return samples;
}
