import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formDecode } from './formDecode';

test('a query word is read as a server reads it: escapes decoded, + a space', () => {
  assert.equal(formDecode('access%5Ftoken'), 'access_token');
  assert.equal(formDecode('a+b%2Bc'), 'a b+c');
});

test('a broken escape is taken as written, not thrown', () => {
  assert.equal(formDecode('to%ken'), 'to%ken');
});
