import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scrubValues } from './scrubValues';

test('known secret values are hidden wherever they appear, as written and percent-encoded', () => {
  assert.equal(scrubValues('"ws://h/?t=s3cr3t" and s3cr3t again', ['s3cr3t']), '"ws://h/?t=***" and *** again');
  assert.equal(scrubValues('ws://h/?t=a%20b%2Fc', ['a b/c']), 'ws://h/?t=***');
});

test('a value that contains another is hidden whole, not left half shown', () => {
  assert.equal(scrubValues('token abcdef', ['abc', 'abcdef']), 'token ***');
});

test('an empty value hides nothing, and no values leave the text as it was', () => {
  assert.equal(scrubValues('plain message', ['']), 'plain message');
  assert.equal(scrubValues('plain message', []), 'plain message');
});

test('a value quoted inside JSON text is hidden in its escaped form too', () => {
  assert.equal(scrubValues('Bad config: {"password":"p\\"w\\\\1"}', ['p"w\\1']), 'Bad config: {"password":"***"}');
});
