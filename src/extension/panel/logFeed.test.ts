import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionLog } from '../../core/log/sessionLog';
import { TAIL_ROWS } from '../../shared/protocol';
import { LogFeed, toLogQuery } from './logFeed';

const append = (log: SessionLog, text: string) => log.append({ direction: 'out', kind: 'text', payload: Buffer.from(text), time: 5 });
const previews = (page: { messages: readonly { preview: string }[] }) => page.messages.map((m) => m.preview);

test('a panel filter becomes the core query, empty fields left out', () => {
  assert.deepEqual(toLogQuery({}), {});
  assert.deepEqual(toLogQuery({ text: '', jsonPath: '  ', regex: true, ignoreCase: false }), {});
  assert.deepEqual(toLogQuery({ text: 'a.c', regex: true, ignoreCase: true }), { regex: 'a.c', ignoreCase: true });
  assert.deepEqual(toLogQuery({ text: 'a.c', direction: 'in', kinds: ['ping'] }), { text: 'a.c', direction: 'in', kinds: ['ping'] });
  assert.deepEqual(toLogQuery({ jsonPath: ' $.type ' }), { jsonPath: '$.type' });
});

test('starts through a filter, and updates carry only the rows the panel has not had', async () => {
  const log = new SessionLog();
  for (const t of ['a', 'b', 'c']) append(log, t);
  const feed = new LogFeed(log);
  const start = await feed.start({ text: 'b' });
  assert.deepEqual({ ...start.log, messages: previews(start.log) }, { first: 0, end: 1, start: 0, messages: ['b'] });
  assert.deepEqual(previews(feed.update()), [], 'nothing new yet');
  append(log, 'bb');
  append(log, 'x');
  const update = feed.update();
  assert.deepEqual([update.end, update.start, previews(update)], [2, 1, ['bb']]);
  assert.deepEqual(previews(feed.range(0, 10)), ['b', 'bb']);
});

test('an update after a flood carries only the newest TAIL_ROWS; older ones come by range', async () => {
  const log = new SessionLog();
  const feed = new LogFeed(log);
  await feed.start({});
  for (let i = 0; i < TAIL_ROWS + 300; i++) append(log, `m${i}`);
  const update = feed.update();
  assert.equal(update.messages.length, TAIL_ROWS);
  assert.equal(feed.flooded, true, 'rows were left out: the panel slows its updates');
  assert.equal(update.start, 300);
  assert.equal(update.end, TAIL_ROWS + 300);
  assert.deepEqual(previews(feed.range(0, 2)), ['m0', 'm1']);
  append(log, 'calm');
  feed.update();
  assert.equal(feed.flooded, false, 'an update that carries every new row ends the flood');
});

test('a saved filter that no longer parses is dropped with the reason; a bad new filter rejects and leaves the old', async () => {
  const log = new SessionLog();
  append(log, 'a(');
  const feed = new LogFeed(log);
  const start = await feed.start({ text: '(', regex: true });
  assert.deepEqual(start.filter, {});
  assert.match(start.dropped ?? '', /regular expression "\(" is not valid/);
  await feed.filter({ text: 'a' });
  await assert.rejects(feed.filter({ text: '[', regex: true }), /not valid/);
  assert.deepEqual(previews(feed.range(0, 5)), ['a('], 'the last good filter is still in effect');
});

test('the conversation keeps the first and last data messages and pings, whatever the filter', async () => {
  const log = new SessionLog();
  for (let i = 1; i <= 20; i++) {
    log.append({ direction: i % 2 ? 'out' : 'in', kind: 'text', payload: Buffer.from(`m${i}`), time: i });
    if (i % 5 === 0) log.append({ direction: 'out', kind: 'ping', payload: Buffer.from(`p${i}`), time: i });
  }
  const feed = new LogFeed(log);
  await feed.filter({ text: 'nothing matches this' });
  const shown = feed.conversation().messages.map((m) => `${m.kind === 'ping' ? 'ping ' : ''}${m.preview.replace(/"/g, '')}`);
  assert.deepEqual(shown, ['m1', 'm2', 'm3', 'm4', 'ping p5', 'ping p10', 'ping p15', 'm17', 'm18', 'm19', 'm20', 'ping p20']);
});

test('a filter over a big log lets the event loop run while it scans, and the newest filter asked for wins', async () => {
  const log = new SessionLog({ byteBudget: 1e9 });
  for (let i = 0; i < 100_000; i++) append(log, i % 2 ? `{"side":"buy","n":${i}}` : `{"side":"sell","n":${i}}`);
  const feed = new LogFeed(log);
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 0);
  const slow = feed.filter({ jsonPath: '$.side == "buy"' });
  const fast = feed.filter({ direction: 'in' });
  const [first, second] = await Promise.all([slow, fast]);
  clearInterval(ticker);
  assert.ok(ticks > 0, 'timers ran while the log was scanned');
  assert.equal(first.end, 50_000, 'the slow filter found every buy');
  assert.equal(second.end, 0, 'the filter asked for last found no received message');
  assert.equal(feed.update().end, 0, 'and it is the one in effect');
});
