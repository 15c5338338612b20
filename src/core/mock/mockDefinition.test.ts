import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asMockFileName } from './mockDefinition';

test('a new mock file always ends in .wsmock.json, once', () => {
  assert.equal(asMockFileName('/w/chat.wsmock.json'), '/w/chat.wsmock.json');
  assert.equal(asMockFileName('/w/chat.json'), '/w/chat.wsmock.json');
  assert.equal(asMockFileName('/w/chat'), '/w/chat.wsmock.json');
  assert.equal(asMockFileName('/w/127.0.0.1-2026-12-01T07-22-22.wsmock.json'), '/w/127.0.0.1-2026-12-01T07-22-22.wsmock.json');
});
