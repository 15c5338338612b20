// Connect… with request headers and subprotocols given by hand (here as the command's arguments):
// they reach the server, and their credentials stay out of exports, kept sessions and saved files.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, connection, folder, keptSessionFile, readText, startServer, workspaceSavedFile } from './fixtures';
import { eventually, test } from './miniRunner';

export function connectHeadersTests(): void {
  test('Connect with { headers, protocols } sends them; the credentials are in no export, kept session or saved file', async () => {
    const socketLens = await api();
    const server = await startServer();
    const files = { har: vscode.Uri.joinPath(folder(), 'typed-headers.har'), jsonl: vscode.Uri.joinPath(folder(), 'typed-headers.jsonl'), saved: workspaceSavedFile() };
    const secrets = ['typed-bearer-31337', 'typed-apikey-4242', 'typed-cookie-777'];
    const headers = { Authorization: `Bearer ${secrets[0]}`, 'X-Api-Key': secrets[1]!, Cookie: `sid=${secrets[2]}`, 'X-Room': 'lobby' };
    let stored: string[] = [];
    try {
      const id = await vscode.commands.executeCommand<string>('socketLens.connect', server.url, { headers, protocols: ['chat.v2', 'chat.v1'] });
      assert.ok(id, 'a connection started');
      await eventually(() => connection(socketLens, id).state === 'open', 'the connection is open');
      const request = server.requests.at(-1)!.headers;
      assert.deepEqual([request.authorization, request['x-api-key'], request.cookie, request['x-room']], [headers.Authorization, secrets[1], headers.Cookie, 'lobby'], 'the server sees every header as typed');
      assert.equal(request['sec-websocket-protocol'], 'chat.v2,chat.v1', 'the subprotocols are offered in order');
      assert.equal(server.clients.at(-1)!.protocol, 'chat.v2', 'and the server picked the first');
      // A server that echoes a credential back: the log hides it too.
      server.clients.at(-1)!.send(`echo: ${secrets[0]}`);
      await eventually(() => connection(socketLens, id).messagesIn === 1, 'the echo is logged');
      for (const format of ['har', 'jsonl'] as const) {
        await vscode.commands.executeCommand('socketLens.exportSession', id, { format, file: files[format].fsPath });
        const text = await readText(files[format]);
        assert.match(text, /lobby/, `the ${format} export holds the ordinary header`);
        assert.match(text, /chat\.v2/, `and the subprotocol`);
        for (const secret of secrets) assert.ok(!text.includes(secret), `${format}: ${secret} is redacted`);
      }
      assert.ok(!JSON.stringify(socketLens.connections()).includes(secrets[0]!), 'the API reports no credential');

      assert.equal(await vscode.commands.executeCommand<string | undefined>('socketLens.saveConnection', id, { name: 'Typed Headers', scope: 'workspace' }), files.saved.fsPath);
      const saved = await readText(files.saved);
      stored = [...saved.matchAll(/\$\{secret:([^}]+)\}/g)].map((m) => m[1]!);
      assert.equal(stored.length, 3, `Authorization, X-Api-Key and Cookie go to secret storage: ${stored.join(', ')}`);
      assert.match(saved, /"X-Room": "lobby"/);
      assert.match(saved, /chat\.v2/);
      for (const secret of secrets) assert.ok(!saved.includes(secret), `the saved file does not hold ${secret}`);

      await vscode.commands.executeCommand('socketLens.disconnect', id);
      const kept = await keptSessionFile(socketLens, id);
      const text = await readText(vscode.Uri.file(kept));
      assert.match(text, /X-Room/);
      for (const secret of secrets) assert.ok(!text.includes(secret), `the kept session does not hold ${secret}`);
    } finally {
      for (const name of stored) await vscode.commands.executeCommand('socketLens.deleteSecret', name);
      for (const uri of Object.values(files)) await vscode.workspace.fs.delete(uri).then(undefined, () => {});
      await server.close();
    }
  });

  test('Connect takes headers as [name, value] pairs; a bad header or subprotocol starts nothing', async () => {
    const socketLens = await api();
    const server = await startServer();
    try {
      const before = socketLens.connections().length;
      for (const options of [{ headers: { 'X Bad': '1' } }, { headers: [['Sec-WebSocket-Protocol', 'chat']] }, { headers: 'X-A: 1' }, { protocols: ['chat v2'] }, { protocols: ['a', 'a'] }]) {
        assert.equal(await vscode.commands.executeCommand('socketLens.connect', server.url, options), undefined, `${JSON.stringify(options)} is refused`);
      }
      assert.equal(socketLens.connections().length, before, 'no connection was started');
      assert.equal(server.requests.length, 0, 'and the server saw nothing');
      const id = await vscode.commands.executeCommand<string>('socketLens.connect', server.url, { headers: [['X-Trace', 't-1']], protocols: 'chat.v1' });
      await eventually(() => connection(socketLens, id).state === 'open', 'the connection is open');
      assert.deepEqual([server.requests[0]!.headers['x-trace'], server.clients[0]!.protocol], ['t-1', 'chat.v1']);
      await vscode.commands.executeCommand('socketLens.disconnect', id);
    } finally {
      await server.close();
    }
  });
}
