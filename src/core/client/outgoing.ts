import { SocketLensError } from '../errors';

/** A data message to send: text as typed, or bytes. */
export type OutgoingMessage = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'binary'; readonly data: Uint8Array };

/** RFC 6455 §5.5: a control frame carries at most 125 bytes. */
const CONTROL_PAYLOAD_LIMIT = 125;

/**
 * Bytes from hex as people paste it: two digits per byte, optionally separated by spaces,
 * colons, commas or dashes, each group optionally starting with 0x. Errors say where.
 */
export function bytesFromHex(text: string): Uint8Array {
  const digits: string[] = [];
  let groupStart = true;
  let lastDigitAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/[\s:,-]/.test(c)) groupStart = true;
    else if (groupStart && c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) i++;
    else if (/[0-9a-fA-F]/.test(c)) {
      digits.push(c);
      lastDigitAt = i;
      groupStart = false;
    } else throw inputError(`${JSON.stringify(c)} at character ${i + 1} is not a hex digit. Use 0-9 and a-f, two per byte, optionally separated by spaces or colons.`);
  }
  if (digits.length % 2 === 1) throw inputError(`An odd number of hex digits (${digits.length}): the digit "${text[lastDigitAt]}" at character ${lastDigitAt + 1} has no partner. Each byte is two digits.`);
  return Uint8Array.from(Buffer.from(digits.join(''), 'hex'));
}

/** Bytes from base64 (standard or URL-safe alphabet, padding optional); refuses what Node would silently skip. */
export function bytesFromBase64(text: string): Uint8Array {
  const compact = text.replace(/\s/g, '');
  const bad = /[^A-Za-z0-9+/\-_=]/.exec(compact);
  if (bad) throw inputError(`"${bad[0]}" is not a base64 character. Paste base64 alone (A-Z, a-z, 0-9, + / or - _, = padding).`);
  const padding = /=*$/.exec(compact)![0].length;
  const data = compact.length - padding;
  // Padding only at the end, at most two, and only to complete a group of four.
  if (compact.slice(0, data).includes('=') || data % 4 === 1 || padding > 2 || (padding > 0 && compact.length % 4 !== 0)) {
    throw inputError('The base64 is cut off or its padding ("=") is wrong: "=" may only complete the last group of 4. Check that it was copied whole.');
  }
  return Uint8Array.from(Buffer.from(compact, 'base64'));
}

/** The payload of a message as bytes on the wire (text as UTF-8). */
export function payloadOf(message: OutgoingMessage): Uint8Array {
  return message.kind === 'text' ? Buffer.from(message.text, 'utf8') : message.data;
}

/**
 * `payload` cut into `count` fragments of nearly equal size (the first ones one byte longer).
 * Text may be cut inside a character: UTF-8 is checked over the whole message (RFC 6455 §5.6).
 */
export function fragmentsOf(payload: Uint8Array, count: number): Uint8Array[] {
  if (!Number.isInteger(count) || count < 1) throw inputError(`${count} fragments: the number of fragments must be a whole number of at least 1.`);
  if (count > Math.max(1, payload.length)) throw inputError(`Cannot split ${payload.length} bytes into ${count} fragments: each fragment but an empty message's needs at least one byte. Use at most ${Math.max(1, payload.length)}.`);
  const parts: Uint8Array[] = [];
  const base = Math.floor(payload.length / count);
  let at = 0;
  for (let k = 0; k < count; k++) {
    const size = base + (k < payload.length % count ? 1 : 0);
    parts.push(payload.subarray(at, at + size));
    at += size;
  }
  return parts;
}

/** The payload of a ping or pong, checked against the control-frame limit. */
export function controlPayload(data: string | Uint8Array | undefined): Uint8Array {
  const bytes = data === undefined ? new Uint8Array(0) : typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (bytes.length > CONTROL_PAYLOAD_LIMIT) throw inputError(`A ping or pong carries at most ${CONTROL_PAYLOAD_LIMIT} bytes (RFC 6455 §5.5); this one has ${bytes.length}. Shorten it, or send it raw to test how the server copes.`);
  return bytes;
}

function inputError(message: string): SocketLensError {
  return new SocketLensError('connection/send-input', message);
}
