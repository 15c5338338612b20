// Clients that misbehave after (or while) upgrading: each is dealt with alone, and the mock
// keeps serving well-behaved clients. (Bad HTTP and oversize requests: mockHostileClients.test.ts.)
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { assertStillEchoes } from '../testing/mockEcho';
import { upgradeRequestText } from '../testing/upgradeRequestText';
import { encodeFrame } from '../protocol/frameEncoder';
import type { MockClientInfo } from './mockClientInfo';
import { MockServer } from './mockServer';

async function mock(t: TestContext, definition: Partial<Parameters<typeof MockServer.start>[0]['definition']> = {}): Promise<MockServer> {
  const server = await MockServer.start({ definition: { paths: [{ path: '/' }], ...definition } });
  t.after(() => {
    // Raw clients never answer the mock's close frame: cut them off rather than wait out close()'s grace period.
    for (const socket of rawSockets.splice(0)) socket.destroy();
    return server.close();
  });
  return server;
}

const rawSockets: Socket[] = [];

/** A client with no protocol engine, upgraded on `url`: the test writes whatever frames it likes. */
function rawClient(url: string, host = '127.0.0.1'): Promise<{ socket: Socket; answer: string }> {
  const { hostname, port } = new URL(url);
  const request = upgradeRequestText(url, { host });
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    rawSockets.push(socket);
    let answer = '';
    const onData = (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (!answer.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      resolve({ socket, answer });
    };
    socket.on('data', onData);
    socket.on('error', reject);
  });
}

/** The close code in the first close frame the mock sends, or 1006 if TCP ends first. */
function closeCode(socket: Socket): Promise<number> {
  return new Promise((resolve) => {
    let bytes = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      // An unmasked server close frame: 0x88, length, code.
      const at = bytes.indexOf(0x88);
      if (at >= 0 && bytes.length >= at + 4) resolve(bytes.readUInt16BE(at + 2));
    });
    socket.on('close', () => resolve(1006));
  });
}

test('a client that floods pings and reads no pongs is closed with 1008, saying why; the mock serves the next client', async (t) => {
  const server = await mock(t);
  const { socket } = await rawClient(server.url);
  socket.pause(); // reads nothing: once the kernel's buffers are full, the pongs back up in the mock
  // 125-byte pings (the most a control frame holds): 16 MB of pongs, more than loopback buffers take.
  const ping = encodeFrame({ opcode: 0x9, payload: new Uint8Array(125).fill(0x70), mask: true });
  socket.write(Buffer.concat(Array.from({ length: 130_000 }, () => ping)));
  const [info] = server.clients();
  const flooded = server.client(info!.id)!;
  const noticed = () => flooded.lifecycle.some((e) => e.kind === 'error' && /the client pings but reads nothing: over 1024 KiB waits to be written to it: closing it with 1008/.test(e.detail ?? ''));
  for (const deadline = Date.now() + 10_000; !noticed() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(noticed(), `the mock noticed the flood: ${flooded.lifecycle.map((e) => `${e.kind} ${e.detail ?? ''}`).join('; ')}`);
  socket.destroy();
  await assertStillEchoes(server.url);
});

test('an unmasked client frame is refused with 1002 (RFC 6455 §5.1); the mock serves the next client', async (t) => {
  const server = await mock(t);
  const { socket } = await rawClient(server.url);
  const code = closeCode(socket);
  socket.write(encodeFrame({ opcode: 0x1, payload: 'no mask' }));
  assert.equal(await code, 1002);
  await assertStillEchoes(server.url);
});

test('a flood of one-byte fragments is reassembled into one message and echoed; the mock stays responsive', async (t) => {
  const server = await mock(t);
  const { socket } = await rawClient(server.url);
  const fragments = 5000;
  const frames = Array.from({ length: fragments }, (_, k) => encodeFrame({ opcode: k === 0 ? 0x1 : 0x0, fin: k === fragments - 1, payload: 'x', mask: true }));
  let echoed = Buffer.alloc(0);
  const whole = new Promise<void>((resolve) => socket.on('data', (chunk: Buffer) => {
    echoed = Buffer.concat([echoed, chunk]);
    if (echoed.length >= 4 + fragments) resolve();
  }));
  socket.write(Buffer.concat(frames));
  await assertStillEchoes(server.url);
  await whole;
  // One unmasked text frame with a 16-bit length: the 5000 bytes came back as one message.
  assert.deepEqual([echoed[0], echoed[1], echoed.readUInt16BE(2)], [0x81, 126, fragments]);
});

test('a client that disconnects in the middle of a message is dropped alone, its lifecycle says how', async (t) => {
  const server = await mock(t);
  const { socket } = await rawClient(server.url);
  const gone = new Promise<MockClientInfo>((resolve) => server.onDidEvent((e) => e.type === 'disconnected' && resolve(e.client)));
  const frame = encodeFrame({ opcode: 0x2, payload: Buffer.alloc(1000), mask: true });
  socket.end(frame.subarray(0, 500));
  const client = await gone;
  assert.deepEqual([client.closed?.code, client.closed?.wasClean, client.closed?.tcpClosedFirstBy], [1006, false, 'client']);
  assert.equal(server.clientCount, 0);
  await assertStillEchoes(server.url);
});

test('a client slow to send its upgrade holds up neither the other clients nor stopping the mock', async (t) => {
  const server = await MockServer.start({ definition: { paths: [{ path: '/' }] } });
  const { hostname, port } = new URL(server.url);
  const slow = connect(Number(port), hostname, () => slow.write('GET / HTTP/1.1\r\nHo'));
  t.after(() => slow.destroy());
  slow.on('error', () => {});
  await assertStillEchoes(server.url);
  assert.equal(slow.destroyed, false, 'the slow client is still waiting, not refused for others');
  const started = Date.now();
  await server.close();
  assert.ok(Date.now() - started < 1000, `close() took ${Date.now() - started} ms`);
});

test('connections beyond maxConnections get 503 while the clients within it go on', async (t) => {
  const server = await mock(t, { maxConnections: 20 });
  const clients = await Promise.all(Array.from({ length: 20 }, () => rawClient(server.url)));
  assert.ok(clients.every((c) => c.answer.startsWith('HTTP/1.1 101 ')));
  const over = await Promise.all(Array.from({ length: 50 }, () => rawClient(server.url)));
  assert.ok(over.every((c) => /^HTTP\/1\.1 503 [\s\S]*maxConnections/.test(c.answer)), over[0]!.answer);
  assert.equal(server.clientCount, 20);
  clients[0]!.socket.destroy();
  await new Promise<void>((resolve) => server.onDidEvent((e) => e.type === 'disconnected' && resolve()));
  await assertStillEchoes(server.url);
});

test('a foreign Host on the loopback mock is refused with 403 (DNS rebinding), naming the Host', async (t) => {
  const server = await mock(t);
  assert.match(server.url, /^ws:\/\/127\.0\.0\.1:\d+$/, 'bound to 127.0.0.1 by default');
  const { answer } = await rawClient(server.url, 'evil.example:80');
  assert.match(answer, /^HTTP\/1\.1 403 Forbidden/);
  assert.match(answer, /Host "evil\.example:80" is not a loopback name/);
  const { answer: local } = await rawClient(server.url, 'localhost');
  assert.match(local, /^HTTP\/1\.1 101 /);
});
