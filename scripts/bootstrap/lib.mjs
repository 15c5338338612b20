// Small helpers shared by the bootstrap scripts (and the e2e harness).
// Kept dependency-free on purpose: these run before anything else is installed.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Absolute path of the repository root (this file lives in <repo>/scripts/bootstrap/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The repo's git-ignored cache folder; everything we download or generate goes below it. */
export const cacheRoot = path.join(repoRoot, '.cache');

/**
 * True when the module with this import.meta.url is the script node was started with,
 * so a file can be both imported and run directly.
 * @param {string} moduleUrl
 */
export function isMain(moduleUrl) {
  return Boolean(process.argv[1]) && moduleUrl === pathToFileURL(path.resolve(process.argv[1])).href;
}

/** Progress goes to stderr so stdout stays clean for whatever a caller wants to print. */
export function progress(/** @type {string} */ message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {number} [timeoutMs]  kill the command (and its process group) after this long
 * @property {(chunk: string) => void} [onOutput]  receives stdout and stderr as they arrive
 */

/**
 * Runs a command to completion, capturing its combined output.
 * The command gets its own process group so a timeout also kills whatever it started
 * (npm -> sh -> node-gyp -> make ...), not just the top process.
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, output: string, timedOut: boolean }>}
 */
export function run(command, args, options = {}) {
  const { cwd, env = process.env, timeoutMs = 0, onOutput } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let timedOut = false;
    const onData = (/** @type {Buffer} */ data) => {
      const text = data.toString();
      output += text;
      onOutput?.(text);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // If we die (Ctrl-C, crash) while an install is running, take the install with us.
    const untrack = child.pid ? trackProcessGroup(child.pid) : () => {};
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = timeoutMs > 0 ? setTimeout(() => { timedOut = true; killGroup(); }, timeoutMs) : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      untrack();
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      untrack();
      resolve({ code, signal, output, timedOut });
    });
  });
}

/** Process groups we started (detached) that must not outlive this process. */
const trackedGroups = new Set();
let exitHandlersInstalled = false;

/**
 * Makes sure the process group `pgid` (a child spawned with `detached: true`) is SIGKILLed
 * when this process exits, crashes, or is ended by SIGINT/SIGTERM/SIGHUP. Detached children
 * are in their own group, so neither a terminal's Ctrl-C nor our death reaches them otherwise.
 * (SIGKILL of this process cannot be handled; a child has to notice that by itself.)
 * @param {number} pgid
 * @returns {() => void} call when the group has ended normally
 */
export function trackProcessGroup(pgid) {
  trackedGroups.add(pgid);
  installExitHandlers();
  return () => trackedGroups.delete(pgid);
}

function killTrackedGroups() {
  for (const pgid of trackedGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  trackedGroups.clear();
}

function installExitHandlers() {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  // 'exit' covers normal ends and uncaught exceptions; signals end a process without 'exit'.
  process.on('exit', killTrackedGroups);
  for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    const handler = () => {
      killTrackedGroups();
      process.off(signal, handler);
      // If nobody else handles the signal, die of it as we would have without this handler.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}

/**
 * Debian packages from `names` that are not installed (per dpkg's status database).
 * @param {string[]} names
 */
export function missingDebianPackages(names) {
  if (!existsSync('/usr/bin/dpkg-query')) return [...names];
  return names.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

/**
 * Installs missing Debian packages with apt-get. Runs `apt-get update` first, but only when
 * something actually has to be installed. As non-root, throws an Error that says what to run.
 * @param {string[]} names
 * @param {string} purpose  what the packages are for, for error messages
 * @returns {Promise<string[]>} the packages that were installed (empty when all were present)
 */
export async function ensureDebianPackages(names, purpose) {
  const missing = missingDebianPackages(names);
  if (missing.length === 0) return [];
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(' ')}`;
  if (!existsSync('/usr/bin/apt-get')) {
    throw new Error(`${purpose} needs these Debian/Ubuntu packages, but apt-get is not available: ${missing.join(', ')}. Install their equivalents with your system's package manager.`);
  }
  if (!isRoot()) {
    throw new Error(`${purpose} needs these packages, which are not installed: ${missing.join(', ')}.\nInstall them as root, then retry:\n  sudo sh -c '${command}'`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const echo = (/** @type {string} */ text) => process.stderr.write(text);
  progress(`installing apt packages for ${purpose}: ${missing.join(' ')}`);
  const update = await run('apt-get', ['update'], { env, timeoutMs: 5 * 60_000, onOutput: echo });
  if (update.code !== 0) {
    throw new Error(`\`apt-get update\` failed (exit ${update.code ?? update.signal}${update.timedOut ? ', timed out' : ''}) while installing ${missing.join(', ')} for ${purpose}. Check the apt sources and network, then run:\n  ${command}`);
  }
  const install = await run('apt-get', ['install', '-y', ...missing], { env, timeoutMs: 15 * 60_000, onOutput: echo });
  const stillMissing = missingDebianPackages(missing);
  if (install.code !== 0 || stillMissing.length > 0) {
    throw new Error(`Could not install ${stillMissing.join(', ') || missing.join(', ')} with apt-get (exit ${install.code ?? install.signal}${install.timedOut ? ', timed out' : ''}) for ${purpose}. Try by hand:\n  ${command}`);
  }
  return missing;
}
