import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
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
  const workspace = join(root, '.cache', 'e2e', 'workspace-ext-host');
  mkdirSync(workspace, { recursive: true });
  const lines: string[] = [];
  const code = await runExtensionHostTests({
    workspace,
    extensionDevelopmentPath: root,
    extensionTestsPath: outfile,
    timeoutMs: 300_000,
    onLog: (_type, message) => {
      lines.push(message);
      if (/^(✔|✖|extension-host tests:)/.test(message)) console.log(`  ${message}`);
    },
  });
  const summary = lines.find((l) => l.startsWith('extension-host tests:'));
  assert.ok(summary, `the suite printed its summary; log:\n${lines.slice(-40).join('\n')}`);
  assert.match(summary, /: [1-9]\d* passed, 0 failed/);
  assert.equal(code, 0, lines.filter((l) => l.startsWith('✖')).join('\n'));
});
