import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { TestContext } from 'node:test';
import { switchingProtocolsFor } from './rawServer';

/**
 * A bare TCP server on 127.0.0.1 for tests of servers that misbehave before or during the
 * upgrade: `onRequest` gets the socket and the client's upgrade request as text, and writes
 * whatever it likes (or nothing). Closed with the test; returns its ws:// URL.
 */
export async function tcpServer(t: TestContext, onRequest: (socket: Socket, request: string) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (chunk) => onRequest(socket, chunk.toString('latin1')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** A correct 101 answer to `request`, the upgrade request as text (its Sec-WebSocket-Key accepted). */
export function switchingProtocols(request: string): string {
  return switchingProtocolsFor(/^Sec-WebSocket-Key: *(.*)$/im.exec(request)?.[1]?.trim() ?? '');
}
