import { test } from 'node:test';
import assert from 'node:assert/strict';
import { malformedRequestError, requestIdOf } from './messageChecks';

test('a malformed request with a usable requestId can still be answered, with the reason', () => {
  assert.equal(requestIdOf({ type: 'log/range', requestId: 7, start: -1 }), 7);
  assert.equal(requestIdOf({ type: 'log/range', requestId: -7 }), undefined);
  assert.equal(requestIdOf('log/range'), undefined);
  assert.equal(requestIdOf([1]), undefined);
  const error = malformedRequestError('start must be a non-negative integer');
  assert.equal(error.code, 'protocol/malformed');
  assert.match(error.message, /\(start must be a non-negative integer\)\. Close and reopen the panel/);
});
