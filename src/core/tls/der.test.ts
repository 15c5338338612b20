import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bitString, explicit, implicitPrimitive, oid, sequence, setOf, smallInteger, tlv, unsignedInteger, x509Time } from './der';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

test('lengths take the short form below 128 and the long form from 128 (X.690 §8.1.3)', () => {
  assert.equal(hex(tlv(0x04, new Uint8Array(127))).slice(0, 4), '047f');
  assert.equal(hex(tlv(0x04, new Uint8Array(128))).slice(0, 6), '048180');
  assert.equal(hex(tlv(0x04, new Uint8Array(300))).slice(0, 8), '0482012c');
  assert.equal(hex(sequence()), '3000');
});

test('integers are minimal and stay positive', () => {
  assert.equal(hex(smallInteger(0)), '020100');
  assert.equal(hex(smallInteger(2)), '020102');
  assert.equal(hex(smallInteger(128)), '02020080');
  assert.equal(hex(smallInteger(65535)), '020300ffff');
  assert.equal(hex(unsignedInteger(Uint8Array.of(0, 0, 0x7f))), '02017f');
  assert.equal(hex(unsignedInteger(Uint8Array.of(0xff, 1))), '020300ff01');
  assert.throws(() => smallInteger(-1), RangeError);
});

test('object identifiers as in RFC 5280 and X.690 §8.19', () => {
  assert.equal(hex(oid('2.5.4.3')), '0603550403');
  assert.equal(hex(oid('1.2.840.10045.4.3.2')), '06082a8648ce3d040302');
  assert.equal(hex(oid('1.3.6.1.5.5.7.3.1')), '06082b06010505070301');
  assert.throws(() => oid('3.1'), /not an object identifier/);
  assert.throws(() => oid('1'), /not an object identifier/);
});

test('times: UTCTime through 2049, GeneralizedTime from 2050, whole seconds in UTC', () => {
  assert.equal(x509Time(new Date('2025-03-04T05:06:07.890Z')).toString('latin1').slice(2), '250304050607Z');
  assert.equal(x509Time(new Date('2025-03-04T05:06:07Z'))[0], 0x17);
  const late = x509Time(new Date('2050-01-01T00:00:00Z'));
  assert.equal(late[0], 0x18);
  assert.equal(late.toString('latin1').slice(2), '20500101000000Z');
});

test('bit strings, tagging and sets', () => {
  assert.equal(hex(bitString(Uint8Array.of(0x80), 7)), '03020780');
  assert.equal(hex(explicit(0, smallInteger(2))), 'a003020102');
  assert.equal(hex(implicitPrimitive(7, Uint8Array.of(127, 0, 0, 1))), '87047f000001');
  assert.equal(hex(setOf(smallInteger(2), smallInteger(1))), '3106020101020102', 'DER sorts a SET OF');
});
