// The walkthrough as a new user goes through it: the packaged VSIX in code-server with an empty
// workspace, "Get Started with Socket Lens" opened from the palette, and each step's button
// clicked in turn: the echo mock starts, a connection to it opens its panel, the panel shows the
// conversation, and the mock server panel lists the client.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { resultsDir, startUiSession } from './harness/uiSession.mjs';
import { closeAllEditors, fillField, hasCommand, openWorkbench, runCommandAndAnswer } from './harness/workbench.mjs';

const root = join(import.meta.dirname, '..', '..');
let session: Awaited<ReturnType<typeof startUiSession>>;

before(async () => {
  const workspace = join(root, '.cache', 'e2e', 'workspace-walkthrough');
  rmSync(workspace, { recursive: true, force: true });
  session = await startUiSession({ workspace, extensionsDir: join(root, '.cache', 'e2e', 'extensions-walkthrough') });
});

after(() => session?.stop('walkthrough-last.png'));

/** The walkthrough's step `title`, opened, and its button `label` clicked. */
async function clickStep(page: Page, title: string, label: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(title) }).first().click();
  const button = page.locator('.getting-started-step.expanded').getByText(label, { exact: true });
  await button.waitFor({ timeout: 10_000 });
  await button.click();
}

/** The webview holding `root` (the connection panel's or the mock panel's root element). */
function panelWith(page: Page, root: string) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator(root);
}

test('a new user goes from nothing to a running mock, a connected panel and the mock’s clients', { timeout: 240_000 }, async () => {
  const { page } = session.browser;
  await openWorkbench(page, session.codeServer.urlFor(), {
    ready: (p, timeout) => hasCommand(p, 'Socket Lens: Connect…', { timeout }),
    log: (message) => console.log(`  ${message}`),
  });
  await runCommandAndAnswer(page, 'Welcome: Open Walkthrough...', 'Get Started with Socket Lens');
  await page.getByText('Get Started with Socket Lens').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(1500); // the step's markdown loads in a webview of its own
  await page.screenshot({ path: join(resultsDir, 'walkthrough-open.png') });

  await clickStep(page, 'Start a mock server', 'Start the Echo Mock');
  await page.getByRole('treeitem', { name: /^echo / }).waitFor({ timeout: 20_000 });

  await page.getByRole('tab', { name: /Walkthrough|Welcome/ }).first().click();
  await clickStep(page, 'Connect to it', 'Connect to the Mock');
  const connection = panelWith(page, 'socket-lens-app');
  await connection.getByTestId('state').getByText('Open').waitFor({ timeout: 20_000 });
  await fillField(connection.getByTestId('composer').locator('textarea'), 'hello from the walkthrough');
  await connection.getByTestId('send').click();
  await connection.locator('[data-testid="message"][data-direction="in"]', { hasText: 'hello from the walkthrough' }).waitFor({ timeout: 10_000 });
  // The Connections view counts the message each way too (it repaints on its own throttle).
  await page.locator('.monaco-list-row', { hasText: /open · ↓ 1 ↑ 1/ }).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(resultsDir, 'walkthrough-connected.png') });

  await page.getByRole('tab', { name: /Walkthrough|Welcome/ }).first().click();
  await clickStep(page, "See the mock's side", 'Show the Mock Server Panel');
  const mockPanel = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('iframe#active-frame').locator('socket-lens-mock-app');
  await mockPanel.getByText('1 connected').first().waitFor({ timeout: 20_000 });
  await page.screenshot({ path: join(resultsDir, 'walkthrough-mock-panel.png') });

  await page.getByRole('tab', { name: /Walkthrough|Welcome/ }).first().click();
  await clickStep(page, 'Tune the defaults', 'Open Socket Lens Settings');
  const settingsEditor = page.locator('.settings-editor');
  await settingsEditor.getByText('Handshake Timeout Ms', { exact: false }).first().waitFor({ timeout: 15_000 });
  await settingsEditor.getByText('Log Budget Mi B', { exact: false }).first().waitFor({ timeout: 5_000 });
  await page.screenshot({ path: join(resultsDir, 'walkthrough-settings.png') });

  await page.getByRole('tab', { name: /Walkthrough|Welcome/ }).first().click();
  // The page may draw its ticks a moment after it is shown: read the steps until all five are ticked, for up to 10 s.
  let steps: string[] = [];
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await page.waitForTimeout(200)) {
    steps = await page.locator('.getting-started-step').evaluateAll((els) => els.map((e) => `${e.className} [${e.querySelector('.codicon')?.className ?? ''}] ${e.getAttribute('aria-checked') ?? ''}`));
    if (steps.filter((s) => /checked|complete|pass/.test(s)).length === 5) break;
  }
  // Each step is ticked by what was done (a mock running, a connection open, a message sent from
  // the panel, the mock's panel seen, the settings opened), so all five are.
  assert.equal(steps.length, 5, `the walkthrough has its five steps: ${JSON.stringify(steps)}`);
  assert.equal(steps.filter((s) => /checked|complete|pass/.test(s)).length, 5, `every step done is checked off: ${JSON.stringify(steps)}`);
});

test('the status bar counts the live connection and the mock; a click opens their panels again', { timeout: 120_000 }, async () => {
  const { page } = session.browser;
  const item = page.locator('.statusbar-item', { hasText: '1 · 1' });
  await item.waitFor({ timeout: 10_000 });
  await closeAllEditors(page);
  await item.click();
  await page.locator('.quick-input-widget').getByText('Connections').waitFor({ timeout: 10_000 });
  await page.locator('.quick-input-widget').getByText('Mock servers').waitFor();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'ws://127.0.0.1' }).first().click();
  await panelWith(page, 'socket-lens-app').getByTestId('state').getByText('Open').waitFor({ timeout: 20_000 });
  await page.screenshot({ path: join(resultsDir, 'status-bar-reopened.png') });
});
