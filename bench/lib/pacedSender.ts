// Child process: a WebSocket server that sends each upgraded client `rate` text frames of `size`
// bytes a second, evenly, in a batch every 10 ms, until the client goes. Started by
// `startPacedSender` (paced.ts); tells the parent its port over IPC. `GET /?rate=N&size=M`.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { encodeFrame } from '../../src/core/protocol/frameEncoder';
import { computeAccept } from '../../src/core/protocol/handshake';
import { serveUpgrades } from './senderChild';
import { Opcode } from '../../src/core/protocol/opcodes';

const TICK_MS = 10;
/** A batch never holds more than this many ticks' frames: a client that stalls is not flooded after. */
const MAX_TICKS_BEHIND = 10;
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

function framesOf(size: number, count: number): Buffer {
  const payload = Buffer.from(`{"type":"trade","px":101.25,"side":"buy"}`.padEnd(size, ' ').slice(0, size), 'latin1');
  const frame = encodeFrame({ opcode: Opcode.text, payload });
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

function upgrade(request: IncomingMessage, socket: Duplex): void {
  socket.on('error', () => socket.destroy());
  const key = request.headers['sec-websocket-key'];
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  const rate = Number(query.get('rate') ?? 50_000);
  const size = Number(query.get('size') ?? 256);
  if (typeof key !== 'string' || !(rate > 0) || !Number.isInteger(size) || size < 0) {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    return;
  }
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${computeAccept(key)}\r\n\r\n`);
  socket.resume();
  const most = Math.ceil((rate * TICK_MS * MAX_TICKS_BEHIND) / 1000);
  const frames = framesOf(size, most);
  const frameBytes = frames.length / most;
  const started = performance.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.min(most, Math.floor(((performance.now() - started) * rate) / 1000) - sent);
    if (due <= 0 || socket.destroyed) return;
    // A client that does not keep up misses frames rather than growing this buffer without end.
    if (socket.writableLength < MAX_BUFFERED_BYTES) socket.write(frames.subarray(0, due * frameBytes));
    sent += due;
  }, TICK_MS);
  socket.on('close', () => clearInterval(timer));
}

serveUpgrades(upgrade);
