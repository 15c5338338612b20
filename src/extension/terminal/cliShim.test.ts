import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliShims, shellQuote } from './cliShim';

function withShim(runtime: string, cli: string, run: (shim: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'cli-shim-'));
  try {
    const [shim] = cliShims('linux', runtime, cli);
    const file = join(dir, shim!.name);
    writeFileSync(file, shim!.text);
    chmodSync(file, 0o755);
    run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the sh launcher runs the CLI with the given runtime and passes every argument through as written', () => {
  const dir = mkdtempSync(join(tmpdir(), "it's a cli "));
  try {
    const cli = join(dir, 'cli.js');
    writeFileSync(cli, 'console.log(JSON.stringify([process.env.ELECTRON_RUN_AS_NODE, ...process.argv.slice(2)]))');
    withShim(process.execPath, cli, (shim) => {
      const out = execFileSync(shim, ['connect', 'ws://h/?a=1&b=2', "it's $HOME", '--json'], { encoding: 'utf8' });
      assert.deepEqual(JSON.parse(out), ['1', 'connect', 'ws://h/?a=1&b=2', "it's $HOME", '--json']);
    });
    withShim('/gone/after/an/update/node', cli, (shim) => {
      const out = execFileSync(shim, ['decode'], { encoding: 'utf8', env: { ...process.env, PATH: `${join(process.execPath, '..')}:/usr/bin:/bin` } });
      assert.deepEqual(JSON.parse(out), ['1', 'decode'], 'a runtime that is gone falls back to node on PATH');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Windows gets a .cmd with %* outside any block and % doubled, and the sh launcher for Git Bash', () => {
  const shims = cliShims('win32', 'C:\\Program Files\\Code (x86)\\Code.exe', 'C:\\Users\\a%b\\bin\\socket-lens-cli.js');
  assert.deepEqual(shims.map((s) => s.name), ['socket-lens.cmd', 'socket-lens']);
  const lines = shims[0]!.text.split('\r\n');
  assert.ok(lines.includes('set "runtime=C:\\Program Files\\Code (x86)\\Code.exe"'), 'the runtime set in quotes: its ( ) are not a block');
  assert.ok(lines.includes('"%runtime%" "C:\\Users\\a%%b\\bin\\socket-lens-cli.js" %*'), 'the % in the path doubled');
  const block = lines.filter((line) => /\(|\)/.test(line) && !line.startsWith('set "runtime='));
  assert.deepEqual(block, [], 'no ( ) block for cmd to expand before parsing');
  assert.ok(lines.some((line) => line.includes('%*')) && lines.filter((line) => line.includes('%*')).every((line) => !line.startsWith('if ')), '%* is on a plain line');
});

test('shellQuote keeps quotes and dollars literal', () => {
  assert.equal(shellQuote("a'b$c"), `'a'\\''b$c'`);
});
