import type { Handshake, HandshakeTiming, HeaderList } from '../client/connectionTypes';
import { startedAt } from '../client/keptLifecycle';
import type { LogEntry, MessageKind } from '../log/sessionLog';
import { base64, logEntries, strictText, type ExportOptions, type ExportSource } from './exportSource';
import { redactExportedHeaders } from '../redaction/redactHeaders';
import { redactUrl } from '../redaction/redactUrl';

/** RFC 6455 §5.2 opcodes, as Chrome writes them in `_webSocketMessages`. */
const OPCODES: Record<MessageKind, number> = { text: 1, binary: 2, close: 8, ping: 9, pong: 10 };

/** One message as Chrome DevTools writes it in a HAR's `_webSocketMessages`. */
export interface HarWebSocketMessage {
  readonly type: 'send' | 'receive';
  /** Seconds since the epoch. */
  readonly time: number;
  readonly opcode: number;
  readonly data: string;
}

/**
 * A message as Chrome writes it. Its rule (CDP's `WebSocketFrame.payloadData`): opcode 1 is the
 * text itself, any other opcode is base64. Chrome does not record control frames; ours follow the
 * same rule, so a close is its raw payload (2-byte code, then the reason) in base64.
 */
export function harMessage(entry: LogEntry): HarWebSocketMessage {
  const opcode = OPCODES[entry.kind];
  // Invalid UTF-8 in a text message: Chrome shows it with replacement characters too.
  const data = opcode === 1 ? (strictText(entry.payload) ?? new TextDecoder().decode(entry.payload)) : base64(entry.payload);
  return { type: entry.direction === 'out' ? 'send' : 'receive', time: entry.time / 1000, opcode, data };
}

/** Where the messages start in the file harChunks writes, and what closes it after them (readHarHead reads the head up to them). */
export const HAR_MESSAGES_OPEN = '"_webSocketMessages":[';
export const HAR_MESSAGES_CLOSE = ']}]}}';

/**
 * The session as a HAR 1.2 file with one entry, the upgrade, carrying the messages as Chrome
 * DevTools does. Emitted in pieces (one per message), so a big log is never one string.
 */
export async function* harChunks(source: ExportSource, options: ExportOptions): AsyncGenerator<string> {
  const head = harLog(source, options);
  const entry = JSON.stringify(head.entry);
  // The entry's JSON without its closing brace, so the messages can follow as they are read.
  yield `{"log":{"version":"1.2","creator":${JSON.stringify(head.creator)},"pages":[],"entries":[${entry.slice(0, -1)},${HAR_MESSAGES_OPEN}`;
  let first = true;
  for await (const message of logEntries(source.log, options.pageSize)) {
    yield (first ? '\n' : ',\n') + JSON.stringify(harMessage(message));
    first = false;
  }
  yield `${HAR_MESSAGES_CLOSE}\n`;
}

function harLog({ snapshot }: ExportSource, options: ExportOptions) {
  const url = redactUrl(snapshot.url);
  const { handshake } = snapshot;
  const timing = handshake.timing;
  const timings = harTimings(timing);
  const started = timing?.start ?? startedAt(snapshot) ?? Date.now();
  return {
    creator: { name: 'Socket Lens', version: options.version },
    entry: {
      startedDateTime: new Date(started).toISOString(),
      time: totalTime(timings),
      request: harRequest(url, handshake),
      response: harResponse(handshake),
      cache: {},
      timings,
      _resourceType: 'websocket',
    },
  };
}

function harRequest(url: string, handshake: Handshake) {
  const query = [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  return {
    method: handshake.request?.method ?? 'GET',
    url,
    httpVersion: 'HTTP/1.1',
    headers: harHeaders(handshake.request?.headers),
    queryString: query,
    cookies: [],
    headersSize: -1,
    bodySize: 0,
  };
}

function harResponse(handshake: Handshake) {
  const response = handshake.response;
  return {
    // 0: no response arrived (HAR 1.2 has no other way to say so).
    status: response?.statusCode ?? 0,
    statusText: response?.statusMessage ?? '',
    httpVersion: response ? `HTTP/${response.httpVersion}` : '',
    headers: harHeaders(response?.headers),
    cookies: [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL: '',
    headersSize: -1,
    bodySize: 0,
  };
}

function harHeaders(headers: HeaderList | undefined): { name: string; value: string }[] {
  return redactExportedHeaders(headers).map(([name, value]) => ({ name, value }));
}

/** HAR timings in ms; -1 for a step that did not happen (HAR 1.2: `ssl` is also inside `connect`). */
function harTimings(timing: HandshakeTiming | undefined) {
  const span = (from: number | undefined, to: number | undefined) => (from !== undefined && to !== undefined ? round(to - from) : -1);
  if (!timing) return { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 };
  const connected = timing.tlsEstablished ?? timing.proxyConnected ?? timing.tcpConnected;
  return {
    blocked: -1,
    dns: span(timing.start, timing.dnsResolved),
    connect: span(timing.dnsResolved ?? timing.start, connected),
    ssl: span(timing.tcpConnected, timing.tlsEstablished),
    send: Math.max(0, span(connected, timing.upgradeSent)),
    wait: Math.max(0, span(timing.upgradeSent, timing.responseReceived)),
    receive: 0,
  };
}

/** The entry's time: every phase but `ssl`, which HAR 1.2 counts inside `connect`. */
function totalTime(timings: ReturnType<typeof harTimings>): number {
  const { blocked, dns, connect, send, wait, receive } = timings;
  return round([blocked, dns, connect, send, wait, receive].reduce((sum, t) => sum + Math.max(0, t), 0));
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
