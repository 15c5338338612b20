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
 * apt's complaints when its package lists are missing or too old to hold a package (a fresh
 * container has none), as opposed to a real failure (dpkg lock, broken dependencies ...).
 */
const NO_LISTS = /Unable to locate package|has no installation candidate|Failed to fetch|404\s+Not Found/i;

/**
 * @typedef {object} DebianInstallOptions
 * @property {boolean} [installRecommends]  also install the packages' Recommends (default true)
 * @property {string} [debconf]  debconf-set-selections lines that answer the packages' questions
 */

/**
 * Installs missing Debian packages with apt-get (as root). Runs `apt-get update` only when apt's
 * lists cannot provide them (a fresh container has none, old ones may 404), so a machine with
 * fresh lists skips it. As non-root, throws an Error that says what to run.
 * @param {string[]} names
 * @param {string} purpose  what the packages are for, for error messages
 * @param {DebianInstallOptions} [options]
 * @returns {Promise<string[]>} the packages that were installed (empty when all were present)
 */
export async function ensureDebianPackages(names, purpose, options = {}) {
  const missing = missingDebianPackages(names);
  if (missing.length === 0) return [];
  const { installRecommends = true, debconf } = options;
  const args = ['install', '-y', ...(installRecommends ? [] : ['--no-install-recommends']), ...missing];
  const preseed = debconf ? `echo "${debconf.trim()}" | debconf-set-selections && ` : '';
  const command = `${preseed}apt-get update && DEBIAN_FRONTEND=noninteractive apt-get ${args.join(' ')}`;
  if (!existsSync('/usr/bin/apt-get')) {
    throw new Error(`${purpose}: missing ${missing.join(', ')} (Debian/Ubuntu packages), and apt-get is not available. Install their equivalents with your system's package manager.`);
  }
  if (!isRoot()) {
    throw new Error(`${purpose}: missing Debian packages ${missing.join(', ')}, and only root can install them.\nInstall them as root, then retry:\n  sudo sh -c '${command}'`);
  }
  progress(`installing apt packages for ${purpose}: ${missing.join(' ')}`);
  if (debconf) preseedDebconf(debconf);
  const install = await aptGet(args);
  const result = install.code !== 0 && NO_LISTS.test(install.output) ? await updateThenInstall(args, purpose, command) : install;
  const stillMissing = missingDebianPackages(missing);
  if (result.code !== 0 || stillMissing.length > 0) {
    throw new Error(`Could not install ${stillMissing.join(', ') || missing.join(', ')} with apt-get (exit ${describeExit(result)}) for ${purpose}. Try by hand:\n  ${command}`);
  }
  return missing;
}

/** @param {string[]} args */
function aptGet(args, timeoutMs = 15 * 60_000) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return run('apt-get', args, { env, timeoutMs, onOutput: (text) => process.stderr.write(text) });
}

/**
 * @param {string[]} args  the install's arguments
 * @param {string} purpose
 * @param {string} command  what to run by hand, for the error
 */
async function updateThenInstall(args, purpose, command) {
  progress('apt has no usable package list for them; running apt-get update');
  const update = await aptGet(['update'], 5 * 60_000);
  if (update.code !== 0) {
    throw new Error(`\`apt-get update\` failed (exit ${describeExit(update)}) while installing packages for ${purpose}. Check the apt sources and network, then run:\n  ${command}`);
  }
  return aptGet(args);
}

/** @param {{ code: number | null, signal: NodeJS.Signals | null, timedOut: boolean }} result */
function describeExit(result) {
  return `${result.code ?? result.signal}${result.timedOut ? ', timed out' : ''}`;
}

/**
 * Records answers to packages' debconf questions so apt never stops to ask them.
 * @param {string} selections
 */
function preseedDebconf(selections) {
  const result = spawnSync('debconf-set-selections', [], { input: selections, encoding: 'utf8' });
  // Not fatal: with DEBIAN_FRONTEND=noninteractive apt takes each question's default anyway.
  if (result.error || result.status !== 0) progress(`could not preseed debconf (${result.error?.message ?? result.stderr.trim()}); relying on the noninteractive defaults`);
}
