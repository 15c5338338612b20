// Shared by the extension-host suites: the extension's API, a local WebSocket server, a HAR.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SocketLensApi } from '../../../src/extension/api';
import type { IncomingHttpHeaders } from 'node:http';
import { eventually } from './miniRunner';

export const EXTENSION_ID = 'socket-lens.socket-lens';

export interface TestServer {
  readonly url: string;
  readonly clients: WebSocket[];
  readonly received: string[];
  readonly closes: number[];
  /** ws://127.0.0.1:port, to put a path of one's own after. */
  readonly base: string;
  /** Each upgrade request (its target and headers), in order of connection. */
  readonly requests: { readonly url: string; readonly headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const server: TestServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ext-host`,
    base: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    clients: [],
    received: [],
    closes: [],
    requests: [],
    close: () => {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
  wss.on('connection', (ws, request) => {
    server.clients.push(ws);
    server.requests.push({ url: request.url ?? '', headers: request.headers });
    ws.on('message', (data) => server.received.push(data.toString()));
    ws.on('close', (code) => server.closes.push(code));
  });
  return server;
}

/** The workspace folder the harness opened, that the tests write their files in. */
export function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'a workspace is open');
  return first.uri;
}

/** Writes `value` to `uri` as indented JSON. */
export async function writeJson(uri: vscode.Uri, value: unknown): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(value, null, 2)));
}

/** The file at `uri` as UTF-8 text. */
export async function readText(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

/** The workspace's saved-connections file, `.vscode/socket-lens.json`, that the tests write and delete. */
export function workspaceSavedFile(): vscode.Uri {
  return vscode.Uri.joinPath(folder(), '.vscode', 'socket-lens.json');
}

export async function api(): Promise<SocketLensApi> {
  const extension = vscode.extensions.getExtension<SocketLensApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

export function connection(socketLens: SocketLensApi, id: string) {
  const found = socketLens.connections().find((c) => c.id === id);
  assert.ok(found, `connection ${id} is listed`);
  return found;
}

/** The file a closed connection's session was kept in, once the archive has written it (up to 15 s). */
export async function keptSessionFile(socketLens: SocketLensApi, id: string): Promise<string> {
  let file: string | undefined;
  await eventually(async () => {
    file = (await socketLens.archivedSessions()).find((f) => f.includes(id.replace(/[^\w.-]/g, '_')));
    return file !== undefined;
  }, 'the session is kept when it closes', 15_000);
  return file!;
}

export function row(socketLens: SocketLensApi, id: string) {
  return socketLens.connectionRows().find((r) => r.id === id);
}

/** The status bar text the extension should show for what the API reports now. */
export function expectedStatus(socketLens: SocketLensApi): string | undefined {
  const live = socketLens.connections().filter((c) => c.state === 'open' || c.state === 'connecting').length;
  const mocks = socketLens.mocks().length;
  return live + mocks === 0 ? undefined : `$(plug) ${live} · $(radio-tower) ${mocks}`;
}

/** A Chrome-shaped HAR: a page request, then a WebSocket whose client sent `texts` (each answered) after a greeting. */
export function chromeHar(url: string, texts: readonly string[]): string {
  const t0 = Date.now() / 1000;
  const messages = [{ type: 'receive', time: t0, opcode: 1, data: 'welcome' }];
  texts.forEach((text, i) => messages.push({ type: 'send', time: t0 + 0.05 * (i + 1), opcode: 1, data: text }, { type: 'receive', time: t0 + 0.05 * (i + 1) + 0.01, opcode: 1, data: `re: ${text}` }));
  messages.push({ type: 'receive', time: t0 + 1, opcode: 2, data: 'AAEC/w==' });
  const page = { _resourceType: 'document', request: { method: 'GET', url: 'http://localhost/', headers: [] }, response: { status: 200, headers: [] } };
  const socket = {
    _resourceType: 'websocket',
    startedDateTime: new Date(t0 * 1000).toISOString(),
    request: { method: 'GET', url, headers: [{ name: 'Sec-WebSocket-Version', value: '13' }] },
    response: { status: 101, statusText: 'Switching Protocols', headers: [{ name: 'Upgrade', value: 'websocket' }] },
    _webSocketMessages: messages,
  };
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries: [page, socket] } });
}
