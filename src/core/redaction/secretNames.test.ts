import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretHeader, isSecretParam } from './secretNames';

test('secret headers: the usual ones, names that say so, and the ones listed', () => {
  for (const name of ['Authorization', 'cookie', 'Proxy-Authorization', 'X-API-Key', 'x-api_key', 'X-Auth-Token', 'X-Session-Id', 'X-Client-Secret']) assert.ok(isSecretHeader(name), name);
  for (const name of ['Accept', 'X-Request-Id', 'User-Agent', 'Origin', 'Set-Cookie']) assert.ok(!isSecretHeader(name), name);
  assert.ok(isSecretHeader('X-Tenant', ['x-tenant']));
});

test('secret query parameters: names like secret headers, and the usual short ones', () => {
  for (const name of ['token', 'access_token', 'id_token', 'api_key', 'key', 'sig', 'jwt', 'code', 'password', 'Session']) assert.ok(isSecretParam(name), name);
  for (const name of ['room', 'page', 'keyboard', 'v', 'encoding']) assert.ok(!isSecretParam(name), name);
});
