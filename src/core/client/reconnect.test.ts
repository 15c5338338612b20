import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import type { SocketLensError } from '../errors';
import { connectTo, until, wsServer } from '../testing/clientTesting';
import { ClientConnection } from './clientConnection';
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
