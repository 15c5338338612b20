import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import type { SocketLensError } from '../errors';
import { connectTo, until, wsServer } from '../testing/clientTesting';
import { ClientConnection } from './clientConnection';
import { LIFECYCLE_KEPT } from './keptLifecycle';
import { ReconnectPolicy } from './reconnectPolicy';

const kinds = (connection: ClientConnection) => connection.snapshot().lifecycle.map((e) => e.kind);

test('backoff doubles from the first delay up to the longest, with jitter both ways, and stops at maxAttempts', () => {
  const at = (random: number) => new ReconnectPolicy({ initialDelayMs: 100, maxDelayMs: 1000, maxAttempts: 6, jitter: 0.5 }, () => random);
  const middle = at(0.5);
  assert.deepEqual(Array.from({ length: 7 }, () => middle.next()?.delayMs), [100, 200, 400, 800, 1000, 1000, undefined]);
  assert.equal(at(0).next()?.delayMs, 50);
  assert.equal(at(0.999999).next()?.delayMs, 150);
  const policy = at(0.5);
  policy.next();
  policy.next();
  policy.succeeded();
  assert.deepEqual(policy.next(), { retry: 1, delayMs: 100 });
  assert.throws(() => new ReconnectPolicy({ maxAttempts: 0 }), /maxAttempts 0/);
  assert.throws(() => new ReconnectPolicy({ jitter: 2 }), /jitter 2/);
});

test('a server that drops the connection: each retry and its outcome is in the lifecycle, and messages go on in one log', async (t) => {
  let connections = 0;
  const url = await wsServer(t, {}, (ws) => {
    connections++;
    ws.send(`hello ${connections}`);
    // The first two connections are dropped without a close frame.
    if (connections <= 2) setTimeout(() => ws.terminate(), 10);
  });
  const connection = await connectTo(t, url, { reconnect: { initialDelayMs: 10, maxDelayMs: 20, jitter: 0 } });
  await until(connection, () => connection.log.length === 3 && connection.snapshot().state === 'open');
  assert.deepEqual(connection.log.range(1, 3).map((e) => Buffer.from(e.payload).toString()), ['hello 1', 'hello 2', 'hello 3']);
  const scheduled = connection.snapshot().lifecycle.filter((e) => e.kind === 'reconnect-scheduled').map((e) => e.detail);
  // The backoff starts again after every open.
  assert.deepEqual(scheduled, ['retry 1 in 0.0 s, after: closed with 1006', 'retry 1 in 0.0 s, after: closed with 1006']);
  assert.ok(connection.snapshot().lifecycle.some((e) => e.kind === 'connecting' && /^attempt 3: ws:/.test(e.detail ?? '')));
  connection.close();
  await until(connection, () => connection.snapshot().state === 'closed');
  assert.equal(kinds(connection).filter((k) => k === 'reconnect-scheduled').length, 2, 'a close we asked for is not retried');
});

test('a server that is not there: retries, then gives up and connect() rejects with the last error', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`), reconnect: { initialDelayMs: 5, maxAttempts: 2, jitter: 0 } });
  await assert.rejects(connection.connect(), (e: SocketLensError) => e.code === 'connection/network' && /refused/.test(e.message));
  assert.deepEqual(kinds(connection).filter((k) => k.startsWith('reconnect') || k === 'connecting'), ['connecting', 'reconnect-scheduled', 'connecting', 'reconnect-scheduled', 'connecting', 'reconnect-gave-up']);
  assert.equal(connection.snapshot().state, 'closed');
  connection.dispose();
});

test('close while waiting to reconnect cancels the retry', async (t) => {
  let first = true;
  const url = await wsServer(t, {}, (ws) => {
    if (first) ws.terminate();
    first = false;
  });
  const connection = await connectTo(t, url, { reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000 } });
  await until(connection, () => kinds(connection).includes('reconnect-scheduled'));
  assert.equal(connection.snapshot().state, 'connecting');
  assert.throws(() => connection.sendText('x'), /waiting to reconnect/);
  connection.close();
  assert.ok(kinds(connection).includes('reconnect-cancelled'));
  assert.equal(connection.snapshot().state, 'closed');
});

test('reconnect() closes normally and connects again; without the option nothing retries', async (t) => {
  const closes: number[] = [];
  const url = await wsServer(t, {}, (ws) => ws.on('close', (code) => closes.push(code)));
  const connection = await connectTo(t, url);
  await connection.reconnect();
  assert.equal(connection.snapshot().state, 'open');
  await until(connection, () => closes.length === 1);
  assert.deepEqual(closes, [1000]);
  assert.equal(kinds(connection).filter((k) => k === 'connecting').length, 2);
  assert.ok(!kinds(connection).includes('reconnect-scheduled'));
});

test('close() during a backoff wait settles a connect() that never opened', async (t) => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`), reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000 } });
  t.after(() => connection.dispose());
  const connecting = connection.connect();
  await until(connection, () => kinds(connection).includes('reconnect-scheduled'));
  let finished = false;
  connection.onDidFinish(() => (finished = true));
  connection.close();
  await assert.rejects(connecting, /closed while it waited to reconnect/);
  assert.ok(finished && connection.isFinished);
});

test('two reconnect() calls at once make one new connection', async (t) => {
  let opened = 0;
  const url = await wsServer(t, {}, () => opened++);
  const connection = await connectTo(t, url);
  await Promise.all([connection.reconnect(), connection.reconnect()]);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(opened, 2);
  assert.equal(kinds(connection).filter((k) => k === 'connecting').length, 2);
});

test('dispose() while the TLS files are read opens no socket and settles connect()', async (t) => {
  let sockets = 0;
  const server = createServer((socket) => {
    sockets++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const connection = new ClientConnection({ url: new URL(`wss://127.0.0.1:${(server.address() as AddressInfo).port}/`), tls: { caFile: '/etc/ssl/certs/ca-certificates.crt' } });
  const connecting = connection.connect();
  connection.dispose();
  await assert.rejects(connecting);
  // Long enough for the CA bundle to be read and a socket to be opened, if one were.
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(sockets, 0);
});

test('keep-alive and repeats stop when the closing handshake starts: no error on a clean close', async (t) => {
  // The server answers our close frame only after a while, so keep-alive ticks fall inside the closing handshake.
  const url = await wsServer(t, {}, (ws) => {
    const socket = (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    ws.on('message', () => {
      socket.pause();
      setTimeout(() => socket.resume(), 60);
    });
  });
  const connection = await connectTo(t, url, { keepAliveMs: 5 });
  connection.repeat({ kind: 'text', text: 'tick' }, { everyMs: 5 });
  await until(connection, () => connection.log.range(1, 100).some((e) => e.kind === 'text'));
  connection.close();
  await until(connection, () => connection.isFinished);
  assert.equal(connection.snapshot().error, undefined);
  assert.equal(connection.snapshot().close?.wasClean, true);
});

test('a connection that drops without end keeps its newest events and counts every one it let go', async (t) => {
  const url = await wsServer(t, {}, (ws) => ws.terminate());
  const connection = await connectTo(t, url, { reconnect: { initialDelayMs: 0, maxDelayMs: 0, maxAttempts: 1_000, jitter: 0 } });
  let recorded = 0;
  t.after(connection.onDidRecord(() => recorded++));
  const { lifecycle: before } = connection.snapshot();
  await until(connection, () => (connection.snapshot().lifecycleEarlier?.count ?? 0) > 0);
  connection.close();
  await until(connection, () => connection.snapshot().state === 'closed');
  const { lifecycle, lifecycleEarlier } = connection.snapshot();
  assert.ok(lifecycle.length <= LIFECYCLE_KEPT, `${lifecycle.length} kept`);
  assert.equal(lifecycleEarlier!.count + lifecycle.length, before.length + recorded, 'every event recorded is kept or counted');
  assert.equal(lifecycleEarlier!.since, before[0]!.time, 'counted from the very first event');
  assert.equal(lifecycle.at(-1)!.kind, 'closed');
});
