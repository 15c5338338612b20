// Connect… offers the last URL again; it keeps it in global state, so never its credentials.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rememberedUrl } from './rememberedUrl';

test('user info and secret query values are left out of the remembered URL; the rest is kept as typed', () => {
  assert.equal(rememberedUrl(new URL('wss://ada:pa55@feed.example/ws?room=1&token=t0k3n&access_token=a&sig=s')), 'wss://feed.example/ws?room=1&token=&access_token=&sig=');
  assert.equal(rememberedUrl(new URL('ws://127.0.0.1:8080/socket?room=a%20b')), 'ws://127.0.0.1:8080/socket?room=a%20b', 'a URL without secrets is kept exactly');
});
