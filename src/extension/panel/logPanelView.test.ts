import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogView } from '../../core/log/logView';
import { SessionLog } from '../../core/log/sessionLog';
import { toLogPageView, toLogQuery } from './logPanelView';

test('a panel filter becomes the core query, empty fields left out', () => {
  assert.deepEqual(toLogQuery({}), {});
  assert.deepEqual(toLogQuery({ text: '', jsonPath: '  ', regex: true, ignoreCase: false }), {});
  assert.deepEqual(toLogQuery({ text: 'a.c', regex: true, ignoreCase: true }), { regex: 'a.c', ignoreCase: true });
  assert.deepEqual(toLogQuery({ text: 'a.c', direction: 'in', kinds: ['ping'] }), { text: 'a.c', direction: 'in', kinds: ['ping'] });
  assert.deepEqual(toLogQuery({ jsonPath: ' $.type ' }), { jsonPath: '$.type' });
});

test('a page carries the bounds of its view and summaries of its entries', () => {
  const log = new SessionLog();
  for (const t of ['a', 'b', 'c']) log.append({ direction: 'out', kind: 'text', payload: Buffer.from(t), time: 5 });
  const view = new LogView(log, toLogQuery({ text: 'b' }));
  const page = toLogPageView(view, view.tail(10));
  assert.deepEqual({ ...page, messages: page.messages.map((m) => [m.id, m.preview]) }, { first: 0, end: 1, start: 0, messages: [[2, 'b']] });
});
