import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSubprotocols } from './redactSubprotocols';

test('a token passed as the subprotocol after one that names it is hidden, the name kept', () => {
  assert.deepEqual(redactSubprotocols(['graphql-ws', 'access_token', 'eyJ.tok.sig']), ['graphql-ws', 'access_token', '***']);
  assert.deepEqual(redactSubprotocols(['Authorization', 'b3arer-tok']), ['Authorization', '***']);
});

test('subprotocols that are only names are shown as they are', () => {
  assert.deepEqual(redactSubprotocols(['mqtt', 'v12.stomp']), ['mqtt', 'v12.stomp']);
  assert.deepEqual(redactSubprotocols([]), []);
});
