// Makes sure Wireshark's command-line dissector, tshark, is installed, and says where it is.
//
// The interop tests capture a real WebSocket exchange on `lo` and compare tshark's reading of
// every frame with our decoder's: an independent implementation of RFC 6455 framing.
// tshark comes from Debian's package (apt), which our machines can reach.
//
// Usage: `node scripts/bootstrap/tshark.mjs` prints the executable path (exit 1 on failure).

import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { ensureDebianPackages, isMain, progress } from './lib.mjs';

const PURPOSE = "the interop tests' tshark (Wireshark's command-line dissector)";

/**
 * wireshark-common asks whether non-root users may capture (a setuid dumpcap). The tests run
 * as root and need no setuid helper, so answer "no" before apt gets to ask.
 */
const DEBCONF_ANSWER = 'wireshark-common wireshark-common/install-setuid boolean false\n';

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
  progress('tshark not found; installing Debian\'s tshark package');
  await ensureDebianPackages(['tshark'], PURPOSE, { installRecommends: false, debconf: DEBCONF_ANSWER });
  const tshark = findTshark();
  if (!tshark) throw new Error(`The tshark package is installed but no tshark is on PATH or in /usr/bin. Reinstall it:\n  apt-get install --reinstall -y --no-install-recommends tshark`);
  return tshark;
}

if (isMain(import.meta.url)) {
  try {
    console.log(await ensureTshark());
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
