import type { ConnectionAttempt } from './connectionAttempt';
import type { OutgoingMessage } from './outgoing';
import { Repeats, type Repeater, type RepeatOptions } from './repeater';

/**
 * The sending side of a client connection: data messages, pings, pongs, raw bytes and repeats,
 * each to the attempt that is open. A base class of ClientConnection, which says which attempt
 * that is (`current`), so that these stay methods of the connection itself.
 */
export abstract class ClientSending {
  private readonly repeats = new Repeats();

  sendText(text: string): void {
    this.send({ kind: 'text', text });
  }

  /** Sends a data message, in one frame or cut into `fragments` frames (RFC 6455 §5.4). */
  send(message: OutgoingMessage, fragments = 1): void {
    this.current().send(message, fragments);
  }

  ping(data?: string | Uint8Array): void {
    this.current().ping(data);
  }

  pong(data?: string | Uint8Array): void {
    this.current().pong(data);
  }

  /**
   * Writes bytes straight to the socket, past ws: frames built by the frame encoder, broken ones
   * included, to see how a server copes. The tap decodes them like any others.
   */
  sendRaw(bytes: Uint8Array): void {
    this.current().sendRaw(bytes);
  }

  /** Sends `message` every `everyMs` ms, `times` times or until stopped or the connection stops being open. */
  repeat(message: OutgoingMessage, options: RepeatOptions): Repeater {
    const attempt = this.current();
    attempt.assertOpen();
    const sendOnce = (): boolean => {
      if (attempt.state !== 'open') return false;
      attempt.send(message);
      return true;
    };
    return this.repeats.start(sendOnce, options, (error) => attempt.sendFailed(error));
  }

  /** Stops every `repeat`; returns how many were running. */
  stopRepeats(): number {
    return this.repeats.stopAll();
  }

  /** The attempt to send on; throws a SocketLensError 'connection/not-open' when none is running. */
  protected abstract current(): ConnectionAttempt;
}
