// Runs extension tests inside code-server's real (Node) extension host, the way
// @vscode/test-web does it for the web: the workbench is opened with extensionDevelopmentPath
// and extensionTestsPath in the URL payload, and reports the test runner's console output and
// exit code to two functions we expose in the page:
//   codeAutomationLog(type, args)  type is a log level ('info', 'error', ...), args are
//                                  printf-style (first arg may contain %s, %c ...)
//   codeAutomationExit(code)       the extension host exited with this code

import path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';

/**
 * @typedef {object} ExtensionHostTestOptions
 * @property {string} workspace  folder to open
 * @property {string} extensionDevelopmentPath  the extension under test (folder with package.json)
 * @property {string} extensionTestsPath  the test index .js file exporting `run()`
 * @property {number} [timeoutMs]  default 120 s
 * @property {string} [extensionsDir]  other installed extensions
 * @property {(type: string, message: string, args: unknown[]) => void} [onLog]
 *   called for every log call as it arrives, with the printf-formatted message and the raw
 *   arguments; default: print the message to stdout
 */

/**
 * Starts code-server and a browser, runs the extension tests, and resolves with the
 * extension host's exit code (0 = tests passed). Rejects on timeout. Always stops both.
 * @param {ExtensionHostTestOptions} options
 * @returns {Promise<number>}
 */
export async function runExtensionHostTests(options) {
  const { workspace, extensionDevelopmentPath, extensionTestsPath, timeoutMs = 120_000, extensionsDir } = options;
  const onLog = options.onLog ?? ((_type, message) => process.stdout.write(`${message}\n`));
  const started = Date.now();
  const server = await startCodeServer({ workspace, extensionDevelopmentPath, extensionsDir });
  /** @type {Awaited<ReturnType<typeof launchBrowser>> | undefined} */
  let browser;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  try {
    browser = await launchBrowser();
    const { page } = browser;
    /** @type {(code: number) => void} */
    let resolveExit = () => {};
    /** @type {Promise<number>} */
    const exitCode = new Promise((resolve) => { resolveExit = resolve; });
    // Exposed before navigation, so they exist when the workbench first looks for them.
    await page.exposeFunction('codeAutomationLog', (/** @type {string} */ type, /** @type {unknown[]} */ args) => {
      onLog(type, formatLogArgs(args), Array.isArray(args) ? args : [args]);
    });
    await page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => resolveExit(Number(code)));

    const url = server.urlFor(workspace, [['extensionTestsPath', server.remoteUri(path.resolve(extensionTestsPath))]]);
    const timeout = new Promise((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error([
        `Extension host tests did not finish within ${timeoutMs} ms (codeAutomationExit was never called).`,
        `Tests: ${extensionTestsPath}`,
        `Workbench URL: ${url}`,
        `code-server log (last lines):\n${server.logTail(20)}`,
      ].join('\n'))), timeoutMs);
    });
    // A crashed page can never report an exit code; fail fast instead of waiting for the timeout.
    const crashed = new Promise((_resolve, reject) => {
      page.once('crash', () => reject(new Error('The browser page running the workbench crashed.')));
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    const code = await Promise.race([exitCode, timeout, crashed]);
    onLog('info', `[harness] extension host exited with code ${code} after ${Math.round((Date.now() - started) / 100) / 10} s`, []);
    return code;
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server.stop();
  }
}

/**
 * codeAutomationLog receives the arguments of a log call printf-style; VS Code's remote console
 * forwarding uses %c with CSS arguments to color the prefix, which util.format drops.
 * @param {unknown} args
 */
export function formatLogArgs(args) {
  if (!Array.isArray(args)) return String(args);
  return format(...args);
}
