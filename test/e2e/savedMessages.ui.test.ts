// A saved connection's messages as a user meets them: the packaged VSIX in code-server, a
// .vscode/socket-lens.json with messages, "Connect to Saved…" from the palette, the messages
// listed in the panel's composer, one sent by name reaching a real echo server with its
// ${var:…} filled in, a missing ${secret:…} named under the composer, and the list following
// an edit of the file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { resultsDir, startUiSession } from './harness/uiSession.mjs';
import { hasCommand, openWorkbench, runCommandAndAnswer, webviewFrame } from './harness/workbench.mjs';

const root = join(import.meta.dirname, '..', '..');
const NAME = 'Echo (saved)';

let wss: WebSocketServer;
const received: string[] = [];
let workspace: string;
let session: Awaited<ReturnType<typeof startUiSession>>;

function writeSaved(url: string, messages: { name: string; text: string }[]): void {
  writeFileSync(join(workspace, '.vscode', 'socket-lens.json'), JSON.stringify({ variables: { room: 'lobby' }, connections: [{ name: NAME, url, messages }] }, null, 2));
}

const JOIN = { name: 'join', text: '{"op":"join","room":"${var:room}"}' };
const AUTH = { name: 'auth', text: '{"token":"${secret:ui-missing-token}"}' };

before(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      received.push(data.toString());
      ws.send(data, { binary: isBinary });
    });
  });
  workspace = join(root, '.cache', 'e2e', 'workspace-saved-messages');
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeSaved(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/echo`, [JOIN, AUTH]);
  session = await startUiSession({ workspace, extensionsDir: join(root, '.cache', 'e2e', 'extensions-ui') });
});

after(async () => {
  await session?.stop('saved-messages-last.png');
  for (const client of wss?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
});

test('the composer lists the saved connection\'s messages; Send reaches the echo server filled in; a missing secret is named', { timeout: 180_000 }, async () => {
  const { page } = session.browser;
  await openWorkbench(page, session.codeServer.urlFor(), {
    ready: (p, timeout) => hasCommand(p, 'Socket Lens: Connect to Saved…', { timeout }),
    log: (message) => console.log(`  ${message}`),
  });
  await runCommandAndAnswer(page, 'Socket Lens: Connect to Saved…', NAME);
  const panel = webviewFrame(page);
  await panel.getByTestId('state').getByText('Open').waitFor({ timeout: 30_000 });

  await panel.getByTestId('toggle-snippets').getByText('Snippets (2)').waitFor({ timeout: 10_000 });
  await panel.getByTestId('toggle-snippets').click();
  assert.match((await panel.getByTestId('saved-heading').textContent()) ?? '', /Saved messages · Echo \(saved\)/);
  assert.deepEqual(await panel.getByTestId('saved-message').locator('.name').allTextContents(), ['join', 'auth']);

  const joinRow = panel.getByTestId('saved-message').filter({ hasText: 'join' });
  await joinRow.getByTestId('saved-send').click();
  await panel.locator('[data-testid="message"][data-direction="in"]', { hasText: '{"op":"join","room":"lobby"}' }).waitFor({ timeout: 10_000 });
  assert.deepEqual(received, ['{"op":"join","room":"lobby"}']);

  await panel.getByTestId('saved-message').filter({ hasText: 'auth' }).getByTestId('saved-send').click();
  const error = panel.getByTestId('composer-error');
  await error.waitFor({ timeout: 10_000 });
  assert.match((await error.textContent()) ?? '', /\$\{secret:ui-missing-token\} is not set: run 'Socket Lens: Set Secret…' and store "ui-missing-token"/);
  assert.equal(received.length, 1, 'nothing went out without the secret');

  await joinRow.getByTestId('saved-insert').click();
  assert.equal(await panel.getByTestId('composer').locator('textarea').inputValue(), JOIN.text, 'the box shows the reference, not its value');
  await panel.getByTestId('composer-references').waitFor();
  await page.screenshot({ path: join(resultsDir, 'saved-messages.png') });
  await panel.locator('socket-lens-composer').screenshot({ path: join(resultsDir, 'saved-messages-composer.png') });
});

test('an edit of the saved-connections file shows in the open panel\'s list', { timeout: 60_000 }, async () => {
  const { page } = session.browser;
  const panel = webviewFrame(page);
  writeSaved(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/echo`, [JOIN, { name: 'leave', text: 'bye ${var:room}' }]);
  await panel.getByTestId('saved-message').filter({ hasText: 'leave' }).waitFor({ timeout: 20_000 });
  assert.deepEqual(await panel.getByTestId('saved-message').locator('.name').allTextContents(), ['join', 'leave']);
  await panel.getByTestId('saved-message').filter({ hasText: 'leave' }).getByTestId('saved-send').click();
  await panel.locator('[data-testid="message"][data-direction="in"]', { hasText: 'bye lobby' }).waitFor({ timeout: 10_000 });
  assert.deepEqual(received, ['{"op":"join","room":"lobby"}', 'bye lobby']);
});
