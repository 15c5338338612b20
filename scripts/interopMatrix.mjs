// Prints the interoperability matrix from the results the interop tests wrote (see
// test/interop/peers/matrix.ts): a row per pair of implementations, a column per feature, each
// cell ✓ with the number of tests that proved it, ✗ when one failed, or why it cannot be tested.
//   node scripts/interopMatrix.mjs [results.jsonl]   (exit 1 when a cell failed or none of its tests ran)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the interop tests write their results (test/interop/peers/matrix.ts) unless told otherwise. */
export const RESULTS_FILE = join(root, '.cache', 'test-results', 'interop-matrix.jsonl');
const file = process.argv[2] ?? RESULTS_FILE;

/** The pairs of implementations (who connects → who serves). */
export const PAIRS = /** @type {const} */ ({
  clientPython: 'our client → Python websockets server',
  clientLws: 'our client → libwebsockets test server',
  clientMock: 'our client → our mock',
  pythonMock: 'Python websockets client → our mock',
  chromiumMock: 'Chromium WebSocket → our mock',
  lwsMock: 'libwebsockets test client → our mock',
});
export const FEATURES = /** @type {const} */ (['text', 'binary', 'fragments', 'ping/pong', 'deflate', 'close codes']);
/** Cells no test can fill, and why. */
/** @type {Record<string, string>} */
const CANNOT = {
  'clientLws binary': 'the mirror protocol answers everything as text',
  'clientLws deflate': 'this build of the test server enables no extension (our offer is declined, which is tested)',
  'lwsMock binary': 'the test client sends only text',
  'lwsMock fragments': 'the test client sends only whole messages',
};

/**
 * @param {readonly { pair: string, feature: string, ok: boolean }[]} lines
 * @returns {{ text: string, missing: number, broken: number }}
 */
export function matrix(lines) {
  const cells = new Map();
  for (const { pair, feature, ok } of lines) {
    const key = `${pair} ${feature}`;
    const cell = cells.get(key) ?? { passed: 0, failed: 0 };
    if (ok) cell.passed++;
    else cell.failed++;
    cells.set(key, cell);
  }
  const notes = [];
  const rows = Object.entries(PAIRS).map(([pair, label]) => [
    label,
    ...FEATURES.map((feature) => {
      const key = `${pair} ${feature}`;
      const cell = cells.get(key);
      if (cell?.failed) return `✗ ${cell.failed} failed`;
      if (cell) return `✓ ${cell.passed}`;
      if (CANNOT[key]) {
        notes.push(CANNOT[key]);
        return `n/a [${notes.length}]`;
      }
      return '— not run';
    }),
  ]);
  const header = ['', ...FEATURES];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cols) => cols.map((c, k) => c.padEnd(widths[k])).join(' │ ');
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line), ...notes.map((n, k) => `[${k + 1}] ${n}`)];
  const missing = rows.flatMap((r) => r.slice(1)).filter((c) => c === '— not run').length;
  const broken = rows.flatMap((r) => r.slice(1)).filter((c) => c.startsWith('✗')).length;
  return { text: out.join('\n'), missing, broken };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(file)) {
    console.log(`interop matrix: no results in ${file} (run the interop suite first)`);
    // Given the file (as scripts/test.mjs does after the suite), none means no test recorded a result.
    process.exit(process.argv[2] === undefined ? 0 : 1);
  }
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const { text, missing, broken } = matrix(lines);
  console.log(`\n── interoperability matrix (tests per cell) ──\n${text}\n`);
  console.log(`interop matrix: ${broken} cells failed, ${missing} cells not run`);
  // After a whole interop run every cell is filled: one left empty lost its test.
  if (broken > 0 || missing > 0) process.exit(1);
}
