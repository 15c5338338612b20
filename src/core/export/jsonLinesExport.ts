import type { HeaderList } from '../client/connectionTypes';
import { startedAt } from '../client/keptLifecycle';
import { messageSize, type LogEntry } from '../log/sessionLog';
import { HIDDEN } from '../redaction/hidden';
import { redactExportedHeaders } from '../redaction/redactHeaders';
import { redactRequestPath, redactUrl } from '../redaction/redactUrl';
import { base64, closePayload, logEntries, strictText, type ExportOptions, type ExportSource } from './exportSource';

/** Uint8Arrays (frame payload previews, masking keys) as base64, not as JSON objects of indices. */
function bytesAsBase64(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? base64(value) : value;
}

const line = (value: unknown) => `${JSON.stringify(value, bytesAsBase64)}\n`;

/**
 * The session as JSON Lines: a `session` line (URL, handshake, close), a `lifecycle` line per
 * event the connection kept (TCP, TLS, the upgrade, frames of the close, FINs, each reconnect
 * attempt), one `message` line per entry, and a `summary` line with the counters and what the log
 * evicted (and the connection let go of its lifecycle), so what is missing from the file is
 * always counted.
 */
export async function* jsonLinesChunks(source: ExportSource, options: ExportOptions): AsyncGenerator<string> {
  const { snapshot, log } = source;
  yield line(sessionLine(source));
  for (const { time, kind, detail } of snapshot.lifecycle) if (kind) yield line({ type: 'lifecycle', time: new Date(time).toISOString(), kind, detail });
  for await (const entry of logEntries(log, options.pageSize)) yield line(messageLine(entry));
  const earlier = snapshot.lifecycleEarlier;
  yield line({
    type: 'summary',
    counters: log.totals,
    evicted: { messages: log.evictedEntries, bytes: log.evictedBytes },
    ...(earlier && { lifecycleEarlier: { count: earlier.count, since: new Date(earlier.since).toISOString() } }),
  });
}

/** The chosen subprotocol, unless the connection kept its subprotocols secret (its request header was redacted). */
function protocolShown(protocol: string | undefined, requestHeaders: HeaderList | undefined): string | undefined {
  const offered = requestHeaders?.find(([name]) => name.toLowerCase() === 'sec-websocket-protocol')?.[1];
  return protocol && offered === HIDDEN ? HIDDEN : protocol;
}

function sessionLine({ snapshot }: ExportSource) {
  const { handshake } = snapshot;
  const request = handshake.request && { ...handshake.request, path: redactRequestPath(handshake.request.path), headers: redactExportedHeaders(handshake.request.headers) };
  const response = handshake.response && { ...handshake.response, headers: redactExportedHeaders(handshake.response.headers) };
  const started = handshake.timing?.start ?? startedAt(snapshot);
  return {
    type: 'session',
    url: redactUrl(snapshot.url),
    startedAt: started === undefined ? undefined : new Date(started).toISOString(),
    handshake: { request, response, protocol: protocolShown(handshake.protocol, request?.headers), extensions: handshake.extensions },
    close: snapshot.close,
  };
}

function messageLine(entry: LogEntry) {
  const text = entry.kind === 'text' ? strictText(entry.payload) : undefined;
  return {
    type: 'message',
    id: entry.id,
    time: new Date(entry.time).toISOString(),
    direction: entry.direction,
    kind: entry.kind,
    // The size that crossed the wire is the truth, as the summary's counters count it; the
    // payload below is written as the log stores it, a hidden value as ***, so with one the
    // size is larger or smaller than the text or base64 written.
    size: messageSize(entry),
    // Not valid UTF-8 (a text message is not always): base64, so no byte is lost.
    ...(text === undefined ? { base64: base64(entry.payload) } : { text }),
    ...(entry.kind === 'close' ? { close: closePayload(entry.payload) } : {}),
    ...(entry.wire ? { frames: entry.wire.frames, compressed: entry.wire.compressed } : {}),
    ...(entry.wire?.violations.length ? { violations: entry.wire.violations } : {}),
    ...(entry.rttMs === undefined ? {} : { rttMs: entry.rttMs }),
    ...(entry.undelivered ? { undelivered: entry.undelivered } : {}),
  };
}
