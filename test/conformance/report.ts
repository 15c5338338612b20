// The Autobahn-like report: one row per case and role, then a summary line.
import type { CaseResult } from './runCase';

const COLUMNS: readonly { readonly title: string; readonly width: number; readonly cell: (r: CaseResult) => string }[] = [
  { title: 'case', width: 9, cell: (r) => r.id },
  { title: 'description', width: 58, cell: (r) => r.description },
  { title: 'peer', width: 6, cell: (r) => r.role },
  { title: 'expected', width: 44, cell: (r) => r.expected },
  { title: 'observed', width: 52, cell: (r) => r.observed },
  { title: 'our decoder', width: 14, cell: (r) => r.decoder },
  { title: 'ws / ours', width: 20, cell: (r) => r.differential },
  { title: 'verdict', width: 4, cell: (r) => (r.passed ? 'PASS' : 'FAIL') },
];

const fit = (value: string, width: number) => (value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width));
const row = (cells: readonly string[]) => cells.map((c, k) => fit(c, COLUMNS[k]!.width)).join(' │ ');

/** "conformance: N cases, N passed, N failed" (a case run in both roles counts twice). */
export function summaryLine(results: readonly CaseResult[]): string {
  const passed = results.filter((r) => r.passed).length;
  return `conformance: ${results.length} cases, ${passed} passed, ${results.length - passed} failed`;
}

/** Per category (the id's first number): how many runs, how many passed. */
function categories(results: readonly CaseResult[]): string {
  const counts = new Map<string, [number, number]>();
  for (const r of results) {
    const key = r.id.split('.')[0]!;
    const [all, passed] = counts.get(key) ?? [0, 0];
    counts.set(key, [all + 1, passed + (r.passed ? 1 : 0)]);
  }
  return [...counts].map(([key, [all, passed]]) => `${key}: ${passed}/${all}`).join('  ');
}

export function formatReport(results: readonly CaseResult[]): string {
  const header = row(COLUMNS.map((c) => c.title));
  const lines = [header, '─'.repeat(header.length), ...results.map((r) => row(COLUMNS.map((c) => c.cell(r))))];
  for (const r of results.filter((f) => !f.passed)) lines.push('', `FAIL ${r.id} (${r.role}): ${r.description}`, ...r.problems.map((p) => `  - ${p}`));
  lines.push('', `by category: ${categories(results)}`, summaryLine(results));
  return lines.join('\n');
}
