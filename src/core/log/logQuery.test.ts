import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SocketLensError } from '../errors';
import { encodeClosePayload } from '../protocol/frameEncoder';
import { ARENA_CHUNK_BYTES } from './byteArena';
import { ROW_BYTES, SessionLog, type Direction, type LogEntry, type LogQuery, type MessageKind } from './sessionLog';

const entry = (direction: Direction, kind: MessageKind, payload: Uint8Array | string) => ({
  direction,
  kind,
  payload: typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload,
  time: 0,
});

/** in/out, every kind, text with non-ASCII characters. Ids 1-8. */
function mixedLog(): SessionLog {
  const log = new SessionLog();
  log.append(entry('out', 'text', '{"op":"subscribe","channel":"prices"}'));
  log.append(entry('in', 'text', '{"event":"Error","message":"naïve café"}'));
  log.append(entry('in', 'binary', Uint8Array.of(0xde, 0xad, 0xbe, 0xef)));
  log.append(entry('out', 'ping', 'beat'));
  log.append(entry('in', 'pong', 'beat'));
  log.append(entry('in', 'text', 'error: price feed stalled'));
  log.append(entry('out', 'close', encodeClosePayload(1000, 'bye')));
  log.append(entry('in', 'close', encodeClosePayload(4001, 'error code')));
  return log;
}

const ids = (log: SessionLog, query: LogQuery) => log.query(query).entries.map((e) => e.id);

test('filters by direction and kind without looking at payloads', () => {
  const log = mixedLog();
  assert.deepEqual(ids(log, { direction: 'out' }), [1, 4, 7]);
  assert.deepEqual(ids(log, { kinds: ['text', 'close'] }), [1, 2, 6, 7, 8]);
  assert.deepEqual(ids(log, { direction: 'in', kinds: ['text'] }), [2, 6]);
  assert.deepEqual(ids(log, { kinds: [] }), [], 'no kinds wanted, none found');
  assert.deepEqual(ids(log, {}), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(log.count({ direction: 'in' }), 5);
});

test('matches text in text messages as UTF-8, in close frames by code and reason, in binary ones as hex', () => {
  const log = mixedLog();
  assert.deepEqual(ids(log, { text: 'café' }), [2]);
  assert.deepEqual(ids(log, { text: 'error' }), [6, 8], 'case-sensitive by default; the close reason counts');
  assert.deepEqual(ids(log, { text: 'ERROR', ignoreCase: true }), [2, 6, 8]);
  assert.deepEqual(ids(log, { text: '1000' }), [7], 'a close frame by its code');
  assert.deepEqual(ids(log, { text: 'AD BE' }), [3], 'hex, whitespace and case ignored');
  assert.deepEqual(ids(log, { text: '62656174' }), [4, 5], 'ping and pong payloads are hex too ("beat")');
  assert.deepEqual(ids(log, { text: 'beat' }), [], '"beat" is not hex, so no binary payload matches it');
  assert.deepEqual(ids(log, { text: '' }), [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('matches regular expressions, from a source string or a RegExp, ignoring g and y', () => {
  const log = mixedLog();
  assert.deepEqual(ids(log, { regex: '"event":"(Error|Warn)"' }), [2]);
  assert.deepEqual(ids(log, { regex: '^error', ignoreCase: true }), [6]);
  assert.deepEqual(ids(log, { regex: '^4\\d{3} ' }), [8]);
  assert.deepEqual(ids(log, { regex: /^dead/ }), [3], 'binary payloads as hex');
  const sticky = /e/gy;
  assert.deepEqual(ids(log, { regex: sticky, kinds: ['text'] }), ids(log, { regex: sticky, kinds: ['text'] }), 'no state carried between payloads or calls');
  assert.deepEqual(ids(log, { regex: 'price', text: 'feed' }), [6], 'text and regex must both match');
});

test('pages with fromId, limit and nextId, and counts without a limit', () => {
  const log = new SessionLog();
  for (let i = 1; i <= 50; i++) log.append(entry(i % 2 ? 'in' : 'out', 'text', `message ${i}${i % 5 === 0 ? ' fizz' : ''}`));
  const first = log.query({ text: 'fizz', limit: 4 });
  assert.deepEqual(first.entries.map((e) => e.id), [5, 10, 15, 20]);
  assert.equal(first.nextId, 21);
  const rest = log.query({ text: 'fizz', fromId: first.nextId });
  assert.deepEqual(rest.entries.map((e) => e.id), [25, 30, 35, 40, 45, 50]);
  assert.equal(rest.nextId, undefined, 'the scan reached the newest entry');
  assert.equal(log.count({ text: 'fizz', limit: 1 }), 10);
  assert.equal(log.count({ text: 'fizz', fromId: 31 }), 4);
  assert.deepEqual(log.query({ limit: 0 }), { entries: [], nextId: 1 });
  assert.deepStrictEqual(log.query({ text: 'message 7', limit: 1 }).entries[0], log.get(7), 'matches are the entries as stored');
});

test('queries see only what is kept after eviction, with the same ids', () => {
  const log = new SessionLog({ byteBudget: 10 * (ROW_BYTES + 12) });
  for (let i = 1; i <= 100; i++) log.append(entry('in', 'text', `entry ${String(i).padStart(5, '0')}`));
  assert.equal(log.firstId, 91);
  assert.deepEqual(ids(log, { text: 'entry 0009' }), [91, 92, 93, 94, 95, 96, 97, 98, 99]);
  assert.deepEqual(ids(log, { fromId: 1, limit: 2 }), [91, 92], 'fromId in the evicted part starts at the oldest kept');
  assert.equal(log.count({ regex: '00' }), 10);
  assert.equal(log.count({ text: 'entry 00001' }), 0);
});

test('finds text in payloads that straddle arena chunks and in chunk after chunk', () => {
  const log = new SessionLog();
  const filler = 'x'.repeat(ARENA_CHUNK_BYTES / 4 - 7);
  for (let i = 0; i < 40; i++) log.append(entry('in', 'text', i % 3 === 0 ? `${filler.slice(0, 1000)}needle${filler.slice(1000)}` : filler));
  const want = Array.from({ length: 40 }, (_, i) => i + 1).filter((id) => (id - 1) % 3 === 0);
  assert.deepEqual(ids(log, { text: 'needle' }), want);
  assert.deepEqual(ids(log, { regex: 'ne+dle' }), want);
});

test('agrees with a plain filter over every entry, for text and regexes', () => {
  const log = new SessionLog();
  const words = ['ab', 'ba', 'abc', 'a', 'b', 'ca', ' ', 'é'];
  let seed = 7;
  // An LCG in 32-bit arithmetic (a double would lose the low bits), read from its high bits.
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
  for (let i = 0; i < 3000; i++) {
    const text = Array.from({ length: next() % 40 }, () => words[next() % words.length]).join('');
    log.append(entry(next() % 4 ? 'in' : 'out', next() % 5 ? 'text' : 'binary', text));
  }
  const all = log.range(1, Infinity);
  const searchable = (e: LogEntry) => (e.kind === 'text' ? Buffer.from(e.payload).toString('utf8') : Buffer.from(e.payload).toString('hex'));
  for (const needle of ['abc', 'aba', 'éa', 'ca ', 'bab', '61', '6263']) {
    const want = all.filter((e) => searchable(e).includes(needle)).map((e) => e.id);
    assert.deepEqual(ids(log, { text: needle, limit: Infinity }), want, needle);
  }
  const pattern = /a{2}|b\s/;
  assert.deepEqual(ids(log, { regex: pattern, limit: Infinity }), all.filter((e) => pattern.test(searchable(e))).map((e) => e.id));
});

test('bad queries throw a SocketLensError that says what was wrong', () => {
  const log = mixedLog();
  const refused = (query: unknown, pattern: RegExp) =>
    assert.throws(() => log.query(query as LogQuery), (e: unknown) => e instanceof SocketLensError && e.code === 'log/query' && pattern.test(e.message));
  refused({ regex: '(unclosed' }, /regular expression "\(unclosed" is not valid/);
  refused({ regex: '[z-a]' }, /not valid/);
  refused({ direction: 'up' }, /direction must be "in" or "out"; got "up"/);
  refused({ kinds: ['text', 'shout'] }, /kinds must be a list/);
  refused({ limit: -1 }, /limit must be a whole number/);
  refused({ fromId: 'start' }, /fromId/);
  refused({ text: 42 }, /text must be a string/);
  assert.throws(() => log.count({ regex: '*' }), SocketLensError);
});
