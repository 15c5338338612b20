import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocket } from 'ws';
import type { SocketLensError } from '../errors';
import { encodeFrame } from '../protocol/frameEncoder';
import { connectTo, until, wsServer } from '../testing/clientTesting';

const hex = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('hex');

/** A server that echoes each message with its kind and records what it received. */
function echo(received: { data: Buffer; binary: boolean }[] = []) {
  return (ws: WebSocket) =>
    ws.on('message', (data: Buffer, binary) => {
      received.push({ data, binary });
      ws.send(data, { binary });
    });
}

test('binary goes out as binary, byte for byte, and comes back as binary', async (t) => {
  const received: { data: Buffer; binary: boolean }[] = [];
  const connection = await connectTo(t, await wsServer(t, {}, echo(received)));
  const bytes = Uint8Array.of(0, 0xff, 0x80, 0x0a);
  connection.send({ kind: 'binary', data: bytes });
  await until(connection, () => connection.log.length === 2);
  assert.equal(received[0]?.binary, true);
  assert.equal(received[0]?.data.toString('hex'), '00ff800a');
  const [out, back] = connection.log.range(1, 2);
  assert.deepEqual([out?.kind, hex(out?.payload), back?.kind, hex(back?.payload)], ['binary', '00ff800a', 'binary', '00ff800a']);
});

test('a message sent in N fragments crosses as N frames and arrives whole', async (t) => {
  const received: { data: Buffer; binary: boolean }[] = [];
  const connection = await connectTo(t, await wsServer(t, { perMessageDeflate: false }, echo(received)), { perMessageDeflate: false });
  connection.send({ kind: 'text', text: 'héllo wörld' }, 4);
  await until(connection, () => connection.log.length === 2);
  assert.equal(received[0]?.data.toString('utf8'), 'héllo wörld');
  const out = connection.log.get(1)!;
  assert.equal(Buffer.from(out.payload).toString('utf8'), 'héllo wörld');
  const frames = out.wire?.frames ?? [];
  assert.deepEqual(frames.map((f) => [f.opcodeName, f.fin, f.payloadLength]), [['text', false, 4], ['continuation', false, 3], ['continuation', false, 3], ['continuation', true, 3]]);
  assert.equal(out.wire?.violations.length, 0);
});

test('fragment counts that cannot work are refused with what to do', async (t) => {
  const connection = await connectTo(t, await wsServer(t, {}, echo()));
  assert.throws(() => connection.send({ kind: 'text', text: 'abc' }, 4), (e: SocketLensError) => e.code === 'connection/send-input' && /at most 3/.test(e.message));
  assert.throws(() => connection.send({ kind: 'text', text: 'abc' }, 0), /whole number of at least 1/);
});

test('ping and pong with a payload; a pong answering our ping carries its round-trip time', async (t) => {
  const pings: string[] = [];
  const connection = await connectTo(t, await wsServer(t, {}, (ws) => ws.on('ping', (data) => pings.push(data.toString()))));
  connection.ping('are you there');
  connection.pong('unsolicited');
  await until(connection, () => connection.log.length === 3);
  assert.deepEqual(pings, ['are you there']);
  const kinds = connection.log.range(1, 3).map((e) => `${e.direction} ${e.kind} ${Buffer.from(e.payload).toString()}`);
  assert.deepEqual(kinds, ['out ping are you there', 'out pong unsolicited', 'in pong are you there']);
  assert.ok((connection.log.get(3)?.rttMs ?? -1) >= 0);
  assert.throws(() => connection.ping('x'.repeat(126)), /at most 125 bytes/);
});

test('with automatic pongs off, a ping from the server goes unanswered', async (t) => {
  let serverSocket: WebSocket | undefined;
  const pongs: string[] = [];
  const url = await wsServer(t, {}, (ws) => {
    serverSocket = ws;
    ws.on('pong', (data) => pongs.push(data.toString()));
  });
  const silent = await connectTo(t, url, { autoPong: false });
  await until(silent, () => serverSocket !== undefined);
  serverSocket!.ping('hello?');
  await until(silent, () => silent.log.length === 1);
  assert.equal(silent.log.get(1)?.kind, 'ping');
  // Give a pong time to arrive if one were sent: the server's ping went out 1 entry ago.
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(pongs, []);
  assert.equal(silent.log.length, 1);
});

test('raw frames go out as built, broken ones included, and the tap reports what they break', async (t) => {
  const errors: string[] = [];
  const connection = await connectTo(t, await wsServer(t, {}, (ws) => ws.on('error', (error) => errors.push(String((error as { code?: string }).code)))), { perMessageDeflate: false });
  connection.sendRaw(encodeFrame({ opcode: 1, payload: 'raw ok', mask: Uint8Array.of(1, 2, 3, 4) }));
  connection.sendRaw(encodeFrame({ opcode: 1, payload: 'unmasked' }));
  await until(connection, () => connection.snapshot().state === 'closed');
  const out = connection.log.range(1, 10).filter((e) => e.direction === 'out' && e.kind === 'text');
  assert.deepEqual(out.map((e) => Buffer.from(e.payload).toString()), ['raw ok', 'unmasked']);
  assert.deepEqual(out[1]?.wire?.violations.map((v) => `${v.rfc}/${v.closeCode}`), ['5.1/1002']);
  assert.deepEqual(errors, ['WS_ERR_EXPECTED_MASK']);
  assert.equal(connection.snapshot().close?.received?.code, 1002);
});

test('abort ends TCP without a close frame: the server sees 1006', async (t) => {
  let serverClose: number | undefined;
  const connection = await connectTo(t, await wsServer(t, {}, (ws) => ws.on('close', (code) => (serverClose = code))));
  connection.abort();
  await until(connection, () => connection.snapshot().state === 'closed');
  await new Promise<void>((resolve) => {
    const poll = () => (serverClose !== undefined ? resolve() : setTimeout(poll, 5));
    poll();
  });
  assert.equal(serverClose, 1006);
  const { close, lifecycle } = connection.snapshot();
  assert.equal(close?.initiatedBy, 'none');
  assert.equal(close?.sent, undefined);
  assert.ok(lifecycle.some((e) => e.kind === 'tcp-aborted'));
});

test('repeat sends a message N times on an interval, then stops by itself', async (t) => {
  const received: { data: Buffer; binary: boolean }[] = [];
  const connection = await connectTo(t, await wsServer(t, {}, echo(received)));
  const repeater = connection.repeat({ kind: 'text', text: 'tick' }, { everyMs: 5, times: 3 });
  const sent = await new Promise<number>((resolve) => repeater.onDidStop(resolve));
  assert.equal(sent, 3);
  await until(connection, () => received.length === 3);
  assert.deepEqual(received.map((r) => r.data.toString()), ['tick', 'tick', 'tick']);
  assert.throws(() => connection.repeat({ kind: 'text', text: 'x' }, { everyMs: 0 }), /at least 1/);
});

test('repeat until stopped ends when the connection closes', async (t) => {
  const connection = await connectTo(t, await wsServer(t, {}, echo()));
  const repeater = connection.repeat({ kind: 'text', text: 'again' }, { everyMs: 2 });
  const stopped = new Promise<number>((resolve) => repeater.onDidStop(resolve));
  await until(connection, () => connection.log.length >= 4);
  connection.close();
  assert.ok((await stopped) >= 2);
  assert.equal(repeater.running, false);
});

test('keep-alive pings on an interval, and says when one goes unanswered', async (t) => {
  const answered = await connectTo(t, await wsServer(t, {}, () => {}), { keepAliveMs: 10 });
  await until(answered, () => answered.log.range(1, 100).filter((e) => e.kind === 'pong' && e.rttMs !== undefined).length >= 2);
  assert.ok(answered.log.range(1, 100).some((e) => e.kind === 'ping' && Buffer.from(e.payload).toString() === 'keepalive 1'));

  // A server whose client-facing pongs never come: its socket stops reading.
  const silent = await connectTo(t, await wsServer(t, {}, (ws) => (ws as unknown as { _socket: { pause(): void } })._socket.pause()), { keepAliveMs: 10 });
  await until(silent, () => silent.snapshot().lifecycle.some((e) => e.kind === 'keepalive-missed'));
  assert.match(silent.snapshot().lifecycle.find((e) => e.kind === 'keepalive-missed')?.detail ?? '', /no pong to the keep-alive ping "keepalive 1" within 10 ms/);
  // Said once, not at every tick while the server stays silent.
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(silent.snapshot().lifecycle.filter((e) => e.kind === 'keepalive-missed').length, 1);
});

test('sending on a connection that is not open says why', async (t) => {
  const connection = await connectTo(t, await wsServer(t, {}, echo()));
  connection.close();
  assert.throws(() => connection.send({ kind: 'text', text: 'late' }), (e: SocketLensError) => e.code === 'connection/not-open');
  assert.throws(() => connection.ping(), /Cannot send/);
});

test('raw frames keep their place behind messages still being compressed, and the log pairs each frame with its own payload', async (t) => {
  const received: { data: Buffer; binary: boolean }[] = [];
  const connection = await connectTo(t, await wsServer(t, { perMessageDeflate: true }, (ws) => {
    echo(received)(ws);
    ws.on('error', () => {}); // the unmasked frame at the end
  }));
  assert.match(connection.snapshot().handshake.extensions ?? '', /permessage-deflate/);
  const big = 'compress me '.repeat(20_000);
  connection.sendText(big);
  connection.sendRaw(encodeFrame({ opcode: 1, payload: 'raw in the middle', mask: Uint8Array.of(1, 2, 3, 4) }));
  connection.sendText('after');
  connection.ping('p');
  connection.sendRaw(encodeFrame({ opcode: 1, payload: 'last, unmasked' }));
  await until(connection, () => connection.snapshot().state === 'closed');
  assert.deepEqual(received.map((r) => r.data.toString().slice(0, 17)), [big.slice(0, 17), 'raw in the middle', 'after']);
  const out = connection.log.range(1, 20).filter((e) => e.direction === 'out' && e.kind !== 'close');
  assert.deepEqual(out.map((e) => `${e.kind} ${Buffer.from(e.payload).toString().slice(0, 17)} ${e.wire?.violations.map((v) => v.rfc).join(',') ?? ''}`), [
    `text ${big.slice(0, 17)} `,
    'text raw in the middle ',
    'text after ',
    'ping p ',
    'text last, unmasked 5.1',
  ]);
});

test('a raw first fragment cut off by a normal message: each is logged with its own payload', async (t) => {
  const connection = await connectTo(t, await wsServer(t, { perMessageDeflate: false }, (ws) => ws.on('error', () => {})), { perMessageDeflate: false });
  connection.sendRaw(encodeFrame({ opcode: 1, payload: 'ab', fin: false, mask: Uint8Array.of(9, 9, 9, 9) }));
  connection.sendText('hello');
  await until(connection, () => connection.log.range(1, 10).filter((e) => e.direction === 'out' && e.kind === 'text').length === 2);
  const out = connection.log.range(1, 10).filter((e) => e.direction === 'out' && e.kind === 'text');
  assert.deepEqual(out.map((e) => Buffer.from(e.payload).toString()), ['ab', 'hello']);
  assert.deepEqual(out[1]!.wire?.violations.map((v) => v.rfc), ['5.4'], 'the new message inside the open one is what breaks §5.4');
});
