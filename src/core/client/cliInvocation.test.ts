import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliInvocation } from './cliInvocation';

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
    `socket-lens connect 'wss://***:***@api.example.com/feed?room=1&token=***' -H 'X-Client: it'\\''s me' -H 'Authorization: '"$SOCKET_LENS_AUTHORIZATION" -p chat.v1 --no-deflate --handshake-timeout 2500 --keepalive 15000 --ca /etc/ca.pem`,
  );
  assert.ok(!line.includes('s3cret') && !line.includes('pw@') && !line.includes('abc'), 'no secret in the command');
});

test('a header name cannot run anything when pasted, and a secret subprotocol is an environment variable too', () => {
  const line = cliInvocation({ url: new URL('ws://h/'), headers: { 'X-`id`-Token': 'v' }, secretHeaders: ['X-`id`-Token', 'Sec-WebSocket-Protocol'], protocols: ['bearer.s3cret'] });
  assert.equal(line, `socket-lens connect ws://h/ -H 'X-\`id\`-Token: '"$SOCKET_LENS_X_ID_TOKEN" -p "$SOCKET_LENS_SUBPROTOCOL_1"`);
  assert.ok(!line.includes('s3cret'));
});
