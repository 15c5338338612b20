/** The workspace file of saved connections, relative to a workspace folder. */
export const SAVED_CONNECTIONS_FILE = '.vscode/socket-lens.json';

/** TLS of a saved connection. Paths may be relative to the workspace folder; `passphrase` must be a `${secret:…}`. */
export interface SavedTls {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly pfxFile?: string;
  readonly passphrase?: string;
  readonly insecure?: boolean;
  readonly servername?: string;
}

/** A message kept with a connection, to send again by name. */
export interface SavedMessage {
  readonly name: string;
  readonly text: string;
}

/**
 * One saved connection, exactly as written: string values may hold `${env:NAME}`,
 * `${secret:NAME}` and `${var:NAME}`, resolved only when connecting.
 */
export interface SavedConnection {
  readonly name: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly subprotocols?: readonly string[];
  readonly tls?: SavedTls;
  /** An HTTP proxy URL for this connection; wins over VS Code's `http.proxy`. */
  readonly proxy?: string;
  readonly messages?: readonly SavedMessage[];
}

/** A saved-connections file (`.vscode/socket-lens.json`) or the user's list, which has the same shape. */
export interface SavedConnections {
  readonly connections: readonly SavedConnection[];
  /** Named values for `${var:NAME}`; they may hold `${env:…}` and `${secret:…}` themselves. */
  readonly variables?: Readonly<Record<string, string>>;
}
