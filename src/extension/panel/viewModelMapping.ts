import type { ClientConnection } from '../../core/client/clientConnection';
import type { ConnectionSnapshot } from '../../core/client/connectionTypes';
import { previewPayload } from '../../core/log/payloadPreview';
import type { LogEntry, SessionLog } from '../../core/log/sessionLog';
import type { ConnectionView, CountersView, HandshakeView, MessageSummary } from '../../shared/viewModels';

/** Characters of a payload sent to the panel for its list row. */
const PREVIEW_CHARS = 160;

export function toConnectionView(connection: ClientConnection): ConnectionView {
  const snapshot = connection.snapshot();
  return {
    id: snapshot.id,
    url: snapshot.url,
    state: snapshot.state,
    handshake: toHandshakeView(snapshot),
    lifecycle: snapshot.lifecycle,
    close: snapshot.close,
    error: snapshot.error,
    counters: toCountersView(connection.log),
  };
}

export function toCountersView(log: SessionLog): CountersView {
  return { ...log.totals, evicted: log.evictedEntries };
}

export function toMessageSummary(entry: LogEntry): MessageSummary {
  const preview = previewPayload(entry.kind, entry.payload, PREVIEW_CHARS);
  return {
    id: entry.id,
    time: entry.time,
    direction: entry.direction,
    kind: entry.kind,
    size: entry.payload.byteLength,
    preview: preview.text,
    truncated: preview.truncated,
    frames: entry.wire?.frames.length ?? 0,
    compressed: entry.wire?.compressed ?? false,
    wireSize: entry.wire?.wireLength,
    violations: entry.wire?.violations ?? [],
    rttMs: entry.rttMs,
    undelivered: entry.undelivered?.reason,
  };
}

function toHandshakeView({ handshake }: ConnectionSnapshot): HandshakeView {
  const { request, response } = handshake;
  return {
    requestLine: request && `${request.method} ${request.path} HTTP/1.1`,
    requestHeaders: request?.headers ?? [],
    statusLine: response && `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage}`.trim(),
    statusCode: response?.statusCode,
    responseHeaders: response?.headers ?? [],
    responseBody: response?.body,
    accept: handshake.accept,
    protocol: handshake.protocol,
    extensions: handshake.extensions,
    tls: handshake.tls,
  };
}
