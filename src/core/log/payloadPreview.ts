import { describeCloseCode } from '../protocol/closeCodes';
import { decodeUtf8Strict } from '../protocol/utf8Stream';
import type { MessageKind } from './sessionLog';

export interface PayloadPreview {
  readonly text: string;
  readonly truncated: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * The start of a payload for a list row: text decoded as UTF-8 (invalid bytes shown as U+FFFD,
 * never dropped), binary as hex, pings and pongs as quoted text when they read as text, else hex. Only the first bytes are decoded, so a
 * 16 MiB message costs as little as a short one.
 */
export function previewPayload(kind: MessageKind, payload: Uint8Array, maxChars = 200): PayloadPreview {
  if (kind === 'text') return previewText(payload, maxChars);
  if (kind === 'close') return previewClose(payload, maxChars);
  // A ping or pong payload is bytes, but usually someone typed it: quoted text when it reads as text.
  if ((kind === 'ping' || kind === 'pong') && payload.byteLength > 0 && isPrintableText(payload)) {
    const text = previewText(payload, maxChars);
    return { text: `"${text.text}"`, truncated: text.truncated };
  }
  const bytes = Math.min(payload.byteLength, Math.floor(maxChars / 3));
  return { text: toHex(payload.subarray(0, bytes)), truncated: bytes < payload.byteLength };
}

/** "1000 Normal Closure · bye": the code, its registered name and the reason. */
function previewClose(payload: Uint8Array, maxChars: number): PayloadPreview {
  if (payload.byteLength < 2) return { text: payload.byteLength === 0 ? '(no code)' : `(malformed: ${toHex(payload)})`, truncated: false };
  const code = (payload[0]! << 8) | payload[1]!;
  const reason = previewText(payload.subarray(2), maxChars);
  return { text: `${code} ${describeCloseCode(code).name}${reason.text ? ` · ${reason.text}` : ''}`, truncated: reason.truncated };
}

function previewText(payload: Uint8Array, maxChars: number): PayloadPreview {
  // A UTF-8 code point is at most 4 bytes, so this many bytes always yield maxChars characters.
  const window = payload.subarray(0, maxChars * 4);
  let text = decoder.decode(window);
  const cutInWindow = window.byteLength < payload.byteLength;
  // The window may end inside a code point; drop the replacement char that cut produced.
  if (cutInWindow && text.endsWith('\uFFFD')) text = text.slice(0, -1);
  const end = codePointsEnd(text, maxChars);
  return { text: end < text.length ? text.slice(0, end) : text, truncated: cutInWindow || end < text.length };
}

/** Where the first `max` code points of `text` end (a surrogate pair is one); no array per call, as rows are previewed by the thousand. */
function codePointsEnd(text: string, max: number): number {
  if (text.length <= max) return text.length;
  let at = 0;
  for (let count = 0; count < max && at < text.length; count++) {
    const unit = text.charCodeAt(at);
    at += unit >= 0xd800 && unit <= 0xdbff && at + 1 < text.length && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return at;
}

/** Valid UTF-8 with no control characters but tab. */
function isPrintableText(payload: Uint8Array): boolean {
  const text = decodeUtf8Strict(payload);
  return text !== undefined && !/[\0-\x08\x0a-\x1f\x7f]/.test(text);
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.byteLength; i++) out += (i ? ' ' : '') + bytes[i]!.toString(16).padStart(2, '0');
  return out;
}
