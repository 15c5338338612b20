// Runs inside code-server's extension host, against the real `vscode` API.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SocketLensApi } from '../../../src/extension/api';
import { eventually, runAll, test } from './miniRunner';

const EXTENSION_ID = 'socket-lens.socket-lens';

interface TestServer {
  readonly url: string;
  readonly clients: WebSocket[];
  readonly received: string[];
  readonly closes: number[];
  close(): Promise<void>;
}

async function startServer(): Promise<TestServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const server: TestServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ext-host`,
    clients: [],
    received: [],
    closes: [],
    close: () => {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
  wss.on('connection', (ws) => {
    server.clients.push(ws);
    ws.on('message', (data) => server.received.push(data.toString()));
    ws.on('close', (code) => server.closes.push(code));
  });
  return server;
}

async function api(): Promise<SocketLensApi> {
  const extension = vscode.extensions.getExtension<SocketLensApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

function connection(socketLens: SocketLensApi, id: string) {
  const found = socketLens.connections().find((c) => c.id === id);
  assert.ok(found, `connection ${id} is listed`);
  return found;
}

test('activates and contributes its commands', async () => {
  await api();
  const commands = await vscode.commands.getCommands(true);
  for (const command of ['socketLens.connect', 'socketLens.showPanel', 'socketLens.disconnect']) {
    assert.ok(commands.includes(command), `${command} is registered`);
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

test('a *.wsmock.json file is checked against the contributed schema as it is edited', async () => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace is open');
  const uri = vscode.Uri.joinPath(folder.uri, 'broken.wsmock.json');
  await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify({ paths: [{ path: '/x', otherwize: 'echo' }] }, null, 2)));
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

export function run(): Promise<void> {
  return runAll(20_000);
}
