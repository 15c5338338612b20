// A mock server as a user runs it: the packaged VSIX in code-server, the demo's chat.wsmock.json
// started from the palette's quick pick, a client connecting, the Mock Servers view listing it,
// its panel showing what the rules answered, and the mock stopped with 1001.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { launchBrowser } from './harness/browser.mjs';
import { installVsix, startCodeServer } from './harness/codeServer.mjs';
import { answerInputBox, hasCommand, openWorkbench, runCommand, webviewFrame } from './harness/workbench.mjs';

const root = join(import.meta.dirname, '..', '..');
const resultsDir = join(root, '.cache', 'test-results');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

let codeServer: Awaited<ReturnType<typeof startCodeServer>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
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
  const extensionsDir = join(root, '.cache', 'e2e', 'extensions-ui');
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  await installVsix(join(root, `${name}-${version}.vsix`), extensionsDir);
  codeServer = await startCodeServer({ workspace, extensionsDir });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.page.screenshot({ path: join(resultsDir, 'mock-last.png') }).catch(() => {});
  await browser?.close();
  await codeServer?.stop();
});

test('Start Mock Server… from the palette; the view lists the client; its panel shows the conversation; Stop says 1001', { timeout: 180_000 }, async () => {
  const { page } = browser;
  await openWorkbench(page, codeServer.urlFor(), {
    ready: (p, timeout) => hasCommand(p, 'Socket Lens: Start Mock Server…', { timeout }),
    log: (message) => console.log(`  ${message}`),
  });
  await runCommand(page, 'Socket Lens: Start Mock Server…');
  await answerInputBox(page, 'chat.wsmock.json');

  const mockRow = page.getByRole('treeitem', { name: /^demo chat / });
  await mockRow.waitFor({ timeout: 30_000 });
  const url = /ws:\/\/127\.0\.0\.1:\d+/.exec((await mockRow.textContent()) ?? '')?.[0];
  assert.ok(url, `the view shows the mock's URL: ${await mockRow.textContent()}`);

  const ws = new WebSocket(`${url}/chat`, ['chat.v1']);
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

  await runCommand(page, 'Socket Lens: Stop Mock Server');
  assert.equal(await closed, 1001);
  await page.getByRole('treeitem', { name: /^demo chat / }).waitFor({ state: 'detached', timeout: 10_000 });
});
