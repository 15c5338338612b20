import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { MockServer } from '../../core/mock/mockServer';
import { MockActivity } from './mockActivity';

async function echoMock(t: TestContext): Promise<MockServer> {
  const server = await MockServer.start({ definition: { paths: [{ path: '/echo' }] } });
  t.after(() => server.close());
  return server;
}

async function connect(t: TestContext, url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  t.after(() => ws.terminate());
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('tracks clients from the start: messages each way per client and in all, and which client changed', async (t) => {
  const server = await echoMock(t);
  const activity = new MockActivity(server);
  t.after(() => activity.dispose());
  const changed = new Set<string>();
  activity.onDidChangeClient((id) => changed.add(id));

  const ws = await connect(t, `${server.url}/echo`);
  await until(() => activity.clientsNow === 1, 'the client is tracked');
  const [id] = activity.ids();
  ws.send('one');
  ws.send('two');
  await until(() => activity.record(id!)!.counters.messagesOut === 2, 'the echoes are logged');
  const record = activity.record(id!)!;
  assert.equal(record.counters.messagesIn, 2, 'in: what the client sent to the mock');
  assert.equal(record.open, true);
  assert.equal(record.info.path, '/echo');
  assert.deepEqual(activity.messageTotals(), { messagesIn: 2, messagesOut: 2 });
  assert.ok(changed.has(id!));
  assert.equal(activity.clientsTotal, 1);
});

test('a closed client stays with how it ended; its log is kept for the last few only; old rows are forgotten but still counted', async (t) => {
  const server = await echoMock(t);
  const activity = new MockActivity(server, { closedRows: 2, closedLogs: 1 });
  t.after(() => activity.dispose());
  const removed: string[] = [];
  activity.onDidRemoveClient((id) => removed.push(id));

  for (let n = 0; n < 3; n++) {
    const ws = await connect(t, `${server.url}/echo`);
    ws.send(`m${n}`);
    await until(() => activity.ids().some((id) => activity.record(id)!.counters.messagesOut === 1 && activity.record(id)!.open), 'the echo is logged');
    const id = activity.ids().find((i) => activity.record(i)!.open)!;
    server.disconnect(id, 4000, `bye ${n}`);
    await until(() => activity.record(id)?.info.closed !== undefined && activity.clientsNow === 0, `client ${n} has closed`);
  }

  assert.equal(activity.clientsTotal, 3);
  assert.equal(activity.clientsNow, 0);
  assert.equal(removed.length, 1, 'the oldest closed row is forgotten');
  const ids = activity.ids();
  assert.equal(ids.length, 2);
  const [older, newest] = ids.map((id) => activity.record(id)!);
  assert.deepEqual([older!.info.closed?.code, older!.info.closed?.reason], [4000, 'bye 1']);
  assert.ok(newest!.closedAt! >= newest!.info.connectedAt);
  assert.equal(older!.logAvailable, false, 'only the newest closed client keeps its log');
  assert.equal(newest!.logAvailable, true);
  assert.ok(activity.client(ids[1]!));
  // Each client: its text and its close frame, both ways (the log counts close frames as messages).
  assert.deepEqual(activity.messageTotals(), { messagesIn: 6, messagesOut: 6 }, 'forgotten clients still count');
});
