// Helpers for driving the VS Code workbench (as served by code-server) from Playwright.

/** @typedef {import('playwright-core').Page} Page */

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;

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
  const deadline = Date.now() + (options.timeout ?? 15_000);
  const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`);
  const row = rows.filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }),
  }).first();
  for (;;) {
    await openCommandPalette(page, Math.max(1000, deadline - Date.now()));
    await page.locator(QUICK_INPUT_BOX).fill(`>${label}`);
    try {
      await row.waitFor({ state: 'visible', timeout: Math.max(500, Math.min(3000, deadline - Date.now())) });
      await row.click();
      return;
    } catch (error) {
      if (Date.now() >= deadline) {
        const shown = await rows.locator('.label-name').allTextContents().catch(() => []);
        await page.keyboard.press('Escape');
        throw new Error(`runCommand: no command labelled ${JSON.stringify(label)} in the palette. Rows shown: ${JSON.stringify(shown)}`, { cause: error });
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
 * Fills the visible quick-input box (showInputBox / showQuickPick filter) and presses Enter.
 * @param {Page} page
 * @param {string} text
 * @param {{ timeout?: number }} [options]
 */
export async function answerInputBox(page, text, options = {}) {
  const input = page.locator(QUICK_INPUT_BOX);
  await input.waitFor({ state: 'visible', timeout: options.timeout ?? 15_000 });
  await input.fill(text);
  await input.press('Enter');
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

/** @param {string} text */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
