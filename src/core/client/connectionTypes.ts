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

/** One certificate of the chain the server presented, leaf first. */
export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly subjectAltName?: string;
  readonly serialNumber: string;
  readonly fingerprint256: string;
}

export interface TlsInfo {
  readonly protocol: string;
  readonly cipher: string;
  readonly alpnProtocol?: string;
  /** The chain was verified against the trusted CAs. */
  readonly authorized: boolean;
  readonly authorizationError?: string;
  readonly certificates: readonly CertificateInfo[];
}

/**
 * When each step of one attempt's opening finished, in `now()` milliseconds, taken at the same
 * moments as the lifecycle events of the same names; a step that did not happen is absent.
 */
export interface HandshakeTiming {
  /** The socket began to connect: the DNS lookup starts, or TCP for an IP address. */
  readonly start: number;
  /** wss: a TLS handshake follows TCP. */
  readonly secure: boolean;
  /** The host is an IP address, so there is no DNS lookup. */
  readonly ipLiteral: boolean;
  /** Through an HTTP proxy: TCP goes to the proxy, which resolves the name and answers CONNECT. */
  readonly proxied: boolean;
  readonly dnsResolved?: number;
  readonly tcpConnected?: number;
  readonly proxyConnected?: number;
  readonly tlsEstablished?: number;
  readonly upgradeSent?: number;
  /** The server's answer to the upgrade request (101 or not). */
  readonly responseReceived?: number;
}

export interface Handshake {
  readonly timing?: HandshakeTiming;
  readonly tls?: TlsInfo;
  readonly request?: HandshakeRequest;
  readonly response?: HandshakeResponse;
  readonly accept?: AcceptCheck;
  readonly protocol?: string;
  readonly extensions?: string;
}

export type LifecycleKind =
  | 'connecting'
  /** ws followed a 3xx to another URL (detail: from → to, headers not sent on). */
  | 'redirect'
  /** Through an HTTP proxy: reaching it, TCP to it, its answer to CONNECT. */
  | 'proxy-connecting'
  | 'proxy-tcp-connected'
  | 'proxy-connected'
  | 'dns-resolved'
  | 'tcp-connected'
  | 'tls-established'
  | 'upgrade-sent'
  | 'upgrade-response'
  | 'open'
  /** A close frame crossed the wire (detail: direction, code, reason). */
  | 'close-sent'
  | 'close-received'
  | 'protocol-violation'
  /** TCP: FIN from the peer, our FIN, our abort without FIN, socket closed. */
  | 'tcp-fin-received'
  | 'tcp-fin-sent'
  | 'tcp-aborted'
  | 'tcp-closed'
  | 'closed'
  /** Auto-reconnect: the next attempt is due after a wait; the retries are used up; we closed it while waiting. */
  | 'reconnect-scheduled'
  | 'reconnect-gave-up'
  | 'reconnect-cancelled'
  /** A mock server injected a fault (stopped reading, …). */
  | 'fault'
  /** A keep-alive ping got no pong before the next was due. */
  | 'keepalive-missed'
  | 'error';

export interface LifecycleEvent {
  readonly time: number;
  readonly kind: LifecycleKind;
  readonly detail?: string;
}

export type CloseInitiator = 'client' | 'server' | 'none';

/**
 * Who ended TCP first: `both` when the peer's FIN was read within FIN_CROSSING_WINDOW_MS of ours
 * going out (they may have crossed: this end cannot tell the order on the wire); `unknown` if the
 * socket just vanished.
 */
export type TcpEndedFirstBy = CloseInitiator | 'both' | 'unknown';

export interface CloseFrameInfo {
  /** Undefined when the close frame had no payload (reported as 1005). */
  readonly code: number | undefined;
  readonly reason: string;
  readonly time: number;
}

export interface CloseInfo {
  /** The code and reason as the application sees them (1005 no code, 1006 no close frame). */
  readonly code: number;
  readonly reason: string;
  /** Who sent the first close frame; `none` when TCP ended without a closing handshake. */
  readonly initiatedBy: CloseInitiator;
  /** Both close frames were exchanged and TCP then ended. */
  readonly wasClean: boolean;
  readonly sent?: CloseFrameInfo;
  readonly received?: CloseFrameInfo;
  /** Which side ended the TCP connection first (FIN or abort), as this endpoint observed it. */
  readonly tcpClosedFirstBy: TcpEndedFirstBy;
}

/** Lifecycle events before the ones given (let go, or not sent): how many, and when the first was. */
export interface EarlierEvents {
  readonly count: number;
  readonly since: number;
}

export interface ConnectionSnapshot {
  readonly id: string;
  /** The connection's name when it has one (ClientConnectionOptions.label). */
  readonly label?: string;
  /** The URL as it may be shown (redactUrl: no user info, no secret query value); ClientConnection.url is the real one. */
  readonly url: string;
  readonly state: ConnectionState;
  readonly handshake: Handshake;
  /** The newest events, at most LIFECYCLE_KEPT (see keptLifecycle). */
  readonly lifecycle: readonly LifecycleEvent[];
  /** The events before `lifecycle` the connection let go (a long reconnecting session). */
  readonly lifecycleEarlier?: EarlierEvents;
  readonly close?: CloseInfo;
  readonly error?: ErrorInfo;
}
