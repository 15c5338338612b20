import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runExtensionHostTests } from './harness/extensionHostTests.mjs';

const root = join(import.meta.dirname, '..', '..');

test('extension-host suite passes in code-server against the real vscode API', { timeout: 600_000 }, async () => {
  const outfile = join(root, 'out', 'test', 'extensionHost', 'index.js');
  await esbuild.build({
    entryPoints: [join(root, 'test/e2e/extensionHost/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    logLevel: 'warning',
  });
  const extension = stageExtension();
  const workspace = join(root, '.cache', 'e2e', 'workspace-ext-host');
  mkdirSync(workspace, { recursive: true });
  const lines: string[] = [];
  const run = () =>
    runExtensionHostTests({
      workspace,
      extensionDevelopmentPath: extension,
      extensionTestsPath: outfile,
      timeoutMs: 120_000,
      onLog: (_type, message) => {
        lines.push(message);
        if (/^(✔|✖|extension-host tests:)/.test(message)) console.log(`  ${message}`);
      },
    });
  let code: number;
  try {
    code = await run();
  } catch (error) {
    // Seen once in ~10 runs: the workbench never started the extension host. A timeout says
    // nothing about our tests, so try once more, loudly; a test failure is never retried.
    console.log(`  extension-host run timed out; retrying once. Last log lines:\n${lines.slice(-30).join('\n')}\n${(error as Error).message}`);
    lines.length = 0;
    code = await run();
  }
  const summary = lines.find((l) => l.startsWith('extension-host tests:'));
  assert.ok(summary, `the suite printed its summary; log:\n${lines.slice(-40).join('\n')}`);
  assert.match(summary, /: [1-9]\d* passed, 0 failed/);
  assert.equal(code, 0, lines.filter((l) => l.startsWith('✖')).join('\n'));
});

/**
 * The extension as the VSIX holds it (manifest, bundles, media), in a folder of its own, so the
 * test loads what users get and the extension host never has node_modules and .cache (300 MB)
 * beside the extension. On a fresh clone with the repo root as the development path, the remote
 * extension host once took over code-server's 60 s limit to start; this is the suspected cause.
 */
function stageExtension(): string {
  const staged = join(root, '.cache', 'e2e', 'dev-extension');
  rmSync(staged, { recursive: true, force: true });
  for (const path of ['package.json', 'dist/extension.js', 'dist/webview.js', 'media']) {
    cpSync(join(root, path), join(staged, path), { recursive: true });
  }
  return staged;
}
