// Headless Chromium (Debian's package) driven by playwright-core, for code-server UI tests.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from '../../../scripts/bootstrap/chromium.mjs';
import { e2eCacheDir } from './codeServer.mjs';

// Only `npx playwright install` reads this, but make sure nothing we start tries to download.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ??= '1';

/** Flags verified on our machines (see /work/shared/notes/test-infra.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // we run as root in containers, where the sandbox cannot start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Belt and braces next to the request routing below: names other than localhost do not
  // resolve, so nothing (service workers, prefetch, ...) can even try to leave the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * True for http(s)/ws(s) URLs whose host is not loopback. Other schemes (data:, blob:,
 * vscode-webview-resource ...) never leave the browser.
 * @param {URL} url
 */
export function isExternalUrl(url) {
  return /^(https?|wss?):$/.test(url.protocol) && !LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * @typedef {object} Browser
 * @property {import('playwright-core').Browser} browser
 * @property {import('playwright-core').BrowserContext} context
 * @property {import('playwright-core').Page} page
 * @property {string[]} blockedUrls  non-loopback HTTP(S) requests that were aborted (for debugging)
 * @property {() => Promise<void>} close
 */

/**
 * Launches headless Chromium with a fresh profile, a 1400x900 page, and every request to a
 * host other than 127.0.0.1 / localhost / [::1] aborted. Service workers stay allowed:
 * VS Code webviews load their content through one.
 * @param {{ viewport?: { width: number, height: number } }} [options]
 * @returns {Promise<Browser>}
 */
export async function launchBrowser(options = {}) {
  const executablePath = await ensureChromium();
  const { chromium } = await import('playwright-core');
  // Chromium writes to ~/.config, ~/.cache and ~/.pki; keep that out of the real home.
  mkdirSync(e2eCacheDir, { recursive: true });
  const home = mkdtempSync(path.join(e2eCacheDir, `chromium-${process.pid}-`));
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      // Playwright gives every launch() a fresh temporary --user-data-dir and deletes it on close.
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, '.config'),
        XDG_CACHE_HOME: path.join(home, '.cache'),
      },
      timeout: 60_000,
    });
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 900 },
      serviceWorkers: 'allow',
    });
    /** @type {string[]} */
    const blockedUrls = [];
    // A URL predicate means loopback traffic is not intercepted at all, so code-server's
    // pages, its webview service worker and their resources load exactly as without routing.
    await context.route(isExternalUrl, (route) => {
      blockedUrls.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    // No context.routeWebSocket(): it replaces window.WebSocket in every frame with a JS mock
    // that forwards even the sockets it passes through, and with it the workbench's remote
    // connection intermittently received its binary chunks out of order (a corrupted IPC
    // message: "SyntaxError ... in JSON at position N", then no extension contributions or a
    // remote extension host that never starts). Without it: 0 in 24 loads under CPU load,
    // against 5 in 36 with it (the exact fault inside the mock is not pinned down). WebSockets
    // to other host *names* still cannot leave the machine (--host-resolver-rules above); one to
    // a non-loopback IP literal would no longer be blocked.
    const page = await context.newPage();
    const launched = browser;
    return {
      browser: launched,
      context,
      page,
      blockedUrls,
      close: async () => {
        await launched.close().catch(() => {});
        rmSync(home, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
}
