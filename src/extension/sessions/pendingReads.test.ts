import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PendingReads } from './pendingReads';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

test('settled waits for every read of the session, and only of that session', async () => {
  const reads = new PendingReads();
  const save = deferred();
  const exported = deferred();
  const other = deferred();
  reads.track('c1', save.promise);
  reads.track('c1', exported.promise);
  reads.track('c2', other.promise);
  let done = false;
  const waiting = reads.settled('c1').then(() => (done = true));
  save.resolve();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(done, false, 'one read of c1 is still running');
  exported.resolve();
  await waiting;
  assert.equal(reads.count('c1'), 0);
  assert.equal(reads.count('c2'), 1, 'the read of c2 still runs');
});

test('a failed read counts as ended, and its rejection still reaches the caller', async () => {
  const reads = new PendingReads();
  const failing = deferred();
  const returned = reads.track('c1', failing.promise);
  failing.reject(new Error('disk full'));
  await assert.rejects(returned, /disk full/);
  await reads.settled('c1');
  assert.equal(reads.count('c1'), 0);
});

test('a session with nothing reading it is settled at once', async () => {
  await new PendingReads().settled('nobody');
});
