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
import { watchSession } from './workbench.mjs';

/**
 * @typedef {object} ExtensionHostTestOptions
 * @property {string} workspace  folder to open
 * @property {string} extensionDevelopmentPath  the extension under test (folder with package.json)
 * @property {string} extensionTestsPath  the test index .js file exporting `run()`
 * @property {number} [timeoutMs]  default 120 s
 * @property {string} [extensionsDir]  other installed extensions
 * @property {boolean} [workspaceTrust]  open the workspace in Restricted Mode (see startCodeServer)
 * @property {number} [attempts]  default 3: how many fresh code-server + browser runs to try
 *   when a run's remote connection breaks before the extension host reports an exit code
 * @property {number} [brokenGraceMs]  default 20 s: how long a run may still report its exit
 *   code after the console showed a broken session (BROKEN_SESSION_PATTERNS in workbench.mjs)
 * @property {(type: string, message: string, args: unknown[]) => void} [onLog]
 *   called for every log call as it arrives, with the printf-formatted message and the raw
 *   arguments; default: print the message to stdout
 */

/**
 * Starts code-server and a browser, runs the extension tests, and resolves with the
 * extension host's exit code (0 = tests passed). Always stops both.
 * An exit code is final, whatever it is. Only a run whose workbench session broke (the
 * console showed BROKEN_SESSION_PATTERNS, e.g. a corrupted message on the remote connection or
 * an extension host that never started) and that then reported no exit code within
 * `brokenGraceMs`, or whose page crashed, is abandoned and run again from scratch (new
 * code-server, new browser), up to `attempts` runs, each time logged with the reason.
 * Rejects on a plain timeout (no broken session seen) or when every attempt broke.
 * @param {ExtensionHostTestOptions} options
 * @returns {Promise<number>}
 */
export async function runExtensionHostTests(options) {
  const attempts = options.attempts ?? 3;
  const onLog = options.onLog ?? ((_type, message) => process.stdout.write(`${message}\n`));
  for (let attempt = 1; ; attempt++) {
    const result = await runOnce({ ...options, onLog });
    if ('code' in result) return result.code;
    if (attempt >= attempts) {
      throw new Error(`Extension host tests: all ${attempts} runs broke before reporting an exit code; last: ${result.retry}`);
    }
    onLog('info', `[harness] extension-host run ${attempt} abandoned, starting a fresh one: ${result.retry}`, []);
  }
}

/**
 * @param {ExtensionHostTestOptions & { onLog: NonNullable<ExtensionHostTestOptions['onLog']> }} options
 * @returns {Promise<{ code: number } | { retry: string }>}
 */
async function runOnce(options) {
  const { workspace, extensionDevelopmentPath, extensionTestsPath, timeoutMs = 120_000, extensionsDir, workspaceTrust, onLog } = options;
  const brokenGraceMs = options.brokenGraceMs ?? 20_000;
  const started = Date.now();
  const server = await startCodeServer({ workspace, extensionDevelopmentPath, extensionsDir, workspaceTrust });
  /** @type {Awaited<ReturnType<typeof launchBrowser>> | undefined} */
  let browser;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {NodeJS.Timeout | undefined} */
  let poll;
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
    const session = watchSession(page);

    const url = server.urlFor(workspace, [['extensionTestsPath', server.remoteUri(path.resolve(extensionTestsPath))]]);
    const timeout = new Promise((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error([
        `Extension host tests did not finish within ${timeoutMs} ms (codeAutomationExit was never called).`,
        `Tests: ${extensionTestsPath}`,
        `Workbench URL: ${url}`,
        `code-server log (last lines):\n${server.logTail(20)}`,
      ].join('\n'))), timeoutMs);
    });
    /** @type {Promise<{ retry: string }>} */
    const broken = new Promise((resolve) => {
      poll = setInterval(() => {
        if (session.brokenAt !== undefined && Date.now() - session.brokenAt >= brokenGraceMs) {
          resolve({ retry: `no exit code ${Math.round(brokenGraceMs / 1000)} s after the console reported: ${session.reason} (code-server log:\n${server.logTail(8)})` });
        }
      }, 500);
    });
    // A crashed page can never report an exit code; do not wait for the timeout.
    /** @type {Promise<{ retry: string }>} */
    const crashed = new Promise((resolve) => {
      page.once('crash', () => resolve({ retry: 'the browser page running the workbench crashed' }));
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    const result = await Promise.race([exitCode.then((code) => ({ code })), timeout, broken, crashed]);
    if ('code' in result) {
      onLog('info', `[harness] extension host exited with code ${result.code} after ${Math.round((Date.now() - started) / 100) / 10} s`, []);
    }
    return result;
  } finally {
    clearTimeout(timer);
    clearInterval(poll);
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
