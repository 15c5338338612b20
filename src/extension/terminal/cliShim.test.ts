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

test('Windows gets a .cmd that passes the arguments on', () => {
  const [shim] = cliShims('win32', 'C:\\Program Files\\Code\\Code.exe', 'C:\\ext\\dist\\cli.js');
  assert.equal(shim!.name, 'socket-lens.cmd');
  assert.match(shim!.text, /"C:\\Program Files\\Code\\Code\.exe" "C:\\ext\\dist\\cli\.js" %\*/);
  assert.match(shim!.text, /set ELECTRON_RUN_AS_NODE=1/);
});

test('shellQuote keeps quotes and dollars literal', () => {
  assert.equal(shellQuote("a'b$c"), `'a'\\''b$c'`);
});
