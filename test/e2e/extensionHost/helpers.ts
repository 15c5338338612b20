// What the extension-host suites share: the extension's API and a WebSocket server to talk to.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { type WebSocket, WebSocketServer } from 'ws';
import type { SocketLensApi } from '../../../src/extension/api';

export const EXTENSION_ID = 'socket-lens.socket-lens';

export interface TestServer {
  readonly url: string;
  readonly clients: WebSocket[];
  readonly received: string[];
  readonly closes: number[];
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
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

