import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SocketLensError } from '../errors';
import { connectTo, until, wsServer } from '../testing/clientTesting';
import { startRawServer } from '../testing/rawServer';
import { ClientConnection, type ClientConnectionOptions } from './clientConnection';

/** A server whose 101 carries `extraHeaders` (after a correct Accept). */
async function answering(t: TestContext, extraHeaders: string[]): Promise<string> {
  const server = await startRawServer(() => {}, extraHeaders);
  t.after(() => server.close());
  return server.url;
}

async function failure(t: TestContext, url: string, options: Omit<ClientConnectionOptions, 'url'> = {}): Promise<{ error: SocketLensError; connection: ClientConnection }> {
  const connection = new ClientConnection({ ...options, url: new URL(url) });
  t.after(() => connection.dispose());
  const error = await connection.connect().then(
    () => assert.fail('the handshake should have failed'),
    (e: SocketLensError) => e,
  );
  return { error, connection };
}

test('a wrong Sec-WebSocket-Accept fails the handshake and the check is spelled out', async (t) => {
  const server = createServer();
  server.on('upgrade', (_request, socket) => socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: d3JvbmcgYWNjZXB0IHZhbHVlIQ==\r\n\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const { error, connection } = await failure(t, `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  assert.equal(error.code, 'connection/bad-accept');
  const accept = connection.snapshot().handshake.accept;
  assert.equal(accept?.valid, false);
  assert.equal(accept?.received, 'd3JvbmcgYWNjZXB0IHZhbHVlIQ==');
});

test('a subprotocol the client did not offer is refused, naming what was offered and answered', async (t) => {
  const url = await answering(t, ['Sec-WebSocket-Protocol: graphql-ws']);
  const none = await failure(t, url);
  assert.equal(none.error.code, 'connection/bad-subprotocol');
  assert.match(none.error.message, /chose the subprotocol "graphql-ws", but none was offered/);
  const other = await failure(t, url, { protocols: ['chat', 'json'] });
  assert.match(other.error.message, /"graphql-ws", which was not offered \(offered: "chat", "json"/);
});

test('a server that picks none of the offered subprotocols: said plainly, with how browsers differ', async (t) => {
  const { error } = await failure(t, await answering(t, []), { protocols: ['v2'] });
  assert.equal(error.code, 'connection/bad-subprotocol');
  assert.match(error.message, /accepted none of the offered subprotocols \("v2"\)/);
});

test('an extension the client did not offer is refused', async (t) => {
  const url = await answering(t, ['Sec-WebSocket-Extensions: x-webkit-deflate-frame']);
  const { error } = await failure(t, url);
  assert.equal(error.code, 'connection/bad-extension');
  assert.match(error.message, /answered Sec-WebSocket-Extensions: x-webkit-deflate-frame, but only permessage-deflate was offered/);
  const off = await failure(t, await answering(t, ['Sec-WebSocket-Extensions: permessage-deflate']), { perMessageDeflate: false });
  assert.match(off.error.message, /no extension was offered/);
});

test('many connections at once, each with its own log: one dropping leaves the others alone', async (t) => {
  const url = await wsServer(t, {}, (ws) => ws.on('message', (data) => (data.toString() === 'drop' ? ws.terminate() : ws.send(data))));
  const connections = await Promise.all(Array.from({ length: 5 }, () => connectTo(t, url)));
  connections.forEach((c, k) => c.sendText(`hello ${k}`));
  connections[2]!.sendText('drop');
  await Promise.all(connections.map((c, k) => until(c, () => (k === 2 ? c.snapshot().state === 'closed' : c.log.length === 2))));
  connections.forEach((c, k) => {
    if (k !== 2) assert.deepEqual(c.log.range(1, 5).map((e) => `${e.direction} ${Buffer.from(e.payload).toString()}`), [`out hello ${k}`, `in hello ${k}`]);
  });
  assert.equal(connections[2]!.snapshot().close?.code, 1006);
  assert.deepEqual(connections.map((c) => c.snapshot().state), ['open', 'open', 'closed', 'open', 'open']);
  assert.equal(new Set(connections.map((c) => c.id)).size, 5);
});
