// Helpers for driving the VS Code workbench (as served by code-server) from Playwright.

/** @typedef {import('playwright-core').Page} Page */

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_INPUT_MESSAGE = `${QUICK_INPUT} .quick-input-message`;

/**
 * The workbench's quick input (showInputBox / showQuickPick / the palette): the widget, its text
 * box, and the validation or prompt message under the box.
 * @param {Page} page
 */
export function quickInput(page) {
  return {
    widget: page.locator(QUICK_INPUT),
    box: page.locator(QUICK_INPUT_BOX),
    message: page.locator(QUICK_INPUT_MESSAGE),
  };
}

/**
 * Waits until the workbench has rendered: the workbench root and the status bar exist.
 * @param {Page} page
 * @param {{ timeout?: number }} [options]
 */
export async function waitForWorkbench(page, options = {}) {
  const timeout = options.timeout ?? 60_000;
  await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout });
  await page.locator('.part.statusbar, #workbench\\.parts\\.statusbar').first().waitFor({ state: 'visible', timeout });
}

/**
 * Console messages after which a workbench session may never become usable. All come from
 * the remote connection to code-server, not from the extension under test:
 * - a SyntaxError from JSON.parse in the IPC deserializer (workbench.js `ZY`, called by
 *   ChannelClient/ChannelServer): a message on the management connection arrived corrupted
 *   (seen: WebSocket chunks handed to the workbench out of order), so some reply, often the
 *   remote extension scan, never resolves and no extension contributions ever appear;
 * - the remote extension host failing to start, or not answering within VS Code's 60 s.
 * Reloading the page makes new connections and a new extension host.
 */
export const BROKEN_SESSION_PATTERNS = [
  /SyntaxError: [^\n]* in JSON at position \d+/,
  /Error received from starting extension host \(kind: Remote\)/,
  /remote extension host took longer than \d+s to send its ready message/,
];

/**
 * Watches a page's console for BROKEN_SESSION_PATTERNS.
 * @param {Page} page
 * @returns {{ readonly brokenAt: number | undefined, readonly reason: string | undefined, reset(): void, dispose(): void }}
 */
export function watchSession(page) {
  /** @type {number | undefined} */
  let brokenAt;
  /** @type {string | undefined} */
  let reason;
  const onConsole = (/** @type {import('playwright-core').ConsoleMessage} */ message) => {
    if (brokenAt !== undefined) return;
    const text = message.text();
    if (BROKEN_SESSION_PATTERNS.some((pattern) => pattern.test(text))) {
      brokenAt = Date.now();
      reason = text.split('\n')[0].replace(/%c\s*/g, '').replace(/color: #\w+\s*/, '').trim().slice(0, 300);
    }
  };
  page.on('console', onConsole);
  return {
    get brokenAt() { return brokenAt; },
    get reason() { return reason; },
    reset() { brokenAt = undefined; reason = undefined; },
    dispose() { page.off('console', onConsole); },
  };
}

/**
 * Opens the workbench at `url` and waits until `ready(page, timeout)` resolves true (e.g. an
 * extension's command is in the palette). When it does not within `readyTimeout`, or the
 * console shows a broken session (BROKEN_SESSION_PATTERNS) and it is still not ready
 * `brokenGrace` ms later, the page is loaded again, up to `attempts` loads, each reload
 * logged with its reason. Only loading is retried: whatever the caller does afterwards is not.
 * @param {Page} page
 * @param {string} url
 * @param {{ ready: (page: Page, timeout: number) => Promise<boolean>, attempts?: number, readyTimeout?: number, brokenGrace?: number, log?: (message: string) => void }} options
 */
export async function openWorkbench(page, url, options) {
  const { ready, attempts = 3, readyTimeout = 30_000, brokenGrace = 5000 } = options;
  const log = options.log ?? ((/** @type {string} */ message) => console.log(message));
  const session = watchSession(page);
  try {
    for (let attempt = 1; ; attempt++) {
      session.reset();
      const started = Date.now();
      await page.goto(url);
      await waitForWorkbench(page);
      const deadline = Date.now() + readyTimeout;
      /** @type {string | undefined} */
      let why;
      for (;;) {
        const brokenUntil = session.brokenAt === undefined ? Infinity : session.brokenAt + brokenGrace;
        const until = Math.min(deadline, brokenUntil);
        if (await ready(page, Math.max(500, Math.min(3000, until - Date.now())))) {
          if (attempt > 1 || session.reason) {
            log(`[harness] workbench ready after ${Math.round((Date.now() - started) / 1000)} s (load ${attempt}${session.reason ? `, despite: ${session.reason}` : ''})`);
          }
          return;
        }
        if (Date.now() >= brokenUntil) {
          why = `the console reported a broken session ${Math.round((Date.now() - /** @type {number} */ (session.brokenAt)) / 1000)} s ago: ${session.reason}`;
          break;
        }
        if (Date.now() >= deadline) {
          why = `not ready ${Math.round(readyTimeout / 1000)} s after the workbench rendered${session.reason ? ` (console: ${session.reason})` : ''}`;
          break;
        }
      }
      if (attempt >= attempts) throw new Error(`openWorkbench: the workbench never became ready in ${attempts} loads; last: ${why}`);
      log(`[harness] workbench load ${attempt} unusable after ${Math.round((Date.now() - started) / 1000)} s: ${why}; loading it again`);
    }
  } finally {
    session.dispose();
  }
}

/**
 * Whether a command with this palette label shows up in the palette within `timeout`; leaves
 * the palette closed.
 * @param {Page} page
 * @param {string} label
 * @param {{ timeout?: number }} [options]
 */
export async function hasCommand(page, label, options = {}) {
  const found = await findCommandRow(page, label, Date.now() + (options.timeout ?? 15_000));
  await page.keyboard.press('Escape');
  await page.locator(QUICK_INPUT_BOX).waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {});
  return found.row !== undefined;
}

/**
 * Runs a command by its palette label (e.g. "Socket Lens: Connect…").
 * Clicks the row whose label matches exactly instead of pressing Enter: recently used
 * commands sort first, so the top row may be a different command.
 * The palette lists the commands known when it opened, and right after the workbench loads
 * an extension's contributions may not have arrived yet, so it is reopened until the
 * command shows up or `timeout` passes.
 * @param {Page} page
 * @param {string} label
 * @param {{ timeout?: number }} [options]
 */
export async function runCommand(page, label, options = {}) {
  const { row, shown, error } = await findCommandRow(page, label, Date.now() + (options.timeout ?? 15_000));
  if (!row) {
    await page.keyboard.press('Escape');
    throw new Error(`runCommand: no command labelled ${JSON.stringify(label)} in the palette. Rows shown: ${JSON.stringify(shown)}`, { cause: error });
  }
  await row.click();
}

/**
 * Opens the palette, types `label`, and waits for the row with exactly that label, reopening
 * the palette until `deadline`. Found: the palette stays open on that row.
 * @param {Page} page
 * @param {string} label
 * @param {number} deadline
 * @returns {Promise<{ row?: import('playwright-core').Locator, shown: string[], error?: unknown }>}
 */
async function findCommandRow(page, label, deadline) {
  const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`);
  const row = rows.filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }),
  }).first();
  for (;;) {
    await openCommandPalette(page, Math.max(1000, deadline - Date.now()));
    await page.locator(QUICK_INPUT_BOX).fill(`>${label}`);
    try {
      await row.waitFor({ state: 'visible', timeout: Math.max(500, Math.min(3000, deadline - Date.now())) });
      return { row, shown: [] };
    } catch (error) {
      if (Date.now() >= deadline) {
        const shown = await rows.locator('.label-name').allTextContents().catch(() => []);
        return { shown, error };
      }
      await page.keyboard.press('Escape');
      await page.locator(QUICK_INPUT_BOX).waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {});
    }
  }
}

/**
 * Opens the command palette with F1 (it opens with ">" typed). Retries: right after load
 * the keybinding can be swallowed while the workbench still takes focus.
 * @param {Page} page
 * @param {number} timeout
 */
async function openCommandPalette(page, timeout) {
  const input = page.locator(QUICK_INPUT_BOX);
  for (let attempt = 0; attempt < 3 && !(await input.isVisible()); attempt++) {
    await page.locator('.monaco-workbench').first().focus().catch(() => {});
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 3000 }).catch(() => {});
  }
  await input.waitFor({ state: 'visible', timeout });
}

/**
 * Runs the palette command `label` and fills the quick input it opens with `text`, leaving it
 * open (press Enter, or go on with the quick input, yourself). Runs the command again (up to
 * `attempts` times) when no quick input shows: on a loaded machine the workbench has hidden a
 * just-opened quick pick as focus moved (VS Code hides one on focus loss).
 * @param {Page} page
 * @param {string} label
 * @param {string} text
 * @param {{ attempts?: number, timeout?: number }} [options]
 */
export async function runCommandAndFill(page, label, text, options = {}) {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, label);
    try {
      await fillInputBox(page, text, options.timeout ?? 8000);
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Runs the palette command `label` and answers the quick input it opens with `text`: fills it
 * as runCommandAndFill does (running the command again when no quick input shows) and presses
 * Enter.
 * @param {Page} page
 * @param {string} label
 * @param {string} text
 * @param {{ attempts?: number, timeout?: number }} [options]
 */
export async function runCommandAndAnswer(page, label, text, options = {}) {
  await runCommandAndFill(page, label, text, options);
  await page.locator(QUICK_INPUT_BOX).press('Enter');
}

/**
 * Closes every editor and waits until no webview is left, so the next panel opened is the only
 * one `webviewFrame` can find.
 * @param {Page} page
 */
export async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * Fills the visible quick-input box (showInputBox / showQuickPick filter) and presses Enter.
 * @param {Page} page
 * @param {string} text
 * @param {{ timeout?: number }} [options]
 */
export async function answerInputBox(page, text, options = {}) {
  await fillInputBox(page, text, options.timeout ?? 15_000);
  await page.locator(QUICK_INPUT_BOX).press('Enter');
}

/**
 * Waits up to `timeout` for the quick-input box and fills it with `text`.
 * @param {Page} page
 * @param {string} text
 * @param {number} timeout
 */
async function fillInputBox(page, text, timeout) {
  const input = page.locator(QUICK_INPUT_BOX);
  await input.waitFor({ state: 'visible', timeout });
  // The box has only just been shown as the palette closes: focus may still be moving.
  await fillField(input, text);
}

/**
 * The content of the active webview: it sits two iframes deep, an outer host frame
 * (`iframe.webview.ready`) and the frame holding the extension's HTML (`#active-frame`).
 * With several webviews open, narrow the outer locator yourself.
 * @param {Page} page
 */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/**
 * Fills a field of a webview and checks that it holds `text`. Playwright fills by focusing the
 * field and then inserting the text; when the workbench moves focus in between (a command that
 * has just run reveals its panel, a closing palette gives focus back), the text lands elsewhere
 * and the field stays as it was. That is the workbench's timing, not the panel's, so the field
 * is filled again (at most twice more); a field that never takes the text fails with its value.
 * @param {import('playwright-core').Locator} field an input or textarea
 * @param {string} text
 */
export async function fillField(field, text) {
  for (let attempt = 1; ; attempt++) {
    await field.fill(text);
    const value = await field.inputValue();
    if (value === text) return;
    if (attempt === 3) throw new Error(`fillField: the field holds ${JSON.stringify(value)} after 3 fills with ${JSON.stringify(text)}`);
    console.log(`  fillField: the field held ${JSON.stringify(value)} after filling it with ${JSON.stringify(text)}; filling it again`);
  }
}

/**
 * Clicks a webview field until it holds the keyboard focus (the workbench may take it back just
 * after a click), so that keys typed next go to it and not to the workbench.
 * @param {import('playwright-core').Locator} field
 */
export async function clickToFocus(field) {
  for (let attempt = 1; ; attempt++) {
    await field.click();
    if (await field.evaluate((el) => document.hasFocus() && el.matches(':focus'))) return;
    if (attempt === 3) throw new Error('clickToFocus: the field does not keep the focus after 3 clicks');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** @param {string} text */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
