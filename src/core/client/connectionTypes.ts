import type { ErrorInfo } from '../errors';
import type { AcceptCheck } from '../protocol/handshake';

export type ConnectionState = 'connecting' | 'open' | 'closing' | 'closed';

/** Header lines in the order and case they crossed the wire. */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

export interface HandshakeRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: HeaderList;
}

export interface HandshakeResponse {
  readonly httpVersion: string;
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly headers: HeaderList;
  /** The start of a non-101 response's body, decoded as UTF-8, for the error report. */
  readonly body?: string;
}

export interface Handshake {
  readonly request?: HandshakeRequest;
  readonly response?: HandshakeResponse;
  readonly accept?: AcceptCheck;
  readonly protocol?: string;
  readonly extensions?: string;
}

export type LifecycleKind =
  | 'connecting'
  | 'tcp-connected'
  | 'tls-established'
  | 'upgrade-sent'
  | 'upgrade-response'
  | 'open'
  | 'close-sent'
  | 'closed'
  | 'error';

export interface LifecycleEvent {
  readonly time: number;
  readonly kind: LifecycleKind;
  readonly detail?: string;
}

export type CloseInitiator = 'client' | 'server' | 'none';

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
  /** Who sent the first close frame; `none` when TCP ended without a closing handshake. */
  readonly initiatedBy: CloseInitiator;
  readonly wasClean: boolean;
}

export interface ConnectionSnapshot {
  readonly id: string;
  readonly url: string;
  readonly state: ConnectionState;
  readonly handshake: Handshake;
  readonly lifecycle: readonly LifecycleEvent[];
  readonly close?: CloseInfo;
  readonly error?: ErrorInfo;
}
