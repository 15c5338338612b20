import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeUnresolved, referencedSecrets, type ReferenceLookups, resolveSavedConnection } from './resolveSavedConnection';
import type { SavedConnection } from './savedConnection';

function lookups(env: Record<string, string>, secrets: Record<string, string>): ReferenceLookups {
  return { env: (name) => env[name], secret: (name) => secrets[name] };
}

const staging: SavedConnection = {
  name: 'Staging',
  url: 'wss://${var:host}/socket?user=${env:USER}',
  headers: { Authorization: 'Bearer ${secret:api-token}', 'X-Tenant': '${var:tenant}', 'X-Plain': 'plain' },
  subprotocols: ['chat.v1'],
  tls: { caFile: 'certs/ca.pem', keyFile: '/abs/k.pem', certFile: 'c.pem', passphrase: '${secret:key-pass}', servername: '${var:host}' },
};
const variables = { host: 'staging.example.com', tenant: 'acme-${secret:tenant-id}' };

test('env, secret and var references resolve; secret-derived headers are marked secret', () => {
  const resolution = resolveSavedConnection(staging, variables, lookups({ USER: 'ada' }, { 'api-token': 't0k', 'key-pass': 'pw', 'tenant-id': '7' }), '/ws');
  assert.ok(resolution.ok);
  const { connection } = resolution;
  assert.equal(connection.url.href, 'wss://staging.example.com/socket?user=ada');
  assert.deepEqual(connection.headers, { Authorization: 'Bearer t0k', 'X-Tenant': 'acme-7', 'X-Plain': 'plain' });
  assert.deepEqual(connection.secretHeaders, ['Authorization', 'X-Tenant']);
  assert.deepEqual(connection.protocols, ['chat.v1']);
  assert.equal(connection.tls?.caFile, '/ws/certs/ca.pem');
  assert.equal(connection.tls?.keyFile, '/abs/k.pem');
  assert.equal(connection.tls?.passphrase, 'pw');
  assert.equal(connection.tls?.serverName, 'staging.example.com');
  assert.deepEqual(resolution.hidden, ['t0k', '7', 'pw'], 'the secrets, not the short env value "ada", go to the log to hide');
});

test('an env value long enough to be a credential is hidden in the log too', () => {
  const connection: SavedConnection = { name: 'ci', url: 'wss://ci.example/ws', headers: { 'X-Api-Key': '${env:CI_API_KEY}' } };
  const resolution = resolveSavedConnection(connection, {}, lookups({ CI_API_KEY: 'ci-key-0123456789' }, {}));
  assert.ok(resolution.ok);
  assert.deepEqual(resolution.hidden, ['ci-key-0123456789']);
});

test('every unresolved reference is reported once, by name, with no value in any message', () => {
  const resolution = resolveSavedConnection(staging, variables, lookups({}, { 'key-pass': 'pw' }));
  assert.ok(!resolution.ok);
  assert.deepEqual(
    resolution.unresolved.map((u) => `${u.kind}:${u.name}`),
    ['env:USER', 'secret:api-token', 'secret:tenant-id'],
  );
  assert.equal(resolution.unresolved[1]!.path, '"Staging".headers.Authorization');
  assert.equal(describeUnresolved(resolution.unresolved[1]!), `\${secret:api-token} is not set: run 'Socket Lens: Set Secret…' and store "api-token".`);
  assert.match(describeUnresolved(resolution.unresolved[0]!), /^\$\{env:USER\} is not set in the environment/);
});

test('referencedSecrets lists secrets used directly and through variables', () => {
  assert.deepEqual(referencedSecrets(staging, variables).sort(), ['api-token', 'key-pass', 'tenant-id']);
});

test('a secret subprotocol marks Sec-WebSocket-Protocol secret', () => {
  const resolution = resolveSavedConnection({ name: 'k8s', url: 'ws://a', subprotocols: ['bearer.${secret:t}'] }, {}, lookups({}, { t: 'abc' }));
  assert.ok(resolution.ok);
  assert.deepEqual(resolution.connection.protocols, ['bearer.abc']);
  assert.deepEqual(resolution.connection.secretHeaders, ['Sec-WebSocket-Protocol']);
});

test('a secret in the URL user-info or in a secret query parameter resolves, encoded; one in another parameter is refused without showing it', () => {
  const inUserInfo = resolveSavedConnection({ name: 'a', url: 'ws://me:${secret:pw}@host/' }, {}, lookups({}, { pw: 's3/cr#3t' }));
  assert.ok(inUserInfo.ok);
  assert.equal(decodeURIComponent(inUserInfo.connection.url.password), 's3/cr#3t');
  assert.equal(inUserInfo.connection.url.pathname, '/');
  const inToken = resolveSavedConnection({ name: 'a', url: 'ws://host/?token=${secret:pw}&room=1' }, {}, lookups({}, { pw: 'a+b&c=d' }));
  assert.ok(inToken.ok, JSON.stringify(inToken));
  assert.deepEqual([...inToken.connection.url.searchParams], [['token', 'a+b&c=d'], ['room', '1']]);
  const inQuery = resolveSavedConnection({ name: 'a', url: 'ws://host/?room=${secret:pw}' }, {}, lookups({}, { pw: 's3cr3t' }));
  assert.ok(!inQuery.ok);
  assert.match(inQuery.problems[0]!.message, /only kept secret in its user-info part .* or as the value of a query parameter that is always hidden/);
  assert.doesNotMatch(JSON.stringify(inQuery), /s3cr3t/);
});

test('only a secret is encoded: an env or var reference in the query goes in as written', () => {
  const resolution = resolveSavedConnection({ name: 'a', url: 'ws://host/?${var:params}&user=${env:U}' }, { params: 'a=1&b=2' }, lookups({ U: 'x%20y' }, {}));
  assert.ok(resolution.ok);
  assert.equal(resolution.connection.url.search, '?a=1&b=2&user=x%20y');
});

test('a proxy password from a secret is encoded into the proxy URL', () => {
  const resolution = resolveSavedConnection({ name: 'a', url: 'ws://host/', proxy: 'http://me:${secret:pp}@proxy:3128' }, {}, lookups({}, { pp: 'p@ss/word' }));
  assert.ok(resolution.ok);
  assert.equal(resolution.connection.proxy, 'http://me:p%40ss%2Fword@proxy:3128');
});

test('a URL that is bad once resolved is reported without the resolved values', () => {
  const resolution = resolveSavedConnection({ name: 'a', url: '${env:SCHEME}://${secret:host}/' }, {}, lookups({ SCHEME: 'http' }, { host: 'hidden-host' }));
  assert.ok(!resolution.ok);
  assert.equal(resolution.problems[0]!.path, '"a".url');
  assert.match(resolution.problems[0]!.message, /^Once its references are filled in, /);
  assert.doesNotMatch(JSON.stringify(resolution), /hidden-host/);
});

test('a header secret that happens to be a word of the URL, or empty, does not stop the connection', () => {
  const api: SavedConnection = { name: 'API', url: 'wss://api.example.com/feed', headers: { 'X-Key': '${secret:k}', 'X-Empty': '${secret:e}' } };
  const resolution = resolveSavedConnection(api, {}, lookups({}, { k: 'example', e: '' }), '/ws');
  assert.ok(resolution.ok, JSON.stringify(resolution));
  assert.equal(resolution.connection.url.href, 'wss://api.example.com/feed');
});
