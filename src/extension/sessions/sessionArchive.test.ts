import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { ConnectionSnapshot } from '../../core/client/connectionTypes';
import { parseHar } from '../../core/import/harImport';
import { SessionLog } from '../../core/log/sessionLog';
import { SessionArchive } from './sessionArchive';

/** A folder of its own for the test, removed after it. */
async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'archive-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function source(url: string, texts: readonly string[]) {
  const log = new SessionLog();
  texts.forEach((t, i) => log.append({ direction: i % 2 ? 'in' : 'out', kind: 'text', payload: Buffer.from(t), time: 1_700_000_000_000 + i }));
  const snapshot = {
    id: 'c1', url, state: 'closed', lifecycle: [{ time: 1_700_000_000_000, kind: 'connecting' }],
    handshake: { requestLine: 'GET /feed HTTP/1.1', requestHeaders: [['Host', 'example.com'], ['Authorization', 'Bearer s3cret']], statusLine: 'HTTP/1.1 101 Switching Protocols', statusCode: 101, responseHeaders: [['Upgrade', 'websocket']] },
  } as unknown as ConnectionSnapshot;
  return { snapshot, log };
}

test('a saved session reads back as the same messages, with its secrets redacted', async (t) => {
  const dir = await tempDir(t);
  const archive = new SessionArchive(join(dir, 'sessions'), '0.1.0');
  const file = await archive.save('conn/1', source('ws://example.com/feed?token=abc', ['hello', 'hi back']));
  assert.equal(file, join(dir, 'sessions', 'conn_1.har'));
  const text = await readFile(file, 'utf8');
  assert.ok(!text.includes('s3cret') && !text.includes('token=abc'), 'no credential in the archive');
  const [session] = parseHar(text);
  assert.deepEqual(session!.messages.map((m) => [m.direction, Buffer.from(m.payload).toString()]), [['out', 'hello'], ['in', 'hi back']]);
  assert.deepEqual((await archive.list()).map((a) => a.file), [file]);
});

test('the archive keeps the newest sessions and drops the oldest', async (t) => {
  const dir = await tempDir(t);
  const archive = new SessionArchive(dir, '0.1.0', 2);
  const first = await archive.save('a', source('ws://example.com/', ['1']));
  await utimes(first, new Date(1000), new Date(1000));
  const second = await archive.save('b', source('ws://example.com/', ['2']));
  await utimes(second, new Date(2000), new Date(2000));
  const third = await archive.save('c', source('ws://example.com/', ['3']));
  assert.deepEqual((await archive.list()).map((a) => a.file), [third, second]);
});

test('while a session is written again, its file still reads whole: the new copy takes its name only once written', async (t) => {
  const dir = await tempDir(t);
  const archive = new SessionArchive(dir, '0.1.0');
  const file = await archive.save('c1', source('ws://example.com/', ['first']));
  const big = source('ws://example.com/', Array.from({ length: 4000 }, (_, i) => `message ${i} ${'x'.repeat(500)}`));
  let done = false;
  const saving = archive.save('c1', big).finally(() => (done = true));
  const seen = new Set<number>();
  while (!done) {
    const [session] = parseHar(await readFile(file, 'utf8'));
    seen.add(session!.messages.length);
  }
  await saving;
  assert.deepEqual([...seen].filter((n) => n !== 1 && n !== 4000), [], 'every read found the old session or the new one, never a part');
  assert.equal(parseHar(await readFile(file, 'utf8'))[0]!.messages.length, 4000);
  assert.deepEqual((await readdir(dir)).sort(), ['c1.har']);
});

test('an unfinished copy left by a crash is removed once it is old; a fresh one (a write in progress) is not', async (t) => {
  const dir = await tempDir(t);
  const archive = new SessionArchive(dir, '0.1.0');
  await writeFile(join(dir, 'old.har.part'), '{"log":');
  await utimes(join(dir, 'old.har.part'), new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
  await writeFile(join(dir, 'fresh.har.part'), '{"log":');
  await archive.save('c1', source('ws://example.com/', ['1']));
  assert.deepEqual((await readdir(dir)).sort(), ['c1.har', 'fresh.har.part']);
  assert.deepEqual((await archive.list()).map((a) => a.file), [join(dir, 'c1.har')], 'unfinished copies are never listed');
});
