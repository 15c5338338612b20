import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccept, computeAccept, generateKey } from './handshake';

test('computes the Accept value of RFC 6455 §1.3', () => {
  assert.equal(computeAccept('dGhlIHNhbXBsZSBub25jZQ=='), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
});

test('checkAccept spots a wrong or missing Accept', () => {
  const key = 'dGhlIHNhbXBsZSBub25jZQ==';
  assert.equal(checkAccept(key, 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=').valid, true);
  assert.equal(checkAccept(key, 'AAAA').valid, false);
  assert.equal(checkAccept(key, undefined).valid, false);
});

test('generateKey makes 16-byte base64 nonces that differ', () => {
  const a = generateKey();
  assert.equal(Buffer.from(a, 'base64').length, 16);
  assert.notEqual(a, generateKey());
});
