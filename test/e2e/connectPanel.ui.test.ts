// The thin slice as a user does it: the packaged VSIX installed in code-server, "Socket Lens:
// Connect…" from the command palette, the handshake and messages in the panel, a message sent
// from the composer arriving at the server, and the panel closed and reopened.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WebSocketServer } from 'ws';
import { resultsDir, startUiSession } from './harness/uiSession.mjs';
import { answerInputBox, clickToFocus, closeAllEditors, fillField, hasCommand, openWorkbench, quickInput, runCommand, runCommandAndAnswer, runCommandAndFill, webviewFrame } from './harness/workbench.mjs';

const root = join(import.meta.dirname, '..', '..');

let wss: WebSocketServer;
const received: string[] = [];
/** Each upgrade request's headers, in order. */
const requests: IncomingHttpHeaders[] = [];
let url: string;
let session: Awaited<ReturnType<typeof startUiSession>>;

before(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/echo`;
  wss.on('connection', (ws, request) => {
    requests.push(request.headers);
    // In two frames, so the panel has fragments to show.
    ws.send('welcome to ', { fin: false });
    ws.send('the echo server', { fin: true });
    ws.on('message', (data, isBinary) => {
      received.push(data.toString());
      ws.send(data, { binary: isBinary });
    });
  });
  session = await startUiSession({ workspace: join(root, '.cache', 'e2e', 'workspace-ui'), extensionsDir: join(root, '.cache', 'e2e', 'extensions-ui') });
});

after(async () => {
  await session?.stop('connect-last.png');
  for (const client of wss?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
});

async function connectFromPalette(page: Page): Promise<void> {
  // Loading is retried (a new page load, new connections) when our command never reaches the
  // palette: a broken remote connection, not our extension (see BROKEN_SESSION_PATTERNS).
  await openWorkbench(page, session.codeServer.urlFor(), {
    ready: (p, timeout) => hasCommand(p, 'Socket Lens: Connect…', { timeout }),
    log: (message) => console.log(`  ${message}`),
  });
  await runCommandAndAnswer(page, 'Socket Lens: Connect…', url);
}

test('Connect… from the palette shows the handshake and messages, and the composer sends', { timeout: 180_000 }, async () => {
  const { page } = session.browser;
  await connectFromPalette(page);
  const panel = webviewFrame(page);

  await panel.getByTestId('state').getByText('Open').waitFor({ timeout: 30_000 });
  assert.equal(await panel.getByTestId('url').textContent(), url);
  const welcome = panel.locator('[data-testid="message"]', { hasText: 'welcome to the echo server' });
  await welcome.waitFor();
  assert.equal(await welcome.getByTestId('fragments').textContent(), '2 frames');

  await fillField(panel.getByTestId('composer').locator('textarea'), 'hello from the panel');
  await panel.getByTestId('send').click();
  await panel.locator('[data-testid="message"][data-direction="in"]', { hasText: 'hello from the panel' }).waitFor();
  assert.deepEqual(received, ['hello from the panel']);
  assert.equal(await panel.locator('[data-testid="message"][data-direction="out"]').count(), 1);
  await page.screenshot({ path: join(resultsDir, 'connect-messages.png') });

  // Ctrl+A and typing straight away replaces the text with all that was typed. The workbench's own
  // Select All used to arrive a few frames late and select the first characters typed.
  const composerBox = panel.getByTestId('composer').locator('textarea');
  const pangrams = ['the quick brown fox jumps over the lazy dog', 'pack my box with five dozen liquor jugs', 'how vexingly quick daft zebras jump', 'sphinx of black quartz judge my vow'];
  for (const typed of [...pangrams, ...pangrams]) {
    await clickToFocus(composerBox);
    await page.keyboard.press('Control+a');
    await page.keyboard.type(typed);
    assert.equal(await composerBox.inputValue(), typed, 'no key typed after Ctrl+A is lost');
  }
  await fillField(composerBox, '');

  // The host filters its log: two of the three messages say hello.
  await fillField(panel.getByTestId('filter-text'), 'hello');
  await panel.getByTestId('match-count').getByText('2 of 3 match').waitFor();
  assert.equal(await panel.locator('[data-testid="message"]').count(), 2);
  await fillField(panel.getByTestId('filter-text'), '');
  await panel.getByTestId('match-count').getByText('3 messages').waitFor();

  // The detail comes from the host's log: the whole payload and its two frames.
  await welcome.click();
  await panel.getByTestId('detail-text').getByText('welcome to the echo server').waitFor();
  assert.match((await panel.getByTestId('detail-tab-frames').textContent()) ?? '', /Frames \(2\)/);
  await page.screenshot({ path: join(resultsDir, 'connect-detail.png') });
  await panel.locator('socket-lens-message-list .scroller').press('Escape'); // focuses the list first
  await panel.getByTestId('detail').waitFor({ state: 'detached' });

  await panel.getByTestId('tab-handshake').click();
  const request = (await panel.getByTestId('request').textContent()) ?? '';
  assert.match(request, /GET \/echo HTTP\/1.1/);
  assert.match(request, /Upgrade: websocket/i);
  assert.match((await panel.getByTestId('response').textContent()) ?? '', /101 Switching Protocols/);
  assert.match((await panel.getByTestId('accept').textContent()) ?? '', /✓ matches/);
  await page.screenshot({ path: join(resultsDir, 'connect-handshake.png') });
  await panel.getByTestId('tab-messages').click();
});

test('closing the panel keeps the connection; Show Panel repaints the whole log', { timeout: 120_000 }, async () => {
  const { page } = session.browser;
  await closeAllEditors(page);
  for (const client of wss.clients) client.send('sent while the panel was closed');

  await runCommand(page, 'Socket Lens: Show Panel');
  const panel = webviewFrame(page);
  await panel.getByText('sent while the panel was closed').waitFor({ timeout: 30_000 });
  await panel.getByText('welcome to the echo server').waitFor();
  await panel.getByTestId('state').getByText('Open').waitFor();

  await panel.getByTestId('disconnect').click();
  await panel.getByTestId('state').getByText('Closed').waitFor({ timeout: 10_000 });
  assert.match((await panel.getByTestId('close-info').textContent()) ?? '', /1000 · closed by client/);
  await page.screenshot({ path: join(resultsDir, 'connect-closed.png') });

  await panel.getByTestId('tab-lifecycle').click();
  const lifecycle = (await panel.getByTestId('lifecycle').textContent()) ?? '';
  for (const step of ['TCP connected', 'GET Upgrade sent', 'WebSocket open', 'Close frame sent', 'Close frame received', 'FIN sent', 'FIN received', 'TCP closed']) {
    assert.ok(lifecycle.includes(step), `the lifecycle shows "${step}": ${lifecycle}`);
  }
  assert.match(lifecycle, /client: 1000 Normal Closure/);
  assert.match(lifecycle, /server: 1000 Normal Closure \(answering\)/);
  // The diagram draws the messages between the open and the close.
  await panel.locator('socket-lens-sequence').getByText('hello from the panel').first().waitFor();
  await page.screenshot({ path: join(resultsDir, 'connect-lifecycle.png') });

  // Reconnect: the same panel and log, a new handshake.
  await panel.getByTestId('reconnect').click();
  await panel.getByTestId('state').getByText('Open').waitFor({ timeout: 10_000 });
  await panel.getByTestId('tab-messages').click();
  await panel.locator('[data-testid="message"]', { hasText: 'welcome to the echo server' }).nth(1).waitFor();
});

test('Connect… with + adds a header and a subprotocol, each checked as typed; the panel shows the token hidden', { timeout: 120_000 }, async () => {
  const { page } = session.browser;
  await closeAllEditors(page);
  const { widget, box, message } = quickInput(page);
  const before = requests.length;

  await runCommandAndFill(page, 'Socket Lens: Connect…', url);
  await widget.locator('[aria-label="Add Headers and Subprotocols…"]').click();
  await widget.getByText('(2/3)').waitFor();
  await fillField(box, 'Authorization Bearer ui-token-5150');
  await message.getByText('there is no ":"').waitFor();
  await box.press('Enter');
  await widget.getByText('(2/3)').waitFor(); // refused: still the header step
  await answerInputBox(page, 'Authorization: Bearer ui-token-5150');
  await message.getByText('Added: Authorization: Bearer ***').waitFor();
  await answerInputBox(page, 'X-Room: ui');
  await message.getByText('X-Room: ui').waitFor();
  await answerInputBox(page, '');
  await widget.getByText('(3/3)').waitFor();
  await fillField(box, 'chat v2');
  await message.getByText('"chat v2" is not a valid subprotocol').waitFor();
  await answerInputBox(page, 'chat.v2');

  const panel = webviewFrame(page);
  await panel.getByTestId('state').getByText('Open').waitFor({ timeout: 30_000 });
  assert.equal(requests.length, before + 1, 'one connection');
  const sent = requests.at(-1)!;
  assert.deepEqual([sent.authorization, sent['x-room'], sent['sec-websocket-protocol']], ['Bearer ui-token-5150', 'ui', 'chat.v2']);
  await page.locator('.notifications-toasts').getByText('connected with 2 headers and 1 subprotocol').waitFor({ timeout: 10_000 });
  await panel.getByTestId('tab-handshake').click();
  const request = (await panel.getByTestId('request').textContent()) ?? '';
  assert.match(request, /Authorization: Bearer \*\*\*/);
  assert.ok(!request.includes('ui-token-5150'), 'the panel never shows the token');
  await page.screenshot({ path: join(resultsDir, 'connect-headers.png') });
  await panel.getByTestId('disconnect').click();
});

test('Connect… reads a pasted wscat command: its URL, headers and subprotocol are summed up (token hidden) before Enter connects', { timeout: 120_000 }, async () => {
  const { page } = session.browser;
  await closeAllEditors(page);
  const { box, message } = quickInput(page);
  const before = requests.length;
  await runCommand(page, 'Notifications: Clear All Notifications'); // the last test's, out of the screenshot

  await runCommandAndFill(page, 'Socket Lens: Connect…', `npx wscat -n -c '${url}?token=paste-query-55' -H 'X-Room: pasted' -H "Authorization: Bearer paste-token-77" -s chat.v2`);
  const summary = message.filter({ hasText: 'wscat command: connects to' });
  await summary.waitFor();
  const text = (await summary.textContent()) ?? '';
  assert.match(text, /headers X-Room: pasted; Authorization: Bearer \*\*\* · subprotocols chat\.v2 · left out -n/);
  assert.ok(!text.includes('paste-token-77') && !text.includes('paste-query-55'), 'the summary never shows a token, in a header or in the URL');
  await page.screenshot({ path: join(resultsDir, 'connect-paste.png') });
  await box.press('Enter');

  const panel = webviewFrame(page);
  await panel.getByTestId('state').getByText('Open').waitFor({ timeout: 30_000 });
  assert.equal(requests.length, before + 1, 'one connection');
  const sent = requests.at(-1)!;
  assert.deepEqual([sent.authorization, sent['x-room'], sent['sec-websocket-protocol']], ['Bearer paste-token-77', 'pasted', 'chat.v2']);
  await panel.getByTestId('disconnect').click();
});
