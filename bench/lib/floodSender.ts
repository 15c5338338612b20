// Child process: a WebSocket server that, once a client has upgraded, writes the same pre-built
// run of frames to it over and over as fast as the socket drains, so that the client is the
// bottleneck. Started by `startFloodSender` (flood.ts); tells the parent its port over IPC.
// `GET /?size=N&opcode=K` picks the frames: N-byte payloads (ASCII text for opcode 1); with
// `&deflate=1` it accepts the client's permessage-deflate offer and sends them compressed.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { computeAccept } from '../../src/core/protocol/handshake';
import { Opcode } from '../../src/core/protocol/opcodes';
import { serveUpgrades } from './senderChild';
import { floodFrame } from './floodFrames';

/** Bytes of frames per write: big enough that the sender's own cost per byte is nil. */
const BATCH_BYTES = 1 << 20;
/** Each message compressed on its own, so one pre-built run of frames serves again and again (RFC 7692 §7.1.1.1). */
const DEFLATE_RESPONSE = 'Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n';

const batches = new Map<string, Buffer>();

function batch(size: number, opcode: number, deflate: boolean): Buffer {
  const key = `${opcode}/${size}/${deflate}`;
  let bytes = batches.get(key);
  if (!bytes) {
    const frame = floodFrame(size, opcode, deflate);
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
  const deflate = query.get('deflate') === '1';
  const offered = /permessage-deflate/.test(String(request.headers['sec-websocket-extensions'] ?? ''));
  if (typeof key !== 'string' || !Number.isInteger(size) || size < 0 || (deflate && !offered)) {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    return;
  }
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${computeAccept(key)}\r\n${deflate ? DEFLATE_RESPONSE : ''}\r\n`);
  socket.resume(); // whatever the client sends is read and dropped
  const bytes = batch(size, opcode, deflate);
  const pump = (): void => {
    while (!socket.destroyed && socket.write(bytes));
    if (!socket.destroyed) socket.once('drain', pump);
  };
  pump();
}

serveUpgrades(upgrade);
