import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HISTORY_ENTRY_CHARS, HistoryWalk, remember, type HistoryEntry } from './composerHistory';

const t = (text: string): HistoryEntry => ({ mode: 'text', text });

test('remember keeps the newest last, moves a repeat up, and is bounded', () => {
  assert.deepEqual(remember([t('a'), t('b')], t('a')), [t('b'), t('a')]);
  assert.deepEqual(remember([t('a')], { mode: 'hex', text: 'a' }), [t('a'), { mode: 'hex', text: 'a' }]);
  const many = Array.from({ length: 100 }, (_, k) => t(String(k)));
  const next = remember(many, t('new'));
  assert.equal(next.length, 100);
  assert.deepEqual([next[0], next.at(-1)], [t('1'), t('new')]);
});

test('Up walks back, Down forward, and past the newest brings back the draft', () => {
  const walk = new HistoryWalk([t('a'), t('b')]);
  assert.equal(walk.down(), undefined);
  assert.deepEqual(walk.up(t('draft')), t('b'));
  assert.deepEqual(walk.up(t('b')), t('a'));
  assert.equal(walk.up(t('a')), undefined);
  assert.deepEqual(walk.down(), t('b'));
  assert.deepEqual(walk.down(), t('draft'));
  assert.equal(walk.walking, false);
  assert.equal(walk.down(), undefined);
  assert.equal(new HistoryWalk([]).up(t('x')), undefined);
});

test('a walk that starts on the newest entry (just sent) goes straight to the one before', () => {
  const walk = new HistoryWalk([t('a'), t('b')], t('b'));
  assert.deepEqual(walk.up(t('b')), t('a'));
  assert.deepEqual(walk.down(), t('b'));
  assert.equal(walk.walking, true);
  assert.deepEqual(walk.down(), t('b'));
  assert.equal(walk.walking, false);
});

test('a message too long for the panel state is sent but not kept in the history', () => {
  const kept = remember([], { mode: 'text', text: 'small' });
  assert.deepEqual(remember(kept, { mode: 'text', text: 'x'.repeat(HISTORY_ENTRY_CHARS + 1) }), kept);
  assert.equal(remember(kept, { mode: 'text', text: 'x'.repeat(HISTORY_ENTRY_CHARS) }).length, 2);
});
