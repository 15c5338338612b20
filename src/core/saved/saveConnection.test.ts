import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseSavedConnections } from './parseSavedConnections';
import { secretName } from './extractedSecrets';
import { resolveSavedConnection } from './resolveSavedConnection';
import { addToSavedFile, removeFromSavedFile, type SaveableOptions, savedFromOptions, withoutSavedConnection } from './saveConnection';

test('a URL password goes to a secret; the saved URL references it and never holds it', () => {
  const { connection, secrets } = savedFromOptions('My Server', { url: new URL('wss://ada:p%40ss-w0rd@example.com/ws?x=1') });
  assert.deepEqual(secrets, [{ name: 'my-server.password', value: 'p@ss-w0rd' }]);
  assert.equal(connection.url, 'wss://ada:${secret:my-server.password}@example.com/ws?x=1');
  const text = addToSavedFile(undefined, connection);
  assert.doesNotMatch(text, /p%40ss|p@ss|w0rd/);
  assert.ok(parseSavedConnections(text).ok, 'what is written reads back');
});

test('a URL without a password is saved as it is', () => {
  assert.deepEqual(savedFromOptions('a', { url: new URL('ws://127.0.0.1:1/x') }), { connection: { name: 'a', url: 'ws://127.0.0.1:1/x' }, secrets: [], notSaved: [] });
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

test('removing keeps the other keys and connections as written; a name not there, or a broken file, is refused', () => {
  const before = JSON.stringify({ $schema: 's', variables: { v: '1' }, connections: [{ name: 'a', url: 'ws://a', extra: 1 }, { name: 'b', url: 'ws://b' }] });
  assert.deepEqual(JSON.parse(removeFromSavedFile(before, 'b')), { $schema: 's', variables: { v: '1' }, connections: [{ name: 'a', url: 'ws://a', extra: 1 }] });
  assert.throws(() => removeFromSavedFile(before, 'c'), (e: Error & { code?: string }) => e.code === 'saved/unknown' && /no connection called "c"/.test(e.message));
  assert.throws(() => removeFromSavedFile('{ nope', 'a'), /not valid JSON.*Fix it, then remove/);
  assert.deepEqual(withoutSavedConnection({ connections: [{ name: 'a', url: 'ws://a' }] }, 'a'), { connections: [] });
});

test('secret names are slugs', () => {
  assert.equal(secretName('  Prod API / EU '), 'prod-api-eu');
  assert.equal(secretName('***'), 'connection');
});

/** Saves `options` as "My Server", then resolves what was saved with the extracted secrets. */
function roundTrip(options: SaveableOptions) {
  const saved = savedFromOptions('My Server', options);
  const text = addToSavedFile(undefined, saved.connection);
  const check = parseSavedConnections(text);
  assert.ok(check.ok, `what is written reads back: ${JSON.stringify(check)}`);
  const secrets = new Map(saved.secrets.map((s) => [s.name, s.value]));
  const resolution = resolveSavedConnection(check.saved.connections[0]!, {}, { env: () => undefined, secret: (name) => secrets.get(name) });
  assert.ok(resolution.ok, `it resolves: ${JSON.stringify(resolution)}`);
  return { saved, text, resolved: resolution.connection };
}

test('secret query values go to secrets named after the connection and parameter; other parameters stay', () => {
  const { connection, secrets } = savedFromOptions('My Server', { url: new URL('wss://example.com/ws?room=7&token=t0k3n&api_key=k3y&sig=s%2Bg%3D') });
  assert.equal(connection.url, 'wss://example.com/ws?room=7&token=${secret:my-server.query.token}&api_key=${secret:my-server.query.api_key}&sig=${secret:my-server.query.sig}');
  assert.deepEqual(secrets, [
    { name: 'my-server.query.token', value: 't0k3n' },
    { name: 'my-server.query.api_key', value: 'k3y' },
    { name: 'my-server.query.sig', value: 's+g=' },
  ]);
  assert.doesNotMatch(addToSavedFile(undefined, connection), /t0k3n|k3y|s%2Bg/);
});

test('save then resolve with the secret values gives the URL that was typed, even for values URLs must encode', () => {
  const typed = [
    'wss://ada:p%40ss%2Fw%23rd@example.com/ws?room=7&token=a%2Bb%2Fc%3D%26d&access_token=x%20y&token=second',
    'ws://127.0.0.1:9001/?jwt=eyJ.eyJ.sig&code=42&x=%24%7Bnot-a-reference%7D',
    'wss://example.com/a?sig=plus+space&empty_token=&flag',
  ];
  for (const href of typed) {
    const { saved, resolved } = roundTrip({ url: new URL(href) });
    // A "+" that means a space comes back as %20, which every server reads the same.
    assert.equal(resolved.url.href, new URL(href).href.replace('plus+space', 'plus%20space'), href);
    assert.deepEqual([...resolved.url.searchParams], [...new URL(href).searchParams], `${href}: the server reads the same parameters`);
    for (const secret of saved.secrets) assert.ok(!saved.connection.url.includes(encodeURIComponent(secret.value)), `${secret.name} is not written`);
  }
});

test('a repeated secret parameter gets a secret of its own for each value', () => {
  const { secrets } = savedFromOptions('a', { url: new URL('ws://h/?token=one&token=two') });
  assert.deepEqual(secrets, [{ name: 'a.query.token', value: 'one' }, { name: 'a.query.token-2', value: 'two' }]);
});

test('a literal "${" in a typed URL is written %24{, so it is not read as a reference', () => {
  const { connection } = savedFromOptions('a', { url: new URL('ws://h/${x}?q=${y}') });
  assert.equal(connection.url, 'ws://h/$%7Bx%7D?q=%24{y}', 'the path has it encoded already; the query gets %24');
  assert.ok(parseSavedConnections(addToSavedFile(undefined, connection)).ok);
});

test('headers, auth, cookies, origin and secret subprotocols are saved; each secret value goes to a secret', () => {
  const { saved, text, resolved } = roundTrip({
    url: new URL('wss://api.example.com/feed'),
    query: { token: 'q-s3cret', lang: 'en' },
    headers: { 'X-Client': 'lens', 'X-Api-Key': 'h-s3cret', 'X-Ticket': 't-s3cret' },
    secretHeaders: ['X-Ticket', 'Sec-WebSocket-Protocol'],
    protocols: ['bearer.p-s3cret', 'chat.v1'],
    origin: 'https://app.example.com',
    auth: { kind: 'bearer', token: 'b-s3cret' },
    cookies: { session: 'c-s3cret' },
  });
  assert.doesNotMatch(text, /s3cret/, 'no secret value in the file');
  assert.equal(saved.connection.headers?.Authorization, 'Bearer ${secret:my-server.header.authorization}', 'the auth scheme stays readable');
  assert.equal(saved.connection.headers?.['X-Client'], 'lens');
  assert.equal(resolved.url.href, 'wss://api.example.com/feed?token=q-s3cret&lang=en');
  assert.deepEqual(resolved.headers, {
    'X-Client': 'lens',
    'X-Api-Key': 'h-s3cret',
    'X-Ticket': 't-s3cret',
    Origin: 'https://app.example.com',
    Authorization: 'Bearer b-s3cret',
    Cookie: 'session=c-s3cret',
  });
  assert.deepEqual(resolved.protocols, ['bearer.p-s3cret', 'chat.v1']);
  assert.deepEqual(resolved.secretHeaders.sort(), ['Authorization', 'Cookie', 'Sec-WebSocket-Protocol', 'X-Api-Key', 'X-Ticket'], 'what came from secrets is still treated as secret');
});

test('Basic auth is saved as its header, the credentials in a secret', () => {
  const { saved, text, resolved } = roundTrip({ url: new URL('ws://h/'), auth: { kind: 'basic', username: 'ada', password: 'hunter2' } });
  const encoded = Buffer.from('ada:hunter2').toString('base64');
  assert.ok(!text.includes(encoded) && !text.includes('hunter2'));
  assert.deepEqual(saved.secrets, [{ name: 'my-server.header.authorization', value: encoded }]);
  assert.equal(resolved.headers.Authorization, `Basic ${encoded}`);
});

test('TLS settings are saved, the passphrase as a secret reference', () => {
  const tls = { pfxFile: '/certs/client.p12', passphrase: 'pfx-s3cret', serverName: 'internal.example', insecure: true, caFile: '/certs/ca.pem' };
  const { saved, text, resolved } = roundTrip({ url: new URL('wss://10.0.0.1/'), tls });
  assert.doesNotMatch(text, /pfx-s3cret/);
  assert.deepEqual(saved.connection.tls, { caFile: '/certs/ca.pem', pfxFile: '/certs/client.p12', passphrase: '${secret:my-server.tls.passphrase}', insecure: true, servername: 'internal.example' });
  assert.deepEqual(saved.notSaved, []);
  assert.deepEqual({ ...resolved.tls }, { ...tls, certFile: undefined, keyFile: undefined });
});

test('a mock\'s temporary certificate is not saved, and the result says so and what to do', () => {
  const temporary = join(tmpdir(), 'socket-lens-mock-Ab12Cd', 'certificate.pem');
  const { connection, notSaved } = savedFromOptions('mock', { url: new URL('wss://127.0.0.1:4000/'), tls: { caFile: temporary } });
  assert.equal(connection.tls, undefined);
  assert.equal(notSaved.length, 1);
  assert.match(notSaved[0]!, /temporary file.*set "tls.caFile".*"tls.insecure": true/);
});

test('options that could never connect are refused with the reason, nothing half-saved', () => {
  assert.throws(() => savedFromOptions('a', { url: new URL('ws://h/'), headers: { 'Bad Name': 'x' } }), /"Bad Name" is not a valid header name/);
});
