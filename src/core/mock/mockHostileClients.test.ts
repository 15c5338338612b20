import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import { assertStillEchoes } from '../testing/mockEcho';
import { MockServer } from './mockServer';

async function mock(t: TestContext): Promise<MockServer> {
  const server = await MockServer.start({ definition: { maxPayloadBytes: 1024, paths: [{ path: '/' }] } });
  t.after(() => server.close());
  return server;
}

/** Writes raw bytes to the mock and resolves with everything it answered before closing. */
function raw(url: string, bytes: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

test('a request with over 16 KiB of headers gets 431, and the mock serves the next client', async (t) => {
  const server = await mock(t);
  const big = `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`;
  assert.match(await raw(server.url, big), /^HTTP\/1\.1 431 /);
  await assertStillEchoes(server.url);
});

test('bytes that are not HTTP get 400, a half upgrade is dropped; the mock stays up', async (t) => {
  const server = await mock(t);
  assert.match(await raw(server.url, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0, 0, 0])), /^HTTP\/1\.1 400 /);
  const half = await raw(server.url, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  assert.match(half, /^HTTP\/1\.1 400 /, 'an upgrade without Sec-WebSocket-Key/Version is refused');
  await assertStillEchoes(server.url);
});

test('a message over maxPayloadBytes closes that client with 1009; others are untouched', async (t) => {
  const server = await mock(t);
  const ws = new WebSocket(`${server.url}/`);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(Buffer.alloc(4096));
  assert.equal(await closed, 1009);
  await assertStillEchoes(server.url);
});
