/** What every `bench/<name>.bench.ts` exports as `benchmark`; `bench/run.ts` finds and runs them. */
export interface Benchmark {
  /** Short, unique; `--filter` matches it. */
  readonly name: string;
  readonly description: string;
  run(context: BenchContext): Promise<Metric[]>;
}

export interface BenchContext {
  /** `--quick`: fewer and shorter rounds; the whole suite must finish in under a minute. */
  readonly quick: boolean;
  /** A progress line, indented under the benchmark's name. */
  log(line: string): void;
}

/** A bound the figure is meant to meet; missing it is reported, never an error. */
export interface Target {
  readonly op: '>=' | '<=';
  readonly value: number;
}

export interface Metric {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The same figure without the thing measured, taken in the same run; null when there is none. */
  readonly baseline: number | null;
  /** value / baseline, or null. */
  readonly ratio: number | null;
  readonly target?: Target;
}

export function meetsTarget(metric: Metric): boolean | undefined {
  const { target } = metric;
  if (!target) return undefined;
  return target.op === '>=' ? metric.value >= target.value : metric.value <= target.value;
}
