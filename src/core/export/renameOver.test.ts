import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renameOver } from './renameOver';

function failing(codes: readonly (string | undefined)[]) {
  const calls: string[] = [];
  const renameFile = async (from: string, to: string): Promise<void> => {
    calls.push(`${from}->${to}`);
    const code = codes[calls.length - 1];
    if (code !== undefined) throw Object.assign(new Error(`${code}: rename`), { code });
  };
  return { calls, renameFile };
}

test('a rename over a file held open a moment (EPERM, EBUSY) is tried again until it goes through', async () => {
  const { calls, renameFile } = failing(['EPERM', 'EBUSY', undefined]);
  await renameOver('a.part', 'a', renameFile, [1, 1, 1]);
  assert.equal(calls.length, 3);
});

test('a file held open for good: the last error is thrown after every pause', async () => {
  const { calls, renameFile } = failing(['EACCES', 'EACCES', 'EACCES', 'EACCES']);
  await assert.rejects(renameOver('a.part', 'a', renameFile, [1, 1, 1]), { code: 'EACCES' });
  assert.equal(calls.length, 4, 'one try and one for each pause');
});

test('any other error is thrown at once', async () => {
  const { calls, renameFile } = failing(['ENOENT']);
  await assert.rejects(renameOver('a.part', 'a', renameFile, [1, 1, 1]), { code: 'ENOENT' });
  assert.equal(calls.length, 1);
});
