import type { TestContext } from 'node:test';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientConnection, type ClientConnectionOptions } from '../client/clientConnection';

/** A ws server on 127.0.0.1 and a free port, ended with the test; returns its ws:// URL. */
export async function wsServer(t: TestContext, options: ConstructorParameters<typeof WebSocketServer>[0], onConnection: (ws: WebSocket, request: IncomingMessage) => void): Promise<string> {
  const wss = new WebSocketServer({ ...options, port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  wss.on('connection', onConnection);
  t.after(() => {
    for (const client of wss.clients) client.terminate();
    wss.close();
  });
  return `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`;
}

/** An open ClientConnection to `url`, disposed with the test. */
export async function connectTo(t: TestContext, url: string, options: Omit<ClientConnectionOptions, 'url'> = {}): Promise<ClientConnection> {
  const connection = new ClientConnection({ ...options, url: new URL(url) });
  t.after(() => connection.dispose());
  await connection.connect();
  return connection;
}

/** Resolves once `predicate` holds, checked on every change and every log entry. */
export function until(connection: ClientConnection, predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!predicate()) return;
      stopA();
      stopB();
      resolve();
    };
    const stopA = connection.onDidChange(check);
    const stopB = connection.log.onDidAppend(check);
    check();
  });
}
