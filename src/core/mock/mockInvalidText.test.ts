import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { encodeFrame } from '../protocol/frameEncoder';
import { MockServer } from './mockServer';

// ws's Receiver unmasks a client's payload in place when it lies inside one TCP chunk, in the very
// chunk the tap keeps to read a refused message back: the tap must not unmask it a second time.
test('invalid UTF-8 from a client in one chunk: the mock logs the bytes the client sent and the bad byte', async (t) => {
  const server = await MockServer.start({ definition: { paths: [{ path: '/' }] } });
  t.after(() => server.close());
  const connected = new Promise<string>((resolve) => server.onDidEvent((e) => e.type === 'connected' && resolve(e.client.id)));
  const ws = new WebSocket(`${server.url}/`);
  t.after(() => ws.terminate());
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const client = server.client(await connected)!;
  const closed = new Promise<void>((resolve) => client.onceClosed(resolve));
  ws.on('error', () => {});
  // 61 62 FF is invalid at byte 2; masked a second time with this key it would read 60 63 7F, valid ASCII.
  const socket = (ws as unknown as { _socket: { write(bytes: Uint8Array): void } })._socket;
  socket.write(encodeFrame({ opcode: 1, payload: Uint8Array.of(0x61, 0x62, 0xff), mask: Uint8Array.of(0x01, 0x01, 0x80, 0x00) }));
  await closed;
  const refused = client.log.tail(10).find((e) => e.direction === 'in' && e.undelivered);
  assert.ok(refused, 'the refused message is logged');
  assert.deepEqual([...refused.payload], [0x61, 0x62, 0xff]);
  assert.deepEqual(refused.wire!.violations.map((v) => `${v.rfc}/${v.closeCode}: ${v.message}`), ['8.1/1007: Text message 0 is not valid UTF-8 at byte 2.']);
});
