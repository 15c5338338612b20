// The composer: what it posts for each kind of message, and what it refuses to post, with the
// error shown where the person is typing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cspViolations, sendFromHost } from './fakeHost';
import { box, CLOSE_CODES, composerPages, errorText, nth, pickMode, sent } from './composerPage';
import { openConnection } from './fixtures';
import { applyTheme } from './themes';

const composerPanel = composerPages();

test('invalid JSON shows where it breaks and posts nothing; Format re-indents valid JSON, which is sent as text', async () => {
  const page = await composerPanel();
  await pickMode(page, 'JSON');
  await box(page).fill('{\n  "op": "join",\n  "room": 7,\n}');
  assert.match(await errorText(page), /Invalid JSON at line 4, column 1: a trailing comma before '}'/);
  assert.equal(await page.getByTestId('send').getAttribute('disabled'), '');
  await box(page).press('Control+Enter');
  await page.getByTestId('format-json').click();
  assert.match(await errorText(page), /line 4, column 1/);
  assert.deepEqual(await sent(page), [], 'nothing is posted for invalid JSON');

  await box(page).fill('{"op":"join","room":7}');
  await page.getByTestId('composer-error').waitFor({ state: 'detached' });
  await page.getByTestId('format-json').click();
  assert.equal(await box(page).inputValue(), '{\n  "op": "join",\n  "room": 7\n}');
  await page.getByTestId('send').click();
  const request = await nth(page, 'connection/send');
  assert.deepEqual(request.payload, { kind: 'text', text: '{\n  "op": "join",\n  "room": 7\n}' });
  assert.equal(request.fragments, 1);
  await page.close();
});

test('hex: a bad digit is named with its position and nothing is posted; good hex goes as binary in N frames', async () => {
  const page = await composerPanel();
  await pickMode(page, 'Binary (hex)');
  await box(page).fill('de ad bx ef');
  assert.match(await errorText(page), /"x" at character 8 is not a hex digit/);
  await box(page).press('Control+Enter');
  assert.deepEqual(await sent(page), []);

  await box(page).fill('de ad be ef 01');
  await page.getByTestId('composer-fragments').locator('input').fill('6');
  assert.match(await errorText(page), /6 frames for 5 bytes: .* at most 5/);
  await page.getByTestId('composer-fragments').locator('input').fill('3');
  assert.equal(await page.getByTestId('composer-summary').textContent(), '5 bytes in 3 frames');
  await box(page).press('Control+Enter');
  const request = await nth(page, 'connection/send');
  assert.deepEqual(request, { type: 'connection/send', requestId: request.requestId, payload: { kind: 'binary', base64: Buffer.from('deadbeef01', 'hex').toString('base64') }, fragments: 3 });
  await page.close();
});

test('base64 names a bad character; a file is read as bytes and sent as binary, one over the limit is refused', async () => {
  const page = await composerPanel();
  await pickMode(page, 'Binary (base64)');
  await box(page).fill('AQID!A==');
  assert.match(await errorText(page), /"!" at character 5 is not a base64 character/);

  await pickMode(page, 'Binary (file)');
  await page.getByTestId('file-input').setInputFiles({ name: 'frame.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 255]) });
  await page.getByTestId('file-name').getByText('frame.bin').waitFor();
  assert.equal(await page.getByTestId('composer-summary').textContent(), '4 bytes');
  await page.getByTestId('send').click();
  const request = await nth(page, 'connection/send');
  assert.deepEqual(request.payload, { kind: 'binary', base64: 'AAEC/w==' });

  await page.getByTestId('file-input').setInputFiles({ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
  await page.getByTestId('composer-error').getByText('"huge.bin" is 10,485,761 bytes; the composer sends files of at most 10,485,760 bytes').waitFor();
  assert.equal((await sent(page)).length, 1);
  await page.close();
});

test('ping and pong carry at most 125 bytes; they post a control request', async () => {
  const page = await composerPanel();
  await pickMode(page, 'Ping');
  await box(page).fill('x'.repeat(126));
  assert.match(await errorText(page), /A ping carries at most 125 bytes \(RFC 6455 §5\.5\); this payload has 126/);
  await box(page).press('Control+Enter');
  assert.deepEqual(await sent(page), []);
  await box(page).fill('heartbeat');
  assert.equal(await page.getByTestId('send').textContent(), 'Ping');
  await box(page).press('Control+Enter');
  const ping = await nth(page, 'connection/control');
  assert.deepEqual([ping.opcode, ping.payload], ['ping', { kind: 'text', text: 'heartbeat' }]);
  await pickMode(page, 'Pong');
  await page.getByTestId('send').click();
  const pong = await nth(page, 'connection/control', 2);
  assert.equal(pong.opcode, 'pong');
  await page.close();
});

test('close: a code picked from the registry by name, or a custom one checked, and a reason of at most 123 bytes', async () => {
  const page = await composerPanel();
  await pickMode(page, 'Close');
  const picker = page.getByTestId('close-code');
  await picker.click();
  assert.match((await picker.getByRole('option', { name: /1005 No Status Received \(not sendable\)/ }).getAttribute('class')) ?? '', /\bdisabled\b/, 'codes that must not be sent are listed but cannot be picked');
  await picker.getByRole('option', { name: '1001 Going Away' }).click();
  await page.getByTestId('close-reason').locator('input').fill('é'.repeat(62));
  assert.match(await errorText(page), /at most 123 bytes of UTF-8 .* this one has 124/);
  await page.getByTestId('close-reason').locator('input').fill('done for today');
  assert.match((await page.getByTestId('composer-summary').textContent()) ?? '', /close 1001 Going Away · reason 14 bytes/);
  await page.getByTestId('send').click();
  const close = await nth(page, 'connection/disconnect');
  assert.deepEqual([close.code, close.reason], [1001, 'done for today']);

  await picker.click();
  await picker.getByRole('option', { name: 'Other code…' }).click();
  const custom = page.getByTestId('close-code-custom').locator('input');
  await custom.fill('2000');
  assert.match(await errorText(page), /2000 cannot be sent as a close code/);
  await custom.press('Control+Enter');
  assert.equal((await sent(page)).length, 1);
  await custom.fill('4001');
  await custom.press('Control+Enter');
  const second = await nth(page, 'connection/disconnect', 2);
  assert.equal(second.code, 4001);
  await page.close();
});

test('Up and Down walk the history of sent messages in an empty or unedited composer, like a shell', async () => {
  const page = await composerPanel();
  for (const [k, text] of ['first', 'second', 'third'].entries()) {
    await box(page).fill(text);
    await box(page).press('Control+Enter');
    await nth(page, 'connection/send', k + 1);
  }
  await box(page).fill('');
  await box(page).press('ArrowUp');
  assert.equal(await box(page).inputValue(), 'third');
  await box(page).press('ArrowUp');
  await box(page).press('ArrowUp');
  assert.equal(await box(page).inputValue(), 'first');
  await box(page).press('ArrowUp');
  assert.equal(await box(page).inputValue(), 'first', 'the oldest stays');
  await box(page).press('ArrowDown');
  assert.equal(await box(page).inputValue(), 'second');
  await box(page).press('ArrowDown');
  await box(page).press('ArrowDown');
  assert.equal(await box(page).inputValue(), '', 'past the newest, the draft comes back');

  // An edited message keeps its arrow keys; just after sending, Up goes to the one before.
  await box(page).fill('edited');
  await box(page).press('ArrowUp');
  assert.equal(await box(page).inputValue(), 'edited');
  await box(page).fill('fourth');
  await box(page).press('Control+Enter');
  await nth(page, 'connection/send', 4);
  await box(page).press('ArrowUp');
  assert.equal(await box(page).inputValue(), 'third');
  const state = await page.evaluate(() => (window as unknown as { acquireVsCodeApi(): { getState(): { composer: { history: unknown[] } } } }).acquireVsCodeApi().getState());
  assert.deepEqual(state.composer.history.map((e) => (e as { text: string }).text), ['first', 'second', 'third', 'fourth'], 'the history is kept in webview state');
  await page.close();
});

test('variables: an unknown one is named and nothing is posted; known ones and built-ins are filled in, with a preview', async () => {
  const page = await composerPanel();
  await box(page).fill('{"user":"{{user}}","id":"{{$uuid}}","at":{{$timestamp}}}');
  assert.match(await errorText(page), /Unknown variable \{\{user\}\}\. Add it to Variables as name=value\./);
  await box(page).press('Control+Enter');
  assert.deepEqual(await sent(page), []);

  await page.getByTestId('toggle-variables').click();
  await page.getByTestId('variables').locator('textarea').fill('user=ada');
  await page.getByTestId('composer-preview').waitFor();
  assert.match((await page.getByTestId('composer-preview').textContent()) ?? '', /→ \{"user":"ada","id":"[0-9a-f-]{36}","at":\d{10}\}/);
  await box(page).press('Control+Enter');
  const request = await nth(page, 'connection/send');
  assert.ok(request.payload.kind === 'text');
  assert.match(request.payload.text, /^\{"user":"ada","id":"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}","at":\d{10}\}$/);
  assert.ok(Math.abs(Number(/"at":(\d+)/.exec(request.payload.text)![1]) - Date.now() / 1000) < 60);
  await page.close();
});

test('repeat: posts the interval, shows "Repeating every … · Stop" while the host repeats, and Stop asks it to stop', async () => {
  const page = await composerPanel();
  await box(page).fill('tick');
  await page.getByTestId('repeat-ms').locator('input').fill('5');
  await page.getByTestId('repeat-start').click();
  assert.match(await errorText(page), /from 10 to 86400000/);
  await page.getByTestId('repeat-ms').locator('input').fill('500');
  await page.getByTestId('repeat-start').click();
  const request = await nth(page, 'connection/repeat');
  assert.deepEqual([request.everyMs, request.payload], [500, { kind: 'text', text: 'tick' }]);
  await sendFromHost(page, { type: 'host/composer', closeCodes: CLOSE_CODES, repeat: { everyMs: 500, running: true } });
  assert.match((await page.getByTestId('repeat-status').textContent()) ?? '', /Repeating every 500 ms\s*·\s*Stop/);
  await page.getByTestId('repeat-stop').click();
  await nth(page, 'connection/stopRepeat');
  await sendFromHost(page, { type: 'host/composer', closeCodes: CLOSE_CODES, repeat: { everyMs: 500, running: false, sent: 12, stoppedBecause: 'the connection is no longer open' } });
  await page.getByTestId('repeat-status').getByText('Repeat stopped after 12 sends: the connection is no longer open.').waitFor();
  await page.close();
});

test('snippets are saved by name, inserted and deleted, and kept in webview state', async () => {
  const page = await composerPanel();
  await pickMode(page, 'JSON');
  await box(page).fill('{"op":"subscribe"}');
  await page.getByTestId('toggle-snippets').click();
  await page.getByTestId('snippet-name').locator('input').fill('subscribe');
  await page.getByTestId('snippet-save').click();
  await page.getByTestId('snippet').getByText('subscribe', { exact: true }).waitFor();
  await pickMode(page, 'Text');
  await box(page).fill('something else');
  await page.getByTestId('snippet-insert').click();
  assert.equal(await box(page).inputValue(), '{"op":"subscribe"}');
  await page.getByTestId('format-json').waitFor();
  const state = await page.evaluate(() => (window as unknown as { acquireVsCodeApi(): { getState(): { composer: { snippets: unknown[] } } } }).acquireVsCodeApi().getState());
  assert.deepEqual(state.composer.snippets, [{ name: 'subscribe', mode: 'json', text: '{"op":"subscribe"}' }]);
  await page.getByTestId('snippet-delete').click();
  await page.getByTestId('snippet').waitFor({ state: 'detached' });
  await page.close();
});

test('the composer renders in each theme without CSP violations and a closed connection disables it', async () => {
  const page = await composerPanel();
  for (const theme of ['dark', 'light', 'high-contrast'] as const) await applyTheme(page, theme);
  await page.getByTestId('toggle-variables').click();
  await page.getByTestId('toggle-snippets').click();
  await pickMode(page, 'Close');
  assert.deepEqual(await cspViolations(page), []);
  await sendFromHost(page, { type: 'host/connection', connection: openConnection({ state: 'closed' }) });
  await page.waitForFunction(() => document.querySelector('socket-lens-app')?.shadowRoot?.querySelector('socket-lens-composer')?.shadowRoot?.querySelector('[data-testid="send"]')?.hasAttribute('disabled'));
  await page.close();
});

test('Ctrl+A in the composer selects its text and stays in the panel; other keys, and Ctrl+A outside a field, go on to VS Code', async () => {
  const page = await composerPanel();
  // VS Code's webview script listens on the window and hands keys to the workbench.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    window.addEventListener('keydown', (e) => seen.push(`${e.ctrlKey ? 'Ctrl+' : ''}${e.key}`));
  });
  await box(page).fill('old text');
  await box(page).press('Control+a');
  assert.deepEqual(await box(page).evaluate((t: HTMLTextAreaElement) => [t.selectionStart, t.selectionEnd]), [0, 'old text'.length], 'the field’s text is selected');
  await box(page).press('Control+b');
  await page.getByTestId('send').press('Control+a');
  assert.deepEqual(await page.evaluate(() => (window as unknown as { seen: string[] }).seen.filter((k) => k.startsWith('Ctrl+') && k !== 'Ctrl+Control')), ['Ctrl+b', 'Ctrl+a']);
  await page.close();
});
