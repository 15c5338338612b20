// The mock server panel in Chromium against a fake host: the header and client table it paints
// from a snapshot and batched updates, the keyboard, what it asks the host to do (send to one
// client, to all, disconnect, open a log, copy the URL) and the host's errors shown inline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { MockWebviewToHostMessage } from '../../src/shared/mockProtocol';
import type { MockClientRowView, MockServerView } from '../../src/shared/mockViewModels';
import { cspViolations, posted, sendFromHost } from './fakeHost';
import { T0 } from './fixtures';
import { shotsDir, usePanelPages } from './panelPage';
import { applyTheme, THEME_NAMES, type ThemeName } from './themes';

const openPanel = usePanelPages('socket-lens-mock-app');

function mockView(overrides: Partial<MockServerView> = {}): MockServerView {
  return { key: 'file:///w/mocks/chat.wsmock.json', name: 'demo chat', url: 'ws://127.0.0.1:9002/chat', otherPaths: ['/private', '/flaky'], state: 'running', clientsNow: 2, clientsTotal: 3, messagesIn: 42, messagesOut: 57, ...overrides };
}

function row(id: string, overrides: Partial<MockClientRowView> = {}): MockClientRowView {
  return { id, remote: '127.0.0.1:50123', path: '/chat', protocol: 'chat.v1', connectedAt: T0, state: 'open', messagesIn: 3, messagesOut: 5, logAvailable: true, ...overrides };
}

const CLOSED = row('cc000003', {
  remote: '127.0.0.1:50201',
  path: '/flaky',
  protocol: undefined,
  connectedAt: T0 + 5_000,
  closedAt: T0 + 65_000,
  state: 'closed',
  messagesIn: 1,
  messagesOut: 2,
  close: { code: 1012, reason: 'restarting', initiatedBy: 'server', wasClean: true },
});

async function withClients(clients: readonly MockClientRowView[] = [row('aa000001'), row('bb000002', { remote: '127.0.0.1:50124', protocol: undefined, messagesIn: 12 }), CLOSED], mock = mockView()): Promise<Page> {
  const page = await openPanel();
  await sendFromHost(page, { type: 'host/mockSnapshot', mock, clients });
  await page.getByTestId('mock-name').getByText(mock.name).waitFor();
  return page;
}

/** The last request of `type` the webview posted. */
async function lastPosted<T extends MockWebviewToHostMessage['type']>(page: Page, type: T, count = 1): Promise<Extract<MockWebviewToHostMessage, { type: T }>> {
  await page.waitForFunction(([t, n]) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === t).length >= n, [type, count] as const);
  const all = (await posted<MockWebviewToHostMessage>(page)).filter((m) => m.type === type);
  return all[all.length - 1] as Extract<MockWebviewToHostMessage, { type: T }>;
}

const cells = async (page: Page, id: string) => (await page.locator(`[data-testid="client-row"][data-id="${id}"] [role="gridcell"]`).allTextContents()).map((t) => t.trim());

test('asks for a snapshot, then paints the mock and a row per client under a strict CSP', async () => {
  const page = await openPanel();
  assert.deepEqual(await posted(page), [{ type: 'webview/ready' }]);
  await sendFromHost(page, { type: 'host/mockSnapshot', mock: mockView(), clients: [row('aa000001'), CLOSED] });
  await page.getByTestId('mock-state').getByText('Running').waitFor();
  assert.equal(await page.getByTestId('mock-url').textContent(), 'ws://127.0.0.1:9002/chat', 'the URL a client connects to: the first path');
  assert.equal(await page.getByTestId('mock-paths').textContent(), 'also /private /flaky');
  assert.match((await page.getByTestId('mock-counters').textContent()) ?? '', /2 connected · 3 in all\s+↓ 42\s+↑ 57/);
  assert.equal(await page.getByTestId('client-row').count(), 2);
  const open = await cells(page, 'aa000001');
  assert.deepEqual([open[0], open[1], open[2], open[3], open[6], open[7], open[8]], ['aa000001', '127.0.0.1:50123', '/chat', 'chat.v1', '3', '5', 'Open']);
  const closed = await cells(page, 'cc000003');
  assert.equal(closed[3], '—', 'no subprotocol');
  assert.equal(closed[5], '1:00', 'a closed client’s duration ends when it closed');
  assert.equal(closed[8], 'Closed 1012 “restarting” · by mock');
  assert.deepEqual(await cspViolations(page), []);
  await page.close();
});

test('forwarded (remote window, code-server): the header shows the URL Copy gives, and where the mock listens beside it', async () => {
  const page = await withClients([], mockView());
  assert.equal(await page.getByTestId('mock-local-url').count(), 0, 'locally there is one URL');
  const forwarded = 'wss://editor.example/proxy/9002/chat';
  await sendFromHost(page, { type: 'host/mockUpdate', mock: mockView({ reachableUrl: forwarded }), clients: [], removed: [] });
  await page.getByTestId('mock-url').getByText(forwarded).waitFor();
  assert.equal(await page.getByTestId('mock-local-url').textContent(), 'on this machine: ws://127.0.0.1:9002/chat');
  assert.equal(await page.getByTestId('mock-url').getAttribute('title'), `${forwarded}\non this machine: ws://127.0.0.1:9002/chat`);
  await page.getByTestId('copy-url').click();
  assert.equal((await lastPosted(page, 'mock/copyUrl')).type, 'mock/copyUrl', 'Copy asks the host (what the host copies is checked in the extension host, against the header)');
  assert.deepEqual(await cspViolations(page), []);
  await page.close();
});

test('batched updates change rows in place, add new clients last and drop forgotten ones', async () => {
  const page = await withClients();
  await sendFromHost(page, {
    type: 'host/mockUpdate',
    mock: mockView({ clientsNow: 2, clientsTotal: 4, messagesIn: 50 }),
    clients: [row('bb000002', { messagesIn: 20, messagesOut: 9 }), row('dd000004', { remote: '127.0.0.1:50300' }), row('aa000001', { state: 'closing' })],
    removed: ['cc000003'],
  });
  await page.locator('[data-id="dd000004"]').waitFor();
  assert.deepEqual(await page.getByTestId('client-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset['id'])), ['aa000001', 'bb000002', 'dd000004']);
  assert.deepEqual((await cells(page, 'bb000002')).slice(6, 8), ['20', '9']);
  assert.equal((await cells(page, 'aa000001'))[8], 'Closing…');
  assert.match((await page.getByTestId('mock-counters').textContent()) ?? '', /4 in all\s+↓ 50/);
  await page.close();
});

test('keyboard: the table is one tab stop; arrows select a client, Enter opens its log, Escape clears', async () => {
  const page = await withClients();
  await page.getByTestId('no-selection').waitFor();
  await page.getByRole('grid', { name: 'Clients' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.getByTestId('selected-client').getByText('aa000001').waitFor();
  await page.keyboard.press('ArrowDown');
  await page.getByTestId('selected-client').getByText('bb000002').waitFor();
  assert.equal(await page.locator('[data-id="bb000002"]').getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
  assert.deepEqual(await lastPosted(page, 'mock/openLog'), { type: 'mock/openLog', clientId: 'bb000002', requestId: 1 });
  await page.keyboard.press('End');
  await page.getByTestId('selected-client').getByText('cc000003').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('no-selection').waitFor();
  await page.close();
});

test('Send posts the text to the selected client only; Ctrl+Enter sends too', async () => {
  const page = await withClients();
  await page.locator('[data-id="bb000002"]').click();
  const box = page.getByTestId('client-message').locator('textarea');
  await box.fill('just for you');
  await page.getByTestId('send-client').click();
  const request = await lastPosted(page, 'mock/sendText');
  assert.deepEqual({ clientId: request.clientId, text: request.text }, { clientId: 'bb000002', text: 'just for you' });
  await sendFromHost(page, { type: 'host/result', requestId: request.requestId, ok: true });
  await page.getByTestId('client-notice').getByText('Sent to bb000002.').waitFor();
  await box.press('Control+Enter');
  assert.equal((await lastPosted(page, 'mock/sendText', 2)).clientId, 'bb000002');
  assert.equal((await posted<MockWebviewToHostMessage>(page)).filter((m) => m.type === 'mock/broadcastText').length, 0);
  await page.close();
});

test('Send to All posts the text and says how many clients it reached', async () => {
  const page = await withClients();
  await page.getByTestId('broadcast-message').locator('textarea').fill('{"type":"news"}');
  await page.getByTestId('send-all').click();
  const request = await lastPosted(page, 'mock/broadcastText');
  assert.equal(request.text, '{"type":"news"}');
  await sendFromHost(page, { type: 'host/result', requestId: request.requestId, ok: true, value: { sent: 2 } });
  await page.getByTestId('broadcast-result').getByText('Sent to 2 clients.').waitFor();

  await page.getByTestId('send-all').click();
  const second = await lastPosted(page, 'mock/broadcastText', 2);
  await sendFromHost(page, { type: 'host/result', requestId: second.requestId, ok: true, value: { sent: 0 } });
  await page.getByTestId('broadcast-result').getByText('No client is connected: nothing was sent.').waitFor();
  await page.close();
});

test('Disconnect closes with 1000 by default, or with the code and reason typed; a code that is not a number is refused here', async () => {
  const page = await withClients();
  await page.locator('[data-id="aa000001"]').click();
  assert.equal(await page.getByTestId('close-code').evaluate((f) => (f as HTMLInputElement).value), '1000');
  await page.getByTestId('disconnect-client').click();
  assert.deepEqual(await lastPosted(page, 'mock/disconnect'), { type: 'mock/disconnect', clientId: 'aa000001', code: 1000, reason: '', requestId: 1 });
  await sendFromHost(page, { type: 'host/result', requestId: 1, ok: true });

  await page.getByTestId('close-code').locator('input').fill('4001');
  await page.getByTestId('close-reason').locator('input').fill('kicked');
  await page.getByTestId('disconnect-client').click();
  const second = await lastPosted(page, 'mock/disconnect', 2);
  assert.deepEqual([second.code, second.reason], [4001, 'kicked']);
  await sendFromHost(page, { type: 'host/result', requestId: second.requestId, ok: true });

  await page.getByTestId('close-code').locator('input').fill('abc');
  await page.getByTestId('disconnect-client').click();
  await page.getByTestId('client-error').getByText('“abc” is not a close code').waitFor();
  assert.equal((await posted<MockWebviewToHostMessage>(page)).filter((m) => m.type === 'mock/disconnect').length, 2);
  await page.close();
});

test('the host’s errors show inline in the section that asked: a client already gone, a broadcast on a stopped mock', async () => {
  const page = await withClients();
  await page.locator('[data-id="aa000001"]').click();
  await page.getByTestId('client-message').locator('textarea').fill('hello?');
  await page.getByTestId('send-client').click();
  const send = await lastPosted(page, 'mock/sendText');
  await sendFromHost(page, { type: 'host/result', requestId: send.requestId, ok: false, error: { code: 'mock/client', message: 'Client aa000001 has already disconnected (closed with 1001); nothing was sent.' } });
  await page.getByTestId('client-error').getByText('has already disconnected').waitFor();
  assert.equal(await page.getByTestId('client-error').getAttribute('role'), 'alert');

  await page.getByTestId('send-all').click();
  const broadcast = await lastPosted(page, 'mock/broadcastText');
  await sendFromHost(page, { type: 'host/result', requestId: broadcast.requestId, ok: false, error: { code: 'mock/client', message: 'demo chat has stopped. Start it again to reach clients.' } });
  await page.getByTestId('broadcast-error').getByText('has stopped').waitFor();
  await page.getByTestId('client-error').waitFor({ state: 'visible' });

  await page.getByTestId('copy-url').click();
  const copy = await lastPosted(page, 'mock/copyUrl');
  await sendFromHost(page, { type: 'host/result', requestId: copy.requestId, ok: true });
  await page.getByTestId('copy-url').getByText('Copied').waitFor();
  await page.close();
});

test('a closed client cannot be sent to or disconnected, but its log opens; a stopped mock sends nothing', async () => {
  const page = await withClients();
  await page.locator('[data-id="cc000003"]').click();
  assert.equal(await page.getByTestId('send-client').getAttribute('disabled'), '');
  assert.equal(await page.getByTestId('disconnect-client').getAttribute('disabled'), '');
  await page.getByTestId('open-log').click();
  assert.equal((await lastPosted(page, 'mock/openLog')).clientId, 'cc000003');

  await sendFromHost(page, { type: 'host/mockUpdate', mock: mockView({ state: 'stopped', clientsNow: 0 }), clients: [row('aa000001', { state: 'closed', closedAt: T0 + 1000 })], removed: [] });
  await page.getByTestId('mock-state').getByText('Stopped').waitFor();
  assert.equal(await page.getByTestId('send-all').getAttribute('disabled'), '');
  await page.close();
});

test('a panel opened on a mock that has stopped says so and offers no send or disconnect', async () => {
  // As after Stop Mock Server when the panel's webview loads again (hidden, then shown).
  const page = await withClients([row('aa000001')], mockView({ state: 'stopped', clientsNow: 0 }));
  await page.getByTestId('mock-state').getByText('Stopped').waitFor();
  assert.equal(await page.getByTestId('stopped-note').textContent(), 'Stopped: start it again to reach clients.');
  await page.locator('[data-id="aa000001"]').click();
  for (const control of ['send-all', 'broadcast-message', 'send-client', 'client-message', 'disconnect-client', 'close-code']) {
    assert.equal(await page.getByTestId(control).getAttribute('disabled'), '', `${control} is disabled`);
  }
  assert.equal(await page.getByTestId('client-message').getAttribute('placeholder'), 'The mock has stopped');
  await page.screenshot({ path: join(shotsDir, 'mock-stopped.png') });
  await page.close();
});

/** Button and input colours of each theme, which the fake host's theme variables leave out. */
const CONTROLS: Record<ThemeName, Record<string, string>> = {
  dark: { '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff', '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc', '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc', '--vscode-input-border': '#3c3c3c', '--vscode-settings-textInputBackground': '#313131', '--vscode-settings-textInputBorder': '#3c3c3c', '--vscode-settings-textInputForeground': '#cccccc' },
  light: { '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff', '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-button-secondaryHoverBackground': '#cccccc', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b', '--vscode-input-border': '#cecece', '--vscode-input-placeholderForeground': '#767676', '--vscode-settings-textInputBackground': '#ffffff', '--vscode-settings-textInputBorder': '#cecece', '--vscode-settings-textInputForeground': '#3b3b3b', '--vscode-disabledForeground': '#61616180' },
  'high-contrast': { '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df', '--vscode-button-secondaryBackground': '#000000', '--vscode-button-secondaryForeground': '#ffffff', '--vscode-input-background': '#000000', '--vscode-input-foreground': '#ffffff', '--vscode-input-border': '#6fc3df', '--vscode-settings-textInputBackground': '#000000', '--vscode-settings-textInputBorder': '#6fc3df', '--vscode-settings-textInputForeground': '#ffffff' },
};

test('screenshots in each theme', async () => {
  const page = await withClients([row('3f9a2c71', { messagesIn: 128, messagesOut: 131, connectedAt: Date.now() - 754_000 }), row('b07e14d2', { remote: '127.0.0.1:50177', path: '/chat', messagesIn: 4, messagesOut: 9, connectedAt: Date.now() - 65_000 }), CLOSED]);
  await page.locator('[data-id="3f9a2c71"]').click();
  await page.getByTestId('client-message').locator('textarea').fill('{"type":"hello","from":"mock"}');
  await page.getByTestId('send-all').click();
  const request = await lastPosted(page, 'mock/broadcastText');
  await sendFromHost(page, { type: 'host/result', requestId: request.requestId, ok: true, value: { sent: 2 } });
  await page.getByTestId('broadcast-result').waitFor();
  for (const theme of THEME_NAMES) {
    await applyTheme(page, theme);
    await page.evaluate((vars) => Object.entries(vars).forEach(([name, value]) => document.documentElement.style.setProperty(name, value)), CONTROLS[theme]);
    const file = join(shotsDir, `mockpanel-${theme}.png`);
    await page.screenshot({ path: file });
    await copyFile(file, `/tmp/mockpanel-${theme}.png`);
  }
  await page.close();
});
