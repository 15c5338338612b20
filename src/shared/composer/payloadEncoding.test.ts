import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToBase64, parseBase64, parseHex, utf8ByteLength } from './payloadEncoding';

const bytes = (r: ReturnType<typeof parseHex>) => (r.ok ? Buffer.from(r.value).toString('hex') : `error: ${r.error}`);

test('hex as people paste it', () => {
  assert.equal(bytes(parseHex('48 65 6c 6c 6f')), '48656c6c6f');
  assert.equal(bytes(parseHex('0x48,0x65:6C-6c\n6F')), '48656c6c6f');
  assert.equal(bytes(parseHex('')), '');
});

test('bad hex names the character and where it is', () => {
  assert.match(bytes(parseHex('48 6g')), /"g" at character 5 is not a hex digit/);
  assert.match(bytes(parseHex('48\n6z')), /"z" at line 2, column 2/);
  assert.match(bytes(parseHex('486')), /odd number of hex digits \(3\): the digit "6" at character 3/);
  assert.match(bytes(parseHex('48\t\u0001')), /U\+0001 at character 4/);
});

test('base64, standard and URL-safe, padding optional', () => {
  assert.equal(bytes(parseBase64('SGVsbG8=')), '48656c6c6f');
  assert.equal(bytes(parseBase64('SGVs bG8')), '48656c6c6f');
  assert.equal(bytes(parseBase64('-_8')), 'fbff');
  assert.equal(bytes(parseBase64('')), '');
});

test('bad base64 names the character, the position, or says it is cut off', () => {
  assert.match(bytes(parseBase64('SGVs*G8=')), /"\*" at character 5 is not a base64 character/);
  assert.match(bytes(parseBase64('SG=Vs')), /Padding \("="\) in the middle, before "V" at character 4/);
  assert.match(bytes(parseBase64('SGVsb')), /cut off/);
  assert.match(bytes(parseBase64('SGVsbG8==')), /cut off/);
});

test('bytes to base64 agrees with Node for every length mod 3', () => {
  for (const n of [0, 1, 2, 3, 4, 5, 255]) {
    const data = Uint8Array.from({ length: n }, (_, k) => (k * 37 + 11) & 0xff);
    assert.equal(bytesToBase64(data), Buffer.from(data).toString('base64'), `length ${n}`);
    const back = parseBase64(bytesToBase64(data));
    assert.ok(back.ok && Buffer.from(back.value).equals(Buffer.from(data)));
  }
});

test('UTF-8 length counts bytes, not characters', () => {
  for (const text of ['', 'abc', 'é', '€', '😀', 'a€😀\u0000']) assert.equal(utf8ByteLength(text), Buffer.byteLength(text), text);
});
