/** Checks the composer's requests from the webview (parseWebviewMessage hands them here). */
import type { ComposedPayload, WebviewToHostMessage } from '../protocol';
import { isRecord, isRequestId, MAX_COMPOSED_TEXT_CHARS } from '../messageChecks';
import { MAX_BASE64_CHARS, MAX_FRAGMENTS, MAX_REPEAT_MS, MIN_REPEAT_MS } from './composerLimits';

type Parsed = { ok: true; message: WebviewToHostMessage } | { ok: false; reason: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parseComposerRequest(value: Record<string, unknown>): Parsed {
  const id = value['requestId'];
  if (!isRequestId(id)) return { ok: false, reason: 'requestId must be a non-negative integer' };
  switch (value['type']) {
    case 'connection/send':
      return withPayload(value, (payload) => {
        const fragments = value['fragments'];
        if (!Number.isInteger(fragments) || (fragments as number) < 1 || (fragments as number) > MAX_FRAGMENTS) return { ok: false, reason: `fragments must be a whole number from 1 to ${MAX_FRAGMENTS}` };
        return { ok: true, message: { type: 'connection/send', requestId: id, payload, fragments: fragments as number } };
      });
    case 'connection/control':
      return withPayload(value, (payload) => {
        const opcode = value['opcode'];
        if (opcode !== 'ping' && opcode !== 'pong') return { ok: false, reason: 'opcode must be "ping" or "pong"' };
        return { ok: true, message: { type: 'connection/control', requestId: id, opcode, payload } };
      });
    case 'connection/repeat':
      return withPayload(value, (payload) => {
        const everyMs = value['everyMs'];
        if (!Number.isInteger(everyMs) || (everyMs as number) < MIN_REPEAT_MS || (everyMs as number) > MAX_REPEAT_MS) return { ok: false, reason: `everyMs must be a whole number of milliseconds from ${MIN_REPEAT_MS} to ${MAX_REPEAT_MS}` };
        return { ok: true, message: { type: 'connection/repeat', requestId: id, payload, everyMs: everyMs as number } };
      });
    case 'connection/stopRepeat':
      return { ok: true, message: { type: 'connection/stopRepeat', requestId: id } };
    case 'composer/watch':
      return { ok: true, message: { type: 'composer/watch', requestId: id } };
    default:
      return { ok: false, reason: `unknown message type "${String(value['type'])}"` };
  }
}

function withPayload(value: Record<string, unknown>, then: (payload: ComposedPayload) => Parsed): Parsed {
  const payload = parsePayload(value['payload']);
  return typeof payload === 'string' ? { ok: false, reason: payload } : then(payload);
}

/** The payload, or why it is not one. */
function parsePayload(raw: unknown): ComposedPayload | string {
  if (!isRecord(raw)) return 'payload must be an object';
  const { kind, text, base64 } = raw;
  if (kind === 'text') {
    if (typeof text !== 'string') return 'payload.text must be a string';
    if (text.length > MAX_COMPOSED_TEXT_CHARS) return `payload.text is longer than ${MAX_COMPOSED_TEXT_CHARS} characters`;
    return { kind, text };
  }
  if (kind === 'binary') {
    if (typeof base64 !== 'string') return 'payload.base64 must be a string';
    if (base64.length > MAX_BASE64_CHARS) return `payload.base64 is longer than ${MAX_BASE64_CHARS} characters`;
    if (base64.length % 4 !== 0 || !BASE64.test(base64)) return 'payload.base64 must be standard base64 with padding';
    return { kind, base64 };
  }
  return 'payload.kind must be "text" or "binary"';
}
