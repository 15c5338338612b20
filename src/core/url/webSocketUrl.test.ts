import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWebSocketUrl, sameOrigin } from './webSocketUrl';

function errorOf(input: string): { code: string; message: string } {
  const result = checkWebSocketUrl(input);
  assert.equal(result.ok, false, `${input} should be rejected`);
  return result.ok ? { code: '', message: '' } : result.error;
}

test('accepts ws and wss URLs with port, path and query', () => {
  for (const input of ['ws://127.0.0.1:8080/socket', 'wss://example.com/feed?x=1', '  ws://[::1]:9000  ']) {
    const result = checkWebSocketUrl(input);
    assert.ok(result.ok, input);
  }
});

test('rejects an empty URL with an example of a good one', () => {
  const error = errorOf('   ');
  assert.equal(error.code, 'url/empty');
  assert.match(error.message, /ws:\/\//);
});

test('suggests ws:// or wss:// for http and https', () => {
  assert.match(errorOf('http://localhost:1/x').message, /Did you mean ws:\/\/localhost:1\/x\?/);
  assert.match(errorOf('https://example.com').message, /Did you mean wss:\/\/example.com\?/);
});

test('rejects other schemes and a missing scheme', () => {
  assert.equal(errorOf('ftp://example.com').code, 'url/scheme');
  const missing = errorOf('localhost:8080');
  assert.equal(missing.code, 'url/scheme');
  assert.match(missing.message, /ws:\/\/localhost:8080/);
});

test('rejects malformed URLs and fragments', () => {
  assert.equal(errorOf('ws://exa mple.com').code, 'url/malformed');
  assert.equal(errorOf('ws://host:99999/').code, 'url/malformed');
  const fragment = errorOf('ws://example.com/a#b');
  assert.equal(fragment.code, 'url/fragment');
  assert.match(fragment.message, /RFC 6455 §3/);
});

test('origins: scheme, host and port, ws and http alike', () => {
  const url = (s: string) => new URL(s);
  assert.ok(sameOrigin(url('ws://a.example/x'), url('ws://a.example:80/y')));
  assert.ok(sameOrigin(url('wss://a.example/'), url('https://a.example:443/')));
  assert.ok(!sameOrigin(url('ws://a.example/'), url('wss://a.example/')));
  assert.ok(!sameOrigin(url('ws://a.example/'), url('ws://b.example/')));
  assert.ok(!sameOrigin(url('ws://a.example:8080/'), url('ws://a.example:8081/')));
});
