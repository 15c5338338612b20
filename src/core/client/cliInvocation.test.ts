import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliInvocation, cliVariables } from './cliInvocation';

test('a plain connection is one short command', () => {
  assert.equal(cliInvocation({ url: new URL('ws://127.0.0.1:9001/chat') }), 'socket-lens connect ws://127.0.0.1:9001/chat');
});

test('headers, subprotocols and options become flags; secrets become environment variables', () => {
  const line = cliInvocation({
    url: new URL('wss://user:pw@api.example.com/feed?room=1&token=abc'),
    headers: { 'X-Client': "it's me", Authorization: 'Bearer s3cret' },
    protocols: ['chat.v1'],
    perMessageDeflate: false,
    handshakeTimeoutMs: 2500,
    keepAliveMs: 15_000,
    tls: { caFile: '/etc/ca.pem' },
  });
  assert.equal(
    line,
    `socket-lens connect 'wss://api.example.com/feed?room=1' -q token="$SOCKET_LENS_QUERY_TOKEN" -H 'X-Client: it'\\''s me' -H 'Authorization: '"$SOCKET_LENS_AUTHORIZATION" -p chat.v1 --no-deflate --handshake-timeout 2500 --keepalive 15000 --ca /etc/ca.pem --no-proxy`,
  );
  assert.ok(!line.includes('s3cret') && !line.includes('pw@') && !line.includes('abc'), 'no secret in the command');
});

test('a header name cannot run anything when pasted, and a secret subprotocol is an environment variable too', () => {
  const line = cliInvocation({ url: new URL('ws://h/'), headers: { 'X-`id`-Token': 'v' }, secretHeaders: ['X-`id`-Token', 'Sec-WebSocket-Protocol'], protocols: ['bearer.s3cret'] });
  assert.equal(line, `socket-lens connect ws://h/ -H 'X-\`id\`-Token: '"$SOCKET_LENS_X_ID_TOKEN" -p "$SOCKET_LENS_SUBPROTOCOL_1" --secret-header 'X-\`id\`-Token' --secret-header Sec-WebSocket-Protocol --no-proxy`);
  assert.ok(!line.includes('s3cret'));
});

test('a pfx and its passphrase, SNI and the proxy become flags; the passphrase and proxy credentials only as variable names', () => {
  const line = cliInvocation({
    url: new URL('wss://10.0.0.7/feed'),
    tls: { pfxFile: '/certs/client.p12', passphrase: 'pfx-s3cret', serverName: 'internal.example' },
    proxy: { proxy: 'http://ada:proxy-s3cret@proxy.corp:3128', noProxy: ['.corp', '10.0.0.0/8'], env: {} },
  });
  assert.equal(line, 'socket-lens connect wss://10.0.0.7/feed --pfx /certs/client.p12 --passphrase-env SOCKET_LENS_PASSPHRASE --servername internal.example --proxy-env SOCKET_LENS_PROXY --proxy-bypass .corp,10.0.0.0/8');
  assert.doesNotMatch(line, /s3cret|ada/);
});

test('a proxy without credentials is written out; the environment\'s proxy needs no flag; none at all is --no-proxy, but not for loopback', () => {
  const url = new URL('ws://api.example.com/');
  assert.equal(cliInvocation({ url, proxy: { proxy: 'http://proxy.corp:3128', env: {} } }), 'socket-lens connect ws://api.example.com/ --proxy http://proxy.corp:3128');
  assert.equal(cliInvocation({ url, proxy: { proxy: '', env: { https_proxy: 'http://p:1' } } }), 'socket-lens connect ws://api.example.com/');
  assert.equal(cliInvocation({ url }), 'socket-lens connect ws://api.example.com/ --no-proxy');
  assert.equal(cliInvocation({ url: new URL('ws://localhost:1/') }), 'socket-lens connect ws://localhost:1/');
});

test('query values, cookies and a key passphrase that are secrets become variables; redirects and reconnect timing become flags', () => {
  const line = cliInvocation({
    url: new URL('ws://127.0.0.1:1/'),
    query: { room: '7', api_key: 'q-s3cret' },
    cookies: { session: 'c-s3cret' },
    tls: { certFile: 'c.pem', keyFile: 'k.pem', passphrase: 'k-s3cret' },
    followRedirects: true,
    maxRedirects: 0,
    reconnect: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 2000, jitter: 0 },
  });
  assert.equal(
    line,
    `socket-lens connect ws://127.0.0.1:1/ -q room=7 -q api_key="$SOCKET_LENS_QUERY_API_KEY" --cookie session="$SOCKET_LENS_COOKIE_SESSION" --follow-redirects --max-redirects 0 --reconnect 3 --reconnect-delay 100:2000 --reconnect-jitter 0 --cert c.pem --key k.pem --passphrase-env SOCKET_LENS_PASSPHRASE`,
  );
  assert.doesNotMatch(line, /s3cret/);
});

test('the URL\'s user info and secret query values leave the URL for variables, so the command sends them rather than ***', () => {
  const line = cliInvocation({ url: new URL('wss://ada:p%40ss@api.example.com/feed?token=t0k&room=1&access%5Ftoken=a%2Bb&empty_token=') });
  assert.equal(line, `socket-lens connect 'wss://api.example.com/feed?room=1&empty_token=' --basic-env SOCKET_LENS_BASIC -q token="$SOCKET_LENS_QUERY_TOKEN" -q access_token="$SOCKET_LENS_QUERY_ACCESS_TOKEN" --no-proxy`);
  assert.deepEqual(cliVariables(line), ['SOCKET_LENS_BASIC', 'SOCKET_LENS_QUERY_TOKEN', 'SOCKET_LENS_QUERY_ACCESS_TOKEN']);
  assert.doesNotMatch(line, /\*\*\*|ada|p%40ss|t0k|a%2Bb/);
});

test('user info is left out when the connection sends its own Authorization, which wins over it', () => {
  assert.equal(cliInvocation({ url: new URL('ws://ada:pw@127.0.0.1:1/'), auth: { kind: 'bearer', token: 'b' } }), 'socket-lens connect ws://127.0.0.1:1/ --bearer-env SOCKET_LENS_TOKEN');
});

test('a secret parameter the flags cannot hold apart keeps its place, read from a variable of its own in the URL', () => {
  const line = cliInvocation({ url: new URL('ws://127.0.0.1:1/?token=one&x=1&token=two&key=k'), query: { key: 'k2' } });
  assert.equal(line, `socket-lens connect 'ws://127.0.0.1:1/?token='"$SOCKET_LENS_QUERY_TOKEN"'&x=1&token='"$SOCKET_LENS_QUERY_TOKEN_2"'&key='"$SOCKET_LENS_QUERY_KEY" -q key="$SOCKET_LENS_QUERY_KEY_2"`);
});
