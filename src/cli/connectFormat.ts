import { violationTag } from '../core/protocol/violations';
import type { LifecycleEvent } from '../core/client/connectionTypes';
import { previewPayload } from '../core/log/payloadPreview';
import { messageSize, type LogEntry } from '../core/log/sessionLog';
import type { FrameRecord } from '../core/protocol/frameDecoder';
import { decodeUtf8Strict } from '../core/protocol/utf8Stream';
import { formatBytes, formatClockTime } from '../shared/format';
import { frameHeaderJson, jsonViolations } from './decodeFormat';

export interface ConnectOutput {
  /** Messages (and, with --json, everything). */
  readonly out: (line: string) => void;
  /** Lifecycle events in the listing. */
  readonly err: (line: string) => void;
}

/** What `socket-lens connect` prints: lifecycle events and log entries (with their frames). */
export interface ConnectPrinter {
  event(event: LifecycleEvent): void;
  message(entry: LogEntry): void;
}

export function textConnectPrinter(io: ConnectOutput, prefix = ''): ConnectPrinter {
  return {
    event: (e) => io.err(`${formatClockTime(e.time)} ${prefix}* ${e.kind}${e.detail ? ` ${e.detail}` : ''}`),
    message: (m) => {
      const preview = previewPayload(m.kind, m.payload, 2000);
      const arrow = m.direction === 'in' ? '<' : '>';
      io.out(`${formatClockTime(m.time)} ${prefix}${arrow} ${m.kind} ${formatBytes(messageSize(m))} ${wireNotes(m)}${preview.text}${preview.truncated ? '…' : ''}`);
    },
  };
}

/**
 * One JSON object per line: `event`, then for each log entry its `frame`s (the fields of
 * `decode --json` plus direction, time and the message's id) and the `message`. A stable
 * contract for scripts: fields may be added, existing ones keep their meaning.
 */
export function jsonConnectPrinter(io: ConnectOutput, extra: Readonly<Record<string, unknown>> = {}): ConnectPrinter {
  // `extra` goes into every object after `type` (the mock adds the client's id).
  const print = ({ type, ...rest }: { type: string } & Record<string, unknown>) => io.out(JSON.stringify({ type, ...extra, ...rest }));
  return {
    event: (e) => print({ type: 'event', time: e.time, kind: e.kind, detail: e.detail ?? null }),
    message: (m) => {
      const payloads = framePayloads(m);
      (m.wire?.frames ?? []).forEach((f, k) => print({ type: 'frame', direction: m.direction, time: f.time, messageId: m.id, ...frameJson(f, payloads[k], m.kind === 'text') }));
      const text = m.kind === 'text' ? asText(m.payload) : null;
      print({
        type: 'message',
        id: m.id,
        time: m.time,
        direction: m.direction,
        kind: m.kind,
        size: messageSize(m),
        // Valid text as text; anything else (binary, control payloads, invalid UTF-8) as base64, so no byte is lost.
        encoding: text === null ? 'base64' : 'utf8',
        data: text ?? Buffer.from(m.payload).toString('base64'),
        frames: m.wire?.frames.length ?? 0,
        compressed: m.wire?.compressed ?? false,
        wireLength: m.wire?.wireLength ?? null,
        rttMs: m.rttMs ?? null,
        violations: jsonViolations(m.wire?.violations ?? []),
        undelivered: m.undelivered?.reason ?? null,
      });
    },
  };
}

function frameJson(f: FrameRecord, payload: Uint8Array | undefined, inText: boolean): Record<string, unknown> {
  return {
    ...frameHeaderJson(f),
    payloadHex: payload === undefined ? null : Buffer.from(payload).toString('hex'),
    payloadTruncated: false,
    text: payload !== undefined && inText ? asText(payload) : null,
    closeCode: f.closeCode ?? null,
    closeReason: f.closeReason ?? null,
    messageIndex: f.messageIndex ?? null,
    violations: jsonViolations(f.violations),
  };
}

/** Each frame's payload as it crossed the wire: control frames carry theirs; an uncompressed message is cut at its frames' lengths. Compressed: unknown. */
function framePayloads(m: LogEntry): (Uint8Array | undefined)[] {
  const frames = m.wire?.frames ?? [];
  if (m.wire?.compressed) return frames.map(() => undefined);
  if (frames.length === 1 && frames[0]!.payloadPreview) return [frames[0]!.payloadPreview];
  let at = 0;
  return frames.map((f) => {
    const part = at + f.payloadLength <= m.payload.byteLength ? m.payload.subarray(at, at + f.payloadLength) : undefined;
    at += f.payloadLength;
    return part;
  });
}

function asText(bytes: Uint8Array): string | null {
  return decodeUtf8Strict(bytes) ?? null;
}

/** "[2 frames] [deflate] [✗ RFC 6455 §8.1 → 1007] " — what the wire adds to a message line. */
function wireNotes(m: LogEntry): string {
  const notes: string[] = [];
  for (const v of m.wire?.violations ?? []) notes.push(violationTag(v));
  if (m.undelivered) notes.push('not delivered');
  if ((m.wire?.frames.length ?? 0) > 1) notes.push(`${m.wire!.frames.length} frames`);
  if (m.wire?.compressed) notes.push(`deflate ${formatBytes(m.wire.wireLength)} on the wire`);
  if (m.rttMs !== undefined) notes.push(`rtt ${m.rttMs.toFixed(2)} ms`);
  return notes.map((n) => `[${n}] `).join('');
}
