import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toStatusSummary } from './statusSummary';

test('the status bar is hidden while nothing is live or running', () => {
  assert.equal(toStatusSummary(0, 0), undefined);
});

test('the status bar counts live connections and running mocks, and its tooltip spells them out', () => {
  assert.deepEqual(toStatusSummary(2, 1), {
    text: '$(plug) 2 · $(radio-tower) 1',
    tooltip: 'Socket Lens: 2 live connections, 1 running mock server. Click to open one.',
  });
  assert.equal(toStatusSummary(1, 0)?.text, '$(plug) 1 · $(radio-tower) 0');
});
