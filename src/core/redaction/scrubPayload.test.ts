import assert from 'node:assert/strict';
import { test } from 'node:test';
import { payloadNeedles, scrubPayload } from './scrubPayload';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

test('every occurrence of a secret is hidden, as written, percent-encoded and JSON-escaped', () => {
  const needles = payloadNeedles(['tok/"4711"']);
  const payload = Buffer.from(`a tok/"4711" b tok%2F%224711%22 c {"t":"tok/\\"4711\\""} d tok/"4711"`);
  assert.equal(text(scrubPayload(payload, needles)), 'a *** b *** c {"t":"***"} d ***');
});

test('a value that holds another is hidden whole; empty values hide nothing', () => {
  assert.equal(text(scrubPayload(Buffer.from('key=abc-123'), payloadNeedles(['abc', 'abc-123', '']))), 'key=***');
});

test('a payload without secrets is returned as it is, not copied', () => {
  const payload = new Uint8Array(Buffer.from('nothing to hide'));
  assert.equal(scrubPayload(payload, payloadNeedles(['secret'])), payload);
});
