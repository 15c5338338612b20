import type { ClientConnection } from '../../core/client/clientConnection';
import { previewPayload } from '../../core/log/payloadPreview';
import { messageSize, type LogEntry, type SessionLog } from '../../core/log/sessionLog';
import type { FrameRecord } from '../../core/protocol/frameDecoder';
import { windowLifecycle } from '../../shared/lifecycleWindow';
import type { ConnectionView, CountersView, FrameView, MessageDetail, MessageSummary } from '../../shared/viewModels';
import { toHandshakeView } from './handshakeMapping';

/** Characters of a payload sent to the panel for its list row. */
const PREVIEW_CHARS = 160;
/** Payload bytes sent to the panel's detail view; a larger payload is cut there (and says so). */
export const DETAIL_PAYLOAD_BYTES = 1024 * 1024;

export function toConnectionView(connection: ClientConnection): ConnectionView {
  const snapshot = connection.snapshot();
  return {
    id: snapshot.id,
    url: snapshot.url,
    state: snapshot.state,
    handshake: toHandshakeView(snapshot.handshake),
    ...windowLifecycle(snapshot.lifecycle, snapshot.lifecycleEarlier),
    close: snapshot.close,
    error: snapshot.error,
    counters: toCountersView(connection.log),
  };
}

export function toCountersView(log: SessionLog): CountersView {
  const rtt = log.lastRttMs;
  return { ...log.totals, evicted: log.evictedEntries, ...(rtt !== undefined && { lastRttMs: rtt }) };
}

export function toMessageSummary(entry: LogEntry): MessageSummary {
  const preview = previewPayload(entry.kind, entry.payload, PREVIEW_CHARS);
  return {
    id: entry.id,
    time: entry.time,
    direction: entry.direction,
    kind: entry.kind,
    // What crossed; the preview and the payload show a hidden value as ***.
    size: messageSize(entry),
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

export function toMessageDetail(entry: LogEntry): MessageDetail {
  const payload = entry.payload;
  const cut = payload.byteLength > DETAIL_PAYLOAD_BYTES;
  const shown = cut ? payload.subarray(0, DETAIL_PAYLOAD_BYTES) : payload;
  const closeFrame = entry.kind === 'close' ? entry.wire?.frames[0] : undefined;
  return {
    summary: toMessageSummary(entry),
    payloadBase64: Buffer.from(shown.buffer, shown.byteOffset, shown.byteLength).toString('base64'),
    payloadCut: cut,
    frames: (entry.wire?.frames ?? []).map(toFrameView),
    ...(closeFrame && { close: { code: closeFrame.closeCode, reason: closeFrame.closeReason ?? '' } }),
  };
}

export function toFrameView(frame: FrameRecord): FrameView {
  return {
    index: frame.index,
    offset: frame.offset,
    time: frame.time,
    fin: frame.fin,
    rsv1: frame.rsv1,
    rsv2: frame.rsv2,
    rsv3: frame.rsv3,
    opcode: frame.opcode,
    opcodeName: frame.opcodeName,
    masked: frame.masked,
    ...(frame.maskingKey !== null && { maskingKey: (frame.maskingKey >>> 0).toString(16).padStart(8, '0') }),
    payloadLength: frame.payloadLength,
    lengthEncoding: frame.lengthEncoding,
    minimalLength: frame.minimalLength,
    headerLength: frame.headerLength,
    violations: frame.violations,
  };
}
