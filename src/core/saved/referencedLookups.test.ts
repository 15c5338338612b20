// Which ${env:…} and ${secret:…} a saved connection puts within its panel's reach: its fields,
// its messages and its file's variables; anything else text from the panel names is outside.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lookupsOfSavedConnection, lookupsOutside, lookupsReachedBy } from './referencedLookups';
import type { SavedConnection } from './savedConnection';

const staging: SavedConnection = {
  name: 'Staging',
  url: 'wss://staging.example/ws?user=${env:USER}',
  headers: { Authorization: 'Bearer ${secret:api}' },
  tls: { passphrase: '${secret:key-pass}' },
  messages: [{ name: 'auth', text: '{"t":"${secret:msg-token}","r":"${var:room}"}' }],
};
const variables = { room: 'lobby-${env:ROOM_SUFFIX}', tenant: '${secret:tenant-id}' };
const names = (references: readonly { kind: string; name: string }[]) => references.map((r) => `${r.kind}:${r.name}`).sort();

test('a saved connection reaches the references of its fields, its messages and its variables', () => {
  assert.deepEqual(names(lookupsOfSavedConnection(staging, variables)), ['env:ROOM_SUFFIX', 'env:USER', 'secret:api', 'secret:key-pass', 'secret:msg-token', 'secret:tenant-id']);
  assert.deepEqual(names(lookupsOfSavedConnection({ name: 'bare', url: 'ws://a' })), []);
});

test('text from a panel may name what the connection reaches, and nothing else', () => {
  const allowed = lookupsOfSavedConnection(staging, variables);
  assert.deepEqual(lookupsOutside('${secret:api} ${var:tenant} ${env:USER}', variables, allowed), []);
  const outside = lookupsOutside('${secret:prod-token} ${env:AWS_SECRET_ACCESS_KEY} ${secret:api}', variables, allowed);
  assert.deepEqual(outside.map((r) => r.text), ['${secret:prod-token}', '${env:AWS_SECRET_ACCESS_KEY}']);
});

test('variables that name each other are followed once, not forever', () => {
  const looping = { a: '${var:b} ${secret:x}', b: '${var:a}' };
  assert.deepEqual(names(lookupsReachedBy(['${var:a}'], looping)), ['secret:x']);
});
