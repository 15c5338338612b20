import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SocketLensError } from '../errors';
import { SessionLog } from './sessionLog';
import { JsonPathFilter } from './jsonPathFilter';

const text = (log: SessionLog, payload: string, direction: 'in' | 'out' = 'in') =>
  log.append({ direction, kind: 'text', payload: Buffer.from(payload, 'utf8'), time: 0 });

test('a JSON path alone matches the messages that have a value there, null included', () => {
  const filter = JsonPathFilter.parse('$.data.price');
  assert.equal(filter.matches('{"data":{"price":0}}'), true);
  assert.equal(filter.matches('{"data":{"price":null}}'), true);
  assert.equal(filter.matches('{"data":{}}'), false);
  assert.equal(filter.matches('not json'), false);
  assert.equal(JsonPathFilter.parse('$.items[1].id').matches('{"items":[{"id":1},{"id":2}]}'), true);
});

test('== and != compare with a JSON literal, objects regardless of key order', () => {
  assert.equal(JsonPathFilter.parse('$.type == "trade"').matches('{"type":"trade"}'), true);
  assert.equal(JsonPathFilter.parse('$.type == "trade"').matches('{"type":"quote"}'), false);
  assert.equal(JsonPathFilter.parse('$.type != "trade"').matches('{"type":"quote"}'), true);
  assert.equal(JsonPathFilter.parse('$.type != "trade"').matches('{"other":1}'), false, 'a missing value is not "different"');
  assert.equal(JsonPathFilter.parse('$.n==2').matches('{"n":2.0}'), true);
  assert.equal(JsonPathFilter.parse('$.o == {"a":1,"b":2}').matches('{"o":{"b":2,"a":1}}'), true);
});

test('a bad expression says what is wrong and how to write it', () => {
  assert.throws(() => JsonPathFilter.parse('type'), (e: unknown) => e instanceof SocketLensError && e.code === 'log/query' && /"\$\.type"/.test(e.message));
  assert.throws(() => JsonPathFilter.parse('$.type == trade'), /quote it: "trade"/);
  assert.throws(() => JsonPathFilter.parse('$.a..b'), /JSON path/);
});

test('a log query with jsonPath finds only text messages with JSON there', () => {
  const log = new SessionLog();
  text(log, '{"type":"trade","px":1}');
  text(log, '{"type":"quote"}');
  log.append({ direction: 'in', kind: 'binary', payload: Buffer.from('{"type":"trade"}'), time: 0 });
  text(log, 'type trade'); // holds the key's text but is not JSON
  text(log, '{"type":"trade"}', 'out');
  assert.deepEqual(log.query({ jsonPath: '$.type == "trade"' }).entries.map((e) => e.id), [1, 5]);
  assert.deepEqual(log.query({ jsonPath: '$.type', direction: 'in' }).entries.map((e) => e.id), [1, 2]);
  assert.equal(log.count({ jsonPath: '$.type', kinds: ['binary'] }), 0, 'a kind filter without text leaves nothing for a JSON path');
  assert.equal(log.count({ jsonPath: '$.type', text: 'quote' }), 1);
});
