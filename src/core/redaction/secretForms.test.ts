import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretForms } from './secretForms';

test('a secret is looked for as written, percent-encoded and JSON-escaped, longest form first', () => {
  assert.deepEqual(secretForms(['a "b"/c']), ['a%20%22b%22%2Fc', 'a \\"b\\"/c', 'a "b"/c']);
});

test('forms shared by values appear once, and empty values give none', () => {
  assert.deepEqual(secretForms(['abc', 'abc', '']), ['abc']);
  assert.deepEqual(secretForms([]), []);
});
