import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFrame } from '../protocol/frameEncoder';
import { FrameDecoder, type FrameRecord } from '../protocol/frameDecoder';
import { readMessagePayload, RecentChunks } from './recentChunks';

test('reads back stream bytes across chunk edges while they are held, and says when they are not', () => {
  const recent = new RecentChunks();
  const stream = Uint8Array.from({ length: 40 }, (_, k) => k);
  for (let at = 0; at < 40; at += 10) recent.add(stream.subarray(at, at + 10));
  assert.deepEqual([...recent.read(2, 35)!], [...stream.subarray(2, 35)]);
  recent.keepFrom(12);
  assert.deepEqual([...recent.read(12, 35)!], [...stream.subarray(12, 35)]);
  assert.deepEqual([...recent.read(10, 11)!], [10], 'the chunk that holds offset 12 starts at 10 and is kept whole');
  assert.equal(recent.read(9, 12), undefined, 'the first chunk is gone');
  assert.equal(recent.read(35, 41), undefined, 'past the end');
  recent.clear();
  assert.equal(recent.read(39, 40), undefined);
});

test('a message payload comes back unmasked from its frames, fragments joined', () => {
  const stream = Buffer.concat([
    encodeFrame({ opcode: 1, fin: false, payload: 'hel', mask: Uint8Array.of(1, 2, 3, 4) }),
    encodeFrame({ opcode: 9, payload: 'p', mask: Uint8Array.of(9, 9, 9, 9) }),
    encodeFrame({ opcode: 0, payload: 'lo wörld', mask: Uint8Array.of(0xff, 0, 0x10, 0x80) }),
  ]);
  const frames: FrameRecord[] = [];
  const decoder = new FrameDecoder({ frame: (f) => frames.push({ ...f }), message: () => {} }, { sender: 'client' });
  const recent = new RecentChunks();
  for (let at = 0; at < stream.length; at += 7) {
    recent.add(stream.subarray(at, at + 7));
    decoder.push(stream.subarray(at, at + 7));
  }
  const message = frames.filter((f) => f.messageIndex === 0);
  assert.equal(Buffer.from(readMessagePayload(message, (s, e) => recent.read(s, e))!).toString(), 'hello wörld');
  assert.equal(readMessagePayload(message, () => undefined), undefined);
});
