import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { assertStillEchoes } from '../testing/mockEcho';
import { MockServer } from './mockServer';

const CLIENTS = 10_000;

test(`${CLIENTS.toLocaleString('en')} clients connected at once: the mock takes them all and keeps serving a well-behaved one`, { timeout: 30_000 }, async (t) => {
  const server = await MockServer.start({ definition: { maxConnections: CLIENTS + 10, paths: [{ path: '/' }] } });
  t.after(() => server.close());
  // The clients live in a child process: both ends in one process would need twice the open files.
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'testing', 'idleClients.ts'), `${server.url}/`, String(CLIENTS)], { stdio: ['pipe', 'pipe', 'inherit'] });
  t.after(() => child.kill());
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  assert.equal(line.toString().trim(), `open ${CLIENTS}`);
  assert.equal(server.clientCount, CLIENTS);
  await assertStillEchoes(server.url);
  // They all leave at once; the mock lets every one go and is still there.
  const left = new Promise<void>((resolve) => server.onDidEvent((e) => e.type === 'disconnected' && server.clientCount === 0 && resolve()));
  child.stdin.end();
  await left;
  await assertStillEchoes(server.url);
});
