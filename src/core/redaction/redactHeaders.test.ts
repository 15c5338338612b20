import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactExportedHeaders, redactHeaders, redactHeaderValue, redactListedHeaders } from './redactHeaders';

test('a secret header value is hidden, its auth scheme kept', () => {
  assert.equal(redactHeaderValue('Authorization', 'Bearer abc.def'), 'Bearer ***');
  assert.equal(redactHeaderValue('proxy-authorization', 'Basic YWxpY2U6cHc='), 'Basic ***');
  assert.equal(redactHeaderValue('Authorization', 'abc-without-scheme'), '***');
  assert.equal(redactHeaderValue('Cookie', 'sid=1; theme=dark'), '***');
  assert.equal(redactHeaderValue('X-Api-Key', 'Bearer looks-like-a-scheme'), '***');
  assert.equal(redactHeaderValue('Accept', 'text/plain'), 'text/plain');
  assert.equal(redactHeaderValue('X-Tenant', 'acme', ['x-tenant']), '***');
});

test('a header list: credentials hidden, the rest and the order kept', () => {
  const headers = [['Host', 'h'], ['Authorization', 'Bearer t0ken'], ['X-Tenant', 'acme']] as const;
  assert.deepEqual(redactHeaders(headers), [['Host', 'h'], ['Authorization', 'Bearer ***'], ['X-Tenant', 'acme']]);
  assert.deepEqual(redactHeaders(headers, ['X-Tenant']), [['Host', 'h'], ['Authorization', 'Bearer ***'], ['X-Tenant', '***']]);
  assert.deepEqual(redactHeaders(undefined), []);
});

test('listed headers only: a secret subprotocol echoed, Set-Cookie left for the live panel', () => {
  const response = [['Sec-WebSocket-Protocol', 'bearer.s3cret'], ['Set-Cookie', 'sid=1']] as const;
  assert.deepEqual(redactListedHeaders(response, ['sec-websocket-protocol']), [['Sec-WebSocket-Protocol', '***'], ['Set-Cookie', 'sid=1']]);
  assert.deepEqual(redactListedHeaders(response, []), response);
});

test('exported headers: credentials set by the server hidden too', () => {
  const response = [['Set-Cookie', 'sid=1'], ['WWW-Authenticate', 'Bearer realm="x"'], ['Upgrade', 'websocket']] as const;
  assert.deepEqual(redactExportedHeaders(response), [['Set-Cookie', '***'], ['WWW-Authenticate', '***'], ['Upgrade', 'websocket']]);
});
