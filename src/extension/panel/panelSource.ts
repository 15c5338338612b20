import type { ClientConnection } from '../../core/client/clientConnection';
import type { OutgoingMessage } from '../../core/client/outgoing';
import type { Repeater } from '../../core/client/repeater';
import type { SessionLog } from '../../core/log/sessionLog';
import { SocketLensError } from '../../core/errors';
import type { ConnectionView } from '../../shared/viewModels';
import { toConnectionView } from './viewModelMapping';

/**
 * What a panel shows and drives: one WebSocket conversation with its log. Our client
 * connections and each client of a mock server are both one; the panel does not care which.
 */
export interface PanelSource {
  readonly id: string;
  readonly title: string;
  readonly log: SessionLog;
  /** Calls `listener` when the view may have changed; returns the unsubscribe. */
  onDidChange(listener: () => void): () => void;
  view(): ConnectionView;
  /** Sends a data message in `fragments` frames (RFC 6455 §5.4); throws when it cannot be sent. */
  send(message: OutgoingMessage, fragments: number): void;
  /** Sends a ping or a pong (payload at most 125 bytes, RFC 6455 §5.5). */
  control(opcode: 'ping' | 'pong', data: Uint8Array): void;
  /** Sends `message` every `everyMs` ms until the repeater is stopped or the conversation stops being open. */
  repeat(message: OutgoingMessage, everyMs: number): Repeater;
  close(code: number, reason: string): void;
  /** Connects again with the same options; absent where that means nothing (a mock's client, a read-only session). */
  reconnect?(): Promise<void>;
}

/** What Reconnect answers on a source without `reconnect`, said of the kind of source it is. */
export function notReconnectable(source: PanelSource): SocketLensError {
  const why = source.view().readOnly
    ? 'is a read-only session, read back from a file: there is no connection to open again. Use Socket Lens: Replay Imported Session… to send its messages to a server.'
    : 'is a client of a mock server: only the client can connect again.';
  return new SocketLensError('connection/not-reconnectable', `${source.title} ${why}`);
}

export function connectionSource(connection: ClientConnection): PanelSource {
  return {
    id: connection.id,
    title: connection.connectOptions.label === undefined ? panelTitle(connection.url) : `WS ${connection.connectOptions.label}`,
    log: connection.log,
    onDidChange: (listener) => connection.onDidChange(() => listener()),
    view: () => toConnectionView(connection),
    send: (message, fragments) => connection.send(message, fragments),
    control: (opcode, data) => (opcode === 'ping' ? connection.ping(data) : connection.pong(data)),
    repeat: (message, everyMs) => connection.repeat(message, { everyMs }),
    close: (code, reason) => connection.close(code, reason),
    reconnect: () => connection.reconnect(),
  };
}

export function panelTitle(url: URL): string {
  return `WS ${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
