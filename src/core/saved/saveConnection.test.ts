import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSavedConnections } from './parseSavedConnections';
import { addToSavedFile, savedFromUrl, secretName } from './saveConnection';

test('a URL password goes to a secret; the saved URL references it and never holds it', () => {
  const { connection, secrets } = savedFromUrl('My Server', new URL('wss://ada:p%40ss-w0rd@example.com/ws?x=1'));
  assert.deepEqual(secrets, [{ name: 'my-server.password', value: 'p@ss-w0rd' }]);
  assert.equal(connection.url, 'wss://ada:${secret:my-server.password}@example.com/ws?x=1');
  const text = addToSavedFile(undefined, connection);
  assert.doesNotMatch(text, /p%40ss|p@ss|w0rd/);
  assert.ok(parseSavedConnections(text).ok, 'what is written reads back');
});

test('a URL without a password is saved as it is', () => {
  assert.deepEqual(savedFromUrl('a', new URL('ws://127.0.0.1:1/x')), { connection: { name: 'a', url: 'ws://127.0.0.1:1/x' }, secrets: [] });
});

test('adding keeps the other keys and connections, and replaces one of the same name', () => {
  const before = JSON.stringify({ $schema: 's', variables: { v: '1' }, connections: [{ name: 'a', url: 'ws://old' }, { name: 'b', url: 'ws://b' }] });
  const after = JSON.parse(addToSavedFile(before, { name: 'a', url: 'ws://new' }));
  assert.deepEqual(after, { $schema: 's', variables: { v: '1' }, connections: [{ name: 'b', url: 'ws://b' }, { name: 'a', url: 'ws://new' }] });
});

test('a broken file is not overwritten: the error says to fix it', () => {
  assert.throws(() => addToSavedFile('{ nope', { name: 'a', url: 'ws://a' }), /not valid JSON.*Fix it/);
  assert.throws(() => addToSavedFile('[]', { name: 'a', url: 'ws://a' }), /must hold an object/);
});

test('secret names are slugs', () => {
  assert.equal(secretName('  Prod API / EU '), 'prod-api-eu');
  assert.equal(secretName('***'), 'connection');
});
