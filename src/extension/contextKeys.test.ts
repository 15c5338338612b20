import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContextKeys } from './contextKeys';

test('a key is sent when it is first set and each time its value changes, never again for the same value', () => {
  const sent: [string, boolean][] = [];
  const keys = new ContextKeys((key, value) => sent.push([key, value]));
  for (const value of [true, true, true, false, false, true]) keys.set('socketLens.hasOpenConnections', value);
  keys.set('socketLens.hasMocks', false);
  keys.set('socketLens.hasMocks', false);
  assert.deepEqual(sent, [
    ['socketLens.hasOpenConnections', true],
    ['socketLens.hasOpenConnections', false],
    ['socketLens.hasOpenConnections', true],
    ['socketLens.hasMocks', false],
  ]);
});
