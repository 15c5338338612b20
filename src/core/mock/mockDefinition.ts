/**
 * A mock WebSocket server as a person writes it in a `*.wsmock.json` file. Every field but
 * `paths` is optional. `validateMockDefinition` (validateDefinition.ts) checks a parsed file and
 * reports every problem; it fills no defaults: the server applies them. A top-level `$schema`
 * string (for editors) is allowed and ignored.
 */
export interface MockDefinition {
  /** Shown in VS Code and in logs. */
  readonly name?: string;
  /** Address to bind; default 127.0.0.1 (VS Code warns about anything else). */
  readonly host?: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** Serve wss:// instead of ws://. */
  readonly tls?: MockTls;
  /** Subprotocols the server accepts, in its order of preference; it selects the first the client offers. */
  readonly subprotocols?: readonly string[];
  /** Accept permessage-deflate when offered. Default true. */
  readonly perMessageDeflate?: boolean;
  /** Largest message accepted from a client; bigger ones close with 1009. Default 16 MiB. */
  readonly maxPayloadBytes?: number;
  /** Most clients at once; more are refused with 503. Default 1000. */
  readonly maxConnections?: number;
  /** Allowed Origin values (exact, or "*"); absent: any. */
  readonly allowedOrigins?: readonly string[];
  /** One entry per path the server answers; other paths get 404. */
  readonly paths: readonly MockPath[];
}

/**
 * TLS for a mock, in one of three forms. File paths are relative to the definition file's folder.
 * Kept as started: a reload does not change it.
 */
export type MockTls =
  /** A certificate made when the mock starts, for localhost, 127.0.0.1, ::1, the bound host and `hosts`. */
  | { readonly selfSigned: true; readonly hosts?: readonly string[] }
  /** A PEM certificate (chain) and its private key; `passphrase` for an encrypted key. */
  | { readonly certFile: string; readonly keyFile: string; readonly passphrase?: string }
  /** A PKCS#12 file (.p12/.pfx) holding the certificate and key. */
  | { readonly pfxFile: string; readonly passphrase?: string };

export interface MockPath {
  /** Exact path, e.g. "/chat"; "*" matches any path not listed before it. */
  readonly path: string;
  readonly handshake?: MockHandshake;
  /** Sent in order once the connection is open; each delay counts from the message before. */
  readonly onConnect?: readonly MockSend[];
  /** Tried in order on each message; the first that matches answers. */
  readonly rules?: readonly MockRule[];
  /** When no rule matches: echo the message back, or say nothing. Default "echo". */
  readonly otherwise?: 'echo' | 'nothing';
  /** Sent (or broadcast) on an interval while clients are connected. */
  readonly timers?: readonly MockTimer[];
  /** Faults on a clock of their own: each client on the path gets them, timed from its connection. */
  readonly faults?: readonly MockScheduledFault[];
}

export interface MockHandshake {
  /** Wait this long before answering the upgrade. */
  readonly delayMs?: number;
  /** Refuse the upgrade with this answer instead of 101. */
  readonly reject?: { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string };
  /** Refuse with 401 unless each header is present (with this value, or any value for "*"). */
  readonly requireHeaders?: Readonly<Record<string, string>>;
  /** Refuse with 401 unless `Authorization: Bearer <token>` or `?token=<token>` carries it. */
  readonly requireToken?: string;
}

/** A message to send: text (a template), JSON (its string values are templates), or binary from hex or base64. Exactly one. */
export type MockPayload = { readonly text: string } | { readonly json: unknown } | { readonly hex: string } | { readonly base64: string };

export type MockSend = MockPayload & {
  /** Wait before sending. */
  readonly delayMs?: number;
  /** Send in this many fragments. */
  readonly fragments?: number;
};

export interface MockRule {
  /** What a message must be for the rule to answer; absent matches everything. */
  readonly match?: MockMatch;
  /** Replies, in order. */
  readonly reply?: readonly MockReply[];
  /** A fault to inject after the replies. */
  readonly fault?: MockFault;
}

/** One way of matching a message; text rules never match binary messages. */
export type MockMatch =
  | { readonly text: string }
  | { readonly regex: string; readonly flags?: string }
  /** The message is JSON and contains this object (every key, recursively; arrays element by element). */
  | { readonly json: unknown }
  /** The message is JSON and the value at this path (`$.a.b[0]`) equals `equals`. */
  | { readonly jsonPath: string; readonly equals: unknown }
  | { readonly binary: true };

export type MockReply = MockSend & {
  /** Who gets it: the sender (default) or every client on this path. */
  readonly to?: 'sender' | 'all';
};

export interface MockTimer {
  readonly everyMs: number;
  readonly send: MockPayload;
  /** Every client on the path (default), or none when nobody is connected. */
  readonly to?: 'all';
}

/** A fault that strikes each client `afterMs` after it connected, then every `everyMs` if given. */
export interface MockScheduledFault {
  readonly afterMs: number;
  readonly everyMs?: number;
  readonly fault: MockFault;
}

export type MockFault =
  | { readonly close: { readonly code: number; readonly reason?: string } }
  | { readonly drop: true }
  | { readonly stopReading: true }
  | { readonly pings: 'ignore' | { readonly delayMs: number } }
  | { readonly brokenFrame: BrokenFrame };

/** Deliberately broken frames the mock can send. */
export const BROKEN_FRAMES = ['reserved-opcode', 'unmasked-rsv', 'bad-utf8', 'oversized-control', 'bad-close-code'] as const;
export type BrokenFrame = (typeof BROKEN_FRAMES)[number];

/**
 * Template placeholders in text payloads and in the string values of json payloads: {{message}}
 * (the message), {{json}} (the whole JSON message) or {{json.a.b}} / {{json.items[0].id}} (a
 * field of it; objects and lists go in as JSON), {{match.1}} (a regex capture; {{match.0}} the
 * whole match), {{counter}} (1, 2, … per rule), {{uuid}}, {{now}} (ISO time), {{nowMs}},
 * {{client}} (the client's id), {{path}}. A missing field or capture is "". `\{{` is a literal
 * "{{" (written "\\{{" inside a JSON string). See template.ts.
 */
export const TEMPLATE_FIELDS = ['message', 'json', 'match', 'counter', 'uuid', 'now', 'nowMs', 'client', 'path'] as const;

/** A plain echo server on every path: `socket-lens mock --echo` and VS Code's "Echo server". */
export const ECHO_MOCK: MockDefinition = { name: 'echo', paths: [{ path: '*', otherwise: 'echo' }] };

/** How a mock file's name ends: Start Mock Server finds them by it, and the schema applies by it. */
export const MOCK_FILE_SUFFIX = '.wsmock.json';

/** A path chosen for a new mock file, ending in `.wsmock.json` (`chat.json` → `chat.wsmock.json`, `chat` → `chat.wsmock.json`). */
export function asMockFileName(path: string): string {
  if (path.endsWith(MOCK_FILE_SUFFIX)) return path;
  return path.endsWith('.json') ? `${path.slice(0, -'.json'.length)}${MOCK_FILE_SUFFIX}` : `${path}${MOCK_FILE_SUFFIX}`;
}
