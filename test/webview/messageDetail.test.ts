// Selecting a message opens its detail, fetched from the host by id; the list stops following
// while a row is selected and counts what arrives meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { WebviewToHostMessage } from '../../src/shared/protocol';
import type { MessageDetail, MessageSummary } from '../../src/shared/viewModels';
import { posted, sendFromHost, waitForPosted } from './fakeHost';
import { appended, message, openConnection, snapshot } from './fixtures';
import { usePanelPages } from './panelPage';

const openPanel = usePanelPages();

async function panelWith(messages: MessageSummary[]): Promise<Page> {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection(), messages));
  await page.getByTestId('message').first().waitFor();
  return page;
}

function detailOf(summary: MessageSummary, payload: string): MessageDetail {
  return { summary, payloadBase64: Buffer.from(payload).toString('base64'), payloadCut: false, frames: [] };
}

/** The `log/detail` requests posted so far. */
async function detailRequests(page: Page): Promise<Extract<WebviewToHostMessage, { type: 'log/detail' }>[]> {
  return (await posted(page)).filter((m): m is Extract<WebviewToHostMessage, { type: 'log/detail' }> => m.type === 'log/detail');
}

test('clicking a row asks the host for that message and shows it: JSON first for JSON text, then Text and Hex', async () => {
  const json = message(2, { preview: '{"op":"tick","n":[1,2]}', size: 23 });
  const page = await panelWith([message(1), json]);
  await page.getByTestId('message').nth(1).click();
  const request = await waitForPosted(page, 'log/detail');
  assert.ok(request.type === 'log/detail');
  assert.equal(request.id, 2);
  assert.equal(await page.getByTestId('message').nth(1).getAttribute('aria-selected'), 'true');
  await sendFromHost(page, { type: 'host/result', requestId: request.requestId, ok: true, value: detailOf(json, '{"op":"tick","n":[1,2]}') });
  await page.getByTestId('detail-tab-json').waitFor();
  assert.equal(await page.getByTestId('detail-tab-json').getAttribute('aria-selected'), 'true');
  await page.getByTestId('detail-tab-text').click();
  assert.equal(await page.getByTestId('detail-text').textContent(), '{"op":"tick","n":[1,2]}');
  assert.match((await page.getByTestId('detail-bar').textContent()) ?? '', /#2\s+↓ received text/);
  await page.close();
});

test('binary has no text view: hex first', async () => {
  const binary = message(1, { kind: 'binary', preview: '00 ff', size: 2 });
  const page = await panelWith([binary]);
  await page.getByTestId('message').first().click();
  const request = await waitForPosted(page, 'log/detail');
  await sendFromHost(page, { type: 'host/result', requestId: request.type === 'log/detail' ? request.requestId : -1, ok: true, value: { ...detailOf(binary, ''), payloadBase64: 'AP8=' } });
  await page.getByTestId('detail-tab-hex').waitFor();
  assert.equal(await page.getByTestId('detail-tab-text').count(), 0);
  assert.equal(await page.getByTestId('detail-tab-hex').getAttribute('aria-selected'), 'true');
  await page.close();
});

test('the keyboard moves the selection; Escape closes the detail; an evicted message says so', async () => {
  const page = await panelWith([message(1), message(2), message(3)]);
  await page.getByTestId('message').first().click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string; id?: number }[] }).__posted.some((m) => m.type === 'log/detail' && m.id === 3));
  assert.deepEqual((await detailRequests(page)).map((r) => r.id), [1, 2, 3]);
  const last = (await detailRequests(page)).at(-1)!;
  await sendFromHost(page, { type: 'host/result', requestId: last.requestId, ok: false, error: { code: 'log/evicted', message: 'Message 3 is no longer in the session log.' } });
  await page.getByTestId('detail-error').getByText('no longer in the session log').waitFor();
  // An answer for a message no longer selected is dropped.
  const stale = (await detailRequests(page))[0]!;
  await sendFromHost(page, { type: 'host/result', requestId: stale.requestId, ok: true, value: detailOf(message(1), 'msg 1') });
  assert.equal(await page.getByTestId('detail-error').count(), 1);
  await page.keyboard.press('Escape');
  await page.getByTestId('detail').waitFor({ state: 'detached' });
  assert.equal(await page.locator('[aria-selected="true"][data-testid="message"]').count(), 0);
  await page.close();
});

test('a selected row stops the following; new messages are counted and the marker brings them back', async () => {
  const many = Array.from({ length: 60 }, (_, k) => message(k + 1));
  const page = await panelWith(many);
  await page.locator('[data-testid="message"][data-id="58"]').click();
  const counters = (n: number) => ({ messagesIn: n, messagesOut: 0, bytesIn: 5 * n, bytesOut: 0, evicted: 0 });
  await sendFromHost(page, appended([message(61), message(62)], counters(62)));
  await page.getByTestId('new-messages').getByText('2 new messages').waitFor();
  await page.getByTestId('new-messages').click();
  await page.getByTestId('new-messages').waitFor({ state: 'detached' });
  await page.getByTestId('detail').waitFor({ state: 'detached' });
  assert.ok(await page.getByText('msg 62').isVisible(), 'scrolled to the newest');
  await page.close();
});

test('Save asks the host to save that message’s whole payload and says where it went, or why not', async () => {
  const m = message(7, { preview: 'hello' });
  const page = await panelWith([m]);
  await page.getByTestId('message').first().click();
  const detail = await waitForPosted(page, 'log/detail');
  assert.ok(detail.type === 'log/detail');
  await sendFromHost(page, { type: 'host/result', requestId: detail.requestId, ok: true, value: detailOf(m, 'hello') });
  await page.getByTestId('save-payload').click();
  const save = await waitForPosted(page, 'log/savePayload');
  assert.ok(save.type === 'log/savePayload');
  assert.equal(save.id, 7);
  await sendFromHost(page, { type: 'host/result', requestId: save.requestId, ok: true, value: { savedTo: '/work/demo/message-7.txt' } });
  assert.equal(await page.getByTestId('save-note').textContent(), 'Saved to /work/demo/message-7.txt');
  await page.getByTestId('save-payload').click();
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((p) => p.type === 'log/savePayload').length === 2);
  const again = (await posted(page)).filter((p) => p.type === 'log/savePayload')[1]!;
  assert.ok('requestId' in again);
  await sendFromHost(page, { type: 'host/result', requestId: again.requestId, ok: false, error: { code: 'log/save', message: 'Could not save the payload to /ro/x.txt: EACCES. Pick a folder you can write to.' } });
  await page.getByTestId('save-note').getByText('Pick a folder you can write to').waitFor();
  await page.close();
});
