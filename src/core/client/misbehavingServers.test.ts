// Servers that misbehave before, during and after the upgrade: each case ends with an error
// that names the problem (or, for a ping flood within limits, keeps going), never a crash.
import { test, type TestContext } from 'node:test';
import { constants, deflateRawSync } from 'node:zlib';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import type { SocketLensError } from '../errors';
import { until } from '../testing/clientTesting';
import { startRawServer } from '../testing/rawServer';
import { switchingProtocols, tcpServer } from '../testing/tcpServer';
import { ClientConnection, type ClientConnectionOptions } from './clientConnection';

function connection(t: TestContext, url: string, options: Omit<ClientConnectionOptions, 'url'> = {}): ClientConnection {
  const c = new ClientConnection({ ...options, url: new URL(url) });
  t.after(() => c.dispose());
  return c;
}

async function refused(t: TestContext, url: string, options: Omit<ClientConnectionOptions, 'url'> = {}): Promise<{ error: SocketLensError; c: ClientConnection }> {
  const c = connection(t, url, options);
  const error = await c.connect().then(() => assert.fail('the handshake should have failed'), (e: SocketLensError) => e);
  assert.equal(c.snapshot().state, 'closed');
  assert.ok(c.snapshot().lifecycle.some((e) => e.kind === 'error' && e.detail === error.message), 'the error is in the lifecycle');
  return { error, c };
}

/** A server after a correct 101, on the raw socket; closed with the test. */
async function afterUpgrade(t: TestContext, onOpen: (socket: Socket) => void): Promise<string> {
  const server = await startRawServer((socket) => {
    socket.on('error', () => {});
    onOpen(socket);
  });
  t.after(() => server.close());
  return server.url;
}

/** Writes `text` one byte every `everyMs`. */
function dribble(socket: Socket, text: string, everyMs: number): void {
  let at = 0;
  const timer = setInterval(() => (socket.destroyed || at >= text.length ? clearInterval(timer) : socket.write(text[at++]!)), everyMs);
}

test('a server that answers the upgrade byte by byte is cut off at the handshake timeout, not whenever the last byte comes', async (t) => {
  const url = await tcpServer(t, (socket, request) => dribble(socket, switchingProtocols(request), 20));
  const started = Date.now();
  const { error } = await refused(t, url, { handshakeTimeoutMs: 300 });
  assert.equal(error.code, 'connection/handshake-timeout');
  assert.match(error.message, /did not finish the WebSocket upgrade within 300 ms/);
  assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
});

test('a slow answer that still comes within the timeout opens', async (t) => {
  const url = await tcpServer(t, (socket, request) => dribble(socket, switchingProtocols(request), 1));
  const c = connection(t, url, { handshakeTimeoutMs: 5000 });
  await c.connect();
  assert.equal(c.snapshot().state, 'open');
});

test('a refusal whose body never finishes still says the status and the body that came', async (t) => {
  const url = await tcpServer(t, (socket) => socket.write('HTTP/1.1 401 Unauthorized\r\nContent-Length: 100\r\n\r\nno token'));
  const { error, c } = await refused(t, url, { handshakeTimeoutMs: 300 });
  assert.equal(error.code, 'connection/handshake-rejected');
  assert.match(error.message, /answered 401 Unauthorized instead of 101.*Body: "no token"/);
  assert.equal(c.snapshot().handshake.response?.statusCode, 401);
});

test('bytes that are not HTTP instead of an answer: the error says the server did not answer in HTTP', async (t) => {
  for (const garbage of ['SSH-2.0-OpenSSH_9.6\r\n', '\x16\x03\x01\x00\x05hello']) {
    const url = await tcpServer(t, (socket) => socket.write(garbage, 'latin1'));
    const { error } = await refused(t, url);
    assert.equal(error.code, 'connection/bad-response', JSON.stringify(garbage));
    assert.match(error.message, /answer to the upgrade is not HTTP.*HPE_INVALID_CONSTANT/);
  }
});

test('a huge response header: refused at the header limit, saying so', async (t) => {
  const url = await tcpServer(t, (socket) => socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`));
  const { error } = await refused(t, url);
  assert.equal(error.code, 'connection/bad-response');
  assert.match(error.message, /headers that are too large.*HPE_HEADER_OVERFLOW/);
});

test('a server that closes in the middle of a frame: 1006, and the error says which frame was cut off and by how much', async (t) => {
  const url = await afterUpgrade(t, (socket) => socket.end(Buffer.from([0x81, 0, 0x81, 10, 0x61, 0x62, 0x63])));
  const c = connection(t, url);
  await c.connect();
  await until(c, () => c.isFinished);
  const { close, error, lifecycle } = c.snapshot();
  assert.deepEqual([close?.code, close?.wasClean, close?.tcpClosedFirstBy], [1006, false, 'server']);
  assert.equal(error?.code, 'connection/network');
  assert.match(error?.message ?? '', /The server ended the connection in the middle of frame 1: 7 of its payload bytes never came/);
  assert.ok(lifecycle.some((e) => e.kind === 'error' && e.detail === error?.message));
  assert.deepEqual(c.log.tail(5).map((e) => [e.kind, e.payload.length]), [['text', 0]], 'the whole frame before it is logged; nothing is made up');
});

test('a server that closes between frames is not blamed for a cut frame', async (t) => {
  const url = await afterUpgrade(t, (socket) => socket.end(Buffer.from([0x81, 2, 0x68, 0x69])));
  const c = connection(t, url);
  await c.connect();
  await until(c, () => c.isFinished);
  assert.equal(c.snapshot().error, undefined);
  assert.equal(c.snapshot().close?.code, 1006);
});

test('a 100 MiB message is refused from its frame header with 1009, without reading (or allocating) its payload', async (t) => {
  const url = await afterUpgrade(t, (socket) => {
    const header = Buffer.from([0x82, 127, 0, 0, 0, 0, 0, 0, 0, 0]);
    header.writeBigUInt64BE(100n * 1024n * 1024n, 2);
    socket.write(Buffer.concat([header, Buffer.alloc(64 * 1024)]));
    socket.on('data', () => socket.end());
  });
  const c = connection(t, url, { maxPayloadBytes: 1024 * 1024 });
  await c.connect();
  await until(c, () => c.isFinished);
  const { close, error } = c.snapshot();
  assert.equal(close?.sent?.code, 1009);
  assert.equal(error?.code, 'connection/protocol-error');
  assert.match(error?.message ?? '', /Max payload size exceeded \(WS_ERR_UNSUPPORTED_MESSAGE_LENGTH\).*1009/);
});

test('a ping flood within limits is answered pong for pong and the connection goes on', async (t) => {
  const url = await afterUpgrade(t, (socket) => {
    for (let k = 0; k < 20; k++) socket.write(Buffer.from([0x89, 0]));
    socket.write(Buffer.from([0x81, 5, ...Buffer.from('after')]));
    socket.on('data', () => {});
  });
  const c = connection(t, url);
  await c.connect();
  await until(c, () => c.log.tail(50).some((e) => e.kind === 'text'));
  assert.equal(c.snapshot().state, 'open');
  assert.equal(c.log.tail(50).filter((e) => e.kind === 'pong' && e.direction === 'out').length, 20);
});

test('a ping flood faster than pongs can go out ends the connection with an error that says so', async (t) => {
  const url = await afterUpgrade(t, (socket) => socket.write(Buffer.alloc(2 * 5000, Buffer.from([0x89, 0]))));
  const c = connection(t, url);
  await c.connect();
  await until(c, () => c.isFinished);
  const { error } = c.snapshot();
  assert.equal(error?.code, 'connection/protocol-error');
  assert.match(error?.message ?? '', /pings faster than.*pongs/);
});

test('a ping that ws reads after the server ended TCP (held back while a message inflated) is not taken for a ping flood', async (t) => {
  // A compressed 200 KB message keeps ws's receiver inflating while the ping and FIN arrive.
  const body = deflateRawSync(Buffer.alloc(200_000, 'a'), { finishFlush: constants.Z_SYNC_FLUSH });
  const payload = body.subarray(0, body.length - 4);
  const header = Buffer.from([0xc2, 127, 0, 0, 0, 0, 0, 0, 0, 0]);
  header.writeBigUInt64BE(BigInt(payload.length), 2);
  const server = await startRawServer((socket) => {
    socket.on('error', () => {});
    socket.end(Buffer.concat([header, payload, Buffer.from([0x89, 0])]));
  }, ['Sec-WebSocket-Extensions: permessage-deflate']);
  t.after(() => server.close());
  const c = connection(t, server.url);
  await c.connect();
  await until(c, () => c.isFinished);
  assert.equal(c.snapshot().error?.code, undefined, c.snapshot().error?.message);
  assert.ok(c.log.tail(10).some((e) => e.kind === 'binary' && e.payload.length === 200_000), 'the message was delivered');
});

test('a server that sends invalid UTF-8 forever: 1007 on the first, and the lifecycle stays short while ws waits for the server\'s close', async (t) => {
  const url = await afterUpgrade(t, (socket) => {
    const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(Buffer.alloc(600, Buffer.from([0x81, 4, 0xff, 0xfe, 0xfd, 0xfc])))), 1);
  });
  const c = connection(t, url);
  await c.connect();
  await until(c, () => c.snapshot().error !== undefined);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const { error, lifecycle } = c.snapshot();
  assert.ok(lifecycle.some((e) => e.kind === 'close-sent' && /1007/.test(e.detail ?? '')));
  assert.match(error?.message ?? '', /invalid UTF-8 sequence \(WS_ERR_INVALID_UTF8\).*1007/);
  assert.ok(lifecycle.some((e) => e.kind === 'protocol-violation' && /§8\.1.*not valid UTF-8 at byte 0/.test(e.detail ?? '')));
  assert.ok(lifecycle.length < 20, `${lifecycle.length} lifecycle events`);
});
