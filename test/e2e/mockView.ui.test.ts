// A mock server as a user runs it: the packaged VSIX in code-server, the demo's chat.wsmock.json
// started from the palette's quick pick, a client connecting, the Mock Servers view listing it,
// its panel showing what the rules answered, and the mock stopped with 1001. Then the mock server
// panel: a real client listed, a message sent to all and one to it, its log opened, and the
// client disconnected from the panel with a code and reason.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { resultsDir, startUiSession } from './harness/uiSession.mjs';
import { fillField, hasCommand, openWorkbench, runCommand, runCommandAndAnswer, webviewFrame } from './harness/workbench.mjs';

const root = join(import.meta.dirname, '..', '..');

let session: Awaited<ReturnType<typeof startUiSession>>;
let workspace: string;

before(async () => {
  workspace = join(root, '.cache', 'e2e', 'workspace-mock');
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  // The demo's definition on a free port, so a mock the developer runs on 9002 cannot collide.
  const chat = JSON.parse(readFileSync(join(root, 'demo', 'chat.wsmock.json'), 'utf8'));
  cpSync(join(root, 'schemas'), join(workspace, 'schemas'), { recursive: true });
  mkdirSync(join(workspace, 'mocks'));
  writeFileSync(join(workspace, 'mocks', 'chat.wsmock.json'), JSON.stringify({ ...chat, $schema: '../schemas/wsmock.schema.json', port: 0 }, null, 2));
  session = await startUiSession({ workspace, extensionsDir: join(root, '.cache', 'e2e', 'extensions-ui') });
});

after(async () => {
  await session?.stop('mock-last.png');
});

/** Starts the demo's chat mock from the palette, as a user does; returns its row in the view and its URL. */
async function startChatMock(page: Page): Promise<{ mockRow: Locator; url: string }> {
  await runCommandAndAnswer(page, 'Socket Lens: Start Mock Server…', 'chat.wsmock.json');
  const mockRow = page.getByRole('treeitem', { name: /^demo chat / });
  await mockRow.waitFor({ timeout: 30_000 });
  const url = /ws:\/\/127\.0\.0\.1:\d+/.exec((await mockRow.textContent()) ?? '')?.[0];
  assert.ok(url, `the view shows the mock's URL: ${await mockRow.textContent()}`);
  return { mockRow, url };
}

test('Start Mock Server… from the palette; the view lists the client; its panel shows the conversation; Stop says 1001', { timeout: 180_000 }, async () => {
  const { page } = session.browser;
  await openWorkbench(page, session.codeServer.urlFor(), {
    ready: (p, timeout) => hasCommand(p, 'Socket Lens: Start Mock Server…', { timeout }),
    log: (message) => console.log(`  ${message}`),
  });
  const { url } = await startChatMock(page);

  const ws = new WebSocket(`${url}/chat?room=lobby`, ['chat.v1']);
  const received: string[] = [];
  ws.on('message', (data) => received.push(data.toString()));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send('hello lens');

  const clientRow = page.getByRole('treeitem', { name: /subprotocol chat.v1/ });
  await clientRow.waitFor({ timeout: 15_000 });
  assert.match((await clientRow.textContent()) ?? '', /\/chat · 127\.0\.0\.1:\d+/);
  await page.screenshot({ path: join(resultsDir, 'mock-view.png') });

  await clientRow.click();
  const panel = webviewFrame(page);
  await panel.locator('[data-testid="message"][data-direction="out"]', { hasText: 'hi lens!' }).waitFor({ timeout: 30_000 });
  await panel.locator('[data-testid="message"][data-direction="in"]', { hasText: 'hello lens' }).waitFor();
  assert.ok(received.includes('hi lens!'), `the client got the rule's reply: ${JSON.stringify(received)}`);
  await page.screenshot({ path: join(resultsDir, 'mock-client-panel.png') });
  // The mock's side of the handshake reads what the client offered from its request, as a connection's does.
  await panel.getByTestId('tab-handshake').click();
  assert.match((await panel.getByTestId('subprotocol').textContent()) ?? '', /chat\.v1\s*— chosen from: chat\.v1/);
  assert.equal((await panel.getByTestId('request').locator('.line').textContent())?.trim(), 'GET /chat?room=lobby HTTP/1.1', 'the request line as the client sent it, query and all');

  await runCommand(page, 'Socket Lens: Stop Mock Server');
  assert.equal(await closed, 1001);
  await page.getByRole('treeitem', { name: /^demo chat / }).waitFor({ state: 'detached', timeout: 10_000 });
});

/** The frame that holds the mock server panel (other webviews may be open beside it). */
async function mockPanelFrame(page: Page, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator('socket-lens-mock-app').count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error('no webview frame holds <socket-lens-mock-app>');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('the mock server panel lists a real client, sends to all, opens its log and disconnects it with a code', { timeout: 180_000 }, async () => {
  const { page } = session.browser;
  const { mockRow, url } = await startChatMock(page);

  const ws = new WebSocket(`${url}/chat`, ['chat.v1']);
  const received: string[] = [];
  ws.on('message', (data) => received.push(data.toString()));
  const closed = new Promise<[number, string]>((resolve) => ws.once('close', (code, reason) => resolve([code, reason.toString()])));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send('ping');

  // The tree's inline action on the mock's row, shown while it is hovered. The row repaints as
  // the client's counters change, which can end the hover: hover again until the click lands.
  await mockRow.filter({ hasText: '1 client' }).waitFor({ timeout: 10_000 });
  for (let attempt = 1; ; attempt++) {
    await mockRow.hover();
    try {
      await mockRow.getByRole('button', { name: 'Show Mock Server Panel' }).click({ timeout: 3000 });
      break;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
  const panel = await mockPanelFrame(page);
  const row = panel.locator('[data-testid="client-row"][data-state="open"]');
  await row.waitFor({ timeout: 15_000 });
  const clientId = await row.getAttribute('data-id');
  assert.ok(clientId);
  assert.match((await row.textContent()) ?? '', /127\.0\.0\.1:\d+\s*\/chat\s*chat\.v1/);
  await panel.locator('[data-testid="client-row"] [data-testid="messages-in"]', { hasText: /^[1-9]/ }).waitFor({ timeout: 10_000 });
  assert.equal(await panel.getByTestId('clients-now').textContent(), '1');

  // Showing it again reveals the same panel.
  await runCommand(page, 'Socket Lens: Show Mock Server Panel');
  assert.equal(await page.getByRole('tab', { name: /^Mock demo chat(?! ·)/ }).count(), 1, 'one panel per mock');

  await fillField(panel.getByTestId('broadcast-message').locator('textarea'), 'news for everyone');
  await panel.getByTestId('send-all').click();
  await panel.getByTestId('broadcast-result').getByText('Sent to 1 client.').waitFor({ timeout: 10_000 });
  await waitUntil(() => received.includes('news for everyone'), () => `the client gets the message sent to all; it got ${JSON.stringify(received)}`);

  await row.click();
  await fillField(panel.getByTestId('client-message').locator('textarea'), 'only you');
  await panel.getByTestId('send-client').click();
  await waitUntil(() => received.includes('only you'), () => `the client gets the message sent to it; it got ${JSON.stringify(received)}`);
  await page.screenshot({ path: join(resultsDir, 'mock-panel.png') });
  copyFileSync(join(resultsDir, 'mock-panel.png'), '/tmp/mockpanel-code-server.png');

  await panel.getByTestId('open-log').click();
  await page.getByRole('tab', { name: new RegExp(`Mock demo chat · ${clientId}`) }).waitFor({ timeout: 15_000 });

  await page.getByRole('tab', { name: /^Mock demo chat(?! ·)/ }).click();
  const again = await mockPanelFrame(page);
  await again.locator(`[data-testid="client-row"][data-id="${clientId}"]`).click();
  await fillField(again.getByTestId('close-code').locator('input'), '4001');
  await fillField(again.getByTestId('close-reason').locator('input'), 'bye from the panel');
  await again.getByTestId('disconnect-client').click();
  assert.deepEqual(await closed, [4001, 'bye from the panel']);
  await again.locator(`[data-testid="client-row"][data-id="${clientId}"][data-state="closed"]`).waitFor({ timeout: 10_000 });
  assert.match((await again.locator(`[data-id="${clientId}"] [data-testid="client-state"]`).textContent()) ?? '', /Closed 4001 “bye from the panel” · by mock/);
  assert.equal(await again.getByTestId('clients-now').textContent(), '0');

  await runCommand(page, 'Socket Lens: Stop Mock Server');
  await again.getByTestId('mock-state').getByText('Stopped').waitFor({ timeout: 10_000 });
});

async function waitUntil(condition: () => boolean, what: () => string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
