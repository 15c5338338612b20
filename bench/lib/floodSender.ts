// Child process: a WebSocket server that, once a client has upgraded, writes the same pre-built
// run of frames to it over and over as fast as the socket drains, so that the client is the
// bottleneck. Started by `startFloodSender` (flood.ts); tells the parent its port over IPC.
// `GET /?size=N&opcode=K` picks the frames: N-byte payloads (ASCII text for opcode 1).
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { encodeFrame } from '../../src/core/protocol/frameEncoder';
import { computeAccept } from '../../src/core/protocol/handshake';
import { Opcode } from '../../src/core/protocol/opcodes';

/** Bytes of frames per write: big enough that the sender's own cost per byte is nil. */
const BATCH_BYTES = 1 << 20;
const TEXT = 'socket-lens bench {"seq":12345,"ok":true} ';

const batches = new Map<string, Buffer>();

function batch(size: number, opcode: number): Buffer {
  const key = `${opcode}/${size}`;
  let bytes = batches.get(key);
  if (!bytes) {
    const payload = Buffer.from(TEXT.repeat(Math.ceil(size / TEXT.length)).slice(0, size), 'latin1');
    const frame = encodeFrame({ opcode, payload });
    bytes = Buffer.concat(Array.from({ length: Math.max(1, Math.floor(BATCH_BYTES / frame.length)) }, () => frame));
    batches.set(key, bytes);
  }
  return bytes;
}

function upgrade(request: IncomingMessage, socket: Duplex): void {
  socket.on('error', () => socket.destroy());
  const key = request.headers['sec-websocket-key'];
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  const size = Number(query.get('size') ?? 256);
  const opcode = Number(query.get('opcode') ?? Opcode.text);
  if (typeof key !== 'string' || !Number.isInteger(size) || size < 0) {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    return;
  }
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${computeAccept(key)}\r\n\r\n`);
  socket.resume(); // whatever the client sends is read and dropped
  const bytes = batch(size, opcode);
  const pump = (): void => {
    while (!socket.destroyed && socket.write(bytes));
    if (!socket.destroyed) socket.once('drain', pump);
  };
  pump();
}

const server = createServer((_request, response) => response.writeHead(426).end());
server.on('upgrade', upgrade);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
