import type { MessagesAppendedMessage, SnapshotMessage } from '../../src/shared/protocol';
import type { ConnectionView, CountersView, LifecycleEventView, LogFilterView, LogPageView, MessageSummary } from '../../src/shared/viewModels';

export const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);

export function openConnection(overrides: Partial<ConnectionView> = {}): ConnectionView {
  return {
    id: 'c1',
    url: 'ws://127.0.0.1:9001/chat',
    state: 'open',
    handshake: {
      requestLine: 'GET /chat HTTP/1.1',
      requestHeaders: [
        ['Host', '127.0.0.1:9001'],
        ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
        ['Upgrade', 'websocket'],
      ],
      statusLine: 'HTTP/1.1 101 Switching Protocols',
      statusCode: 101,
      responseHeaders: [['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=']],
      accept: { key: 'dGhlIHNhbXBsZSBub25jZQ==', expected: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=', received: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=', valid: true },
      protocol: 'chat',
      extensions: 'permessage-deflate; client_max_window_bits',
    },
    lifecycle: [
      { time: T0, kind: 'connecting', detail: 'ws://127.0.0.1:9001/chat' },
      { time: T0 + 2, kind: 'tcp-connected', detail: '127.0.0.1:9001' },
      { time: T0 + 4, kind: 'open' },
    ],
    counters: { messagesIn: 1, messagesOut: 1, bytesIn: 3, bytesOut: 5, evicted: 0 },
    ...overrides,
  };
}

/**
 * The lifecycle of a connection to a server that drops it each time, reconnecting: `count`
 * events, 10 an attempt, worded as src/core/client words them.
 */
export function reconnectingSession(count: number): LifecycleEventView[] {
  const events: LifecycleEventView[] = [];
  const at = (ms: number, kind: string, detail?: string) => events.push({ time: T0 + ms, kind, detail });
  for (let attempt = 1; events.length < count; attempt++) {
    const t = (attempt - 1) * 2000;
    at(t, 'connecting', `attempt ${attempt}: wss://echo.example.com/chat`);
    at(t + 3, 'dns-resolved', 'echo.example.com → 93.184.216.34 (IPv4) in 2.9 ms');
    at(t + 20, 'tcp-connected', '93.184.216.34:443 from 192.168.1.20:53122');
    at(t + 60, 'tls-established', 'TLSv1.3 TLS_AES_256_GCM_SHA384');
    at(t + 61, 'upgrade-sent', 'GET /chat HTTP/1.1');
    at(t + 80, 'upgrade-response', '101 Switching Protocols');
    at(t + 81, 'open');
    at(t + 900, 'tcp-fin-received', 'server sent FIN');
    at(t + 901, 'closed', '1006 — TCP closed without a closing handshake (not clean); server ended TCP first');
    at(t + 902, 'reconnect-scheduled', `retry ${attempt} in 1.0 s, after: 1006`);
  }
  return events.slice(0, count);
}

export function message(id: number, overrides: Partial<MessageSummary> = {}): MessageSummary {
  return { id, time: T0 + id, direction: 'in', kind: 'text', size: 5, preview: `msg ${id}`, truncated: false, frames: 1, compressed: false, violations: [], ...overrides };
}

/**
 * Messages as a page of an unfiltered log, where a message's position is its id minus one:
 * from position `first` (default 0) to the newest message given.
 */
export function logPage(messages: readonly MessageSummary[], first = 0): LogPageView {
  const start = messages.length > 0 ? messages[0]!.id - 1 : first;
  return { first, end: start + messages.length, start, messages };
}

/** The host's answer to `webview/ready`: `connection` and `messages` as the newest rows of an unfiltered log. */
export function snapshot(connection: ConnectionView, messages: readonly MessageSummary[] = [], filter: LogFilterView = {}): SnapshotMessage {
  return { type: 'host/snapshot', connection, filter, log: logPage(messages) };
}

/** A `host/messages` update carrying `messages` as the newest rows of an unfiltered log. */
export function appended(messages: readonly MessageSummary[], counters: CountersView, first = 0): MessagesAppendedMessage {
  return { type: 'host/messages', log: logPage(messages, first), counters };
}
