import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { meetsTarget, type Metric } from './benchmark';

/** Formats a figure for the table: thousands grouped, ratios to three places. */
function figure(value: number | null): string {
  if (value === null) return '—';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(3);
}

function targetCell(metric: Metric): string {
  const met = meetsTarget(metric);
  if (met === undefined) return '—';
  const bound = `${metric.target!.op === '>=' ? '≥' : '≤'} ${metric.target!.value}`;
  return `${bound} ${met ? 'ok' : 'MISSED'}`;
}

/** The table of all figures, one row each, ready to print. */
export function formatTable(metrics: readonly Metric[]): string {
  const header = ['metric', 'value', 'unit', 'baseline', 'ratio', 'target'];
  const rows = metrics.map((m) => [m.name, figure(m.value), m.unit, figure(m.baseline), figure(m.ratio), targetCell(m)]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const numeric = new Set([1, 3, 4]);
  const line = (cells: readonly string[]) => cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export interface ResultsMeta {
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly platform: string;
  readonly date: string;
  readonly quick: boolean;
  readonly filter: string | null;
  readonly benchmarks: readonly string[];
  readonly failed: readonly string[];
}

/** Writes `{ "<metric>": { value, unit, baseline, ratio }, …, "_meta": {…} }`. */
export function writeResults(path: string, metrics: readonly Metric[], meta: ResultsMeta): void {
  const results: Record<string, unknown> = {};
  for (const { name, value, unit, baseline, ratio } of metrics) results[name] = { value, unit, baseline, ratio };
  results._meta = meta;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
