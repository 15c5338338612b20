// Saved connections in the extension host: ${secret:…} and ${env:…} filled in at connect time,
// secrets kept out of the file (typed, written by hand, re-saved), removal, saved messages.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, connection, folder, readText, startServer, workspaceSavedFile, writeJson } from './fixtures';
import { eventually, test } from './miniRunner';

/**
 * What each test here works with: a test server and the workspace's saved-connections file (not
 * written yet). `cleanUp()` deletes the secrets named in `secrets` (a test adds those it stores),
 * then the file, and closes the server.
 */
async function savedFileFixture(secrets: string[] = []) {
  const server = await startServer();
  const file = workspaceSavedFile();
  return {
    server,
    file,
    secrets,
    async cleanUp(): Promise<void> {
      for (const name of secrets) await vscode.commands.executeCommand('socketLens.deleteSecret', name);
      await vscode.workspace.fs.delete(file).then(undefined, () => {});
      await server.close();
    },
  };
}

export function savedConnectionTests(): void {
  test('Connect to Saved sends a ${secret:…} header from SecretStorage and fills in ${env:…}; neither the file nor a re-save holds the secret', async () => {
    const socketLens = await api();
    const { server, file, cleanUp } = await savedFileFixture(['ext-token']);
    // The extension host's environment: what ${env:…} reads at connect time.
    process.env.SOCKET_LENS_E2E_ROOM = 'room-42';
    const secret = 'sEcReT-value-4711';
    const url = `${server.base}/saved?room=\${env:SOCKET_LENS_E2E_ROOM}`;
    await writeJson(file, { connections: [{ name: 'ext-host saved', url, headers: { 'X-Team-Token': '${secret:ext-token}' } }] });
    try {
      await vscode.commands.executeCommand('socketLens.deleteSecret', 'ext-token');
      const listed = await socketLens.savedConnections();
      assert.ok(listed.some((c) => c.name === 'ext-host saved' && c.scope === 'workspace'), 'the Saved view lists the workspace connection');
      const refused = await vscode.commands.executeCommand<string | undefined>('socketLens.connectSaved', { name: 'ext-host saved' });
      assert.equal(refused, undefined, 'no connection without the secret');
      await vscode.commands.executeCommand('socketLens.setSecret', 'ext-token', secret);
      const id = await vscode.commands.executeCommand<string>('socketLens.connectSaved', { name: 'ext-host saved' });
      assert.ok(id);
      await eventually(() => connection(socketLens, id).state === 'open', 'the saved connection is open');
      assert.equal(connection(socketLens, id).label, 'ext-host saved', 'it carries the saved name');
      await eventually(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'WS ext-host saved')), 'its panel is titled by the name');
      assert.deepEqual(server.requests.map((r) => r.headers['x-team-token']), [secret], 'the server sees the header with the secret');
      assert.deepEqual(server.requests.map((r) => r.url), ['/saved?room=room-42'], 'and ${env:SOCKET_LENS_E2E_ROOM} filled in');
      const written = await vscode.commands.executeCommand<string | undefined>('socketLens.saveConnection', id, { name: 'ext-host copy', scope: 'workspace' });
      assert.equal(written, file.fsPath);
      const text = await readText(file);
      assert.match(text, /ext-host copy/);
      assert.match(text, /\$\{secret:ext-token\}/);
      assert.ok(!text.includes(secret), 'the secret value is not in the file');
      assert.ok(!JSON.stringify(socketLens.connections()).includes(secret), 'nor in what the API reports');
      await vscode.commands.executeCommand('socketLens.disconnect', id);
      const second = await vscode.commands.executeCommand<string>('socketLens.connectSaved', { name: 'ext-host saved' });
      assert.equal(connection(socketLens, second).label, 'ext-host saved (2)', 'a second connection from it, the first still listed, is told apart');
      await eventually(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'WS ext-host saved (2)')), 'and so is its panel');
      await vscode.commands.executeCommand('socketLens.disconnect', second);
    } finally {
      delete process.env.SOCKET_LENS_E2E_ROOM;
      await cleanUp();
    }
  });

  test('a saved connection with a token written as it is: its secrets move to SecretStorage, the file keeps references, and it still connects', async () => {
    const socketLens = await api();
    const { server, file, secrets, cleanUp } = await savedFileFixture();
    const url = `${server.base}/literal?token=lit-tok-99`;
    await writeJson(file, { connections: [{ name: 'literal', url, headers: { Authorization: 'Bearer lit-bearer-77' } }] });
    try {
      const stored = await vscode.commands.executeCommand<string[]>('socketLens.moveSavedSecrets', { name: 'literal', scope: 'workspace' });
      secrets.push(...stored);
      assert.equal(stored.length, 2, `the query token and the bearer token: ${stored.join(', ')}`);
      const text = await readText(file);
      assert.ok(!text.includes('lit-tok-99') && !text.includes('lit-bearer-77'), 'neither secret is left in the file');
      assert.match(text, /\$\{secret:literal\./, 'references in their place');
      const id = await vscode.commands.executeCommand<string>('socketLens.connectSaved', { name: 'literal' });
      await eventually(() => connection(socketLens, id).state === 'open', 'it connects with the secrets from storage');
      assert.deepEqual(server.requests.map((r) => `${r.url} ${r.headers.authorization}`), ['/literal?token=lit-tok-99 Bearer lit-bearer-77']);
      await vscode.commands.executeCommand('socketLens.disconnect', id);
    } finally {
      await cleanUp();
    }
  });

  test('Remove Saved Connection takes one out of the workspace file (the rest kept) and out of the user\'s list', async () => {
    const socketLens = await api();
    const { server, file, cleanUp } = await savedFileFixture();
    await writeJson(file, { variables: { room: '7' }, connections: [{ name: 'keep me', url: server.url }, { name: 'remove me', url: server.url }] });
    try {
      const removed = await vscode.commands.executeCommand<boolean>('socketLens.removeSaved', { name: 'remove me', scope: 'workspace' }, { confirmed: true });
      assert.equal(removed, true);
      const text = JSON.parse(await readText(file));
      assert.deepEqual(text, { variables: { room: '7' }, connections: [{ name: 'keep me', url: server.url }] }, 'the other connection and the variables stay');

      const id = await vscode.commands.executeCommand<string>('socketLens.connect', server.url);
      await eventually(() => connection(socketLens, id).state === 'open', 'a connection to save');
      assert.equal(await vscode.commands.executeCommand<string | undefined>('socketLens.saveConnection', id, { name: 'user one', scope: 'user' }), 'user');
      assert.ok((await socketLens.savedConnections()).some((c) => c.name === 'user one' && c.scope === 'user'));
      assert.equal(await vscode.commands.executeCommand<boolean>('socketLens.removeSaved', { name: 'user one', scope: 'user' }, { confirmed: true }), true);
      assert.ok(!(await socketLens.savedConnections()).some((c) => c.name === 'user one'), 'gone from the user\'s list');
      assert.equal(await vscode.commands.executeCommand<boolean>('socketLens.removeSaved', { name: 'user one', scope: 'user' }, { confirmed: true }), false, 'removing it again is refused, not thrown');
      await vscode.commands.executeCommand('socketLens.disconnect', id);
    } finally {
      await cleanUp();
    }
  });

  test('Save Connection of a typed URL puts a ?token= value in SecretStorage, not in the file; Connect to Saved sends it again', async () => {
    const socketLens = await api();
    const { server, file, cleanUp } = await savedFileFixture(['typed-token.query.token']);
    const token = 'tOk+en/4711=';
    const url = `${server.base}/typed?room=7&token=${encodeURIComponent(token)}`;
    const ids: string[] = [];
    try {
      ids.push(await vscode.commands.executeCommand<string>('socketLens.connect', url));
      await eventually(() => connection(socketLens, ids[0]!).state === 'open', 'the typed connection opens');
      const written = await vscode.commands.executeCommand<string | undefined>('socketLens.saveConnection', ids[0], { name: 'Typed Token', scope: 'workspace' });
      assert.equal(written, file.fsPath);
      const text = await readText(file);
      assert.ok(!text.includes('tOk') && !text.includes(encodeURIComponent(token)), 'the token is not in the file');
      assert.match(text, /room=7&token=\$\{secret:typed-token\.query\.token\}/);
      ids.push(await vscode.commands.executeCommand<string>('socketLens.connectSaved', { name: 'Typed Token' }));
      assert.ok(ids[1], 'the saved connection connects with the secret from SecretStorage');
      await eventually(() => server.requests.length === 2, 'the server sees both connections');
      const seen = server.requests.map((r) => r.url);
      assert.equal(seen[1], seen[0], 'the saved connection asks for the same URL, token and all');
      assert.equal(new URL(seen[1]!, 'ws://x').searchParams.get('token'), token);
      assert.ok(!JSON.stringify(socketLens.connections()).includes('tOk'), 'no connection shows the token');
    } finally {
      for (const id of ids) await vscode.commands.executeCommand('socketLens.disconnect', id);
      await cleanUp();
    }
  });

  test('Save Connection never stores a secret over another connection\'s of the same name; saving one again under its own name replaces it', async () => {
    const socketLens = await api();
    const { server, file, cleanUp } = await savedFileFixture(['twin.query.token']);
    const ids: string[] = [];
    const open = async (token: string) => {
      const id = await vscode.commands.executeCommand<string>('socketLens.connect', `${server.base}/twin?token=${token}`);
      ids.push(id);
      await eventually(() => connection(socketLens, id).state === 'open', `the connection with ${token} opens`);
      return id;
    };
    try {
      assert.equal(await vscode.commands.executeCommand<string | undefined>('socketLens.saveConnection', await open('first-1111'), { name: 'Twin', scope: 'user' }), 'user');
      const second = await open('second-2222');
      assert.equal(await vscode.commands.executeCommand<string | undefined>('socketLens.saveConnection', second, { name: 'Twin', scope: 'workspace' }), undefined, 'refused: the user one\'s secret has that name');
      assert.ok(!(await readText(file).catch(() => '')).includes('Twin'), 'nothing written to the workspace file');
      assert.equal(await vscode.commands.executeCommand<string | undefined>('socketLens.saveConnection', second, { name: 'Twin', scope: 'user' }), 'user', 'saved again where it was: it replaces itself');
      ids.push(await vscode.commands.executeCommand<string>('socketLens.connectSaved', { name: 'Twin', scope: 'user' }));
      await eventually(() => server.requests.length === 3, 'the server sees the saved connection');
      assert.equal(new URL(server.requests[2]!.url, 'ws://x').searchParams.get('token'), 'second-2222');
    } finally {
      for (const id of ids) await vscode.commands.executeCommand('socketLens.disconnect', id);
      await vscode.commands.executeCommand('socketLens.removeSaved', { name: 'Twin', scope: 'user' }, { confirmed: true });
      await cleanUp();
    }
  });

  test('Send Message… sends a saved message of a saved connection, filled in; without its secret it sends nothing', async () => {
    const socketLens = await api();
    const { server, file, cleanUp } = await savedFileFixture(['ext-msg-token']);
    const messages = [{ name: 'join', text: '{"room":"${var:room}","token":"${secret:ext-msg-token}"}' }];
    await writeJson(file, { variables: { room: 'lobby' }, connections: [{ name: 'ext-host messages', url: server.url, messages }] });
    try {
      await vscode.commands.executeCommand('socketLens.deleteSecret', 'ext-msg-token');
      const id = await vscode.commands.executeCommand<string>('socketLens.connectSaved', { name: 'ext-host messages' });
      assert.ok(id);
      await eventually(() => connection(socketLens, id).state === 'open', 'the saved connection is open');
      assert.equal(await vscode.commands.executeCommand('socketLens.send', id, { saved: 'join' }), false, 'not sent without the secret');
      assert.equal(await vscode.commands.executeCommand('socketLens.send', id, { saved: 'nope' }), false, 'nor a message it does not have');
      await vscode.commands.executeCommand('socketLens.setSecret', 'ext-msg-token', 'tok-4711');
      assert.equal(await vscode.commands.executeCommand('socketLens.send', id, { saved: 'join' }), true);
      assert.equal(await vscode.commands.executeCommand('socketLens.send', id, { text: 'typed ${var:room}' }), true);
      await eventually(() => server.received.length === 2, 'both messages arrive');
      assert.deepEqual(server.received, ['{"room":"lobby","token":"tok-4711"}', 'typed ${var:room}'], 'a typed text goes as it is');
      server.clients[0]!.send('echo tok-4711');
      await eventually(() => connection(socketLens, id).messagesIn === 1, 'the echo is logged');
      const exported = vscode.Uri.joinPath(folder(), 'sent-secret.jsonl');
      await vscode.commands.executeCommand('socketLens.exportSession', id, { format: 'jsonl', file: exported.fsPath });
      const text = await readText(exported);
      await vscode.workspace.fs.delete(exported);
      assert.ok(text.includes('lobby') && text.includes('***'), 'the log holds the messages, the secret hidden');
      assert.ok(!text.includes('tok-4711'), 'the secret sent, and echoed back, is in neither the log nor the export');
      await vscode.commands.executeCommand('socketLens.disconnect', id);
    } finally {
      await cleanUp();
    }
  });
}
