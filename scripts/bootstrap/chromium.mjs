// Makes sure a Chromium that Playwright can drive is installed, and says where it is.
//
// We use Debian's `chromium` package rather than Playwright's own browser download:
// `npx playwright install` needs hosts other than the npm registry and apt, which our
// machines cannot reach.
//
// Usage: `node scripts/bootstrap/chromium.mjs` prints the executable path (exit 1 on failure).

import { existsSync } from 'node:fs';
import { ensureDebianPackages, isMain, progress } from './lib.mjs';

/** Where Debian's chromium package puts its launcher. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Returns the Chromium executable path, installing Debian's `chromium` package first if needed
 * (as root: `apt-get install -y chromium`, after `apt-get update` when apt lacks the lists).
 * As non-root with no Chromium, throws an Error whose message says what to run. Cheap when
 * Chromium is already there.
 * @returns {Promise<string>}
 */
export async function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  progress(`${CHROMIUM_PATH} not found; installing Debian's chromium package`);
  await ensureDebianPackages(['chromium'], 'the end-to-end tests (headless Chromium)');
  // The package could be "installed" yet ship its launcher elsewhere on another distribution.
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`The chromium package is installed but ${CHROMIUM_PATH} does not exist. Reinstall it:\n  apt-get install --reinstall -y chromium`);
  }
  return CHROMIUM_PATH;
}

if (isMain(import.meta.url)) {
  try {
    console.log(await ensureChromium());
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
