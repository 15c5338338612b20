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

test('a JWT or an opaque token offered alone as a subprotocol is hidden', () => {
  assert.deepEqual(redactSubprotocols(['graphql-ws', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg']), ['graphql-ws', '***', '***'], 'a JWT or an opaque token offered alone');
});
