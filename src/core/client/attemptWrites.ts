/**
 * What one connection attempt writes — data messages, pings, pongs, raw bytes past ws and its
 * close frame — kept in the order asked for (OutgoingOrder) and announced to the wire joiner,
 * so that the frames the tap sees are paired with what was sent.
 */
import type { Socket } from 'node:net';
import type WebSocket from 'ws';
import { SocketLensError } from '../errors';
import type { SocketTap } from '../tap/socketTap';
import type { WireJoiner } from '../tap/wireJoiner';
import { controlPayload, fragmentsOf, payloadOf, type OutgoingMessage } from './outgoing';
import { OutgoingOrder } from './outgoingOrder';

/** The TCP (or TLS) socket under ws once upgraded, its tap, and the joiner that logs what crosses it. */
export interface TappedSocket {
  readonly socket: Socket;
  readonly tap: SocketTap;
  readonly joiner: WireJoiner;
}

/** The writes of one attempt; the attempt checks that it is open before each. */
export class AttemptWrites {
  private readonly order = new OutgoingOrder();
  private wire: TappedSocket | undefined;

  /** `failed` hears of a write that failed. */
  constructor(private readonly failed: (error: Error) => void) {}

  /** The upgrade is done: raw bytes go to this socket, and every write is announced to its joiner. */
  tapped(wire: TappedSocket): void {
    this.wire = wire;
  }

  /** A data message, in one frame or cut into `fragments` frames (RFC 6455 §5.4). */
  send(socket: WebSocket, message: OutgoingMessage, fragments: number): void {
    const payload = payloadOf(message);
    const parts = fragmentsOf(payload, fragments);
    const binary = message.kind === 'binary';
    this.order.viaWs({
      register: () => this.wire?.joiner.sending(message.kind, payload),
      write: (done) =>
        parts.forEach((part, k) =>
          socket.send(part, { binary, fin: k === parts.length - 1 }, (error) => {
            if (error) this.failed(error);
            if (k === parts.length - 1) done();
          }),
        ),
    });
  }

  ping(socket: WebSocket, data?: string | Uint8Array): void {
    const payload = controlPayload(data);
    this.order.viaWs({ register: () => {}, write: (done) => socket.ping(payload, undefined, this.afterWrite(done)) });
  }

  pong(socket: WebSocket, data?: string | Uint8Array): void {
    const payload = controlPayload(data);
    this.order.viaWs({ register: () => {}, write: (done) => socket.pong(payload, undefined, this.afterWrite(done)) });
  }

  /** Bytes straight to the socket, past ws, after whatever was sent before; the tap decodes them like any others. */
  raw(bytes: Uint8Array): void {
    const wire = this.wire;
    if (!wire) throw new SocketLensError('connection/not-open', 'Cannot send raw bytes: the socket under the connection is gone.');
    this.order.raw({
      // Everything before it is written by now (OutgoingOrder), so the tap's offset is where it starts.
      register: () => wire.joiner.writingRaw(wire.tap.outboundOffset, bytes),
      write: (done) => wire.socket.write(bytes, this.afterWrite(done)),
    });
  }

  /** The close frame (RFC 6455 §7.1.2), after whatever was asked for before it, raw writes included. */
  close(socket: WebSocket, code: number, reason: string): void {
    this.order.viaWs({
      register: () => {},
      write: (done) => {
        socket.close(code, reason);
        done();
      },
    });
  }

  /** The attempt is over: what is still waiting is dropped. */
  abandon(): void {
    this.order.abandon();
  }

  private afterWrite(done: () => void): (error?: Error | null) => void {
    return (error) => {
      if (error) this.failed(error);
      done();
    };
  }
}
