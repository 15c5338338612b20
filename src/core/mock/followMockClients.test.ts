import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { followMockClients } from './followMockClients';
import { MockServer } from './mockServer';

async function open(t: TestContext, url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  t.after(() => ws.terminate());
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

async function echoed(ws: WebSocket, text: string): Promise<void> {
  ws.send(text);
  await new Promise((resolve) => ws.once('message', resolve));
}

test('one follower per client gets each lifecycle event and log entry once, those after disconnected too; nothing after stop', async (t) => {
  const server = await MockServer.start({ definition: { paths: [{ path: '/echo' }] } });
  t.after(() => server.close());
  const seen: string[] = [];
  let tcpClosed!: () => void;
  const firstTcpClosed = new Promise<void>((resolve) => (tcpClosed = resolve));
  let followers = 0;
  const stop = followMockClients(server, () => {
    followers++;
    return {
      event: (e) => {
        seen.push(`event ${e.kind}`);
        if (e.kind === 'tcp-closed') tcpClosed();
      },
      message: (m) => seen.push(`${m.direction} ${m.kind}`),
    };
  });
  t.after(stop);
  server.onDidEvent((event) => event.type === 'disconnected' && seen.push('disconnected'));

  const ws = await open(t, `${server.url}/echo`);
  await echoed(ws, 'hi');
  ws.close(1000);
  await firstTcpClosed;
  // Anything still to come (a second lifecycle, a second log subscription) would show by now.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const listing = seen.join('\n');
  assert.equal(followers, 1);
  assert.ok(seen.indexOf('disconnected') < seen.indexOf('event tcp-closed'), `an event after disconnected:\n${listing}`);
  const events = seen.filter((s) => s.startsWith('event '));
  assert.equal(events[0], 'event open');
  assert.equal(new Set(events).size, events.length, `no event twice:\n${listing}`);
  assert.deepEqual(seen.filter((s) => !s.startsWith('event ') && s !== 'disconnected'), ['in text', 'out text', 'in close', 'out close'], `each entry once:\n${listing}`);

  const other = await open(t, `${server.url}/echo`);
  assert.equal(followers, 2, 'a client is followed from its first event, recorded before it is open');
  const before = seen.length;
  stop();
  await echoed(other, 'after stop');
  assert.equal(seen.length, before, 'nothing once stopped');
});
