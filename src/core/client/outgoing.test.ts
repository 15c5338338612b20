import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesFromBase64, bytesFromHex, controlPayload, fragmentsOf } from './outgoing';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

test('hex as people paste it', () => {
  assert.equal(hex(bytesFromHex('48 65 6c 6c 6f')), '48656c6c6f');
  assert.equal(hex(bytesFromHex('0x48,0x65:6C-6c\n6F')), '48656c6c6f');
  assert.equal(bytesFromHex('').length, 0);
  assert.throws(() => bytesFromHex('48 6g'), /"g" at character 5 is not a hex digit/);
  assert.throws(() => bytesFromHex('486'), /odd number of hex digits \(3\): the digit "6" at character 3/);
});

test('base64, standard and URL-safe, refusing what Node would skip', () => {
  assert.equal(hex(bytesFromBase64('SGVsbG8=')), '48656c6c6f');
  assert.equal(hex(bytesFromBase64('SGVs bG8')), '48656c6c6f');
  assert.equal(hex(bytesFromBase64('-_8')), 'fbff');
  assert.throws(() => bytesFromBase64('SGVs*G8='), /"\*" is not a base64 character/);
  assert.throws(() => bytesFromBase64('SG=Vs'), /padding/);
  assert.throws(() => bytesFromBase64('SGVsb'), /cut off/);
});

test('fragments are nearly equal and cover the payload in order', () => {
  const parts = fragmentsOf(Uint8Array.from([1, 2, 3, 4, 5, 6, 7]), 3);
  assert.deepEqual(parts.map((p) => [...p]), [[1, 2, 3], [4, 5], [6, 7]]);
  assert.deepEqual(fragmentsOf(new Uint8Array(0), 1).map((p) => p.length), [0]);
  assert.throws(() => fragmentsOf(new Uint8Array(2), 3), /at most 2/);
  assert.throws(() => fragmentsOf(new Uint8Array(2), 1.5), /whole number/);
});

test('control payloads stop at 125 bytes', () => {
  assert.equal(controlPayload(undefined).length, 0);
  assert.equal(controlPayload('x'.repeat(125)).length, 125);
  assert.throws(() => controlPayload(new Uint8Array(126)), /at most 125 bytes .* this one has 126/);
});
