// The raw TCP peer of the conformance harness: it performs the opening handshake (as a server
// that our ClientConnection connects to, or as a client of our MockServer), then writes scripted
// bytes, chopped and paced as a case says, and records every frame the peer under test sends
// back. It follows the closing handshake the way Autobahn's peer does: it echoes a close frame
// it receives and then ends TCP.
import { connect, type Socket } from 'node:net';
import { FrameDecoder, type FrameRecord, type MessageRecord, type Sender } from '../../src/core/protocol/frameDecoder';
import { encodeClosePayload, encodeFrame } from '../../src/core/protocol/frameEncoder';
import { computeAccept, generateKey } from '../../src/core/protocol/handshake';
import { Opcode } from '../../src/core/protocol/opcodes';
import { startRawServer, type RawServer } from '../../src/core/testing/rawServer';
import { upgradeRequestText } from '../../src/core/testing/upgradeRequestText';
import { DeflateHistory, deflateOffer, NO_TAKEOVER, type DeflateSettings } from './deflateStream';

export type PeerRole = 'server' | 'client';

/** How the peer writes its bytes: `chop` bytes per write (0: all at once), `delayMs` between writes. */
export interface Pacing {
  readonly chop?: number;
  readonly delayMs?: number;
}

/** One thing the peer under test sent back, as the raw peer decoded it. */
export interface EchoEvent {
  readonly kind: 'text' | 'binary' | 'pong';
  readonly payload: Uint8Array;
}

/** What the raw peer saw of the peer under test. */
export interface PeerObservation {
  /** Messages and pongs, in order. */
  readonly echoes: EchoEvent[];
  /** The close frame the peer under test sent: its code (undefined: no code), or absent if none came. */
  closeFrame?: { readonly code: number | undefined };
  /** The peer under test sent its close frame before ours. */
  closedFirst: boolean;
  /** Frames of the peer under test that broke a rule, as our decoder on the raw peer's side saw them. */
  readonly badFrames: FrameRecord[];
}

const BIG_PREVIEW = 64 * 1024 * 1024;

/** One connection of the raw peer, after the handshake. */
export class RawSession {
  readonly seen: PeerObservation = { echoes: [], closedFirst: false, badFrames: [] };
  /** Settles when the TCP connection is closed. */
  readonly ended: Promise<void>;
  private readonly decoder: FrameDecoder;
  private closeSent = false;
  private readonly changed = new Set<() => void>();
  /** What the peer under test compressed so far (it may refer back into it, with context takeover). */
  private readonly inflater: DeflateHistory;

  constructor(
    private readonly socket: Socket,
    readonly role: PeerRole,
    deflate: DeflateSettings = NO_TAKEOVER,
  ) {
    this.inflater = new DeflateHistory(deflate);
    // The peer under test is the other role.
    const sender: Sender = role === 'server' ? 'client' : 'server';
    this.decoder = new FrameDecoder({ frame: (f) => this.frame(f), message: (m) => this.message(m) }, { sender, previewBytes: BIG_PREVIEW, perMessageDeflate: true });
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => this.decoder.push(chunk));
    this.ended = new Promise((resolve) => socket.once('close', () => resolve()));
    void this.ended.then(() => this.notify());
  }

  /** Feeds bytes that came with the handshake's answer. */
  push(bytes: Uint8Array): void {
    if (bytes.length > 0) this.decoder.push(bytes);
  }

  get open(): boolean {
    return !this.socket.destroyed;
  }

  /** Writes `bytes` as `pacing` says; stops early if the connection ends. */
  async write(bytes: Uint8Array, pacing: Pacing = {}): Promise<void> {
    const chop = pacing.chop && pacing.chop > 0 ? pacing.chop : bytes.length;
    for (let at = 0; at < bytes.length && this.open; at += chop) {
      this.socket.write(bytes.subarray(at, at + chop));
      if (pacing.delayMs) await new Promise((resolve) => setTimeout(resolve, pacing.delayMs));
    }
  }

  /** Starts the closing handshake, unless a close frame went out already (a script may hold one). */
  close(code = 1000): void {
    if (this.closeSent || !this.open) return;
    this.closeSent = true;
    this.socket.write(encodeFrame({ opcode: Opcode.close, payload: encodeClosePayload(code), mask: this.role === 'client' }));
  }

  /** A script's close frame counts as sent. */
  markCloseSent(): void {
    this.closeSent = true;
  }

  /** Resolves when `predicate` holds or the connection ends, or after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!predicate() && this.open) return;
        done();
      };
      const timer = setTimeout(() => done(), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.changed.delete(check);
        resolve();
      };
      this.changed.add(check);
      check();
    });
  }

  /** Ends TCP at once. */
  destroy(): void {
    this.socket.destroy();
  }

  private notify(): void {
    for (const listener of [...this.changed]) listener();
  }

  private frame(frame: FrameRecord): void {
    if (frame.violations.some((v) => v.closeCode !== null)) this.seen.badFrames.push({ ...frame });
    if (frame.opcode === Opcode.pong) this.seen.echoes.push({ kind: 'pong', payload: Uint8Array.from(frame.payloadPreview ?? []) });
    if (frame.opcode === Opcode.close) this.closeReceived(frame.closeCode);
    this.notify();
  }

  private message(message: MessageRecord): void {
    if (!message.complete) return;
    const bytes = message.preview ?? new Uint8Array(0);
    const payload = message.compressed ? this.inflate(bytes) : Uint8Array.from(bytes);
    this.seen.echoes.push({ kind: message.kind, payload });
    this.notify();
  }

  private inflate(bytes: Uint8Array): Uint8Array {
    try {
      return this.inflater.inflate(bytes);
    } catch {
      return Uint8Array.of(...Buffer.from('<not inflatable>'));
    }
  }

  /** RFC 6455 §5.5.1: answer a close frame with one of our own (echoing its code, as Autobahn does), then end TCP. */
  private closeReceived(code: number | undefined): void {
    if (this.seen.closeFrame) return;
    this.seen.closeFrame = { code };
    this.seen.closedFirst = !this.closeSent;
    if (!this.closeSent && this.open) {
      this.closeSent = true;
      this.socket.write(encodeFrame({ opcode: Opcode.close, payload: code === undefined ? new Uint8Array(0) : encodeClosePayload(code), mask: this.role === 'client' }));
    }
    // §7.1.1: the server ends TCP first; a client waits for it (a moment, then ends it anyway).
    if (this.role === 'server') this.socket.end();
    else setTimeout(() => this.socket.end(), 200).unref();
  }
}


/** The raw peer as a server: each connection is answered with a 101 (accepting `deflate`, if set) and handed to `onSession`. */
export function startPeerServer(onSession: (session: RawSession) => void, deflate?: DeflateSettings): Promise<RawServer> {
  return startRawServer((socket) => onSession(new RawSession(socket, 'server', deflate)), deflate ? [`Sec-WebSocket-Extensions: ${deflateOffer(deflate)}`] : []);
}

/** The raw peer as a client of `url` (offering `deflate`, if set): a session once the server answered 101 (with the extensions it accepted). */
export function connectPeerClient(url: URL, deflate?: DeflateSettings): Promise<{ session: RawSession; extensions: string | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const key = generateKey();
    let head = Buffer.alloc(0);
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.write(upgradeRequestText(url, { key, extraHeaders: deflate ? [`Sec-WebSocket-Extensions: ${deflateOffer(deflate)}`] : [] }));
    });
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.off('error', fail);
      const response = head.subarray(0, end).toString('latin1');
      if (!/^HTTP\/1\.1 101 /.test(response) || !response.includes(computeAccept(key))) return fail(new Error(`the server did not switch protocols:\n${response}`));
      const session = new RawSession(socket, 'client', deflate);
      session.push(head.subarray(end + 4));
      resolve({ session, extensions: /^sec-websocket-extensions: *(.*)$/im.exec(response)?.[1] });
    };
    socket.on('data', onData);
  });
}
