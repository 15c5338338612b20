import { SocketLensError } from '../errors';
import { bytesFromBase64, bytesFromHex } from '../client/outgoing';
import type { MockPayload } from './mockDefinition';
import { renderTemplate, type TemplateContext } from './template';

const utf8 = new TextEncoder();

/**
 * The bytes a payload puts on the wire. Text is a template (filled when `context` is given);
 * `json` is sent as JSON text with every string value inside filled as a template (keys are
 * left alone, and a filled value stays a JSON string); hex and base64 are binary.
 * Throws a `mock/definition` error for a payload the definition check would refuse.
 */
export function payloadBytes(payload: MockPayload, context: TemplateContext | undefined): PayloadBytes {
  let bytes = fixedBytes.get(payload);
  if (bytes) return bytes;
  bytes = encode(payload, context);
  // Binary and text without placeholders are the same bytes every time: encoded once per payload.
  if (!('json' in payload) && !('text' in payload && payload.text.includes('{{'))) fixedBytes.set(payload, bytes);
  return bytes;
}

type PayloadBytes = { readonly kind: 'text' | 'binary'; readonly data: Uint8Array };

const fixedBytes = new WeakMap<MockPayload, PayloadBytes>();

function encode(payload: MockPayload, context: TemplateContext | undefined): PayloadBytes {
  if ('text' in payload) return { kind: 'text', data: utf8.encode(context ? renderTemplate(payload.text, context) : payload.text) };
  if ('json' in payload) return { kind: 'text', data: utf8.encode(jsonText(payload.json, context)) };
  if ('hex' in payload) return { kind: 'binary', data: binary(() => bytesFromHex(payload.hex), 'hex') };
  if ('base64' in payload) return { kind: 'binary', data: binary(() => bytesFromBase64(payload.base64), 'base64') };
  throw new SocketLensError('mock/definition', 'A payload needs one of "text", "json", "hex" or "base64".');
}

function jsonText(value: unknown, context: TemplateContext | undefined): string {
  const text = JSON.stringify(context ? renderStrings(value, context) : value);
  if (text === undefined) throw new SocketLensError('mock/definition', 'The "json" payload is not a JSON value: write an object, array, string, number, boolean or null.');
  return text;
}

function renderStrings(value: unknown, context: TemplateContext): unknown {
  if (typeof value === 'string') return renderTemplate(value, context);
  if (Array.isArray(value)) return value.map((item) => renderStrings(item, context));
  if (typeof value === 'object' && value !== null) {
    // fromEntries defines own keys, so a "__proto__" key stays a key and never becomes the prototype
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderStrings(item, context)]));
  }
  return value;
}

function binary(decode: () => Uint8Array, kind: 'hex' | 'base64'): Uint8Array {
  try {
    return decode();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SocketLensError('mock/definition', `The ${kind} payload is not valid: ${why}`);
  }
}
