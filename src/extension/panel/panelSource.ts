import type { ClientConnection } from '../../core/client/clientConnection';
import type { SessionLog } from '../../core/log/sessionLog';
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
  sendText(text: string): void;
  close(code: number, reason: string): void;
  /** Connects again with the same options; absent where that means nothing (a mock's client). */
  reconnect?(): Promise<void>;
}

export function connectionSource(connection: ClientConnection): PanelSource {
  return {
    id: connection.id,
    title: panelTitle(connection.url),
    log: connection.log,
    onDidChange: (listener) => connection.onDidChange(() => listener()),
    view: () => toConnectionView(connection),
    sendText: (text) => connection.sendText(text),
    close: (code, reason) => connection.close(code, reason),
    reconnect: () => connection.reconnect(),
  };
}

export function panelTitle(url: URL): string {
  return `WS ${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
