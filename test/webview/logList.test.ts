// The message log as a virtual list: a million entries, rows fetched by range, filters answered
// by the host, and pausing the display.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { WebviewToHostMessage } from '../../src/shared/protocol';
import { posted, sendFromHost, waitForPosted } from './fakeHost';
import { appended, logPage, message, openConnection, snapshot } from './fixtures';
import { serveLogRanges } from './logServer';
import { usePanelPages } from './panelPage';

const openPanel = usePanelPages();
const counters = (n: number) => ({ messagesIn: n, messagesOut: 0, bytesIn: 5 * n, bytesOut: 0, evicted: 0 });
const tail = (end: number, n: number) => Array.from({ length: n }, (_, k) => message(end - n + k + 1));

async function renderedIds(page: Page): Promise<number[]> {
  return page.locator('socket-lens-message-list [data-testid="message"]').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset['id'])));
}

/** Waits until the drawn rows (none still loading) satisfy `ok`; a timeout names the rows drawn. */
async function waitForRows(page: Page, ok: (ids: number[]) => boolean, what: string, timeoutMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let ids: number[] = [];
  let loading = 0;
  while (Date.now() < deadline) {
    ids = await renderedIds(page);
    loading = await page.locator('socket-lens-message-list .loading').count();
    if (loading === 0 && ok(ids)) return ids;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return assert.fail(`${what} were never drawn: ${ids.length} rows drawn (${ids[0]}…${ids.at(-1)}), ${loading} still loading`);
}

/** A panel following a log of `total` messages, its last 500 sent with the snapshot. */
async function openLongLog(total: number): Promise<Page> {
  const page = await openPanel();
  await serveLogRanges(page, total);
  await sendFromHost(page, snapshot(openConnection({ counters: counters(total) }), tail(total, 500)));
  await page.getByText(`msg ${total}`, { exact: true }).waitFor();
  return page;
}

async function postedOf<T extends WebviewToHostMessage['type']>(page: Page, type: T): Promise<Extract<WebviewToHostMessage, { type: T }>[]> {
  return (await posted(page)).filter((m): m is Extract<WebviewToHostMessage, { type: T }> => m.type === type);
}

test('a million entries: only the rows in view exist, and a jump to the middle fetches and shows it', async () => {
  const total = 1_000_000;
  const page = await openLongLog(total);
  const atEnd = await renderedIds(page);
  assert.ok(atEnd.length < 60, `only the rows in view are drawn (${atEnd.length})`);
  assert.equal(Math.max(...atEnd), total, 'it follows the newest message');

  // Setting scrollTop draws nothing until the scroll event, a frame later: wait for the middle
  // rows themselves, not merely for rows, or the end rows still drawn would pass.
  await page.locator('socket-lens-message-list .scroller').evaluate((s) => (s.scrollTop = (s.scrollHeight - s.clientHeight) / 2));
  const middle = await waitForRows(page, (ids) => ids.length > 5 && ids.every((id) => Math.abs(id - total / 2) < 1000), 'rows from the middle');
  assert.ok(middle.length < 60, `only the rows in view are drawn (${middle.length})`);
  // A jump costs a page or a few (one more if the rows are measured again), not a request per row.
  const starts = new Set((await postedOf(page, 'log/range')).map((r) => r.start));
  assert.ok(starts.size <= 3, `a jump fetches a few pages, not a row at a time: ${[...starts].join(', ')}`);

  const list = page.locator('socket-lens-message-list .scroller');
  await list.focus();
  await list.press('Home');
  await page.locator('[data-testid="message"][data-id="1"][aria-selected="true"]').waitFor();
  await list.press('End');
  await page.locator(`[data-testid="message"][data-id="${total}"][aria-selected="true"]`).waitFor();
  await page.close();
});

test('a scroll up is kept when a message arrives before its scroll event: the view does not jump back to the newest', async () => {
  const total = 10_000;
  const page = await openLongLog(total);
  // The scroll event runs in the next frame; a message from the host is a task, so in a busy
  // connection one is often handled first. Play that order in one task.
  await page.locator('socket-lens-message-list .scroller').evaluate(
    (s, next) => {
      s.scrollTop = 0;
      window.dispatchEvent(new MessageEvent('message', { data: next }));
    },
    appended([message(total + 1)], counters(total + 1)),
  );
  const top = await waitForRows(page, (ids) => ids.length > 5 && ids[0]! <= 2, 'the first rows');
  assert.ok(!top.includes(total + 1), 'the new message is not pulled into view');
  await page.close();
});

test('typing a filter asks the host, shows its rows and how many match; a bad regex gets an inline error', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection({ counters: counters(10) }), tail(10, 10)));
  await page.getByText('msg 10', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('match-count').textContent(), '10 messages');

  await page.getByTestId('filter-text').fill('err');
  const request = await waitForPosted(page, 'log/filter');
  assert.ok(request.type === 'log/filter');
  assert.deepEqual(request.filter, { text: 'err' });
  const matches = [message(2, { preview: 'err 1' }), message(5, { preview: 'err 2' }), message(9, { preview: 'err 3' })];
  await sendFromHost(page, { type: 'host/result', requestId: request.requestId, ok: true, value: { first: 0, end: 3, start: 0, messages: matches } });
  await page.getByText('err 3').waitFor();
  assert.deepEqual(await renderedIds(page), [2, 5, 9]);
  assert.equal(await page.getByTestId('match-count').textContent(), '3 of 10 match');

  await page.getByTestId('filter-regex').click();
  await page.getByTestId('filter-text').fill('(');
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string; filter?: { text?: string } }[] }).__posted.some((m) => m.type === 'log/filter' && m.filter?.text === '('));
  const bad = (await postedOf(page, 'log/filter')).at(-1)!;
  assert.deepEqual(bad.filter, { text: '(', regex: true });
  await sendFromHost(page, { type: 'host/result', requestId: bad.requestId, ok: false, error: { code: 'log/query', message: 'The regular expression "(" is not valid (Unterminated group).' } });
  await page.getByTestId('filter-error').getByText('is not valid').waitFor();
  assert.deepEqual(await renderedIds(page), [2, 5, 9], 'the last good filter stays in effect');
  await page.close();
});

test('direction and type buttons filter at once, and the filter is kept in the panel state', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection({ counters: counters(3) }), tail(3, 3)));
  await page.getByTestId('filter-direction-out').click();
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'log/filter'));
  await page.getByTestId('filter-kind-control').click();
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'log/filter').length === 2);
  const filters = (await postedOf(page, 'log/filter')).map((m) => m.filter);
  assert.deepEqual(filters, [{ direction: 'out' }, { direction: 'out', kinds: ['text', 'binary'] }]);
  const state = await page.evaluate(() => (window as unknown as { acquireVsCodeApi: () => { getState(): { filter?: unknown } } }).acquireVsCodeApi().getState());
  assert.deepEqual(state.filter, { direction: 'out', kinds: ['text', 'binary'] });
  await page.close();
});

test('the filter the host says is in effect shows in the bar', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection(), [], { direction: 'in', text: 'abc', jsonPath: '$.type' }));
  await page.getByTestId('filter-direction-in').and(page.locator('[aria-pressed="true"]')).waitFor();
  assert.equal(await page.getByTestId('filter-text').inputValue(), 'abc');
  assert.equal(await page.getByTestId('filter-json').inputValue(), '$.type');
  await page.close();
});

test('pausing holds the list still while capture goes on; resuming shows what arrived', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection({ counters: counters(2) }), tail(2, 2)));
  await page.getByText('msg 2', { exact: true }).waitFor();
  await page.getByTestId('pause').click();
  await sendFromHost(page, appended([message(3), message(4)], counters(4)));
  await page.getByTestId('pause').getByText('Resume (2 new)').waitFor();
  assert.deepEqual(await renderedIds(page), [1, 2], 'the list holds still');
  assert.match((await page.getByTestId('counters').textContent()) ?? '', /↓ 4/, 'the counters go on');
  await page.getByTestId('pause').click();
  await page.getByText('msg 4', { exact: true }).waitFor();
  assert.deepEqual(await renderedIds(page), [1, 2, 3, 4]);
  await page.close();
});

test('rows keep their content when a page answer arrives for a log that was filtered since', async () => {
  const page = await openPanel();
  await sendFromHost(page, appended([], counters(0)));
  await sendFromHost(page, snapshot(openConnection({ counters: counters(1000) }), tail(1000, 10)));
  await page.locator('socket-lens-message-list .scroller').evaluate((s) => (s.scrollTop = 0));
  const range = await waitForPosted(page, 'log/range');
  await page.getByTestId('filter-text').press('x');
  await page.getByTestId('filter-text').press('Enter');
  const filter = await waitForPosted(page, 'log/filter');
  assert.ok(filter.type === 'log/filter');
  await sendFromHost(page, { type: 'host/result', requestId: filter.requestId, ok: true, value: logPage([], 0) });
  assert.ok(range.type === 'log/range');
  await sendFromHost(page, { type: 'host/result', requestId: range.requestId, ok: true, value: logPage([message(1), message(2)]) });
  await page.getByText('No messages yet').waitFor();
  assert.deepEqual(await renderedIds(page), [], 'the old page is dropped');
  await page.close();
});

test('the Time heading switches between the clock and the time since the connection began', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection({ counters: counters(2) }), [message(1), message(1500)]));
  const time = page.locator('[data-testid="message"][data-id="1500"] .time');
  assert.match((await time.textContent()) ?? '', /^\d\d:\d\d:\d\d\.\d{3}$/);
  await page.getByTestId('time-mode').click();
  assert.equal(await time.textContent(), '+1.500 s');
  await page.getByTestId('time-mode').click();
  assert.match((await time.textContent()) ?? '', /^\d\d:\d\d:\d\d\.\d{3}$/);
  await page.close();
});

test('a new filter does not move the selection onto whatever row now sits at its old position', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection({ counters: counters(10) }), tail(10, 10)));
  const list = page.locator('socket-lens-message-list .scroller');
  await list.focus();
  await list.press('End');
  await page.locator('[data-testid="message"][data-id="10"][aria-selected="true"]').waitFor();
  await page.getByTestId('filter-text').fill('x');
  await page.getByTestId('filter-text').press('Enter');
  const filter = await waitForPosted(page, 'log/filter');
  assert.ok(filter.type === 'log/filter');
  const matches = Array.from({ length: 10 }, (_, k) => message(100 + k, { preview: `x ${k}` }));
  await sendFromHost(page, { type: 'host/result', requestId: filter.requestId, ok: true, value: { first: 0, end: 10, start: 0, messages: matches } });
  await page.getByText('x 9', { exact: true }).waitFor();
  const detailIds = (await postedOf(page, 'log/detail')).map((m) => m.id);
  assert.deepEqual(detailIds, [10], 'only the message the user chose was opened');
  assert.equal(await page.locator('[data-testid="message"][aria-selected="true"]').count(), 0, 'no other row took the selection');
  await page.close();
});
