import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SocketLensError } from '../errors';
import { SessionLog } from './sessionLog';
import { LogView } from './logView';

function logOf(texts: readonly string[], byteBudget?: number): SessionLog {
  const log = new SessionLog(byteBudget === undefined ? {} : { byteBudget });
  for (const t of texts) log.append({ direction: 'in', kind: 'text', payload: Buffer.from(t, 'utf8'), time: 0 });
  return log;
}

const texts = (page: { entries: { payload: Uint8Array }[] }) => page.entries.map((e) => Buffer.from(e.payload).toString());

test('without a filter, positions are ids minus one and pages read any range', () => {
  const log = logOf(['a', 'b', 'c', 'd']);
  const view = new LogView(log);
  assert.equal(view.filtered, false);
  assert.deepEqual([view.first, view.end], [0, 4]);
  assert.deepEqual(texts(view.page(1, 2)), ['b', 'c']);
  assert.equal(view.page(1, 2).start, 1);
  assert.deepEqual(texts(view.tail(3)), ['b', 'c', 'd']);
  assert.deepEqual(texts(view.page(3, 100)), ['d'], 'a page stops at the end');
  assert.equal(view.positionOf(3), 2);
  assert.equal(view.positionOf(9), undefined);
});

test('with a filter, positions number the matches and new entries join on catchUp', () => {
  const log = logOf(['error 1', 'ok', 'error 2', 'ok']);
  const view = new LogView(log, { text: 'error' });
  assert.equal(view.filtered, true);
  assert.equal(view.end, 0, 'a new filtered view has seen nothing yet');
  assert.equal(view.catchUp(3), false, 'three rows are not all four');
  assert.equal(view.end, 2);
  assert.equal(view.catchUp(), true);
  assert.deepEqual([view.first, view.end], [0, 2]);
  assert.deepEqual(texts(view.page(0, 10)), ['error 1', 'error 2']);
  log.append({ direction: 'in', kind: 'text', payload: Buffer.from('error 3'), time: 0 });
  log.append({ direction: 'in', kind: 'text', payload: Buffer.from('fine'), time: 0 });
  assert.equal(view.end, 2, 'nothing new until catchUp');
  view.catchUp();
  assert.equal(view.end, 3);
  assert.deepEqual(texts(view.tail(1)), ['error 3']);
  assert.equal(view.positionOf(5), 2);
  assert.equal(view.positionOf(2), undefined, 'a non-matching entry has no position');
});

test('eviction raises first and keeps every remaining position naming the same entry', () => {
  const log = new SessionLog({ byteBudget: 40 * 100 });
  const view = new LogView(log, { text: 'keep' });
  const plain = new LogView(log);
  for (let i = 0; i < 5000; i++) {
    log.append({ direction: 'in', kind: 'text', payload: Buffer.from(i % 3 === 0 ? `keep ${i}` : `drop ${i}`), time: 0 });
    if (i % 10 === 0) view.catchUp(); // more often than the budget turns over
  }
  view.catchUp();
  assert.ok(log.evictedEntries > 4000, 'the small budget evicted most entries');
  assert.equal(plain.first, log.firstId - 1);
  assert.equal(plain.end, 5000);
  const matches = Math.ceil(5000 / 3);
  assert.equal(view.end, matches, 'every match got a position, evicted or not');
  const page = view.page(0, 1e9);
  assert.equal(page.start, view.first);
  assert.ok(page.entries.length > 0 && page.entries.length < matches);
  page.entries.forEach((e, i) => assert.equal(Buffer.from(e.payload).toString(), `keep ${(page.start + i) * 3}`));
});

test('a page holds at most MAX_PAGE_ENTRIES, and a bad filter is refused', () => {
  const log = logOf(Array.from({ length: 3000 }, (_, i) => `m${i}`));
  assert.equal(new LogView(log).page(0, 1e9).entries.length, 2000);
  assert.throws(() => new LogView(log, { regex: '(' }), (e: unknown) => e instanceof SocketLensError && e.code === 'log/query');
});
