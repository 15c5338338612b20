// Who ended TCP first, as each end words it. Node reports our FIN once it is sent ('finish') and
// the peer's once its event loop reads it ('end'): an end that sent FIN and then read the peer's
// cannot tell whether the two crossed, so two ends closing together must not each claim to be first.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { test, type TestContext } from 'node:test';
import { SocketTap } from '../tap/socketTap';
import { CloseTracker, describeClose, FIN_CROSSING_WINDOW_MS } from './closeTracker';
import type { LifecycleKind } from './connectionTypes';

const T0 = 1_700_000_000_000;

function tracker(role: 'client' | 'server' = 'client') {
  const lifecycle: { kind: LifecycleKind; detail?: string }[] = [];
  const closing = new CloseTracker((kind, detail) => lifecycle.push({ kind, detail }), role);
  return { closing, lifecycle, summary: () => describeClose(closing.finish(1000, '')) };
}

test('our FIN out, the peer’s read long after: we ended TCP first', () => {
  const { closing, summary } = tracker();
  closing.tcp('fin-sent', T0, false);
  closing.tcp('fin-received', T0 + FIN_CROSSING_WINDOW_MS + 20, false);
  closing.tcp('closed', T0 + 30, false);
  assert.equal(closing.finish(1000, '').tcpClosedFirstBy, 'client');
  assert.equal(summary(), '1000 — TCP closed without a closing handshake (not clean); client ended TCP first');
});

test('the peer’s FIN read before ours went out: the peer ended TCP first, however soon we followed', () => {
  const { closing, lifecycle } = tracker('server');
  closing.tcp('fin-received', T0, false);
  closing.tcp('fin-sent', T0 + 0.1, false);
  assert.equal(closing.finish(1000, '').tcpClosedFirstBy, 'client');
  assert.deepEqual(lifecycle.map((e) => e.detail), ['client sent FIN', 'server sent FIN']);
});

test('the peer’s FIN read just after ours went out: both closed at about the same time, and the FIN line says why', () => {
  const { closing, lifecycle, summary } = tracker();
  closing.tcp('fin-sent', T0, false);
  closing.tcp('fin-received', T0 + 0.4, false);
  assert.equal(closing.finish(1000, '').tcpClosedFirstBy, 'both');
  assert.match(summary(), /; both ends closed TCP at about the same time$/);
  assert.deepEqual(lifecycle.map((e) => e.detail), ['client sent FIN', 'server sent FIN (read 0.4 ms after ours went out: the two may have crossed)']);
});

test('an abort is ours first, and a FIN read after it changes nothing', () => {
  const { closing } = tracker();
  closing.tcp('destroyed-locally', T0, false);
  closing.tcp('fin-received', T0 + 0.1, false);
  assert.equal(closing.finish(1006, '').tcpClosedFirstBy, 'client');
});

/** A loopback pair, each end tapped as our client and our mock tap theirs, each with its tracker. */
async function tappedPair(t: TestContext) {
  const server = createServer({ allowHalfOpen: true });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const clientSocket = connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', allowHalfOpen: true });
  await once(clientSocket, 'connect');
  const [serverSocket] = await accepted;
  const ends = [tapped(clientSocket, 'client'), tapped(serverSocket, 'server')] as const;
  t.after(() => ends.forEach((end) => end.socket.destroy()));
  return ends;
}

function tapped(socket: Socket, role: 'client' | 'server') {
  const end = { socket, ...tracker(role) };
  SocketTap.attach(socket, { role, perMessageDeflate: false }, { frame: () => {}, message: () => {}, tcp: (event, time, hadError) => end.closing.tcp(event, time, hadError) });
  socket.resume();
  return end;
}

test('both ends call end() in the same tick over loopback: neither log claims to have ended TCP first', async (t) => {
  const [client, server] = await tappedPair(t);
  const closed = Promise.all([once(client.socket, 'close'), once(server.socket, 'close')]);
  client.socket.end();
  server.socket.end();
  await closed;
  // Each end sees its own FIN go out before it reads the other's, so each alone would say it was first.
  for (const end of [client, server]) assert.deepEqual(end.lifecycle.map((e) => e.kind), ['tcp-fin-sent', 'tcp-fin-received', 'tcp-closed']);
  assert.deepEqual([client.summary(), server.summary()].map((s) => s.split('; ')[1]), ['both ends closed TCP at about the same time', 'both ends closed TCP at about the same time']);
});

test('one end answers the other’s FIN over loopback: the two logs agree on who was first or, too close to tell, claim nothing', async (t) => {
  const [client, server] = await tappedPair(t);
  server.socket.on('end', () => server.socket.end());
  const closed = Promise.all([once(client.socket, 'close'), once(server.socket, 'close')]);
  client.socket.end();
  await closed;
  assert.equal(server.closing.finish(1000, '').tcpClosedFirstBy, 'client', 'the server read the client’s FIN before sending its own');
  assert.match(client.closing.finish(1000, '').tcpClosedFirstBy, /^(client|both)$/);
});
