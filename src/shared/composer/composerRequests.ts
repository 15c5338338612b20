/** Checks the composer's requests from the webview (parseWebviewMessage hands them here). */
import type { ComposedPayload, WebviewToHostMessage } from '../protocol';
import { isRecord, isRequestId, MAX_COMPOSED_TEXT_CHARS } from '../messageChecks';
import { MAX_BASE64_CHARS, MAX_FRAGMENTS, MAX_REPEAT_MS, MAX_SAVED_MESSAGE_NAME_CHARS, MIN_REPEAT_MS } from './composerLimits';

type Parsed = { ok: true; message: WebviewToHostMessage } | { ok: false; reason: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parseComposerRequest(value: Record<string, unknown>): Parsed {
  const id = value['requestId'];
  if (!isRequestId(id)) return { ok: false, reason: 'requestId must be a non-negative integer' };
  switch (value['type']) {
    case 'connection/send':
      return withPayload(value, (payload, references) => {
        const fragments = value['fragments'];
        if (!Number.isInteger(fragments) || (fragments as number) < 1 || (fragments as number) > MAX_FRAGMENTS) return { ok: false, reason: `fragments must be a whole number from 1 to ${MAX_FRAGMENTS}` };
        return { ok: true, message: { type: 'connection/send', requestId: id, payload, fragments: fragments as number, ...references } };
      });
    case 'connection/control':
      return withPayload(value, (payload) => {
        const opcode = value['opcode'];
        if (opcode !== 'ping' && opcode !== 'pong') return { ok: false, reason: 'opcode must be "ping" or "pong"' };
        return { ok: true, message: { type: 'connection/control', requestId: id, opcode, payload } };
      });
    case 'connection/repeat':
      return withPayload(value, (payload, references) => {
        const everyMs = value['everyMs'];
        if (!Number.isInteger(everyMs) || (everyMs as number) < MIN_REPEAT_MS || (everyMs as number) > MAX_REPEAT_MS) return { ok: false, reason: `everyMs must be a whole number of milliseconds from ${MIN_REPEAT_MS} to ${MAX_REPEAT_MS}` };
        return { ok: true, message: { type: 'connection/repeat', requestId: id, payload, everyMs: everyMs as number, ...references } };
      });
    case 'connection/stopRepeat':
      return { ok: true, message: { type: 'connection/stopRepeat', requestId: id } };
    case 'composer/watch':
      return { ok: true, message: { type: 'composer/watch', requestId: id } };
    case 'composer/sendSaved': {
      const name = value['name'];
      if (typeof name !== 'string' || name === '' || name.length > MAX_SAVED_MESSAGE_NAME_CHARS) return { ok: false, reason: `name must be a saved message's name: a string of 1 to ${MAX_SAVED_MESSAGE_NAME_CHARS} characters` };
      return { ok: true, message: { type: 'composer/sendSaved', requestId: id, name } };
    }
    default:
      return { ok: false, reason: `unknown message type "${String(value['type'])}"` };
  }
}

/** A payload checked, and `references: true` kept when asked for (it only makes sense for text). */
function withPayload(value: Record<string, unknown>, then: (payload: ComposedPayload, references: { references?: true }) => Parsed): Parsed {
  const payload = parsePayload(value['payload']);
  if (typeof payload === 'string') return { ok: false, reason: payload };
  const references = value['references'];
  if (references !== undefined && typeof references !== 'boolean') return { ok: false, reason: 'references must be true or false' };
  if (references && payload.kind !== 'text') return { ok: false, reason: 'references can only be filled in in a text payload' };
  return then(payload, references ? { references } : {});
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
