// Sessions survive a reload, as a user sees it: the packaged VSIX in code-server, a connection
// open and receiving, "Developer: Reload Window" while it is still open (the extension host ends:
// deactivate keeps the session), then Show Previous Sessions… in the new window opens it with
// every message that had arrived.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { resultsDir, startUiSession } from './harness/uiSession.mjs';
import { closeAllEditors, hasCommand, openWorkbench, runCommand, runCommandAndAnswer, waitForWorkbench, webviewFrame } from './harness/workbench.mjs';

const root = join(import.meta.dirname, '..', '..');
let session: Awaited<ReturnType<typeof startUiSession>>;
let server: WebSocketServer;
let ticks = 0;
/** How many ticks had been sent when the connection closed: no later one can be in the session. */
let ticksAtClose: Promise<number>;

before(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (ws) => {
    const timer = setInterval(() => ws.send(`tick ${++ticks}`), 50);
    ticksAtClose = new Promise((resolve) =>
      ws.on('close', () => {
        clearInterval(timer);
        resolve(ticks);
      }),
    );
  });
  const workspace = join(root, '.cache', 'e2e', 'workspace-reload');
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  session = await startUiSession({ workspace, extensionsDir: join(root, '.cache', 'e2e', 'extensions-reload') });
});

after(async () => {
  await session?.stop('reload-last.png');
  server?.close();
});

test('a connection still open when the window reloads is kept with its messages; Show Previous Sessions opens it', { timeout: 180_000 }, async () => {
  const { page } = session.browser;
  await openWorkbench(page, session.codeServer.urlFor(), {
    ready: (p, timeout) => hasCommand(p, 'Socket Lens: Connect…', { timeout }),
    log: (message) => console.log(`  ${message}`),
  });
  const url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/reload`;
  await runCommandAndAnswer(page, 'Socket Lens: Connect…', url);
  await webviewFrame(page).locator('[data-testid="message"]', { hasText: 'tick 20' }).waitFor({ timeout: 30_000 });

  const loaded = page.waitForEvent('load', { timeout: 30_000 });
  await runCommand(page, 'Developer: Reload Window');
  await loaded;
  const sentBeforeClose = await ticksAtClose;
  await waitForWorkbench(page);
  assert.ok(await hasCommand(page, 'Socket Lens: Show Previous Sessions…', { timeout: 60_000 }), 'the extension is back after the reload');
  await closeAllEditors(page); // the panel below is the kept session's

  await runCommandAndAnswer(page, 'Socket Lens: Show Previous Sessions…', '127.0.0.1');
  const panel = webviewFrame(page);
  await panel.getByTestId('state').getByText('Read-only').waitFor({ timeout: 30_000 });
  await panel.locator('[data-testid="message"]', { hasText: 'tick 20' }).waitFor({ timeout: 10_000 });
  const count = Number(/(\d+)/.exec(((await panel.getByTestId('match-count').textContent()) ?? '').replace(/,/g, ''))?.[1]);
  assert.ok(count >= 20 && count <= sentBeforeClose, `the kept session holds the messages that arrived before the reload: ${count} of ${sentBeforeClose} sent before the connection closed`);
  await page.screenshot({ path: join(resultsDir, 'reload-previous-session.png') });
});
