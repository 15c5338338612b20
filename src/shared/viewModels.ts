/**
 * What the panel paints. Plain data, built by the panel host from the core's records; the
 * webview never sees a socket or a Buffer.
 */

export type ConnectionStateView = 'connecting' | 'open' | 'closing' | 'closed';
export type DirectionView = 'in' | 'out';
export type MessageKindView = 'text' | 'binary' | 'ping' | 'pong' | 'close';
export type HeaderListView = ReadonlyArray<readonly [name: string, value: string]>;

export interface HandshakeView {
  readonly requestLine?: string;
  readonly requestHeaders: HeaderListView;
  readonly statusLine?: string;
  readonly statusCode?: number;
  readonly responseHeaders: HeaderListView;
  readonly responseBody?: string;
  /** RFC 6455 §4.2.2: expected = base64(SHA-1(key + GUID)); `sha1Hex` is that SHA-1 in hex. */
  readonly accept?: { readonly key: string; readonly expected: string; readonly received?: string; readonly valid: boolean; readonly sha1Hex?: string };
  readonly protocol?: string;
  readonly extensions?: string;
  readonly tls?: TlsView;
  /** How long each step of the opening took; absent when it was not measured (a mock's client). */
  readonly timing?: HandshakeTimingView;
  /** The 101's Sec-WebSocket-Extensions, parsed: each extension and its parameters. */
  readonly extensionList?: readonly ExtensionView[];
  /** What the request offered: Sec-WebSocket-Protocol and Sec-WebSocket-Extensions, parsed. */
  readonly offeredProtocols?: readonly string[];
  readonly offeredExtensions?: readonly ExtensionView[];
}

/**
 * The opening's steps back to back, in milliseconds from the moment the socket began to connect:
 * each step runs from the end of the one before it. A step that did not happen is absent.
 */
export interface HandshakeTimingView {
  readonly dnsMs?: number;
  /** TCP to the server, or to the proxy when `viaProxy`. */
  readonly tcpMs?: number;
  /** The proxy's answer to CONNECT. */
  readonly proxyMs?: number;
  readonly tlsMs?: number;
  /** The upgrade request written and the server's answer (101 or not) received. */
  readonly upgradeMs?: number;
  /** From the socket's start to the last step measured. */
  readonly totalMs: number;
  readonly viaProxy: boolean;
  /** Steps this connection has no need of, and why ("an IP address", "ws://"). */
  readonly skipped: { readonly dns?: string; readonly tls?: string };
}

/** One extension of a Sec-WebSocket-Extensions header (RFC 6455 §9.1). */
export interface ExtensionView {
  readonly name: string;
  /** `value` absent for a parameter without one (server_no_context_takeover). */
  readonly params: ReadonlyArray<{ readonly name: string; readonly value?: string }>;
}

export interface CertificateView {
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly subjectAltName?: string;
  readonly fingerprint256: string;
  readonly serialNumber?: string;
  /** `validFrom` and `validTo` as epoch milliseconds, when they could be read. */
  readonly validFromTime?: number;
  readonly validToTime?: number;
}

export interface TlsView {
  readonly protocol: string;
  readonly cipher: string;
  readonly alpnProtocol?: string;
  readonly authorized: boolean;
  readonly authorizationError?: string;
  readonly certificates: readonly CertificateView[];
}

/** A place where the bytes break RFC 6455 (closeCode null: a warning). */
export interface ViolationView {
  readonly rfc: string;
  readonly closeCode: number | null;
  readonly message: string;
  /** The frame header field at fault, when one is. */
  readonly field?: 'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'mask' | 'length';
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
  /** The newest ping's round-trip time (ping sent to its pong), in ms. */
  readonly lastRttMs?: number;
}

export interface ConnectionView {
  readonly id: string;
  readonly url: string;
  /** Whose record this is: our client's (the default) or, for a mock server's client, the server's. */
  readonly recordedBy?: 'client' | 'server';
  /**
   * A session read back from a file rather than a live conversation: a HAR the person imported,
   * or an earlier window's kept session. Nothing connects, sends or closes; the panel says so
   * in place of the composer and the Reconnect and Disconnect buttons.
   */
  readonly readOnly?: 'imported' | 'previous';
  readonly state: ConnectionStateView;
  readonly handshake: HandshakeView;
  /** The newest events (at most LIFECYCLE_SHOWN, see lifecycleWindow). */
  readonly lifecycle: readonly LifecycleEventView[];
  /** Events before `lifecycle` that the panel is not sent (a long reconnecting session): how many, and when the first was. */
  readonly lifecycleEarlier?: { readonly count: number; readonly since: number };
  readonly close?: {
    readonly code: number;
    readonly reason: string;
    readonly initiatedBy: 'client' | 'server' | 'none';
    readonly wasClean: boolean;
    /** `both`: both ends closed TCP at about the same time, too close to tell which was first. */
    readonly tcpClosedFirstBy: 'client' | 'server' | 'both' | 'none' | 'unknown';
  };
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
  /** Frames the message crossed the wire in (0 when the tap did not see it). */
  readonly frames: number;
  /** permessage-deflate compressed it on the wire; `wireSize` is the compressed size. */
  readonly compressed: boolean;
  readonly wireSize?: number;
  readonly violations: readonly ViolationView[];
  /** For a pong: milliseconds since the matching ping. */
  readonly rttMs?: number;
  /** Why the message crossed the wire but never reached the application (or the socket). */
  readonly undelivered?: string;
}

/**
 * Which messages the log shows. Every field given must match; `text` is a literal, or a regular
 * expression when `regex` is set; `jsonPath` is `$.path`, optionally `== <JSON>` or `!= <JSON>`.
 */
export interface LogFilterView {
  readonly direction?: DirectionView;
  /** Kinds to show; absent shows every kind. */
  readonly kinds?: readonly MessageKindView[];
  readonly text?: string;
  readonly regex?: boolean;
  readonly ignoreCase?: boolean;
  readonly jsonPath?: string;
}

/**
 * Rows of the log as the filter numbers them: positions `first` to `end` (exclusive) exist,
 * and `messages` are those from position `start` on. A position always names the same message.
 */
export interface LogPageView {
  readonly first: number;
  readonly end: number;
  readonly start: number;
  readonly messages: readonly MessageSummary[];
}

/**
 * The messages a sequence diagram draws between the lifecycle's events: the first and last data
 * messages and the first and last pings and pongs, oldest first; the rest are counted in the gaps.
 */
export interface ConversationView {
  readonly messages: readonly MessageSummary[];
}

/** One frame of a message as it crossed the wire: every header field, to draw its bits. */
export interface FrameView {
  /** Frame number in its direction, from 0. */
  readonly index: number;
  /** Stream offset of the header's first byte in its direction. */
  readonly offset: number;
  readonly time: number;
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  /** "text", "binary", "continuation", "close", "ping", "pong" or "reserved-0x3"… */
  readonly opcodeName: string;
  readonly masked: boolean;
  /** The masking key as 8 hex digits, when masked. */
  readonly maskingKey?: string;
  readonly payloadLength: number;
  /** Which length form the header used: 7 bits, 7+16 or 7+64. */
  readonly lengthEncoding: 7 | 16 | 64;
  /** False when a shorter length form could have carried the length (a warning, RFC 6455 §5.2). */
  readonly minimalLength: boolean;
  readonly headerLength: number;
  readonly violations: readonly ViolationView[];
}

/** Everything about one logged message, fetched when the user selects it. */
export interface MessageDetail {
  readonly summary: MessageSummary;
  /** The payload as stored (decompressed), base64; cut at `payloadLimit` bytes when larger. */
  readonly payloadBase64: string;
  /** True when `payloadBase64` holds only the first bytes of a larger payload. */
  readonly payloadCut: boolean;
  readonly frames: readonly FrameView[];
  /** For a close frame: its code and reason. */
  readonly close?: { readonly code?: number; readonly reason: string };
}
