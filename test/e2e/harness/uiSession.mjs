// What every code-server UI test starts from: the packaged VSIX installed into its own extensions
// folder, a code-server on the given workspace, and a headless Chromium.

import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { installVsix, startCodeServer } from './codeServer.mjs';

const root = path.join(import.meta.dirname, '..', '..', '..');
/** Where UI tests leave their screenshots. */
export const resultsDir = path.join(root, '.cache', 'test-results');

/**
 * @param {{ workspace: string, extensionsDir: string }} options
 * @returns {Promise<{ codeServer: Awaited<ReturnType<typeof startCodeServer>>, browser: Awaited<ReturnType<typeof launchBrowser>>, stop: (lastScreenshot: string) => Promise<void> }>}
 */
export async function startUiSession({ workspace, extensionsDir }) {
  const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  mkdirSync(workspace, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  await installVsix(path.join(root, `${name}-${version}.vsix`), extensionsDir);
  const codeServer = await startCodeServer({ workspace, extensionsDir });
  const browser = await launchBrowser();
  return {
    codeServer,
    browser,
    /** Stops both, keeping the page's last state as `lastScreenshot` for whoever reads a failure. */
    async stop(lastScreenshot) {
      await browser.page.screenshot({ path: path.join(resultsDir, lastScreenshot) }).catch(() => {});
      await browser.close();
      await codeServer.stop();
    },
  };
}
