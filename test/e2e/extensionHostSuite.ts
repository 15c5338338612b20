import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as esbuild from 'esbuild';
import { runExtensionHostTests } from './harness/extensionHostTests.mjs';

const root = join(import.meta.dirname, '..', '..');

/** One suite run inside code-server's extension host: its entry under test/e2e/extensionHost and how to open the workspace. */
export interface SuiteOptions {
  /** e.g. `index` for test/e2e/extensionHost/index.ts */
  readonly entry: string;
  /** A folder name under .cache/e2e, opened as the workspace (created when missing). */
  readonly workspace: string;
  /** Open the workspace in Restricted Mode. */
  readonly workspaceTrust?: boolean;
}

/**
 * Bundles the suite, stages the extension as the VSIX holds it, runs the suite in code-server
 * and asserts it passed: a summary line with at least one test and none failed, exit code 0.
 */
export async function runSuite(options: SuiteOptions): Promise<void> {
  const outfile = await bundleSuite(join(root, 'test/e2e/extensionHost', `${options.entry}.ts`));
  const extension = stageExtension(options.entry);
  const workspace = join(root, '.cache', 'e2e', options.workspace);
  mkdirSync(workspace, { recursive: true });
  const lines: string[] = [];
  // The harness starts a fresh run (and says why) when the remote connection breaks before
  // an exit code arrives; an exit code, passing or failing, is never retried.
  const code = await runExtensionHostTests({
    workspace,
    extensionDevelopmentPath: extension,
    extensionTestsPath: outfile,
    timeoutMs: 300_000,
    workspaceTrust: options.workspaceTrust,
    onLog: (_type, message) => {
      if (message.startsWith('[harness] extension-host run')) {
        // An abandoned run's output says nothing about the next one.
        console.log(`  ${message}\n  its last log lines:\n${lines.slice(-30).join('\n')}`);
        lines.length = 0;
        return;
      }
      lines.push(message);
      if (/^(✔|✖|extension-host tests:)/.test(message)) console.log(`  ${message}`);
    },
  });
  const summary = lines.find((l) => l.startsWith('extension-host tests:'));
  assert.ok(summary, `the suite printed its summary; log:\n${lines.slice(-40).join('\n')}`);
  const failures = lines.filter((l) => l.startsWith('✖')).join('\n');
  assert.match(summary, /: [1-9]\d* passed, 0 failed/, failures);
  assert.equal(code, 0, failures);
}

/** `entry` (a suite exporting `run()`) bundled for the extension host; returns the bundle's path. */
export async function bundleSuite(entry: string): Promise<string> {
  const outfile = join(root, 'out', 'test', 'extensionHost', `${basename(entry, '.ts')}.js`);
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * The extension as the VSIX holds it, in a folder of its own: a copy of the files
 * scripts/package.mjs staged for vsce. The test loads what users get, and the extension host
 * never has node_modules and .cache (300 MB) beside the extension. (This was once suspected of
 * making the remote extension host miss its 60 s start limit; that turned out to be a corrupted
 * remote connection, handled by the harness.)
 */
export function stageExtension(entry: string): string {
  const packaged = join(root, '.cache', 'vsix');
  if (!existsSync(join(packaged, 'package.json'))) throw new Error(`${packaged} is missing: run node scripts/package.mjs first.`);
  const staged = join(root, '.cache', 'e2e', `dev-extension-${entry}`);
  rmSync(staged, { recursive: true, force: true });
  cpSync(packaged, staged, { recursive: true });
  return staged;
}
