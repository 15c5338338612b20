// Makes sure the independent WebSocket peers of the interop tests are installed, and says where.
//
// Our client is tested against servers that share no code with it or with ws: Python's
// `websockets` (python3-websockets) and the C libwebsockets test server and client
// (libwebsockets-test-server). Both come from Debian's packages (apt), which our machines reach.
//
// Usage: `node scripts/bootstrap/peers.mjs` prints the executables as JSON (exit 1 on failure).

import { existsSync } from 'node:fs';
import { ensureDebianPackages, isMain } from './lib.mjs';

const PURPOSE = 'the interop tests against independent WebSocket peers';

/**
 * Debian's own interpreter: the one its python3-websockets is installed for. A `python3`
 * earlier on PATH (pyenv, a venv) may not see Debian's packages.
 */
export const PYTHON_PATH = '/usr/bin/python3';
export const LWS_TEST_SERVER_PATH = '/usr/bin/libwebsockets-test-server';
/** From the same package as the server. */
export const LWS_TEST_CLIENT_PATH = '/usr/bin/libwebsockets-test-client';

/**
 * @typedef {object} Peers
 * @property {string} python  an interpreter that can `import websockets`
 * @property {string} lwsTestServer  the libwebsockets test server
 * @property {string} lwsTestClient  the libwebsockets test client
 */

/**
 * Returns the peers' executables, installing their Debian packages first if needed (as root:
 * `apt-get install -y --no-install-recommends python3-websockets libwebsockets-test-server`,
 * with `apt-get update` first only when apt has no list that holds them). As non-root with a
 * package missing, throws an Error whose message says what to run. Cheap when both are there.
 * @returns {Promise<Peers>}
 */
export async function ensurePeers() {
  await ensureDebianPackages(['python3-websockets', 'libwebsockets-test-server'], PURPOSE, { installRecommends: false });
  for (const file of [PYTHON_PATH, LWS_TEST_SERVER_PATH, LWS_TEST_CLIENT_PATH]) {
    if (!existsSync(file)) throw new Error(`The packages for ${PURPOSE} are installed but ${file} does not exist. Reinstall them:\n  apt-get install --reinstall -y --no-install-recommends python3-websockets libwebsockets-test-server`);
  }
  return { python: PYTHON_PATH, lwsTestServer: LWS_TEST_SERVER_PATH, lwsTestClient: LWS_TEST_CLIENT_PATH };
}

if (isMain(import.meta.url)) {
  try {
    console.log(JSON.stringify(await ensurePeers()));
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
