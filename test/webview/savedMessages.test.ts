// The composer of a connection opened from a saved connection: that connection's messages are
// listed by name, loaded into the box, or sent at once by name; their references stay as
// written in the panel and the host fills them in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { SavedMessagesView } from '../../src/shared/protocol';
import { cspViolations, posted, sendFromHost } from './fakeHost';
import { box, CLOSE_CODES, composerPages, errorText, nth, sent } from './composerPage';
import { openConnection } from './fixtures';
import { applyTheme } from './themes';

const composerPanel = composerPages();

const STAGING: SavedMessagesView = {
  connection: 'Staging',
  messages: [
    { name: 'join', text: '{"op":"join","room":"${var:room}"}' },
    { name: 'hello', text: 'hello from ${env:USER}' },
    { name: 'auth', text: '{"token":"${secret:api-token}"}' },
  ],
};

const row = (page: Page, name: string) => page.getByTestId('saved-message').filter({ has: page.locator('.name', { hasText: name }) });

test('the saved messages are listed by name under their connection, references marked; Insert picks JSON or Text', async () => {
  const page = await composerPanel({ saved: STAGING });
  assert.equal(await page.getByTestId('toggle-snippets').textContent(), 'Snippets (3)');
  await page.getByTestId('toggle-snippets').click();
  assert.match((await page.getByTestId('saved-heading').textContent()) ?? '', /Saved messages · Staging/);
  assert.deepEqual(await page.getByTestId('saved-message').locator('.name').allTextContents(), ['join', 'hello', 'auth']);
  assert.deepEqual(await page.getByTestId('saved-message').locator('.mode').allTextContents(), ['JSON', 'Text', 'JSON']);
  assert.equal(await row(page, 'auth').locator('.reference').textContent(), '${secret:api-token}');

  await row(page, 'join').getByTestId('saved-insert').click();
  assert.equal(await box(page).inputValue(), '{"op":"join","room":"${var:room}"}');
  await page.getByTestId('format-json').waitFor();
  assert.match((await page.getByTestId('composer-references').textContent()) ?? '', /\$\{…\} filled in from "Staging" when sent/);
  await page.getByTestId('send').click();
  const request = await nth(page, 'connection/send');
  assert.deepEqual(request.payload, { kind: 'text', text: '{"op":"join","room":"${var:room}"}' }, 'the panel sends the reference, not a value');
  assert.equal(request.references, true);

  await row(page, 'hello').getByTestId('saved-insert').click();
  assert.equal(await box(page).inputValue(), 'hello from ${env:USER}');
  await page.getByTestId('format-json').waitFor({ state: 'detached' });
  await box(page).fill('no references left');
  await page.getByTestId('composer-references').waitFor({ state: 'detached' });
  await page.getByTestId('send').click();
  assert.equal((await nth(page, 'connection/send', 2)).references, undefined, 'text without references goes as it is');
  await page.close();
});

test('Send sends a saved message by name; a missing secret shows under the composer; the list follows the host', async () => {
  const page = await composerPanel({ saved: STAGING });
  await page.getByTestId('toggle-snippets').click();
  await row(page, 'auth').getByTestId('saved-send').click();
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'composer/sendSaved'));
  const request = (await posted(page)).find((m) => m.type === 'composer/sendSaved');
  assert.ok(request && request.type === 'composer/sendSaved');
  assert.equal(request.name, 'auth');
  const missing = `Cannot send "auth": \${secret:api-token} is not set: run 'Socket Lens: Set Secret…' and store "api-token".`;
  await sendFromHost(page, { type: 'host/result', requestId: request.requestId, ok: false, error: { code: 'saved/unresolved', message: missing } });
  await page.getByTestId('composer-error').waitFor();
  assert.equal(await errorText(page), missing);
  assert.equal(await box(page).inputValue(), '', 'sending by name leaves the box alone');

  await sendFromHost(page, { type: 'host/composer', closeCodes: CLOSE_CODES, saved: { connection: 'Staging', messages: [{ name: 'leave', text: '{"op":"leave"}' }] } });
  await page.getByTestId('saved-message').filter({ hasText: 'leave' }).waitFor();
  assert.equal(await page.getByTestId('saved-message').count(), 1);
  assert.equal(await page.getByTestId('toggle-snippets').textContent(), 'Snippets (1)');

  await sendFromHost(page, { type: 'host/connection', connection: openConnection({ state: 'closed' }) });
  await page.waitForFunction(() => document.querySelector('socket-lens-app')?.shadowRoot?.querySelector('socket-lens-composer')?.shadowRoot?.querySelector('socket-lens-saved-messages')?.shadowRoot?.querySelector('[data-testid="saved-send"]')?.hasAttribute('disabled'));
  await row(page, 'leave').getByTestId('saved-send').click({ force: true });
  assert.equal((await sent(page)).filter((m) => m.type === 'composer/sendSaved').length, 1, 'nothing is sent on a closed connection');
  await page.close();
});

test('a connection not opened from a saved one lists none and sends ${…} as typed; the list fits each theme', async () => {
  const page = await composerPanel();
  await page.getByTestId('toggle-snippets').click();
  await page.getByTestId('snippet-name').waitFor();
  assert.equal(await page.getByTestId('saved-heading').count(), 0);
  await box(page).fill('Bearer ${secret:api-token}');
  assert.equal(await page.getByTestId('composer-references').count(), 0);
  await page.getByTestId('send').click();
  assert.equal((await nth(page, 'connection/send')).references, undefined);
  await page.close();

  const saved = await composerPanel({ saved: { connection: 'Empty', messages: [] } });
  await saved.getByTestId('toggle-snippets').click();
  assert.match((await saved.getByTestId('saved-messages-empty').textContent()) ?? '', /"Empty" has no saved messages/);
  for (const theme of ['dark', 'light', 'high-contrast'] as const) await applyTheme(saved, theme);
  assert.deepEqual(await cspViolations(saved), []);
  await saved.close();
});
