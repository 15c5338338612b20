import { connect, type Socket } from 'node:net';
import { upgradeRequestText } from '../../src/core/testing/upgradeRequestText';

/** A fixed, well-formed key: the servers under test check its form, not its value. */
const KEY = Buffer.alloc(16).toString('base64');
const END_OF_HEAD = Buffer.from('\r\n\r\n');
/** A masked close frame, 1000 Normal Closure, with an all-zero key (RFC 6455 §5.5.1). */
export const CLOSE_FRAME = Buffer.from([0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8]);

/**
 * Opens a TCP connection to `url` and upgrades it by hand: no ws on the client side, so that the
 * client costs next to nothing. Calls `opened` with the bytes that came after the 101's head.
 */
export function rawUpgrade(url: string, opened: (socket: Socket, rest: Buffer) => void, failed: (error: Error) => void): Socket {
  const { hostname, port, request } = target(url);
  const socket = connect(port, hostname);
  socket.setNoDelay(true);
  let head: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    const end = head.indexOf(END_OF_HEAD);
    if (end < 0) return;
    socket.off('data', onData);
    if (!head.subarray(0, 13).toString('latin1').startsWith('HTTP/1.1 101')) {
      socket.destroy();
      return failed(new Error(`${url} answered ${head.subarray(0, head.indexOf('\r\n')).toString('latin1')}`));
    }
    opened(socket, head.subarray(end + END_OF_HEAD.length));
  };
  socket.on('data', onData);
  socket.on('error', failed);
  socket.on('connect', () => socket.write(request));
  return socket;
}

/** Where `url` points and the request to send it, worked out once per URL: the accept benchmark opens thousands a second. */
function target(url: string): { hostname: string; port: number; request: string } {
  if (lastTarget?.url !== url) {
    const { hostname, port } = new URL(url);
    lastTarget = { url, hostname, port: Number(port), request: upgradeRequest(url) };
  }
  return lastTarget;
}
let lastTarget: { url: string; hostname: string; port: number; request: string } | undefined;

/** The opening handshake's request for `url`, with one fixed key (the bench's clients never check the Accept), and `extraHeaders` (`Name: value` each). */
export function upgradeRequest(url: string, extraHeaders: readonly string[] = []): string {
  return upgradeRequestText(url, { key: KEY, extraHeaders });
}

/** Counts the complete frames in a stream by skipping over their payloads: nothing is decoded or kept. */
export class FrameCounter {
  frames = 0;
  /** Payload bytes of the current frame still to come. */
  private skip = 0;
  /** The start of a header split across chunks. */
  private carry: Buffer | undefined;

  push(chunk: Buffer): void {
    let bytes = chunk;
    if (this.carry) {
      bytes = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    let at = 0;
    for (;;) {
      if (this.skip > 0) {
        const take = Math.min(this.skip, bytes.length - at);
        this.skip -= take;
        at += take;
        if (this.skip > 0) return;
        this.frames++;
      }
      if (at >= bytes.length) return;
      const header = headerAt(bytes, at);
      if (!header) {
        this.carry = Buffer.from(bytes.subarray(at));
        return;
      }
      at += header.length;
      this.skip = header.payload;
      if (this.skip === 0) this.frames++;
    }
  }
}

/** The length of the header at `at` and of its frame's payload, or undefined when the header is cut off. */
function headerAt(bytes: Buffer, at: number): { length: number; payload: number } | undefined {
  if (bytes.length - at < 2) return undefined;
  const short = bytes[at + 1]! & 0x7f;
  const length = 2 + (short === 126 ? 2 : short === 127 ? 8 : 0) + (bytes[at + 1]! & 0x80 ? 4 : 0);
  if (bytes.length - at < length) return undefined;
  const payload = short < 126 ? short : short === 126 ? bytes.readUInt16BE(at + 2) : bytes.readUIntBE(at + 4, 6);
  return { length, payload };
}
