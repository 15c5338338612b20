import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, deflateRawSync } from 'node:zlib';
import { encodeFrame } from '../protocol/frameEncoder';
import { connectTo, until } from '../testing/clientTesting';
import { startRawServer } from '../testing/rawServer';

/** One deflated text frame (RFC 7692 §7.2.1: the flush's empty-block tail removed). */
function deflatedFrame(text: string): Uint8Array {
  const flushed = deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_SYNC_FLUSH });
  return encodeFrame({ opcode: 1, payload: flushed.subarray(0, flushed.length - 4), rsv1: true });
}

// ws inflates one message at a time and pauses the socket while it waits; what Node has read by
// then stays in the socket's buffer, and when the socket closes ws reads it with socket.read(),
// which emits no 'data' event once the socket has closed. The tap must decode those bytes too.
test('aborted with a backlog of compressed messages: every message ws still delivers is logged with its frames', async (t) => {
  const frame = deflatedFrame('{"seq":1,"price":101.5,"side":"buy"} '.repeat(4));
  const flood = Buffer.concat(Array.from({ length: 20_000 }, () => frame));
  const server = await startRawServer(
    (socket) => {
      socket.on('error', () => {}); // the client resets the connection when it aborts
      socket.write(flood);
    },
    ['Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover'],
  );
  t.after(() => server.close());
  const connection = await connectTo(t, server.url, { perMessageDeflate: true });
  await until(connection, () => connection.log.length >= 10);
  const finished = new Promise<void>((resolve) => connection.onDidFinish(() => resolve()));
  connection.abort();
  await finished;
  const entries = connection.log.range(connection.log.firstId, connection.log.length);
  const withoutFrames = entries.filter((entry) => !entry.wire);
  assert.equal(withoutFrames.length, 0, `${withoutFrames.length} of ${entries.length} messages have no frames, the first is #${withoutFrames[0]?.id}`);
  entries.forEach((entry, k) => assert.equal(entry.wire!.frames[0]!.messageIndex, k, `entry ${entry.id} is the tap's message ${k}`));
});
