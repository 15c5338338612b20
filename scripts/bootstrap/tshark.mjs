// Makes sure Wireshark's command-line dissector, tshark, is installed, and says where it is.
//
// The interop tests capture a real WebSocket exchange on `lo` and compare tshark's reading of
// every frame with our decoder's: an independent implementation of RFC 6455 framing.
// tshark comes from Debian's package (apt), which our machines can reach.
//
// Usage: `node scripts/bootstrap/tshark.mjs` prints the executable path (exit 1 on failure).

import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { isMain, isRoot, missingDebianPackages, progress, run } from './lib.mjs';

const PURPOSE = 'the interop tests';

/**
 * wireshark-common asks whether non-root users may capture (a setuid dumpcap). The tests run
 * as root and need no setuid helper, so answer "no" before apt gets to ask.
 */
const DEBCONF_ANSWER = 'wireshark-common wireshark-common/install-setuid boolean false\n';

const INSTALL_ARGS = ['install', '-y', '--no-install-recommends', 'tshark'];
const INSTALL_COMMAND = `DEBIAN_FRONTEND=noninteractive apt-get ${INSTALL_ARGS.join(' ')}`;

/**
 * apt's complaints when its package lists are missing or too old to hold the package (a fresh
 * container has none), as opposed to a real failure (dpkg lock, broken dependencies ...).
 */
const NO_LISTS = /Unable to locate package|has no installation candidate|Failed to fetch|404\s+Not Found/i;

/** `tshark` on PATH (or Debian's /usr/bin/tshark), else undefined. */
export function findTshark() {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of [...dirs, '/usr/bin']) {
    const candidate = path.join(dir, 'tshark');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(/** @type {string} */ file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns the tshark executable path, installing Debian's `tshark` package first if needed
 * (as root: `apt-get install -y --no-install-recommends tshark`, with `apt-get update` first
 * only when apt has no list that holds the package). As non-root with no tshark, throws an
 * Error whose message says what to run. Cheap when tshark is already there.
 * @returns {Promise<string>}
 */
export async function ensureTshark() {
  const found = findTshark();
  if (found) return found;
  if (!existsSync('/usr/bin/apt-get')) {
    throw new Error(`${PURPOSE} need tshark (Wireshark's command-line dissector), which is not installed, and apt-get is not available. Install Wireshark's tshark with your system's package manager.`);
  }
  if (!isRoot()) {
    throw new Error(`${PURPOSE} need tshark (Wireshark's command-line dissector), which is not installed.\nInstall it as root, then retry:\n  sudo sh -c 'echo "${DEBCONF_ANSWER.trim()}" | debconf-set-selections && apt-get update && ${INSTALL_COMMAND}'`);
  }
  progress('tshark not found; installing Debian\'s tshark package');
  preseedDebconf();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const echo = (/** @type {string} */ text) => process.stderr.write(text);
  const install = () => run('apt-get', INSTALL_ARGS, { env, timeoutMs: 15 * 60_000, onOutput: echo });
  let result = await install();
  if (result.code !== 0 && NO_LISTS.test(result.output)) {
    progress('apt has no usable package list for tshark; running apt-get update');
    const update = await run('apt-get', ['update'], { env, timeoutMs: 5 * 60_000, onOutput: echo });
    if (update.code !== 0) {
      throw new Error(`\`apt-get update\` failed (exit ${update.code ?? update.signal}${update.timedOut ? ', timed out' : ''}) while installing tshark for ${PURPOSE}. Check the apt sources and network, then run:\n  apt-get update && ${INSTALL_COMMAND}`);
    }
    result = await install();
  }
  const tshark = findTshark();
  if (result.code !== 0 || missingDebianPackages(['tshark']).length > 0 || !tshark) {
    throw new Error(`Could not install tshark with apt-get (exit ${result.code ?? result.signal}${result.timedOut ? ', timed out' : ''}) for ${PURPOSE}. Try by hand:\n  apt-get update && ${INSTALL_COMMAND}`);
  }
  return tshark;
}

/** Records the answer to wireshark-common's question so apt never stops to ask it. */
function preseedDebconf() {
  const result = spawnSync('debconf-set-selections', [], { input: DEBCONF_ANSWER, encoding: 'utf8' });
  // Not fatal: with DEBIAN_FRONTEND=noninteractive apt takes the default answer ("no") anyway.
  if (result.error || result.status !== 0) progress(`could not preseed debconf (${result.error?.message ?? result.stderr.trim()}); relying on the noninteractive default`);
}

if (isMain(import.meta.url)) {
  try {
    console.log(await ensureTshark());
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
