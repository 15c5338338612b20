// Interop: `socket-lens mock FILE --json` as a real process (dist/cli.js) serving Python's
// websockets client: saving the file reloads the rules for the connection already open, a file
// that is not valid keeps the old rules and says why, SIGTERM closes the client with 1001 and
// the process exits 0.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePeers } from '../../scripts/bootstrap/peers.mjs';
import { startPeer } from './peers/peerProcess';
import { PythonClient } from './peers/pythonClient';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

let python: string;
before(async () => {
  python = (await ensurePeers()).python;
  // `node scripts/test.mjs interop` builds first; a single file run builds only when dist is missing.
  if (!existsSync(CLI)) assert.equal(spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' }).status, 0, 'the build failed');
}, { timeout: 10 * 60_000 });

const definition = (answer: string) => JSON.stringify({ name: 'reloading', paths: [{ path: '/', otherwise: 'nothing', rules: [{ match: { text: 'v' }, reply: [{ text: answer }] }] }] });

test('a mock started by the CLI serves a client, reloads its file for that connection, keeps its rules on a bad file, and stops cleanly', { timeout: 30_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'socket-lens-mock-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'reload.wsmock.json');
  writeFileSync(file, definition('one'));
  const cli = await startPeer(t, 'socket-lens mock', process.execPath, [CLI, 'mock', file, '--json']);
  const records = () => cli.output().split('\n').filter((l) => l.startsWith('{"type"')).map((l) => JSON.parse(l) as { type: string; url?: string });
  const listening = await cli.waitFor('it listened', () => records().find((r) => r.type === 'listening'));

  const py = await PythonClient.start(t, python);
  assert.equal((await py.connect(`${listening.url}/`)).open, true);
  const answer = async () => {
    await py.sendText('v');
    const [reply] = await py.messages(1);
    return reply!.kind === 'text' ? reply!.text : reply!.hex;
  };
  assert.equal(await answer(), 'one');

  writeFileSync(file, definition('two'));
  await cli.waitFor('it reloaded', () => records().find((r) => r.type === 'reloaded'));
  assert.equal(await answer(), 'two', 'the same connection gets the new rule');

  writeFileSync(file, '{"paths": [{"path": "/", "otherwise": "shout"}]}');
  await cli.waitFor('it said the file is not valid', () => (cli.output().includes('keeps running with the rules it had') ? true : undefined));
  assert.match(cli.output(), /is not a valid mock definition:\n {2}paths\[0\]\.otherwise: /);
  assert.equal(await answer(), 'two', 'a bad file keeps the old rules');
  assert.equal(records().filter((r) => r.type === 'reloaded').length, 1);

  const exited = once(cli.child, 'exit');
  cli.child.kill('SIGTERM');
  const end = await py.recv();
  assert.deepEqual(end.kind === undefined && 'closed' in end && [end.closed.code, end.closed.reason], [1001, 'mock server stopping']);
  assert.deepEqual(await exited, [0, null], 'the CLI exits 0 on SIGTERM');
});
