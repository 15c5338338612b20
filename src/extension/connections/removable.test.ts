import assert from 'node:assert/strict';
import { test } from 'node:test';
import { removalRefusal } from './removable';

test('a closed connection may be removed', () => {
  assert.equal(removalRefusal({ state: 'closed', url: 'ws://example.com/' }), undefined);
});

test('a live one is refused with what to do, and without the secrets of its URL', () => {
  for (const state of ['connecting', 'open', 'closing'] as const) {
    const refusal = removalRefusal({ state, url: 'wss://example.com/feed?token=s3cret' });
    assert.equal(refusal?.code, 'session/live');
    assert.equal(refusal?.message, `The connection to wss://example.com/feed?token=*** is ${state}: disconnect it first, then remove it.`);
  }
});
