/**
 * What the mock server panel paints: plain data built by its host from the running mock and
 * its clients. The webview never sees a socket, a MockServer or a log.
 */

/** Running until "Stop Mock Server"; a stopped mock's panel keeps its last rows. */
export type MockStateView = 'running' | 'stopped';

export type MockClientStateView = 'open' | 'closing' | 'closed';

/** The mock as a whole: the panel's header. */
export interface MockServerView {
  /** The registry's key: the definition file's URI, or "echo". */
  readonly key: string;
  readonly name: string;
  /** ws://127.0.0.1:port/first-path (or wss://): the URL a client connects to first. */
  readonly url: string;
  /**
   * What Copy gives when it is not `url`: the forwarded URL in a remote window or code-server
   * (`url` is then where the mock listens, on the machine where the workspace is).
   */
  readonly reachableUrl?: string;
  /** The definition's other paths, each served at the same address. */
  readonly otherPaths: readonly string[];
  readonly state: MockStateView;
  /** Clients connected now. */
  readonly clientsNow: number;
  /** Clients that connected since the mock started, gone ones included. */
  readonly clientsTotal: number;
  /** Messages from clients to the mock, all clients since it started. */
  readonly messagesIn: number;
  /** Messages from the mock to clients, all clients since it started. */
  readonly messagesOut: number;
}

/** How a client's connection ended. */
export interface MockClientCloseView {
  readonly code: number;
  readonly reason: string;
  /** Who sent the first close frame ("none": TCP ended without one). */
  readonly initiatedBy: 'client' | 'server' | 'none';
  readonly wasClean: boolean;
}

/** One row of the client table. */
export interface MockClientRowView {
  readonly id: string;
  /** "address:port" of the client. */
  readonly remote: string;
  readonly path: string;
  /** The subprotocol the mock chose, if any. */
  readonly protocol?: string;
  /** Epoch ms. */
  readonly connectedAt: number;
  /** Epoch ms; set once the connection has closed (the duration stops there). */
  readonly closedAt?: number;
  readonly state: MockClientStateView;
  /** Messages from this client to the mock. */
  readonly messagesIn: number;
  /** Messages from the mock to this client. */
  readonly messagesOut: number;
  readonly close?: MockClientCloseView;
  /** Its log can still be opened (kept for connected and recently closed clients). */
  readonly logAvailable: boolean;
}
