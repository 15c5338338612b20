import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClientConnection } from './clientConnection';
import { shownUrl } from './shownUrl';

test('a shown URL hides user info and the values of secret query parameters, and keeps the rest', () => {
  assert.equal(shownUrl(new URL('wss://ada:pw@host/feed?room=7&token=t0k&sig=s1g')), 'wss://***:***@host/feed?room=7&token=***&sig=***');
  assert.equal(shownUrl(new URL('ws://host/?room=7')), 'ws://host/?room=7');
});

test('a connection shows its URL that way, so a token from a saved secret reaches no panel, view or API', () => {
  const connection = new ClientConnection({ url: new URL('ws://127.0.0.1:1/?access_token=s3cret&room=7') });
  try {
    assert.equal(connection.snapshot().url, 'ws://127.0.0.1:1/?access_token=***&room=7');
  } finally {
    connection.dispose();
  }
});
