import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionLog, type LogEntry } from './sessionLog';

const text = (s: string, direction: 'in' | 'out' = 'in') =>
  ({ direction, kind: 'text', payload: Buffer.from(s), time: 1 }) as const;

test('assigns stable increasing ids and keeps entries in order', () => {
  const log = new SessionLog();
  const ids = ['a', 'b', 'c'].map((s) => log.append(text(s)).id);
  assert.deepEqual(ids, [1, 2, 3]);
  assert.deepEqual(log.range(2, 10).map((e) => Buffer.from(e.payload).toString()), ['b', 'c']);
  assert.equal(Buffer.from(log.get(1)!.payload).toString(), 'a');
  assert.deepEqual(log.tail(2).map((e) => e.id), [2, 3]);
});

test('copies payloads so a reused caller buffer cannot change the log', () => {
  const log = new SessionLog();
  const buffer = Buffer.from('hello');
  log.append({ direction: 'in', kind: 'binary', payload: buffer, time: 0 });
  buffer.fill(0);
  assert.equal(Buffer.from(log.get(1)!.payload).toString(), 'hello');
});

test('evicts the oldest entries past the byte budget and counts them', () => {
  const log = new SessionLog({ byteBudget: 1000 });
  for (let i = 0; i < 100; i++) log.append(text('x'.repeat(36)));
  // Each entry costs 36 payload bytes + 64 bytes of bookkeeping = 100 bytes.
  assert.equal(log.length, 10);
  assert.equal(log.evictedEntries, 90);
  assert.equal(log.evictedBytes, 90 * 36);
  assert.ok(log.bytes <= log.byteBudget);
  assert.equal(log.firstId, 91);
  assert.equal(log.get(90), undefined);
  assert.equal(log.range(1, 3)[0]!.id, 91, 'a range starting in evicted ids begins at the oldest kept');
  assert.equal(log.length + log.evictedEntries, 100, 'every message is either stored or counted');
});

test('keeps the newest entry even when it alone exceeds the budget', () => {
  const log = new SessionLog({ byteBudget: 10 });
  log.append(text('small'));
  log.append(text('y'.repeat(100)));
  assert.equal(log.length, 1);
  assert.equal(log.get(2)!.payload.byteLength, 100);
  assert.equal(log.evictedEntries, 1);
});

test('counts messages and bytes per direction', () => {
  const log = new SessionLog();
  log.append(text('abc', 'in'));
  log.append(text('de', 'out'));
  log.append(text('f', 'out'));
  assert.deepEqual(log.totals, { messagesIn: 1, messagesOut: 2, bytesIn: 3, bytesOut: 3 });
});

test('notifies subscribers after every append, and a throwing one does not break appends', () => {
  const log = new SessionLog();
  const seen: LogEntry[] = [];
  log.onDidAppend(() => {
    throw new Error('bad subscriber');
  });
  const stop = log.onDidAppend((e) => seen.push(e));
  const originalError = console.error;
  console.error = () => {};
  try {
    log.append(text('one'));
    stop();
    log.append(text('two'));
  } finally {
    console.error = originalError;
  }
  assert.deepEqual(seen.map((e) => e.id), [1]);
  assert.equal(log.length, 2);
});

test('compacts its storage during long runs without losing ids', () => {
  const log = new SessionLog({ byteBudget: 100 * 65 });
  for (let i = 0; i < 5000; i++) log.append(text(String(i % 10)));
  assert.equal(log.length, 100);
  assert.equal(log.firstId, 4901);
  assert.equal(Buffer.from(log.get(5000)!.payload).toString(), '9');
});
