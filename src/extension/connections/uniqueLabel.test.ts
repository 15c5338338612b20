import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uniqueLabel } from './uniqueLabel';

test('a name in use gets the first free number; a free one is kept; a gap is filled', () => {
  assert.equal(uniqueLabel('staging feed', []), 'staging feed');
  assert.equal(uniqueLabel('staging feed', ['other', undefined]), 'staging feed');
  assert.equal(uniqueLabel('staging feed', ['staging feed']), 'staging feed (2)');
  assert.equal(uniqueLabel('staging feed', ['staging feed', 'staging feed (2)']), 'staging feed (3)');
  assert.equal(uniqueLabel('staging feed', ['staging feed', 'staging feed (3)']), 'staging feed (2)');
  assert.equal(uniqueLabel('staging feed', ['staging feed (2)']), 'staging feed', 'the plain name is free again once its connection is removed');
});
