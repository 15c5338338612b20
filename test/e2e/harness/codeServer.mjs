// Starts and stops a real code-server (VS Code 1.100.3 in the browser, Node extension host)
// for end-to-end tests. See /work/shared/notes/test-infra.md for why code-server.

import { spawn } from 'node:child_process';
import {
  closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from '../../../scripts/bootstrap/codeServer.mjs';
import { cacheRoot, run, trackProcessGroup } from '../../../scripts/bootstrap/lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const reaperPath = path.join(here, 'reaper.mjs');
/** Per-run state (user data, extensions, logs) lives below here, never in ~ or /tmp. */
export const e2eCacheDir = path.join(cacheRoot, 'e2e');

/** Settings that keep the workbench quiet and deterministic: no welcome page stealing focus, no update or marketplace traffic. */
const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
};

/** Workspace trust on and never asked for: every folder opens untrusted, in Restricted Mode. */
const RESTRICTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

/**
 * @typedef {object} CodeServerOptions
 * @property {string} workspace  folder opened by default by urlFor()
 * @property {string} [extensionDevelopmentPath]  extension folder loaded in development mode by urlFor()'s default payload
 * @property {string} [extensionsDir]  installed extensions (default: a fresh empty folder)
 * @property {number} [port]  default: a free port
 * @property {Record<string, unknown>} [settings]  user settings merged over DEFAULT_SETTINGS
 * @property {boolean} [keepFiles]  keep the run folder (logs, user data) after stop()
 * @property {number} [startTimeoutMs]  how long to wait for /healthz (default 60 s)
 * @property {boolean} [workspaceTrust]  run with workspace trust on, so a folder opens in
 *   Restricted Mode (untrusted, no prompt); default off, as most tests need a trusted workspace
 */

/**
 * @typedef {object} CodeServer
 * @property {number} port
 * @property {string} baseUrl  e.g. http://127.0.0.1:41234
 * @property {string} runDir  this run's user data, extensions, logs
 * @property {string} logFile  code-server's stdout+stderr
 * @property {(folder?: string, payload?: Array<[string, string]>) => string} urlFor
 *   workbench URL opening `folder` (default: the workspace); `payload` entries are appended to
 *   the default ones (extensionDevelopmentPath when given to startCodeServer)
 * @property {(absPath: string) => string} remoteUri  vscode-remote:// URI of a path on this server
 * @property {(lines?: number) => string} logTail
 * @property {() => Promise<void>} stop  ends the whole process group and waits until it is gone
 */

/**
 * Starts code-server on 127.0.0.1 (no auth, no TLS) in its own process group and waits until
 * /healthz answers.
 * @param {CodeServerOptions} options
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer(options) {
  const bin = await ensureCodeServer();
  removeStaleRunDirs();
  // A free port can be taken between probing and binding; retry a couple of times.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(bin, options, options.port ?? await freePort());
    } catch (error) {
      if (options.port || attempt >= 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

/**
 * @param {string} bin
 * @param {CodeServerOptions} options
 * @param {number} port
 * @returns {Promise<CodeServer>}
 */
async function startOnce(bin, options, port) {
  mkdirSync(e2eCacheDir, { recursive: true });
  const runDir = mkdtempSync(path.join(e2eCacheDir, `run-${process.pid}-`));
  const dirs = {
    userData: path.join(runDir, 'user-data'),
    extensions: options.extensionsDir ?? path.join(runDir, 'extensions'),
    xdgConfig: path.join(runDir, 'xdg-config'),
    xdgData: path.join(runDir, 'xdg-data'),
    xdgCache: path.join(runDir, 'xdg-cache'),
    tmp: path.join(runDir, 'tmp'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...(options.workspaceTrust && RESTRICTED_SETTINGS), ...options.settings }, null, 2));
  // A config file of our own, so a ~/.config/code-server/config.yaml can never leak in
  // (e.g. a password or a different bind address).
  const configFile = path.join(runDir, 'config.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  const args = [
    '--config', configFile,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-update-check', ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
  ];
  const logFile = path.join(runDir, 'code-server.log');
  const logFd = openSync(logFile, 'a');
  // The reaper leads the new process group (detached) and ends it when our end of its stdin
  // closes, even if this process is SIGKILLed. code-server's entry script must run on Node 20,
  // so run it with this Node rather than whatever `node` is first on PATH.
  const child = spawn(process.execPath, [reaperPath, process.execPath, bin, ...args], {
    detached: true,
    stdio: ['pipe', logFd, logFd],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: dirs.xdgConfig,
      XDG_DATA_HOME: dirs.xdgData,
      XDG_CACHE_HOME: dirs.xdgCache,
      TMPDIR: dirs.tmp,
      // No extension marketplace: code-server would otherwise query open-vsx.org (which we
      // cannot reach) from the server side, adding errors and delays to every workbench load.
      EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
    },
  });
  closeSync(logFd);
  // Neither the child nor our end of its stdin may keep this process alive: a test that
  // forgets stop() should still exit, and the exit handler / reaper then end code-server.
  child.unref();
  /** @type {import('node:net').Socket} */ (/** @type {unknown} */ (child.stdin)).unref();
  const pgid = /** @type {number} */ (child.pid);
  // A crashed or interrupted test must not leave code-server running.
  const untrack = trackProcessGroup(pgid);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const baseUrl = `http://127.0.0.1:${port}`;
  const logTail = (lines = 40) => tailOf(logFile, lines);
  let stopped = false;
  const stop = async () => {
    if (stopped) return exited.then(() => undefined);
    stopped = true;
    await stopGroup(pgid, exited);
    untrack();
    if (!options.keepFiles) rmSync(runDir, { recursive: true, force: true });
  };

  try {
    await waitForHealthz(baseUrl, exited, options.startTimeoutMs ?? 60_000, logTail);
  } catch (error) {
    await stop();
    throw error;
  }

  const remoteUri = (/** @type {string} */ absPath) =>
    `vscode-remote://127.0.0.1:${port}${path.resolve(absPath).split('/').map(encodeURIComponent).join('/')}`;
  /** @type {Array<[string, string]>} */
  const defaultPayload = options.extensionDevelopmentPath
    ? [['extensionDevelopmentPath', remoteUri(options.extensionDevelopmentPath)]]
    : [];
  /** @type {CodeServer['urlFor']} */
  const urlFor = (folder = options.workspace, payload = []) => {
    const url = new URL(`${baseUrl}/`);
    url.searchParams.set('folder', path.resolve(folder));
    const entries = [...defaultPayload, ...payload];
    if (entries.length > 0) url.searchParams.set('payload', JSON.stringify(entries));
    return url.href;
  };
  return { port, baseUrl, runDir, logFile, urlFor, remoteUri, logTail, stop };
}

/**
 * Installs a .vsix into an extensions folder with code-server's CLI (takes < 1 s).
 * @param {string} vsixPath
 * @param {string} extensionsDir
 * @returns {Promise<string>} the CLI's output
 */
export async function installVsix(vsixPath, extensionsDir) {
  const bin = await ensureCodeServer();
  if (!existsSync(vsixPath)) throw new Error(`installVsix: ${vsixPath} does not exist`);
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(e2eCacheDir, { recursive: true });
  const scratch = mkdtempSync(path.join(e2eCacheDir, `cli-${process.pid}-`));
  try {
    // Our own (empty) config, so the CLI neither reads ~/.config/code-server nor writes a default one.
    const configFile = path.join(scratch, 'config.yaml');
    writeFileSync(configFile, 'auth: none\n');
    const result = await run(process.execPath, [
      bin, '--config', configFile, '--install-extension', path.resolve(vsixPath), '--force',
      '--extensions-dir', path.resolve(extensionsDir), '--user-data-dir', path.join(scratch, 'user-data'),
    ], {
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'),
        XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
        TMPDIR: scratch,
        EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
      },
      timeoutMs: 120_000,
    });
    // The CLI prints "Failed Installing Extensions" but may still exit 0.
    if (result.code !== 0 || /\bfailed\b|\berror\b/i.test(result.output)) {
      throw new Error(`Installing ${vsixPath} into ${extensionsDir} failed (exit ${result.code ?? result.signal}${result.timedOut ? ', timed out' : ''}):\n${result.output}`);
    }
    return result.output;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** @returns {Promise<number>} a port that was free on 127.0.0.1 a moment ago */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {string} baseUrl
 * @param {Promise<unknown>} exited
 * @param {number} timeoutMs
 * @param {(lines?: number) => string} logTail
 */
async function waitForHealthz(baseUrl, exited, timeoutMs, logTail) {
  let hasExited = false;
  exited.then(() => { hasExited = true; });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`code-server exited during startup. Its log:\n${logTail()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`code-server did not answer ${baseUrl}/healthz within ${timeoutMs} ms. Its log:\n${logTail()}`);
}

/**
 * SIGTERM the group, wait for the leader (reaper) to exit, then SIGKILL whatever is left
 * (extension hosts that ignored SIGTERM) and wait until the group is empty.
 * @param {number} pgid
 * @param {Promise<unknown>} exited
 */
async function stopGroup(pgid, exited) {
  signalGroup(pgid, 'SIGTERM');
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise((resolve) => { timer = setTimeout(() => resolve(true), 8000); }),
  ]);
  clearTimeout(timer);
  signalGroup(pgid, 'SIGKILL');
  if (timedOut) await exited;
  for (let i = 0; i < 50 && groupExists(pgid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * @param {number} pgid
 * @param {NodeJS.Signals} signal
 */
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** @param {number} pgid */
function groupExists(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** Run folders of processes that no longer exist (e.g. killed before stop()). */
function removeStaleRunDirs() {
  let names = [];
  try {
    names = readdirSync(e2eCacheDir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^(?:run|cli|chromium)-(\d+)-/.exec(name);
    if (!match || Number(match[1]) === process.pid) continue;
    try {
      process.kill(Number(match[1]), 0);
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ESRCH') {
        rmSync(path.join(e2eCacheDir, name), { recursive: true, force: true });
      }
    }
  }
}

/**
 * @param {string} file
 * @param {number} lines
 */
function tailOf(file, lines) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
