// The failure summary `npm test` prints last: each failing test's name, place and error, read
// from node:test's own TAP output of a file that fails on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failuresIn } from '../../scripts/failureSummary.mjs';

interface Failure {
  name: string;
  location?: string;
  error: string[];
  stack: string[];
}

test('names each failing test with its error, skipping the suites that only contain one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'failure-summary-'));
  try {
    const file = join(dir, 'fails.test.mjs');
    writeFileSync(
      file,
      [
        "import { describe, test } from 'node:test';",
        "import assert from 'node:assert/strict';",
        "describe('group', () => { test('inner fails', () => assert.equal(1, 2, 'one is not two')); test('passes', () => {}); });",
        "test('top fails', () => { throw new Error('boom\\nsecond line'); });",
      ].join('\n'),
    );
    // Without the runner's NODE_TEST_CONTEXT, or the child reports to this runner instead of in TAP.
    const env = { ...process.env };
    delete env['NODE_TEST_CONTEXT'];
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { encoding: 'utf8', env });
    const failures = failuresIn(run.stdout) as Failure[];
    assert.deepEqual(
      failures.map((f) => f.name),
      ['inner fails', 'top fails'],
    );
    assert.equal(failures[0]!.error[0], 'one is not two');
    assert.ok(failures[0]!.location?.endsWith('fails.test.mjs:3:27'), failures[0]!.location);
    assert.deepEqual(failures[1]!.error, ['boom', 'second line']);
    assert.ok(failures[1]!.stack[0]?.includes('fails.test.mjs:4'), `the stack starts in the test file: ${failures[1]!.stack[0]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
