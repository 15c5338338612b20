import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { constants, deflateRawSync } from 'node:zlib';
import { WebSocketServer } from 'ws';
import { encodeClosePayload, encodeFrame } from '../protocol/frameEncoder';
import { connectTo, until, wsServer } from '../testing/clientTesting';
import { startRawServer } from '../testing/rawServer';

/** The frames a test server sends, written as it says, after the 101. */
async function rawServer(t: TestContext, onOpen: (socket: Socket) => void, extraHeaders: string[] = []) {
  const server = await startRawServer(onOpen, extraHeaders);
  t.after(() => server.close());
  return server;
}

const text = (payload: Uint8Array) => Buffer.from(payload).toString('utf8');

test('each message carries its frames as the tap saw them: masked out, unmasked in, fragments counted', async (t) => {
  const url = await wsServer(t, { perMessageDeflate: false }, (ws) =>
    ws.on('message', (data: Buffer) => {
      ws.send(data.subarray(0, 2), { fin: false, binary: false });
      ws.send(data.subarray(2), { fin: true, binary: false });
    }),
  );
  const connection = await connectTo(t, url);
  connection.sendText('hello');
  await until(connection, () => connection.log.length === 2);
  const [out, echoed] = connection.log.tail(2);
  assert.equal(out!.wire!.frames.length, 1);
  assert.equal(out!.wire!.frames[0]!.masked, true);
  assert.notEqual(out!.wire!.frames[0]!.maskingKey, null);
  assert.equal(text(out!.payload), 'hello');
  assert.deepEqual(echoed!.wire!.frames.map((f) => [f.opcodeName, f.fin, f.masked, f.payloadLength]), [['text', false, false, 2], ['continuation', true, false, 3]]);
  assert.equal(text(echoed!.payload), 'hello');
  assert.deepEqual(echoed!.wire!.violations, []);
  assert.ok(echoed!.time >= out!.time);
});

test('permessage-deflate: the tap sees RSV1 and the compressed size, the log holds the inflated payload', async (t) => {
  const big = 'compress me '.repeat(500);
  const url = await wsServer(t, { perMessageDeflate: { threshold: 0 } }, (ws) => ws.send(big));
  const connection = await connectTo(t, url);
  assert.match(connection.snapshot().handshake.extensions ?? '', /permessage-deflate/);
  await until(connection, () => connection.log.length === 1);
  const [entry] = connection.log.tail(1);
  assert.equal(text(entry!.payload), big);
  assert.equal(entry!.wire!.compressed, true);
  assert.equal(entry!.wire!.frames[0]!.rsv1, true);
  assert.ok(entry!.wire!.wireLength < big.length / 10, `wire ${entry!.wire!.wireLength} bytes`);
  assert.deepEqual(entry!.wire!.violations, []);
});

test('control frames are logged in wire order between messages, with ping round-trip times', async (t) => {
  const server = await rawServer(t, (socket) => {
    socket.write(Buffer.concat([encodeFrame({ opcode: 1, payload: 'A' }), encodeFrame({ opcode: 9, payload: 'p1' }), encodeFrame({ opcode: 1, payload: 'B' })]));
  });
  const connection = await connectTo(t, server.url);
  await until(connection, () => connection.log.length === 4);
  assert.deepEqual(
    connection.log.tail(4).map((e) => `${e.direction} ${e.kind} ${text(e.payload)}`),
    // A, the ping and B arrived in one TCP read; ws wrote its pong after that read.
    ['in text A', 'in ping p1', 'in text B', 'out pong p1'],
  );
  const pong = connection.log.tail(4).find((e) => e.kind === 'pong')!;
  assert.ok(pong.rttMs !== undefined && pong.rttMs >= 0, 'the automatic pong records how long after the ping it went out');
});

test('a protocol violation: the frame and RFC section are recorded, the message is logged as not delivered', async (t) => {
  const server = await rawServer(t, (socket) => {
    socket.write(Buffer.concat([encodeFrame({ opcode: 1, payload: 'ok' }), encodeFrame({ opcode: 1, payload: Buffer.from([0x68, 0x69, 0xc0, 0xaf]) })]));
    socket.once('data', () => socket.end()); // on ws's close frame, so ws need not wait out its close timeout
  });
  const connection = await connectTo(t, server.url);
  await until(connection, () => connection.snapshot().state === 'closed');
  const entries = connection.log.tail(10);
  assert.equal(text(entries[0]!.payload), 'ok');
  const bad = entries.find((e) => e.undelivered);
  assert.ok(bad, entries.map((e) => e.kind).join());
  assert.deepEqual(bad.wire!.violations.map((v) => `${v.rfc}/${v.closeCode}`), ['8.1/1007']);
  assert.match(bad.wire!.violations[0]!.message, /at byte 2/);
  assert.deepEqual([...bad.payload], [0x68, 0x69, 0xc0, 0xaf], 'the bytes ws refused are kept for the user to see');
  const snapshot = connection.snapshot();
  assert.equal(snapshot.error?.code, 'connection/protocol-error');
  assert.match(snapshot.lifecycle.find((e) => e.kind === 'protocol-violation')!.detail!, /server frame 1: RFC 6455 §8\.1 \(a receiver must close with 1007\)/);
  const sentClose = entries.find((e) => e.kind === 'close' && e.direction === 'out');
  assert.equal(sentClose?.wire?.frames[0]?.closeCode, 1007, 'ws failed the connection with 1007, as the decoder said it must');
});

test('invalid UTF-8 split across fragments: the refused message is read back, with the offset and the fragment', async (t) => {
  const server = await rawServer(t, (socket) => {
    socket.write(Buffer.concat([encodeFrame({ opcode: 1, fin: false, payload: Buffer.from([0x61, 0xe2, 0x82]) }), encodeFrame({ opcode: 0, payload: Buffer.from([0x28, 0x62]) })]));
    socket.once('data', () => socket.end());
  });
  const connection = await connectTo(t, server.url);
  await until(connection, () => connection.snapshot().state === 'closed');
  const bad = connection.log.tail(10).find((e) => e.undelivered);
  assert.ok(bad);
  assert.deepEqual(bad.wire!.violations.map((v) => v.message), ['Text message 0 is not valid UTF-8 at byte 3 (in its fragment 2).']);
  const violations = connection.snapshot().lifecycle.filter((e) => e.kind === 'protocol-violation');
  assert.deepEqual(violations.map((e) => e.detail?.replace(/:.*/, '')), ['server frame 1'], 'reported once, on the fragment that holds the bad byte');
});

test('a text message over many TCP reads: the bytes ws refused are still there to find the bad one', async (t) => {
  const text = Buffer.alloc(40_000, 0x61);
  text[31_000] = 0xff;
  const frame = encodeFrame({ opcode: 1, payload: text });
  const server = await rawServer(t, (socket) => {
    socket.setNoDelay(true);
    let at = 0;
    const next = () => {
      if (at >= frame.length) return;
      socket.write(frame.subarray(at, (at += 2000)));
      setTimeout(next, 1);
    };
    next();
    socket.once('data', () => socket.end());
  });
  const connection = await connectTo(t, server.url);
  await until(connection, () => connection.snapshot().state === 'closed');
  const bad = connection.log.tail(10).find((e) => e.undelivered);
  assert.ok(bad);
  assert.deepEqual(bad.wire!.violations.map((v) => v.message), ['Text message 0 is not valid UTF-8 at byte 31000.']);
  assert.equal(bad.payload.length, 40_000);
});

test('compressed text that inflates to invalid UTF-8 is flagged too, without an offset', async (t) => {
  const compressed = deflateRawSync(Buffer.from([0x68, 0xc0, 0xaf]), { finishFlush: constants.Z_SYNC_FLUSH });
  const server = await rawServer(
    t,
    (socket) => {
      socket.write(encodeFrame({ opcode: 1, rsv1: true, payload: compressed.subarray(0, compressed.length - 4) }));
      socket.once('data', () => socket.end());
    },
    ['Sec-WebSocket-Extensions: permessage-deflate'],
  );
  const connection = await connectTo(t, server.url);
  await until(connection, () => connection.snapshot().state === 'closed');
  const bad = connection.log.tail(10).find((e) => e.undelivered);
  assert.ok(bad);
  assert.equal(bad.wire?.compressed, true);
  assert.deepEqual(bad.wire!.violations.map((v) => v.message), ['Text message 0 is not valid UTF-8 once inflated: ws refused it.']);
});

test('an invalid close reason does not get a valid text message blamed for it', async (t) => {
  const server = await rawServer(t, (socket) => {
    socket.write(Buffer.concat([encodeFrame({ opcode: 8, payload: Buffer.from([0x03, 0xe8, 0xc0, 0xaf]) }), encodeFrame({ opcode: 1, payload: 'fine' })]));
    socket.once('data', () => socket.end());
  });
  const connection = await connectTo(t, server.url);
  await until(connection, () => connection.snapshot().state === 'closed');
  const entries = connection.log.tail(10);
  const close = entries.find((e) => e.kind === 'close' && e.direction === 'in');
  assert.deepEqual(close?.wire?.violations.map((v) => `${v.rfc}/${v.closeCode}`), ['5.5.1/1007']);
  // The text is flagged for coming after the close frame, never for the reason's bad UTF-8.
  for (const entry of entries) if (entry.kind === 'text') assert.deepEqual(entry.wire?.violations.map((v) => v.rfc) ?? [], ['5.5.1'], `"${text(entry.payload)}" is not blamed`);
});

test('a server that closes with an invalid code is flagged, and ws answers 1002 as the decoder says', async (t) => {
  const server = await rawServer(t, (socket) => {
    socket.write(encodeFrame({ opcode: 8, payload: encodeClosePayload(1005, 'nope') }));
    socket.end();
  });
  const connection = await connectTo(t, server.url);
  await until(connection, () => connection.snapshot().state === 'closed');
  const received = connection.log.tail(5).find((e) => e.kind === 'close' && e.direction === 'in')!;
  assert.deepEqual(received.wire!.violations.map((v) => `${v.rfc}/${v.closeCode}`), ['7.4.1/1002']);
  assert.equal(connection.snapshot().close?.initiatedBy, 'server');
  assert.equal(connection.log.tail(5).find((e) => e.kind === 'close' && e.direction === 'out')?.wire?.frames[0]?.closeCode, 1002);
});

test('a host name is resolved and the DNS answer is in the lifecycle', async (t) => {
  // No host: listen on every address, so "localhost" works whichever family it resolves to.
  const wss = new WebSocketServer({ port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  t.after(() => wss.close());
  const connection = await connectTo(t, `ws://localhost:${(wss.address() as { port: number }).port}/`);
  const dns = connection.snapshot().lifecycle.find((e) => e.kind === 'dns-resolved');
  assert.match(dns?.detail ?? '', /^localhost → (127\.0\.0\.1|::1) \(IPv[46]\) in \d+\.\d ms$/);
});

test('a data frame after the server\'s close frame is flagged (RFC 6455 §5.5.1) and logged with its bytes, though ws discards it', async (t) => {
  const server = await rawServer(t, (socket) => {
    socket.on('data', () => {}); // our close frame
    socket.write(Buffer.concat([encodeFrame({ opcode: 8, payload: encodeClosePayload(1001, 'bye') }), encodeFrame({ opcode: 1, payload: 'late' })]));
  });
  const connection = await connectTo(t, server.url);
  await until(connection, () => connection.snapshot().state === 'closed');
  const late = connection.log.range(1, 10).find((e) => e.direction === 'in' && e.kind === 'text');
  assert.equal(text(late?.payload ?? new Uint8Array()), 'late');
  assert.deepEqual(late?.wire?.violations.map((v) => `${v.rfc}/${v.closeCode}`), ['5.5.1/null']);
  assert.match(late?.undelivered?.reason ?? '', /after the server's close frame/);
  assert.equal(connection.snapshot().close?.code, 1001);
});
