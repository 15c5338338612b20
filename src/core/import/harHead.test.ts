import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportChunks } from '../export/sessionExport';
import { SessionLog } from '../log/sessionLog';
import { parseHarHead, readHarHead } from './harHead';

test('the head of our HAR gives its URL (redacted as written) and start, without its messages', async () => {
  const log = new SessionLog({});
  for (let i = 0; i < 3000; i++) log.append({ direction: 'in', kind: 'text', payload: Buffer.from(`message ${i} `.repeat(10)), time: 1_700_000_000_000 + i });
  const snapshot = { url: 'wss://feed.example/live?token=abc', handshake: { timing: undefined }, lifecycle: [{ time: Date.parse('2026-12-01T07:00:00.000Z') }] };
  let text = '';
  for await (const chunk of exportChunks('har', { snapshot, log }, { version: '1' })) text += chunk;
  assert.ok(text.length > 64 * 1024, 'a file longer than the head read');
  const dir = await mkdtemp(join(tmpdir(), 'har-head-'));
  try {
    await writeFile(join(dir, 'a.har'), text);
    assert.deepEqual(await readHarHead(join(dir, 'a.har')), { url: 'wss://feed.example/live?token=***', started: Date.parse('2026-12-01T07:00:00.000Z') });
    assert.equal(await readHarHead(join(dir, 'missing.har')), undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
    log.dispose();
  }
});

test('a file that is not our HAR has no head', () => {
  assert.equal(parseHarHead('{"log":{"entries":[]}}'), undefined);
  assert.equal(parseHarHead('garbage "_webSocketMessages":['), undefined);
});
