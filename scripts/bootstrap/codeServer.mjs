// Installs code-server (a real VS Code: Node extension host + browser workbench) into the
// repo's git-ignored cache, for the end-to-end tests.
//
// Why code-server from npm: our machines reach only the npm registry and apt, so
// @vscode/test-electron / @vscode/test-web (which download VS Code) cannot work here.
// 4.100.3 (VS Code 1.100.3) is the newest release that runs on Node 20.
//
// Usage: `node scripts/bootstrap/codeServer.mjs [--verbose]` prints the executable path;
// progress goes to stderr; exit 1 on failure.

import { spawnSync } from 'node:child_process';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheRoot, ensureDebianPackages, isMain, progress, run } from './lib.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
/** code-server's package.json says `engines.node: "20"`, and its postinstall enforces it. */
const REQUIRED_NODE_MAJOR = 20;

/** Everything lives here; its package.json is ours and unrelated to the repo's. */
export const codeServerInstallDir = path.join(cacheRoot, 'code-server');
const nodeModules = path.join(codeServerInstallDir, 'node_modules');
const binPath = path.join(nodeModules, '.bin', 'code-server');
const markerPath = path.join(codeServerInstallDir, 'installed.json');
const logPath = path.join(codeServerInstallDir, 'install.log');
const lockDir = path.join(cacheRoot, 'code-server.lock');
/** TMPDIR for the install: @vscode/ripgrep looks for its download cache under os.tmpdir(). */
const installTmp = path.join(codeServerInstallDir, 'tmp');

/**
 * Apt packages the install needs: libkrb5-dev + pkg-config to build `kerberos`, ripgrep for
 * the `rg` we hand to @vscode/ripgrep, and a compiler toolchain for node-gyp (node-pty,
 * spdlog, native-watchdog, argon2 ... are built from source: their prebuilt binaries would
 * come from GitHub).
 */
const APT_PACKAGES = ['libkrb5-dev', 'pkg-config', 'ripgrep', 'build-essential', 'python3'];

/**
 * Files that exist only if the install scripts really ran (code-server's postinstall runs a
 * nested `npm install` in lib/vscode and lib/vscode/extensions, which builds native modules).
 * npm 11 has an `allowScripts` policy that can skip install scripts; a skipped postinstall
 * still leaves a code-server that starts but cannot open a workbench or an extension host,
 * so we check the results instead of trusting npm's exit code.
 */
const POSTINSTALL_EVIDENCE = [
  'code-server/out/node/entry.js',
  'code-server/lib/vscode/node_modules.asar', // symlink made after the nested install
  'code-server/lib/vscode/bin/remote-cli/code-server',
  'code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  'code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'code-server/lib/vscode/node_modules/native-watchdog/build/Release/watchdog.node',
  'code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  'code-server/lib/vscode/extensions/node_modules',
  'argon2/lib/binding/napi-v3/argon2.node',
].map((relative) => path.join(nodeModules, relative));

/**
 * Returns the absolute path of the code-server executable (`.cache/code-server/node_modules/.bin/code-server`),
 * installing code-server first if needed. A second call with everything present only checks
 * a marker file and a few paths (milliseconds).
 * @param {{ verbose?: boolean }} [options]  verbose: stream npm's output to stderr
 * @returns {Promise<string>}
 */
export async function ensureCodeServer(options = {}) {
  if (isInstalled()) return binPath;
  const release = await acquireLock();
  try {
    // Another process may have finished the install while we waited for the lock.
    if (isInstalled()) return binPath;
    await install(Boolean(options.verbose));
    return binPath;
  } finally {
    release();
  }
}

/** Environment for anything that runs code-server's own code: keep its state in the cache. */
export function codeServerInstallEnv() {
  return {
    TMPDIR: installTmp,
    XDG_CONFIG_HOME: path.join(codeServerInstallDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(codeServerInstallDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(codeServerInstallDir, 'xdg-cache'),
  };
}

function isInstalled() {
  try {
    const marker = JSON.parse(readFileSync(markerPath, 'utf8'));
    return marker.version === CODE_SERVER_VERSION
      && marker.nodeMajor === nodeMajor()
      && missingEvidence().length === 0;
  } catch {
    return false;
  }
}

function nodeMajor() {
  return Number(process.versions.node.split('.')[0]);
}

function missingEvidence() {
  return POSTINSTALL_EVIDENCE.filter((file) => !existsSync(file));
}

/** @param {boolean} verbose */
async function install(verbose) {
  const started = Date.now();
  if (nodeMajor() !== REQUIRED_NODE_MAJOR) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node ${REQUIRED_NODE_MAJOR}, but this is Node ${process.versions.node}. Run the tests with Node ${REQUIRED_NODE_MAJOR}.`);
  }
  progress(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerInstallDir} (takes about a minute)`);
  await ensureDebianPackages(APT_PACKAGES, `building code-server ${CODE_SERVER_VERSION}`);

  // Start from a clean slate: a half-finished install is worse than none.
  rmSync(markerPath, { force: true });
  rmSync(nodeModules, { recursive: true, force: true });
  for (const dir of Object.values(codeServerInstallEnv())) mkdirSync(dir, { recursive: true });
  writeInstallPackageJson();
  prepareRipgrepDownloadCache();

  const env = await npmEnv();
  writeFileSync(logPath, `# code-server ${CODE_SERVER_VERSION} install, ${new Date().toISOString()}\n`);
  const args = ['install', '--no-save', '--no-package-lock', '--prefix', codeServerInstallDir, `code-server@${CODE_SERVER_VERSION}`];
  let result = await runNpm(args, env, verbose);
  if (result.code !== 0) {
    throw installError(`\`npm ${args.join(' ')}\` failed (${describeExit(result)})`);
  }

  // If a policy skipped the install scripts, run them explicitly once.
  if (missingEvidence().length > 0) {
    progress(`install scripts did not run (missing ${relativeList(missingEvidence())}); running \`npm rebuild\``);
    result = await runNpm(['rebuild', '--prefix', codeServerInstallDir, 'argon2', 'code-server'], env, verbose);
    const missing = missingEvidence();
    if (result.code !== 0 || missing.length > 0) {
      throw installError(`code-server's install scripts did not complete (${describeExit(result)}; missing: ${relativeList(missing) || 'nothing'}). They build native modules with node-gyp; npm may have skipped them (allowScripts / ignore-scripts) or a compiler step failed`);
    }
  }

  const version = spawnSync(process.execPath, [binPath, '--version'], {
    encoding: 'utf8', env: { ...process.env, ...codeServerInstallEnv() }, timeout: 30_000,
  });
  // The first run also logs "Wrote default config file ..." on stdout, so look for the line.
  if (!(version.stdout ?? '').split('\n').some((line) => line.startsWith(`${CODE_SERVER_VERSION} `))) {
    throw installError(`the installed code-server does not run: \`code-server --version\` printed ${JSON.stringify((version.stdout || '') + (version.stderr || ''))}`);
  }

  writeFileSync(markerPath, `${JSON.stringify({
    version: CODE_SERVER_VERSION,
    nodeMajor: nodeMajor(),
    installedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
  }, null, 2)}\n`);
  progress(`code-server ${CODE_SERVER_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function writeInstallPackageJson() {
  // A package.json of our own makes this folder its own npm project, so npm never walks up to
  // the repo's package.json / node_modules. allowScripts approves the two top-level packages
  // whose install scripts we need (npm >= 11 consults it; older npm ignores the field).
  const manifest = {
    name: 'socket-lens-e2e-code-server',
    private: true,
    description: 'Generated by scripts/bootstrap/codeServer.mjs; safe to delete.',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
  };
  writeFileSync(path.join(codeServerInstallDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * @vscode/ripgrep's postinstall downloads `rg` from GitHub, which we cannot reach, unless
 * `$TMPDIR/vscode-ripgrep-cache-<its version>/ripgrep-<rg tag>-<target>.tar.gz` already exists.
 * A tarball holding Debian's /usr/bin/rg under the name `rg` satisfies it.
 * Versions as pinned by code-server 4.100.3's npm-shrinkwrap (@vscode/ripgrep 1.15.11).
 */
function prepareRipgrepDownloadCache() {
  const target = ripgrepTarget();
  const tag = /^(arm|powerpc64le|s390x)-/.test(target) ? 'v13.0.0-4' : 'v13.0.0-10';
  const cacheDir = path.join(installTmp, 'vscode-ripgrep-cache-1.15.11');
  const tarball = path.join(cacheDir, `ripgrep-${tag}-${target}.tar.gz`);
  if (existsSync(tarball) && statSync(tarball).size > 0) return;
  const rg = ['/usr/bin/rg', '/bin/rg'].find((candidate) => existsSync(candidate));
  if (!rg) throw installError('ripgrep (`rg`) is not installed; run `apt-get install -y ripgrep`');
  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(path.join(installTmp, 'rg-'));
  try {
    copyFileSync(rg, path.join(staging, 'rg'));
    const tar = spawnSync('tar', ['-czf', tarball, '-C', staging, 'rg'], { encoding: 'utf8' });
    if (tar.status !== 0) throw installError(`could not create ${tarball}: ${tar.stderr}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Mirrors getTarget() in @vscode/ripgrep 1.15.11's lib/postinstall.js (Linux only). */
function ripgrepTarget() {
  const arch = process.env.npm_config_arch || os.arch();
  if (os.platform() !== 'linux') throw installError(`only Linux is supported by this bootstrap (this is ${os.platform()})`);
  return {
    x64: 'x86_64-unknown-linux-musl',
    arm64: 'aarch64-unknown-linux-musl',
    arm: 'arm-unknown-linux-gnueabihf',
    armv7l: 'arm-unknown-linux-gnueabihf',
    ppc64: 'powerpc64le-unknown-linux-gnu',
    s390x: 's390x-unknown-linux-gnu',
  }[arch] ?? 'i686-unknown-linux-musl';
}

/** The environment npm (and the install scripts it runs) gets. */
async function npmEnv() {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    // When we run under `npm test`, npm exports its view of the *repo* project
    // (npm_package_*, npm_config_local_prefix, an empty npm_config_allow_scripts ...).
    // None of that describes the cache project; a non-empty allow_scripts from the
    // environment even makes project installs fail with EALLOWSCRIPTS.
    if (/^npm_(package_|lifecycle_|config_local_prefix$|config_allow_scripts$|command$)/i.test(key)) continue;
    env[key] = value;
  }
  Object.assign(env, codeServerInstallEnv(), {
    // code-server's postinstall refuses to run as root without this.
    npm_config_unsafe_perm: 'true',
    // A nested install script runs `npx node-gyp`; npx must not wait on a prompt.
    npm_config_yes: 'true',
    // A user's ignore-scripts=true would silently produce a broken install.
    npm_config_ignore_scripts: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_progress: 'false',
  });
  // node-gyp would download Node's headers from nodejs.org (unreachable). The running Node
  // usually ships them (Debian's nodejs: /usr/include/node), so point node-gyp there.
  const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && existsSync(path.join(nodePrefix, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = nodePrefix;
  }
  // npm >= 11.x enforces an allowScripts policy. code-server's postinstall runs nested
  // `npm install`s in its own lib/vscode and lib/vscode/extensions projects, whose
  // package.json we cannot annotate before they run, and npm refuses --allow-scripts
  // (flag or env) for project installs. So for this one install of a pinned version we
  // use npm's documented bypass, but only if this npm knows the setting.
  if (await npmKnowsConfig('dangerously-allow-all-scripts', env)) {
    env.npm_config_dangerously_allow_all_scripts = 'true';
  }
  return env;
}

/**
 * @param {string} key
 * @param {NodeJS.ProcessEnv} env
 */
async function npmKnowsConfig(key, env) {
  const result = await run('npm', ['config', 'get', key], { env, cwd: codeServerInstallDir, timeoutMs: 30_000 });
  const value = result.output.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('npm warn')).pop();
  return result.code === 0 && value !== undefined && value !== 'undefined';
}

/**
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @param {boolean} verbose
 */
async function runNpm(args, env, verbose) {
  writeFileSync(logPath, `\n$ npm ${args.join(' ')}\n`, { flag: 'a' });
  const started = Date.now();
  // A silent minute looks like a hang; say we are alive.
  const heartbeat = setInterval(() => progress(`  still running npm ${args[0]} ... ${Math.round((Date.now() - started) / 1000)} s`), 15_000);
  try {
    return await run('npm', args, {
      cwd: codeServerInstallDir,
      env,
      timeoutMs: 20 * 60_000,
      onOutput: (text) => {
        writeFileSync(logPath, text, { flag: 'a' });
        if (verbose) process.stderr.write(text);
      },
    });
  } finally {
    clearInterval(heartbeat);
  }
}

/** @param {{ code: number | null, signal: string | null, timedOut: boolean }} result */
function describeExit(result) {
  if (result.timedOut) return 'timed out';
  return result.signal ? `killed by ${result.signal}` : `exit code ${result.code}`;
}

/** @param {string[]} files */
function relativeList(files) {
  return files.map((file) => path.relative(nodeModules, file)).join(', ');
}

/** @param {string} reason */
function installError(reason) {
  let tail = '';
  try {
    tail = readFileSync(logPath, 'utf8').split('\n').filter((line) => !/Unknown (env|user|cli) config/.test(line)).slice(-25).join('\n');
  } catch {
    // no log yet
  }
  return new Error([
    `Could not install code-server ${CODE_SERVER_VERSION} into ${codeServerInstallDir}: ${reason}.`,
    tail && `Last lines of ${logPath}:\n${tail}`,
    'What to try: make sure the npm registry is reachable (`npm ping`) and that these apt packages are installed:',
    `  apt-get install -y ${APT_PACKAGES.join(' ')}`,
    `then delete ${codeServerInstallDir} and run \`node scripts/bootstrap/codeServer.mjs --verbose\` to see npm's full output.`,
  ].filter(Boolean).join('\n'));
}

/**
 * A lock directory so that parallel test processes do not install on top of each other.
 * A lock left by a dead process is taken over.
 * @returns {Promise<() => void>} release function
 */
async function acquireLock() {
  mkdirSync(cacheRoot, { recursive: true });
  mkdirSync(codeServerInstallDir, { recursive: true });
  const deadline = Date.now() + 30 * 60_000;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      const release = () => rmSync(lockDir, { recursive: true, force: true });
      return release;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
    }
    const owner = lockOwner();
    if (!owner || !isAlive(owner)) {
      // Creator died (or is between mkdir and writing its pid: give it a moment first).
      await sleep(200);
      const again = lockOwner();
      if (!again || !isAlive(again)) rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for process ${owner} to finish installing code-server (lock ${lockDir}).`);
    if (!announced) progress(`waiting for process ${owner}, which is installing code-server`);
    announced = true;
    await sleep(1000);
  }
}

/** The pid recorded in the lock, or 0 when there is none (yet). */
function lockOwner() {
  try {
    return Number(readFileSync(path.join(lockDir, 'pid'), 'utf8')) || 0;
  } catch {
    return 0;
  }
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (isMain(import.meta.url)) {
  try {
    console.log(await ensureCodeServer({ verbose: process.argv.includes('--verbose') }));
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
