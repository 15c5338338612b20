// Runs inside code-server's extension host with workspace trust on and the workspace untrusted
// (Restricted Mode): what the workspace defines is listed but never started.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, connection, folder, startServer, writeJson } from './fixtures';
import { eventually, runAll, settlesWithin, test } from './miniRunner';

test('the workspace is in Restricted Mode and the extension activates there', async () => {
  assert.equal(vscode.workspace.isTrusted, false, 'the harness opened the folder untrusted');
  const socketLens = await api();
  const { activateMs, modulesMs } = socketLens.activation();
  assert.ok(activateMs > 0 && modulesMs >= 0, `activation is measured (${activateMs} ms, modules ${modulesMs} ms)`);
});

test('a workspace saved connection is listed but Connect to Saved opens nothing; a user one connects', async () => {
  const socketLens = await api();
  const server = await startServer();
  const file = vscode.Uri.joinPath(folder(), '.vscode', 'socket-lens.json');
  await writeJson(file, { connections: [{ name: 'restricted saved', url: server.url, headers: { 'X-From': '${env:HOME}' } }] });
  try {
    const listed = await socketLens.savedConnections();
    assert.ok(listed.some((c) => c.name === 'restricted saved' && c.scope === 'workspace' && c.needsTrust), 'the Saved view lists it, marked as needing trust');
    const before = socketLens.connections().length;
    const refused = await settlesWithin(vscode.commands.executeCommand<string | undefined>('socketLens.connectSaved', { name: 'restricted saved', scope: 'workspace' }), 'Connect to Saved of a workspace connection');
    assert.equal(refused, undefined, 'the command returns without connecting (and without waiting on the warning)');
    assert.equal(socketLens.connections().length, before, 'no connection was made');
    assert.equal(server.clients.length, 0, 'the server saw nobody');

    const id = await vscode.commands.executeCommand<string>('socketLens.connect', server.url);
    await eventually(() => connection(socketLens, id).state === 'open', 'Connect by URL works in Restricted Mode');
    const saved = await vscode.commands.executeCommand<string | undefined>('socketLens.saveConnection', id, { name: 'restricted user copy', scope: 'user' });
    assert.equal(saved, 'user');
    assert.equal((await socketLens.savedConnections()).find((c) => c.name === 'restricted user copy')?.needsTrust, false, 'a user connection needs no trust');
    await vscode.commands.executeCommand('socketLens.disconnect', id);
    const again = await vscode.commands.executeCommand<string | undefined>('socketLens.connectSaved', { name: 'restricted user copy', scope: 'user' });
    assert.ok(again, 'a connection saved for the user is not the workspace’s: it connects');
    await eventually(() => connection(socketLens, again).state === 'open', 'the user connection opens');
    await vscode.commands.executeCommand('socketLens.disconnect', again);
  } finally {
    await vscode.workspace.fs.delete(file).then(undefined, () => {});
    await server.close();
  }
});

test('Start Mock Server refuses a workspace mock file; the echo mock starts, on loopback whatever the workspace setting says', async () => {
  const socketLens = await api();
  const uri = vscode.Uri.joinPath(folder(), 'restricted.wsmock.json');
  await writeJson(uri, { name: 'restricted', paths: [{ path: '/', otherwise: 'echo' }] });
  // A settings file such as a cloned repository may carry: a harmless setting beside the restricted one.
  const settings = vscode.Uri.joinPath(folder(), '.vscode', 'settings.json');
  await writeJson(settings, { 'socketLens.handshakeTimeoutMs': 4321, 'socketLens.mock.host': '0.0.0.0' });
  try {
    await eventually(() => vscode.workspace.getConfiguration('socketLens').get('handshakeTimeoutMs') === 4321, 'the workspace settings file is read');
    assert.equal(vscode.workspace.getConfiguration('socketLens').get('mock.host'), '127.0.0.1', 'its mock.host is ignored in Restricted Mode');
    const refused = await settlesWithin(vscode.commands.executeCommand<string | undefined>('socketLens.startMock', uri), 'Start Mock Server of a workspace mock file');
    assert.equal(refused, undefined, 'the workspace mock is not started');
    assert.equal(socketLens.mocks().length, 0);
    // Were the workspace's 0.0.0.0 used, Start would ask before listening beyond loopback and this would hang.
    const key = await settlesWithin(vscode.commands.executeCommand<string>('socketLens.startMock', 'echo'), 'Start Mock Server of the echo mock');
    assert.equal(key, 'echo');
    assert.match(socketLens.mocks()[0]?.url ?? '', /^ws:\/\/127\.0\.0\.1:\d+$/, 'the echo mock listens on loopback');
    await vscode.commands.executeCommand('socketLens.stopMock', { key });
  } finally {
    await vscode.workspace.fs.delete(settings).then(undefined, () => {});
    await vscode.workspace.fs.delete(uri).then(undefined, () => {});
  }
});

export function run(): Promise<void> {
  return runAll(60_000);
}
