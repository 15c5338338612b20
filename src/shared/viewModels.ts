/**
 * What the panel paints. Plain data, built by the panel host from the core's records; the
 * webview never sees a socket or a Buffer.
 */

export type ConnectionStateView = 'connecting' | 'open' | 'closing' | 'closed';
export type DirectionView = 'in' | 'out';
export type MessageKindView = 'text' | 'binary' | 'ping' | 'pong';
export type HeaderListView = ReadonlyArray<readonly [name: string, value: string]>;

export interface HandshakeView {
  readonly requestLine?: string;
  readonly requestHeaders: HeaderListView;
  readonly statusLine?: string;
  readonly statusCode?: number;
  readonly responseHeaders: HeaderListView;
  readonly responseBody?: string;
  readonly accept?: { readonly key: string; readonly expected: string; readonly received?: string; readonly valid: boolean };
  readonly protocol?: string;
  readonly extensions?: string;
}

export interface LifecycleEventView {
  readonly time: number;
  readonly kind: string;
  readonly detail?: string;
}

export interface CountersView {
  readonly messagesIn: number;
  readonly messagesOut: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  /** Messages dropped from the session log because its byte budget was full. */
  readonly evicted: number;
}

export interface ConnectionView {
  readonly id: string;
  readonly url: string;
  readonly state: ConnectionStateView;
  readonly handshake: HandshakeView;
  readonly lifecycle: readonly LifecycleEventView[];
  readonly close?: { readonly code: number; readonly reason: string; readonly initiatedBy: 'client' | 'server' | 'none'; readonly wasClean: boolean };
  readonly error?: { readonly code: string; readonly message: string };
  readonly counters: CountersView;
}

export interface MessageSummary {
  readonly id: number;
  readonly time: number;
  readonly direction: DirectionView;
  readonly kind: MessageKindView;
  /** Payload size in bytes. */
  readonly size: number;
  /** The start of the payload: text as text, binary as hex; never the whole of a large message. */
  readonly preview: string;
  readonly truncated: boolean;
}
