// `npm test`: the type gate, lint, the build and package, then every suite: core and shared unit
// tests, the conformance harness, webview tests in Chromium, end-to-end tests in code-server,
// interop tests against independent peers (with the interop matrix). Ends with one line
// "tests: N passed, N failed", after each failing test's name and error. `node scripts/test.mjs unit|conformance|webview|e2e|interop` runs one suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failuresIn, printFailures } from './failureSummary.mjs';
import { RESULTS_FILE } from './interopMatrix.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];
// A test that hangs fails after `timeoutMs` instead of stalling the run (node:test has no default).
const suites = {
  unit: { dirs: ['src', 'test/manifest'], concurrency: 2, timeoutMs: 60_000 },
  // Issue 9: the Autobahn-like harness (test/conformance), one file that runs its cases in turn.
  conformance: { dirs: ['test/conformance'], concurrency: 1, timeoutMs: 300_000 },
  webview: { dirs: ['test/webview'], concurrency: 1 },
  e2e: { dirs: ['test/e2e'], concurrency: 1 },
  // Each interop test records the pair and features it proved; the matrix is printed after the suite.
  interop: { dirs: ['test/interop'], concurrency: 1, matrix: true },
};
if (only && !(only in suites)) {
  console.error(`test: unknown suite "${only}"; use one of ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

function step(name, args) {
  console.log(`\n── ${name} ──`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`test: ${name} failed`);
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  }
}

function findTests(dir) {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

function runSuite(name, { dirs, concurrency, timeoutMs, matrix }) {
  const files = dirs.flatMap(findTests);
  console.log(`\n── ${name} tests (${files.length} files) ──`);
  const tap = join(root, '.cache', 'test-results', `${name}.tap`);
  mkdirSync(dirname(tap), { recursive: true });
  rmSync(tap, { force: true });
  if (matrix) rmSync(RESULTS_FILE, { force: true });
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...(timeoutMs ? [`--test-timeout=${timeoutMs}`] : []), '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...(matrix ? { SOCKET_LENS_INTEROP_MATRIX: RESULTS_FILE } : {}) } },
  );
  const matrixFailed = matrix && spawnSync(process.execPath, ['scripts/interopMatrix.mjs', RESULTS_FILE], { cwd: root, stdio: 'inherit' }).status !== 0;
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (label) => Number(text.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  // A crashed runner (non-zero exit with no failing test recorded) still counts as a failure.
  const failed = (count('fail') + count('cancelled') || (result.status !== 0 ? 1 : 0)) + (matrixFailed ? 1 : 0);
  return { passed, failed, failures: failuresIn(text) };
}

if (!only) {
  step('typecheck', ['scripts/typecheck.mjs']);
  step('lint', ['node_modules/eslint/bin/eslint.js', '.']);
}
// The unit and conformance suites run the sources through tsx: no bundle needed.
if (!only || !['unit', 'conformance'].includes(only)) step('package (build + VSIX)', ['scripts/package.mjs']);

let passed = 0;
let failed = 0;
const failures = {};
for (const [name, suite] of Object.entries(suites)) {
  if (only && only !== name) continue;
  const result = runSuite(name, suite);
  passed += result.passed;
  failed += result.failed;
  failures[name] = result.failures;
  console.log(`${name}: ${result.passed} passed, ${result.failed} failed`);
}
printFailures(failures);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
