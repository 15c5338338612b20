import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFrame } from '../core/protocol/frameEncoder';
import { parseFrameSpec } from './frameSpecText';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

test('a frame described field by field, masked by default as a client must', () => {
  const spec = parseFrameSpec('op=text mask=01020304 text=hi there');
  assert.equal(hex(encodeFrame(spec)), `818801020304${hex(Buffer.from('hi there').map((b, k) => b ^ [1, 2, 3, 4][k % 4]!))}`);
  assert.equal(parseFrameSpec('op=ping').mask, true);
});

test('every header field can be set to what RFC 6455 forbids', () => {
  const spec = parseFrameSpec('op=11 fin=0 rsv1=1 rsv2=1 rsv3=1 mask=none len=64 declared=3 hex=00ff');
  assert.equal(hex(encodeFrame(spec)), '7b7f000000000000000300ff');
  assert.equal(parseFrameSpec('op=cont').opcode, 0);
});

test('bad descriptions say what to write', () => {
  assert.throws(() => parseFrameSpec('fin=1'), /op= is required/);
  assert.throws(() => parseFrameSpec('op=16'), /from 0 to 15/);
  assert.throws(() => parseFrameSpec('op=text fin=2'), /fin=2: use 0 or 1/);
  assert.throws(() => parseFrameSpec('op=text mask=0102'), /4 bytes/);
  assert.throws(() => parseFrameSpec('op=text len=32'), /7, 16 or 64/);
  assert.throws(() => parseFrameSpec('op=text colour=red'), /Unknown key "colour"/);
  assert.throws(() => parseFrameSpec('op=text oops'), /"oops" is not key=value/);
});
