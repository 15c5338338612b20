// Runs inside code-server's extension host, against the real `vscode` API.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { WebSocket } from 'ws';
import type { ImportedInfo } from '../../../src/extension/panel/importedSource';
import { parseMockFile } from '../../../src/core/mock/validateDefinition';
import { api, chromeHar, connection, EXTENSION_ID, expectedStatus, folder, keptSessionFile, readText, row, startServer, writeJson } from './fixtures';
import { eventually, runAll, test } from './miniRunner';
import { connectHeadersTests } from './connectHeaders';
import { savedConnectionTests } from './savedConnections';
import { sessionsViewTests } from './sessionsView';

test('activates and registers every command it contributes', async () => {
  await api();
  const commands = await vscode.commands.getCommands(true);
  const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
  assert.ok(contributed.length >= 15, `package.json contributes the commands (${contributed.length})`);
  for (const command of contributed) assert.ok(commands.includes(command), `${command} is registered`);
});

test('socket-lens is on PATH in VS Code terminals: the CLI shipped in the extension runs there', async () => {
  const socketLens = await api();
  const launcher = await socketLens.cliLauncher();
  assert.ok(launcher, 'the launcher was written');
  const version = String(vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.version);
  assert.equal(execFileSync(launcher, ['--version'], { encoding: 'utf8' }).trim(), version);
  const out = vscode.Uri.joinPath(folder(), 'cli-from-terminal.txt');
  const terminal = vscode.window.createTerminal({ name: 'socket-lens on PATH', cwd: folder() });
  try {
    terminal.sendText(`socket-lens --version > cli-from-terminal.txt`);
    let written = '';
    await eventually(() => {
      written = existsSync(out.fsPath) ? readFileSync(out.fsPath, 'utf8').trim() : '';
      return written !== '';
    }, 'the terminal ran socket-lens', 20_000);
    assert.equal(written, version);
  } finally {
    terminal.dispose();
    await vscode.workspace.fs.delete(out).then(undefined, () => {});
  }
});

test('Connect with a bad URL starts nothing and does not throw', async () => {
  const socketLens = await api();
  const before = socketLens.connections().length;
  for (const bad of ['http://127.0.0.1:1/', 'not a url', 'ws://host/#frag', '']) {
    const id = await vscode.commands.executeCommand<string | undefined>('socketLens.connect', bad);
    assert.equal(id, undefined, `"${bad}" is rejected`);
  }
  assert.equal(socketLens.connections().length, before);
});

test('Connect opens a panel, completes the handshake and logs messages both ways', async () => {
  const socketLens = await api();
  const server = await startServer();
  try {
    const id = await vscode.commands.executeCommand<string>('socketLens.connect', server.url);
    assert.ok(id);
    await eventually(() => connection(socketLens, id).state === 'open', 'the connection is open');
    assert.equal(connection(socketLens, id).panelOpen, true);
    server.clients[0]!.send('from server');
    await eventually(() => connection(socketLens, id).messagesIn === 1, 'the server message is logged');
    await vscode.commands.executeCommand('socketLens.disconnect', id);
    await eventually(() => server.closes.includes(1000), 'the server sees close 1000');
    await eventually(() => connection(socketLens, id).state === 'closed', 'the connection is closed');
  } finally {
    await server.close();
  }
});

test('closing the panel keeps the connection and its log; Show Panel brings it back', async () => {
  const socketLens = await api();
  const server = await startServer();
  try {
    const id = await vscode.commands.executeCommand<string>('socketLens.connect', server.url);
    await eventually(() => connection(socketLens, id).state === 'open', 'the connection is open');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually(() => !connection(socketLens, id).panelOpen, 'the panel is closed');
    server.clients[0]!.send('while hidden');
    await eventually(() => connection(socketLens, id).messagesIn === 1, 'a message arrives while the panel is closed');
    assert.equal(connection(socketLens, id).state, 'open');
    await vscode.commands.executeCommand('socketLens.showPanel', id);
    assert.equal(connection(socketLens, id).panelOpen, true);
    await vscode.commands.executeCommand('socketLens.disconnect', id);
    await eventually(() => connection(socketLens, id).state === 'closed', 'the connection is closed');
  } finally {
    await server.close();
  }
});

test('a refused connection is reported on the connection, not thrown', async () => {
  const socketLens = await api();
  const server = await startServer();
  const url = server.url;
  await server.close();
  const id = await vscode.commands.executeCommand<string>('socketLens.connect', url);
  await eventually(() => connection(socketLens, id).state === 'closed', 'the attempt ends');
  assert.match(connection(socketLens, id).error ?? '', /refused/);
});

test('the socketLens.handshakeTimeoutMs setting reaches new connections', async () => {
  const socketLens = await api();
  // A server that accepts TCP and never answers the upgrade.
  const { createServer } = await import('node:net');
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const config = vscode.workspace.getConfiguration('socketLens');
  await config.update('handshakeTimeoutMs', 300, vscode.ConfigurationTarget.Global);
  try {
    const started = Date.now();
    const id = await vscode.commands.executeCommand<string>('socketLens.connect', `ws://127.0.0.1:${(silent.address() as AddressInfo).port}/`);
    await eventually(() => connection(socketLens, id).state === 'closed', 'the handshake times out');
    assert.match(connection(socketLens, id).error ?? '', /300 ms|0\.3 s|timed out|did not answer/i);
    assert.ok(Date.now() - started < 5000, `it gave up after the setting's 300 ms, not the default 10 s (${Date.now() - started} ms)`);
  } finally {
    await config.update('handshakeTimeoutMs', undefined, vscode.ConfigurationTarget.Global);
    silent.close();
  }
});


test('the Connections view lists a connection with its state and counters; the status bar counts it', async () => {
  const socketLens = await api();
  const server = await startServer();
  try {
    const id = await vscode.commands.executeCommand<string>('socketLens.connect', server.url);
    await eventually(() => row(socketLens, id)?.description === 'open · ↓ 0 ↑ 0', 'the row says open');
    const opened = row(socketLens, id)!;
    assert.equal(opened.label, new URL(server.url).host + '/ext-host');
    assert.equal(opened.icon, 'plug');
    assert.match(opened.tooltip, /State: open/);
    await eventually(() => socketLens.statusBar()?.text === expectedStatus(socketLens) && /\$\(plug\) [1-9]/.test(socketLens.statusBar()?.text ?? ''), 'the status bar counts the live connection');
    server.clients[0]!.send('one');
    server.clients[0]!.send('two');
    await eventually(() => row(socketLens, id)?.description === 'open · ↓ 2 ↑ 0', 'the row counts received messages');
    await vscode.commands.executeCommand('socketLens.disconnect', id);
    await eventually(() => row(socketLens, id)?.description.startsWith('closed') === true, 'the row says closed');
    // The log counts the close frames each way with the messages.
    assert.equal(row(socketLens, id)!.description, 'closed · ↓ 3 ↑ 1');
    assert.equal(row(socketLens, id)!.icon, 'debug-disconnect');
    assert.match(row(socketLens, id)!.tooltip, /Closed with 1000/);
    await eventually(() => socketLens.statusBar()?.text === expectedStatus(socketLens), 'the status bar no longer counts it');
  } finally {
    await server.close();
  }
});

test('Reconnect with an id connects again: the server sees a second connection', async () => {
  const socketLens = await api();
  const server = await startServer();
  try {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('socketLens.reconnect'), 'socketLens.reconnect is registered');
    const id = await vscode.commands.executeCommand<string>('socketLens.connect', server.url);
    await eventually(() => connection(socketLens, id).state === 'open', 'the connection is open');
    await vscode.commands.executeCommand('socketLens.reconnect', id);
    await eventually(() => server.clients.length === 2, 'the server sees a second connection');
    await eventually(() => server.closes.includes(1000), 'the first one was closed normally');
    await eventually(() => connection(socketLens, id).state === 'open', 'the connection is open again');
    await vscode.commands.executeCommand('socketLens.disconnect', id);
    await eventually(() => connection(socketLens, id).state === 'closed', 'the connection is closed');
    // A closed connection reconnects too (the view's Reconnect passes the same id).
    await vscode.commands.executeCommand('socketLens.reconnect', id);
    await eventually(() => server.clients.length === 3, 'a closed connection reconnects');
    await eventually(() => row(socketLens, id)?.description.startsWith('open') === true, 'its row says open again');
    await vscode.commands.executeCommand('socketLens.disconnect', id);
    await eventually(() => connection(socketLens, id).state === 'closed', 'the connection is closed');
  } finally {
    await server.close();
  }
});

test('a *.wsmock.json file is checked against the contributed schema as it is edited', async () => {
  const uri = vscode.Uri.joinPath(folder(), 'broken.wsmock.json');
  await writeJson(uri, { paths: [{ path: '/x', otherwize: 'echo' }] });
  try {
    const editor = await vscode.window.showTextDocument(uri);
    const messages = () => vscode.languages.getDiagnostics(uri).map((d) => d.message);
    await eventually(() => messages().some((m) => /otherwize/.test(m)), 'a diagnostic for the misspelt property', 15_000).catch((error: Error) => {
      throw new Error(`${error.message}; language ${editor.document.languageId}, diagnostics: ${JSON.stringify(messages())}`);
    });
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
  }
});

/** A ws client of a mock, with what it received and how it closed. */
async function mockClient(url: string): Promise<{ ws: WebSocket; received: string[]; closed: Promise<number> }> {
  const ws = new WebSocket(url);
  const received: string[] = [];
  ws.on('message', (data) => received.push(data.toString()));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, received, closed };
}

test('Start Mock Server runs a *.wsmock.json, lists its clients, reloads on save, sends, disconnects and stops', async () => {
  const socketLens = await api();
  const uri = vscode.Uri.joinPath(folder(), 'e2e.wsmock.json');
  const write = (definition: unknown) => writeJson(uri, definition);
  await write({ name: 'e2e', paths: [{ path: '/e2e', otherwise: 'nothing', rules: [{ match: { text: 'ping' }, reply: [{ text: 'pong' }] }] }] });
  try {
    const key = await vscode.commands.executeCommand<string>('socketLens.startMock', uri);
    assert.equal(key, uri.toString());
    const [mock] = socketLens.mocks();
    assert.match(mock?.url ?? '', /^ws:\/\/127\.0\.0\.1:\d+$/, 'listens on loopback and a free port');
    // In code-server the port is forwarded (/proxy/<port>/): the copied URL keeps the mock's path after it.
    await vscode.commands.executeCommand('socketLens.copyMockUrl', { key });
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /\/e2e$/, `Copy URL gives the path it serves, not the bare address that answers 404: ${copied}`);
    const client = await mockClient(copied);
    client.ws.send('ping');
    await eventually(() => client.received.includes('pong'), 'the rule answers');
    const [listed] = socketLens.mocks()[0]!.clients;
    assert.equal(listed?.path, '/e2e');
    assert.equal(listed?.messagesIn, 1, 'the mock logged the client message through its tap');

    await write({ name: 'e2e', paths: [{ path: '/e2e', otherwise: 'nothing', rules: [{ match: { text: 'ping' }, reply: [{ text: 'pong v2' }] }] }] });
    // The reload lands a moment after the write: ask until the new rule answers.
    const asking = setInterval(() => client.ws.send('ping'), 100);
    await eventually(() => client.received.includes('pong v2'), 'saving the file applies the new rule to the same connection').finally(() => clearInterval(asking));

    await vscode.commands.executeCommand('socketLens.mockShowClient', { key, clientId: listed!.id });
    await eventually(() => socketLens.mocks()[0]!.clients[0]!.panelOpen, 'a panel for the client');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    await vscode.commands.executeCommand('socketLens.stopMock', { key });
    assert.equal(await client.closed, 1001, 'stopping says going away');
    assert.deepEqual(socketLens.mocks(), []);
  } finally {
    await vscode.commands.executeCommand('socketLens.stopMock', { key: uri.toString() });
    await vscode.workspace.fs.delete(uri);
  }
});

test('Connect to Mock connects to the first path and offers the subprotocols the mock accepts', async () => {
  const socketLens = await api();
  const uri = vscode.Uri.joinPath(folder(), 'protocols.wsmock.json');
  await writeJson(uri, { name: 'protocols', subprotocols: ['chat.v2'], paths: [{ path: '/room' }, { path: '/other' }] });
  try {
    const key = await vscode.commands.executeCommand<string>('socketLens.startMock', uri);
    const before = socketLens.connections().length;
    await vscode.commands.executeCommand('socketLens.connectToMock', { key });
    await eventually(() => socketLens.mocks().find((m) => m.key === key)?.clients.length === 1, 'the mock has a client');
    const [client] = socketLens.mocks().find((m) => m.key === key)!.clients;
    assert.deepEqual([client?.path, client?.protocol], ['/room', 'chat.v2'], 'its first path, with the subprotocol it accepts');
    const id = socketLens.connections()[before]!.id;
    await eventually(() => connection(socketLens, id).state === 'open', 'the connection is open');
    await vscode.commands.executeCommand('socketLens.disconnect', id);
  } finally {
    await vscode.commands.executeCommand('socketLens.stopMock', { key: uri.toString() });
    await vscode.workspace.fs.delete(uri).then(undefined, () => {});
  }
});

test('Start Mock Server refuses a file that is not valid, and starts nothing', async () => {
  const socketLens = await api();
  const uri = vscode.Uri.joinPath(folder(), 'invalid.wsmock.json');
  await writeJson(uri, { paths: [{ path: 'chat' }] });
  try {
    assert.equal(await vscode.commands.executeCommand('socketLens.startMock', uri), undefined);
    assert.deepEqual(socketLens.mocks(), []);
  } finally {
    await vscode.workspace.fs.delete(uri);
  }
});

test('a self-signed wss mock: Connect and Replay trust its certificate', async () => {
  const socketLens = await api();
  const uri = vscode.Uri.joinPath(folder(), 'tls.wsmock.json');
  const har = vscode.Uri.joinPath(folder(), 'tls-replay.har');
  await writeJson(uri, { name: 'tls', tls: { selfSigned: true }, paths: [{ path: '/' }] });
  try {
    await vscode.commands.executeCommand('socketLens.startMock', uri);
    const mock = socketLens.mocks()[0]!;
    assert.match(mock.url, /^wss:\/\//);
    const id = await vscode.commands.executeCommand<string>('socketLens.connect', `${mock.url.replace('127.0.0.1', 'localhost')}/`);
    await eventually(() => connection(socketLens, id).state === 'open', 'connected over TLS to the self-signed mock');
    await vscode.commands.executeCommand('socketLens.disconnect', id);

    await vscode.workspace.fs.writeFile(har, Buffer.from(chromeHar('wss://recorded.example/', ['over tls'])));
    const [imported] = (await vscode.commands.executeCommand<ImportedInfo[] | undefined>('socketLens.importSession', har.fsPath)) ?? [];
    const replay = await vscode.commands.executeCommand<string | undefined>('socketLens.replayImported', imported!.id, { url: `${mock.url}/`, timing: 'fast' });
    assert.ok(replay, 'the replay made a connection');
    await eventually(() => connection(socketLens, replay).messagesOut === 1, 'the replay sends the recorded message');
    assert.equal(connection(socketLens, replay).error, undefined, 'the replay trusted the mock certificate');
    await vscode.commands.executeCommand('socketLens.disconnect', replay);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('socketLens.stopMock', { key: uri.toString() });
    for (const file of [uri, har]) await vscode.workspace.fs.delete(file).then(undefined, () => {});
  }
});

test('Export Session writes HAR and JSON Lines files with the messages and no credential from the URL', async () => {
  const socketLens = await api();
  const server = await startServer();
  const files = { har: vscode.Uri.joinPath(folder(), 'export-test.har'), jsonl: vscode.Uri.joinPath(folder(), 'export-test.jsonl') };
  // ws sends the URL's user info as `Authorization: Basic …`.
  const secrets = ['export-pass', Buffer.from('export-user:export-pass').toString('base64'), 'export-token'];
  try {
    const url = server.url.replace('ws://', 'ws://export-user:export-pass@') + '?token=export-token&room=7';
    const id = await vscode.commands.executeCommand<string>('socketLens.connect', url);
    await eventually(() => connection(socketLens, id).state === 'open', 'the connection is open');
    server.clients[0]!.send('hello from server');
    await eventually(() => connection(socketLens, id).messagesIn === 1, 'the server message is logged');
    for (const format of ['har', 'jsonl'] as const) {
      const written = await vscode.commands.executeCommand<string | undefined>('socketLens.exportSession', id, { format, file: files[format].fsPath });
      assert.equal(written, files[format].fsPath);
      const text = await readText(files[format]);
      assert.ok(text.includes('hello from server'), `the ${format} export holds the message`);
      for (const secret of secrets) assert.ok(!text.includes(secret), `${format}: ${secret} is redacted`);
    }
    const har = JSON.parse(await readText(files.har));
    const entry = har.log.entries[0];
    assert.equal(entry._resourceType, 'websocket');
    assert.equal(entry.response.status, 101);
    assert.deepEqual(entry._webSocketMessages.map((m: { type: string; opcode: number; data: string }) => [m.type, m.opcode, m.data]), [['receive', 1, 'hello from server']]);
    const lines = (await readText(files.jsonl)).trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.type).filter((type) => type !== 'lifecycle'), ['session', 'message', 'summary']);
    assert.deepEqual([lines[1].type, lines[1].kind], ['lifecycle', 'connecting'], 'the lifecycle follows the session line');
    assert.ok(lines.some((l) => l.type === 'lifecycle' && l.kind === 'open'), 'the lifecycle is in the file');
    await vscode.commands.executeCommand('socketLens.disconnect', id);
  } finally {
    await server.close();
    for (const uri of Object.values(files)) await vscode.workspace.fs.delete(uri).then(undefined, () => {});
  }
});

test('Export Session to a folder that does not exist reports the error and returns nothing', async () => {
  const socketLens = await api();
  const id = socketLens.connections()[0]?.id;
  assert.ok(id, 'an earlier test left a connection');
  const written = await vscode.commands.executeCommand<string | undefined>('socketLens.exportSession', id, { format: 'har', file: '/nonexistent-socket-lens/x.har' });
  assert.equal(written, undefined);
});

test('Copy as CLI Command copies the socket-lens connect line for the connection', async () => {
  const socketLens = await api();
  const server = await startServer();
  try {
    const id = await vscode.commands.executeCommand<string>('socketLens.connect', `${server.url}?room=7`);
    await eventually(() => connection(socketLens, id).state === 'open', 'the connection opens');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('socketLens.copyAsCli', id);
    assert.equal(await vscode.env.clipboard.readText(), `socket-lens connect '${server.url}?room=7'`);
    await vscode.commands.executeCommand('socketLens.disconnect', id);
  } finally {
    await server.close();
  }
});

test('Copy URL of a mock gives a URL a client beside the editor reaches (forwarded when remote)', async () => {
  const socketLens = await api();
  await vscode.commands.executeCommand('socketLens.startMock', 'echo');
  const mock = socketLens.mocks().find((m) => m.key === 'echo');
  assert.ok(mock, 'the echo mock runs');
  try {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('socketLens.copyMockUrl', { key: 'echo' });
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^wss?:\/\//, `a WebSocket URL: ${copied}`);
    const client = await mockClient(copied);
    client.ws.send('through the copied URL');
    await eventually(() => client.received.includes('through the copied URL'), 'the echo answers');
    client.ws.close();
    // The panel's header shows what Copy gives (in code-server the forwarded /proxy/<port>/ URL).
    await vscode.commands.executeCommand('socketLens.showMockPanel', { key: 'echo' });
    await eventually(() => socketLens.mocks().find((m) => m.key === 'echo')?.panelUrl === copied, `the mock panel shows ${copied}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  } finally {
    await vscode.commands.executeCommand('socketLens.stopMock', { key: 'echo' });
  }
});


test('Import Session opens a HAR read-only; Replay sends its outgoing texts in order; Create Mock writes a valid mock', async () => {
  const socketLens = await api();
  const server = await startServer();
  const har = vscode.Uri.joinPath(folder(), 'import-test.har');
  const mock = vscode.Uri.joinPath(folder(), 'import-test.wsmock.json');
  const texts = ['first', '{"type":"join"}', 'third'];
  try {
    const recorded = JSON.parse(chromeHar('ws://recorded.example/ext-host', texts));
    recorded.log.entries[1].request.headers.push({ name: 'Origin', value: 'https://recorded.example' }, { name: 'Sec-WebSocket-Protocol', value: 'v2.chat, v1.chat' }, { name: 'Cookie', value: 'sid=browser-cookie' }, { name: 'X-Room', value: 'lobby' });
    await writeJson(har, recorded);
    const opened = await vscode.commands.executeCommand<ImportedInfo[] | undefined>('socketLens.importSession', har.fsPath);
    assert.ok(opened && opened.length === 1, 'one WebSocket session imported');
    assert.deepEqual([opened[0]!.url, opened[0]!.messages, opened[0]!.panelOpen], ['ws://recorded.example/ext-host', 8, true]);

    const before = socketLens.connections().length;
    const id = await vscode.commands.executeCommand<string | undefined>('socketLens.replayImported', opened[0]!.id, { url: server.url, timing: 'fast' });
    assert.ok(id, 'the replay made a connection');
    assert.equal(connection(socketLens, id).label, 'replay of import-test.har, entry 2', 'the replay says what it replays');
    await eventually(() => server.received.length === texts.length, 'the server received every outgoing text');
    assert.deepEqual(server.received, texts);
    const replayed = server.clients.at(-1)!;
    const request = server.requests.at(-1)!.headers;
    assert.deepEqual([replayed.protocol, request.origin, request['x-room'], request.cookie], ['v2.chat', 'https://recorded.example', 'lobby', undefined], 'the recorded subprotocols, Origin and the page\'s own header again; never the cookie');
    assert.equal(socketLens.connections().length, before + 1);
    assert.equal(connection(socketLens, id).messagesOut, texts.length);
    assert.ok(connection(socketLens, id).panelOpen, 'the replay shows in its own panel');

    const written = await vscode.commands.executeCommand<string | undefined>('socketLens.createMockFromImported', opened[0]!.id, { file: mock.fsPath });
    assert.equal(written, mock.fsPath);
    const check = parseMockFile(await readText(mock));
    assert.ok(check.ok, 'the mock is valid');
    const path = check.definition.paths[0]!;
    assert.equal(path.path, '/ext-host');
    assert.deepEqual(path.rules?.map((r) => r.match), texts.map((text) => ({ text })));
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === mock.fsPath), 'the mock is open in an editor');
    await vscode.commands.executeCommand('socketLens.disconnect', id);
  } finally {
    await server.close();
    for (const uri of [har, mock]) await vscode.workspace.fs.delete(uri).then(undefined, () => {});
  }
});

test('Import Session of a file that is not a HAR reports why and opens nothing', async () => {
  const file = vscode.Uri.joinPath(folder(), 'not-a-har.har');
  try {
    await writeJson(file, { log: { entries: [{ request: { url: 'https://a/' }, response: { status: 200 } }] } });
    assert.equal(await vscode.commands.executeCommand('socketLens.importSession', file.fsPath), undefined);
  } finally {
    await vscode.workspace.fs.delete(file).then(undefined, () => {});
  }
});


test('a closed connection is kept for the next window, redacted, and Show Previous Sessions opens it', async () => {
  const socketLens = await api();
  const server = await startServer();
  try {
    const id = await vscode.commands.executeCommand<string>('socketLens.connect', `${server.url}?token=keep-out`);
    await eventually(() => connection(socketLens, id).state === 'open', 'the connection opens');
    server.clients[server.clients.length - 1]!.send('kept for later');
    await eventually(() => connection(socketLens, id).messagesIn >= 1, 'the message arrives');
    await vscode.commands.executeCommand('socketLens.disconnect', id);
    const file = await keptSessionFile(socketLens, id);
    const text = await readText(vscode.Uri.file(file));
    assert.match(text, /kept for later/);
    assert.ok(!text.includes('keep-out'), 'the secret query value is not kept');
    const opened = await vscode.commands.executeCommand<string[]>('socketLens.showPreviousSessions', file);
    assert.equal(opened?.length, 1, 'it opens as a read-only session');
  } finally {
    await server.close();
  }
});

connectHeadersTests();
savedConnectionTests();
sessionsViewTests();

export function run(): Promise<void> {
  return runAll(60_000);
}
