/**
 * The one definition of what crosses between the panel host (extension) and the webview.
 * Requests carry `requestId` and are answered by exactly one `host/result`.
 */
import { parseComposerRequest } from './composer/composerRequests';
import type { ConnectionView, CountersView, MessageDetail, MessageSummary } from './viewModels';

// ── webview → host ────────────────────────────────────────────────────────────

/** The webview has loaded and wants everything needed to paint. */
export interface ReadyMessage {
  readonly type: 'webview/ready';
}

/** Send a text message on the connection. */
export interface SendTextRequest {
  readonly type: 'connection/sendText';
  readonly requestId: number;
  readonly text: string;
}

/** Start the closing handshake. */
export interface DisconnectRequest {
  readonly type: 'connection/disconnect';
  readonly requestId: number;
  readonly code: number;
  readonly reason: string;
}

/** Everything about one logged message (its payload and frames), answered with `value`. */
export interface MessageDetailRequest {
  readonly type: 'log/detail';
  readonly requestId: number;
  /** The message's id (MessageSummary.id). */
  readonly id: number;
}

export type WebviewRequest = SendTextRequest | DisconnectRequest | MessageDetailRequest | ComposerRequest;
export type WebviewToHostMessage = ReadyMessage | WebviewRequest;

// ── host → webview ────────────────────────────────────────────────────────────

/** Everything needed to paint, in answer to `webview/ready`. */
export interface SnapshotMessage {
  readonly type: 'host/snapshot';
  readonly connection: ConnectionView;
  /** The newest messages, oldest first; the panel counts the rest from `connection.counters`. */
  readonly messages: readonly MessageSummary[];
}

/** The connection's state, handshake, lifecycle or counters changed. */
export interface ConnectionUpdateMessage {
  readonly type: 'host/connection';
  readonly connection: ConnectionView;
}

/** Messages captured since the last batch, oldest first. */
export interface MessagesAppendedMessage {
  readonly type: 'host/messages';
  readonly messages: readonly MessageSummary[];
  /** Counters as of the last message in this batch. */
  readonly counters: CountersView;
}

/** The answer to one request. */
export type ResultMessage =
  /** `value`: what a request asks for (a MessageDetail for `log/detail`); absent for commands. */
  | { readonly type: 'host/result'; readonly requestId: number; readonly ok: true; readonly value?: MessageDetail }
  | { readonly type: 'host/result'; readonly requestId: number; readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export type HostToWebviewMessage = SnapshotMessage | ConnectionUpdateMessage | MessagesAppendedMessage | ResultMessage | ComposerUpdateMessage;

/** Longest text the composer may send in one message (the host checks it again). */
export const MAX_COMPOSED_TEXT_CHARS = 16 * 1024 * 1024;

/**
 * Checks a message from the webview: anything malformed is rejected with a reason instead of
 * reaching the socket.
 */
export function parseWebviewMessage(value: unknown): { ok: true; message: WebviewToHostMessage } | { ok: false; reason: string } {
  if (!isRecord(value) || typeof value['type'] !== 'string') return { ok: false, reason: 'not an object with a string "type"' };
  switch (value['type']) {
    case 'webview/ready':
      return { ok: true, message: { type: 'webview/ready' } };
    case 'connection/sendText':
      if (!isRequestId(value['requestId'])) return { ok: false, reason: 'requestId must be a non-negative integer' };
      if (typeof value['text'] !== 'string') return { ok: false, reason: 'text must be a string' };
      if (value['text'].length > MAX_COMPOSED_TEXT_CHARS) return { ok: false, reason: `text is longer than ${MAX_COMPOSED_TEXT_CHARS} characters` };
      return { ok: true, message: { type: 'connection/sendText', requestId: value['requestId'], text: value['text'] } };
    case 'connection/disconnect':
      if (!isRequestId(value['requestId'])) return { ok: false, reason: 'requestId must be a non-negative integer' };
      if (!Number.isInteger(value['code'])) return { ok: false, reason: 'code must be an integer' };
      if (typeof value['reason'] !== 'string') return { ok: false, reason: 'reason must be a string' };
      return { ok: true, message: { type: 'connection/disconnect', requestId: value['requestId'], code: value['code'] as number, reason: value['reason'] } };
    case 'log/detail':
      if (!isRequestId(value['requestId'])) return { ok: false, reason: 'requestId must be a non-negative integer' };
      if (!isRequestId(value['id'])) return { ok: false, reason: 'id must be a non-negative integer' };
      return { ok: true, message: { type: 'log/detail', requestId: value['requestId'], id: value['id'] } };
    case 'connection/send':
    case 'connection/control':
    case 'connection/repeat':
    case 'connection/stopRepeat':
    case 'composer/watch':
      return parseComposerRequest(value);
    default:
      return { ok: false, reason: `unknown message type "${String(value['type'])}"` };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

// ── composer: sending data, control frames and repeats (validated in composer/composerRequests.ts) ──

/** A payload as the composer hands it over: text as typed, or bytes as standard base64. */
export type ComposedPayload = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'binary'; readonly base64: string };

/** Send one data message, in one frame or cut into `fragments` frames (RFC 6455 §5.4). */
export interface SendMessageRequest {
  readonly type: 'connection/send';
  readonly requestId: number;
  readonly payload: ComposedPayload;
  readonly fragments: number;
}

/** Send a ping or a pong; its payload is at most 125 bytes (RFC 6455 §5.5). */
export interface SendControlRequest {
  readonly type: 'connection/control';
  readonly requestId: number;
  readonly opcode: 'ping' | 'pong';
  readonly payload: ComposedPayload;
}

/** Send a data message every `everyMs` ms, on the host, until stopped or closed; replaces a running repeat. */
export interface StartRepeatRequest {
  readonly type: 'connection/repeat';
  readonly requestId: number;
  readonly payload: ComposedPayload;
  readonly everyMs: number;
}

/** Stop the running repeat, if any. */
export interface StopRepeatRequest {
  readonly type: 'connection/stopRepeat';
  readonly requestId: number;
}

/** The composer wants a `host/composer` now and on every change of the repeat. */
export interface WatchComposerRequest {
  readonly type: 'composer/watch';
  readonly requestId: number;
}

export type ComposerRequest = SendMessageRequest | SendControlRequest | StartRepeatRequest | StopRepeatRequest | WatchComposerRequest;

/** A close code from the registry (RFC 6455 §7.4, IANA), for the composer's picker. */
export interface CloseCodeView {
  readonly code: number;
  readonly name: string;
  readonly meaning: string;
  /** False for codes an endpoint must not send (1004-1006, 1015). */
  readonly sendable: boolean;
}

/** The host's repeat: running, or how it ended. */
export interface RepeatView {
  readonly everyMs: number;
  readonly running: boolean;
  /** Sends made; set once it stopped. */
  readonly sent?: number;
  /** Why it stopped, when not by request. */
  readonly stoppedBecause?: string;
}

/** What the composer needs from the host: the close codes, and the repeat's state. */
export interface ComposerUpdateMessage {
  readonly type: 'host/composer';
  readonly closeCodes: readonly CloseCodeView[];
  readonly repeat?: RepeatView;
}
