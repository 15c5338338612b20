/**
 * What crosses between the mock server panel's host (extension) and its webview. Requests carry
 * `requestId` and are answered by exactly one `host/result`. The connection panel has its own
 * union in protocol.ts; the two panels share only the `webview/ready` and `host/result` names.
 */
import { isRecord, isRequestId, MAX_COMPOSED_TEXT_CHARS } from './messageChecks';
import type { MockClientRowView, MockServerView } from './mockViewModels';

// ── webview → host ────────────────────────────────────────────────────────────

/** The webview has loaded and wants everything needed to paint. */
export interface MockReadyMessage {
  readonly type: 'webview/ready';
}

/** Send a text message to one client. */
export interface MockSendTextRequest {
  readonly type: 'mock/sendText';
  readonly requestId: number;
  readonly clientId: string;
  readonly text: string;
}

/** Send a text message to every open client; answered with `{ sent }`. */
export interface MockBroadcastRequest {
  readonly type: 'mock/broadcastText';
  readonly requestId: number;
  readonly text: string;
}

/** Close one client's connection with a close frame carrying `code` and `reason`. */
export interface MockDisconnectRequest {
  readonly type: 'mock/disconnect';
  readonly requestId: number;
  readonly clientId: string;
  readonly code: number;
  readonly reason: string;
}

/** Open (or reveal) the connection panel with one client's log. */
export interface MockOpenLogRequest {
  readonly type: 'mock/openLog';
  readonly requestId: number;
  readonly clientId: string;
}

/** Copy the mock's URL to the clipboard (the webview has no clipboard of its own to rely on). */
export interface MockCopyUrlRequest {
  readonly type: 'mock/copyUrl';
  readonly requestId: number;
}

export type MockWebviewRequest = MockSendTextRequest | MockBroadcastRequest | MockDisconnectRequest | MockOpenLogRequest | MockCopyUrlRequest;
export type MockWebviewToHostMessage = MockReadyMessage | MockWebviewRequest;

// ── host → webview ────────────────────────────────────────────────────────────

/** Everything needed to paint, in answer to `webview/ready`. */
export interface MockSnapshotMessage {
  readonly type: 'host/mockSnapshot';
  readonly mock: MockServerView;
  /** Connected clients and the most recently closed ones, oldest connection first. */
  readonly clients: readonly MockClientRowView[];
}

/** What changed since the last snapshot or update; sent at most every 100 ms. */
export interface MockUpdateMessage {
  readonly type: 'host/mockUpdate';
  readonly mock: MockServerView;
  /** New rows and rows that changed, in full. */
  readonly clients: readonly MockClientRowView[];
  /** Ids of rows the host no longer keeps (the oldest closed clients). */
  readonly removed: readonly string[];
}

/** What `mock/broadcastText` answers: how many open clients the message was sent to. */
export interface MockBroadcastResult {
  readonly sent: number;
}

/** The answer to one request; `value` only for `mock/broadcastText`. */
export type MockResultMessage =
  | { readonly type: 'host/result'; readonly requestId: number; readonly ok: true; readonly value?: MockBroadcastResult }
  | { readonly type: 'host/result'; readonly requestId: number; readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export type MockHostToWebviewMessage = MockSnapshotMessage | MockUpdateMessage | MockResultMessage;

/** Longest client id the host accepts (the mock's ids are 8 hex digits). */
const MAX_CLIENT_ID_CHARS = 64;
/** Longest close reason the host reads; the RFC's 123-byte limit is checked when closing, with its own message. */
const MAX_REASON_CHARS = 1024;

export type MockParseResult = { readonly ok: true; readonly message: MockWebviewToHostMessage } | { readonly ok: false; readonly reason: string };

/**
 * Checks a message from the mock panel's webview: anything malformed is rejected with a reason
 * instead of reaching a client's socket.
 */
export function parseMockWebviewMessage(value: unknown): MockParseResult {
  if (!isRecord(value) || typeof value['type'] !== 'string') return fail('not an object with a string "type"');
  const type = value['type'];
  if (type === 'webview/ready') return { ok: true, message: { type } };
  if (!Object.hasOwn(PARSERS, type)) return fail(`unknown message type "${type}"`);
  const parse = PARSERS[type as MockWebviewRequest['type']];
  if (!isRequestId(value['requestId'])) return fail(`${type}: requestId must be a non-negative integer`);
  try {
    return { ok: true, message: parse(value, value['requestId']) };
  } catch (error) {
    return fail(`${type}: ${(error as Error).message}`);
  }
}

type Parser = (value: Record<string, unknown>, requestId: number) => MockWebviewRequest;

const PARSERS: Record<MockWebviewRequest['type'], Parser> = {
  'mock/sendText': (v, requestId) => ({ type: 'mock/sendText', requestId, clientId: clientIdOf(v), text: textOf(v) }),
  'mock/broadcastText': (v, requestId) => ({ type: 'mock/broadcastText', requestId, text: textOf(v) }),
  'mock/disconnect': (v, requestId) => ({ type: 'mock/disconnect', requestId, clientId: clientIdOf(v), code: codeOf(v), reason: reasonOf(v) }),
  'mock/openLog': (v, requestId) => ({ type: 'mock/openLog', requestId, clientId: clientIdOf(v) }),
  'mock/copyUrl': (_v, requestId) => ({ type: 'mock/copyUrl', requestId }),
};

function clientIdOf(value: Record<string, unknown>): string {
  const id = value['clientId'];
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_CLIENT_ID_CHARS) throw new Error(`clientId must be a string of 1-${MAX_CLIENT_ID_CHARS} characters`);
  return id;
}

function textOf(value: Record<string, unknown>): string {
  const text = value['text'];
  if (typeof text !== 'string') throw new Error('text must be a string');
  if (text.length > MAX_COMPOSED_TEXT_CHARS) throw new Error(`text is longer than ${MAX_COMPOSED_TEXT_CHARS} characters`);
  return text;
}

function codeOf(value: Record<string, unknown>): number {
  const code = value['code'];
  if (!Number.isInteger(code)) throw new Error('code must be an integer close code, e.g. 1000');
  return code as number;
}

function reasonOf(value: Record<string, unknown>): string {
  const reason = value['reason'];
  if (typeof reason !== 'string') throw new Error('reason must be a string (empty for none)');
  if (reason.length > MAX_REASON_CHARS) throw new Error(`reason is longer than ${MAX_REASON_CHARS} characters`);
  return reason;
}

function fail(reason: string): MockParseResult {
  return { ok: false, reason };
}
