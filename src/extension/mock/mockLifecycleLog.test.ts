import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { MockServer } from '../../core/mock/mockServer';
import { logMockLifecycles } from './mockLifecycleLog';
import { recordingLog } from '../testing/recordingLog';

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function brokenClient(t: TestContext, server: MockServer): Promise<void> {
  const ws = new WebSocket(`${server.url}/chat`);
  t.after(() => ws.terminate());
  ws.on('error', () => {});
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send('break');
  await new Promise((resolve) => ws.once('close', resolve));
}

test('a client broken by a fault has each lifecycle event logged once, even those after it disconnected', async (t) => {
  const server = await MockServer.start({ definition: { paths: [{ path: '/chat', rules: [{ match: { text: 'break' }, fault: { brokenFrame: 'reserved-opcode' } }] }] } });
  t.after(() => server.close());
  const log = recordingLog();
  const stop = logMockLifecycles(server, 'chat.wsmock.json', log);
  t.after(stop);
  let disconnected = false;
  server.onDidEvent((event) => (disconnected ||= event.type === 'disconnected'));

  await brokenClient(t, server);
  await until(() => disconnected && log.lines.some((line) => line.includes(': tcp-closed')), 'the client is gone, TCP and all');
  await new Promise((resolve) => setTimeout(resolve, 50));

  const id = /client (\w+):/.exec(log.lines[0]!)?.[1];
  assert.ok(id, log.lines.join('\n'));
  const kinds = log.lines.map((line) => /client \w+: ([\w-]+)/.exec(line)?.[1]);
  assert.equal(kinds.filter((kind) => kind === 'open').length, 1, `one open line:\n${log.lines.join('\n')}`);
  assert.equal(kinds.filter((kind) => kind === 'fault').length, 1, 'one fault line');
  assert.equal(new Set(kinds).size, kinds.length, `no event logged twice:\n${log.lines.join('\n')}`);
  assert.match(log.lines[0]!, /^info \[chat\.wsmock\.json\] client \w+: open — GET \/chat from /);
  assert.ok(log.lines.some((line) => /^warn .*: protocol-violation — /.test(line)), 'a violation is a warning');
  assert.equal(kinds.at(-1), 'tcp-closed');
});

test('stopping the logger stops its lines', async (t) => {
  const server = await MockServer.start({ definition: { paths: [{ path: '/chat', rules: [{ match: { text: 'break' }, fault: { brokenFrame: 'reserved-opcode' } }] }] } });
  t.after(() => server.close());
  const log = recordingLog();
  logMockLifecycles(server, 'chat', log)();
  await brokenClient(t, server);
  assert.deepEqual(log.lines, []);
});
