/**
 * The one definition of what crosses between the panel host (extension) and the webview.
 * Requests carry `requestId` and are answered by exactly one `host/result`.
 */
import { parseComposerRequest } from './composer/composerRequests';
import { isRecord, isRequestId } from './messageChecks';
import type { ConnectionView, ConversationView, CountersView, DirectionView, LogFilterView, LogPageView, MessageDetail, MessageKindView } from './viewModels';

// ── webview → host ────────────────────────────────────────────────────────────

/** The webview has loaded and wants everything needed to paint. */
export interface ReadyMessage {
  readonly type: 'webview/ready';
  /** The filter the panel had when it was last open; the snapshot is drawn through it. */
  readonly filter?: LogFilterView;
}

/** Start the closing handshake. */
export interface DisconnectRequest {
  readonly type: 'connection/disconnect';
  readonly requestId: number;
  readonly code: number;
  readonly reason: string;
}

/** Close the connection if it is open and connect again with the same options (our client connections only). */
export interface ReconnectRequest {
  readonly type: 'connection/reconnect';
  readonly requestId: number;
}

/** Everything about one logged message (its payload and frames), answered with `value`. */
export interface MessageDetailRequest {
  readonly type: 'log/detail';
  readonly requestId: number;
  /** The message's id (MessageSummary.id). */
  readonly id: number;
}

/** Rows of the log by position, for the part of the list in view; answered with a LogPageView. */
export interface LogRangeRequest {
  readonly type: 'log/range';
  readonly requestId: number;
  readonly start: number;
  /** At most MAX_RANGE_ROWS. */
  readonly count: number;
}

/** Save one message's whole payload to a file the user picks; answered with where it went (nothing when cancelled). */
export interface SavePayloadRequest {
  readonly type: 'log/savePayload';
  readonly requestId: number;
  /** The message's id (MessageSummary.id). */
  readonly id: number;
}

/** A sample of the conversation for the sequence diagram; answered with a ConversationView. */
export interface ConversationRequest {
  readonly type: 'log/conversation';
  readonly requestId: number;
}

/** Show only the messages that pass `filter` (empty: all); answered with the newest rows through it. */
export interface LogFilterRequest {
  readonly type: 'log/filter';
  readonly requestId: number;
  readonly filter: LogFilterView;
}

export type WebviewRequest = DisconnectRequest | ReconnectRequest | MessageDetailRequest | LogRangeRequest | LogFilterRequest | ConversationRequest | SavePayloadRequest | ComposerRequest;
export type WebviewToHostMessage = ReadyMessage | WebviewRequest;

// ── host → webview ────────────────────────────────────────────────────────────

/** Everything needed to paint, in answer to `webview/ready`. */
export interface SnapshotMessage {
  readonly type: 'host/snapshot';
  readonly connection: ConnectionView;
  /** The filter in effect: the one the panel asked for, or none if it no longer parses. */
  readonly filter: LogFilterView;
  /** The newest rows through that filter; older ones are fetched by range. */
  readonly log: LogPageView;
}

/** The connection's state, handshake, lifecycle or counters changed. */
export interface ConnectionUpdateMessage {
  readonly type: 'host/connection';
  readonly connection: ConnectionView;
}

/**
 * The log grew (or lost its oldest rows): its new bounds through the panel's filter, and the
 * newest of the rows added since the last update (at most TAIL_ROWS; older ones by range).
 */
export interface MessagesAppendedMessage {
  readonly type: 'host/messages';
  readonly log: LogPageView;
  /** Counters as of the last message in this batch. */
  readonly counters: CountersView;
}

/** What each request that asks for something is answered with; the others get no value. */
export interface ResultValues {
  readonly 'log/detail': MessageDetail;
  readonly 'log/range': LogPageView;
  readonly 'log/filter': LogPageView;
  readonly 'log/conversation': ConversationView;
  readonly 'log/savePayload': { readonly savedTo?: string };
}

/** The value a request of type `T` is answered with. */
export type ResultOf<T extends WebviewRequest['type']> = T extends keyof ResultValues ? ResultValues[T] : undefined;

/** The answer to one request. */
export type ResultMessage =
  /** `value`: what a request asks for (see ResultValues); absent for commands. */
  | { readonly type: 'host/result'; readonly requestId: number; readonly ok: true; readonly value?: ResultValues[keyof ResultValues] }
  | { readonly type: 'host/result'; readonly requestId: number; readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export type HostToWebviewMessage = SnapshotMessage | ConnectionUpdateMessage | MessagesAppendedMessage | ResultMessage | ComposerUpdateMessage;

/** The most rows one `log/range` may ask for. */
export const MAX_RANGE_ROWS = 2000;
/** The most new rows one `host/messages` carries; the list fetches older ones if it needs them. */
export const TAIL_ROWS = 150;
/** Longest text a filter may hold. */
const MAX_FILTER_TEXT_CHARS = 10_000;

export { MAX_COMPOSED_TEXT_CHARS } from './messageChecks';

/**
 * Checks a message from the webview: anything malformed is rejected with a reason instead of
 * reaching the socket.
 */
export function parseWebviewMessage(value: unknown): { ok: true; message: WebviewToHostMessage } | { ok: false; reason: string } {
  if (!isRecord(value) || typeof value['type'] !== 'string') return { ok: false, reason: 'not an object with a string "type"' };
  switch (value['type']) {
    case 'webview/ready': {
      if (value['filter'] === undefined) return { ok: true, message: { type: 'webview/ready' } };
      const filter = parseFilter(value['filter']);
      return typeof filter === 'string' ? { ok: false, reason: filter } : { ok: true, message: { type: 'webview/ready', filter } };
    }
    case 'connection/disconnect':
      if (!isRequestId(value['requestId'])) return { ok: false, reason: 'requestId must be a non-negative integer' };
      if (!Number.isInteger(value['code'])) return { ok: false, reason: 'code must be an integer' };
      if (typeof value['reason'] !== 'string') return { ok: false, reason: 'reason must be a string' };
      return { ok: true, message: { type: 'connection/disconnect', requestId: value['requestId'], code: value['code'] as number, reason: value['reason'] } };
    case 'connection/reconnect':
      if (!isRequestId(value['requestId'])) return { ok: false, reason: 'requestId must be a non-negative integer' };
      return { ok: true, message: { type: 'connection/reconnect', requestId: value['requestId'] } };
    case 'log/detail':
      if (!isRequestId(value['requestId'])) return { ok: false, reason: 'requestId must be a non-negative integer' };
      if (!isRequestId(value['id'])) return { ok: false, reason: 'id must be a non-negative integer' };
      return { ok: true, message: { type: 'log/detail', requestId: value['requestId'], id: value['id'] } };
    case 'log/range':
      if (!isRequestId(value['requestId'])) return { ok: false, reason: 'requestId must be a non-negative integer' };
      if (!isRequestId(value['start'])) return { ok: false, reason: 'start must be a non-negative integer' };
      if (!isRequestId(value['count']) || value['count'] > MAX_RANGE_ROWS) return { ok: false, reason: `count must be an integer from 0 to ${MAX_RANGE_ROWS}` };
      return { ok: true, message: { type: 'log/range', requestId: value['requestId'], start: value['start'], count: value['count'] } };
    case 'log/savePayload':
      if (!isRequestId(value['requestId'])) return { ok: false, reason: 'requestId must be a non-negative integer' };
      if (!isRequestId(value['id'])) return { ok: false, reason: 'id must be a non-negative integer' };
      return { ok: true, message: { type: 'log/savePayload', requestId: value['requestId'], id: value['id'] } };
    case 'log/conversation':
      if (!isRequestId(value['requestId'])) return { ok: false, reason: 'requestId must be a non-negative integer' };
      return { ok: true, message: { type: 'log/conversation', requestId: value['requestId'] } };
    case 'log/filter': {
      if (!isRequestId(value['requestId'])) return { ok: false, reason: 'requestId must be a non-negative integer' };
      const filter = parseFilter(value['filter']);
      return typeof filter === 'string' ? { ok: false, reason: filter } : { ok: true, message: { type: 'log/filter', requestId: value['requestId'], filter } };
    }
    case 'connection/send':
    case 'connection/control':
    case 'connection/repeat':
    case 'connection/stopRepeat':
    case 'composer/watch':
    case 'composer/sendSaved':
      return parseComposerRequest(value);
    default:
      return { ok: false, reason: `unknown message type "${String(value['type'])}"` };
  }
}

const DIRECTIONS: readonly DirectionView[] = ['in', 'out'];
const KINDS: readonly MessageKindView[] = ['text', 'binary', 'ping', 'pong', 'close'];

/** A filter from the webview, checked field by field; a string says what is wrong. */
function parseFilter(value: unknown): LogFilterView | string {
  if (!isRecord(value)) return 'filter must be an object';
  const { direction, kinds, text, regex, ignoreCase, jsonPath } = value;
  if (direction !== undefined && !DIRECTIONS.includes(direction as DirectionView)) return 'filter.direction must be "in" or "out"';
  if (kinds !== undefined && (!Array.isArray(kinds) || !kinds.every((k) => KINDS.includes(k as MessageKindView)))) return `filter.kinds must be a list of ${KINDS.join(', ')}`;
  for (const [name, field] of [['text', text], ['jsonPath', jsonPath]] as const) {
    if (field !== undefined && (typeof field !== 'string' || field.length > MAX_FILTER_TEXT_CHARS)) return `filter.${name} must be a string of at most ${MAX_FILTER_TEXT_CHARS} characters`;
  }
  if ((regex !== undefined && typeof regex !== 'boolean') || (ignoreCase !== undefined && typeof ignoreCase !== 'boolean')) return 'filter.regex and filter.ignoreCase must be true or false';
  return {
    ...(direction !== undefined && { direction: direction as DirectionView }),
    ...(kinds !== undefined && { kinds: kinds as MessageKindView[] }),
    ...(text !== undefined && { text: text as string }),
    ...(regex !== undefined && { regex: regex as boolean }),
    ...(ignoreCase !== undefined && { ignoreCase: ignoreCase as boolean }),
    ...(jsonPath !== undefined && { jsonPath: jsonPath as string }),
  };
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
  /** Fill in the text's `${env|var|secret:…}` on the host, from the saved connection this one was opened from. */
  readonly references?: boolean;
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
  /** As for SendMessageRequest: references filled in on the host, once, when the repeat starts. */
  readonly references?: boolean;
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

/** Send the saved message called `name` at once, in one frame, its references filled in on the host. */
export interface SendSavedMessageRequest {
  readonly type: 'composer/sendSaved';
  readonly requestId: number;
  readonly name: string;
}

export type ComposerRequest = SendMessageRequest | SendControlRequest | StartRepeatRequest | StopRepeatRequest | WatchComposerRequest | SendSavedMessageRequest;

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

/** A message kept with the saved connection, as written: its `${…}` references stay unresolved here. */
export interface SavedMessageView {
  readonly name: string;
  readonly text: string;
}

/** The messages of the saved connection a connection was opened from, as its file has them now. */
export interface SavedMessagesView {
  /** The saved connection's name. */
  readonly connection: string;
  readonly messages: readonly SavedMessageView[];
}

/** What the composer needs from the host: the close codes, the repeat's state and the saved messages. */
export interface ComposerUpdateMessage {
  readonly type: 'host/composer';
  readonly closeCodes: readonly CloseCodeView[];
  readonly repeat?: RepeatView;
  /** Absent unless the connection was opened from a saved connection. */
  readonly saved?: SavedMessagesView;
}
