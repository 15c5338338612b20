import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { computeAccept } from '../protocol/handshake';

export interface RawServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A WebSocket server with no protocol engine, for tests: it answers the upgrade with a correct
 * 101 (plus `extraHeaders`), then hands over the raw socket so a test can write any bytes —
 * valid frames, broken ones, or several frames in one TCP write.
 */
/** A correct 101 answer to a request with `key` as its Sec-WebSocket-Key, with `extraHeaders`. */
export function switchingProtocolsFor(key: string, extraHeaders: readonly string[] = []): string {
  return ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${computeAccept(key)}`, ...extraHeaders, '', ''].join('\r\n');
}

export async function startRawServer(onOpen: (socket: Socket, request: IncomingMessage) => void, extraHeaders: readonly string[] = []): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const server = createServer((_request, response) => response.writeHead(426).end());
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    socket.write(switchingProtocolsFor(request.headers['sec-websocket-key'] ?? '', extraHeaders));
    onOpen(socket, request);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `ws://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
