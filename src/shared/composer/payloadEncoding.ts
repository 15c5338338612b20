/**
 * Bytes from what people type in the composer (hex, base64), checked with errors that name the
 * bad character and where it is. Pure: no Buffer, no DOM, so the panel and the host agree.
 */

/** A checked input: its value, or a message a person can act on. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const HEX_SEPARATOR = /[\s:,-]/;
const HEX_DIGIT = /[0-9a-fA-F]/;

/**
 * Hex as people paste it: two digits per byte, optionally separated by spaces, colons, commas
 * or dashes, each group optionally starting with 0x (the rules of core's bytesFromHex).
 */
export function parseHex(text: string): Checked<Uint8Array> {
  const digits: number[] = [];
  let groupStart = true;
  let lastDigitAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (HEX_SEPARATOR.test(c)) groupStart = true;
    else if (groupStart && c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) i++;
    else if (HEX_DIGIT.test(c)) {
      digits.push(parseInt(c, 16));
      lastDigitAt = i;
      groupStart = false;
    } else return { ok: false, error: `${describeChar(c)} at ${position(text, i)} is not a hex digit. Use 0-9 and a-f, two per byte, optionally separated by spaces or colons.` };
  }
  if (digits.length % 2 === 1) return { ok: false, error: `An odd number of hex digits (${digits.length}): the digit "${text[lastDigitAt]}" at ${position(text, lastDigitAt)} has no partner. Each byte is two digits.` };
  const bytes = new Uint8Array(digits.length / 2);
  for (let k = 0; k < bytes.length; k++) bytes[k] = digits[2 * k]! * 16 + digits[2 * k + 1]!;
  return { ok: true, value: bytes };
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Map<string, number>([...BASE64_ALPHABET].map((c, k) => [c, k]));
BASE64_VALUES.set('-', 62).set('_', 63);
const BASE64_CODES = [...BASE64_ALPHABET].map((c) => c.charCodeAt(0));
const PAD = '='.charCodeAt(0);

/** Base64, standard or URL-safe, padding optional, whitespace ignored; refuses what decoders would silently skip. */
export function parseBase64(text: string): Checked<Uint8Array> {
  const values: number[] = [];
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) continue;
    if (c === '=') {
      padding++;
      continue;
    }
    const value = BASE64_VALUES.get(c);
    if (value === undefined) return { ok: false, error: `${describeChar(c)} at ${position(text, i)} is not a base64 character. Use A-Z, a-z, 0-9, + / (or - _), with = padding only at the end.` };
    if (padding > 0) return { ok: false, error: `Padding ("=") in the middle, before ${describeChar(c)} at ${position(text, i)}. Check that the base64 was copied whole.` };
    values.push(value);
  }
  if (values.length % 4 === 1 || padding > 2 || (padding > 0 && (values.length + padding) % 4 !== 0)) {
    return { ok: false, error: `The base64 is cut off: ${values.length} characters${padding ? ` and ${padding} "="` : ''} cannot end a group of 4. Check that it was copied whole.` };
  }
  return { ok: true, value: decodeBase64Values(values) };
}

function decodeBase64Values(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(Math.floor((values.length * 6) / 8));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const value of values) {
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/** Standard base64 with padding: how the panel hands bytes to the host (a 10 MiB file in well under a second). */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes: number[] = [];
    for (let i = start; i < end; i += 3) {
      const left = end - i;
      const n = (bytes[i]! << 16) | ((left > 1 ? bytes[i + 1]! : 0) << 8) | (left > 2 ? bytes[i + 2]! : 0);
      codes.push(BASE64_CODES[(n >> 18) & 63]!, BASE64_CODES[(n >> 12) & 63]!, left > 1 ? BASE64_CODES[(n >> 6) & 63]! : PAD, left > 2 ? BASE64_CODES[n & 63]! : PAD);
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

/** The bytes `text` takes in UTF-8 (a lone surrogate counts as U+FFFD, 3 bytes, as encoders write it). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** "line 2, column 5" in multi-line input, "character 5" in one line (1-based). */
export function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  if (line === 1 && !text.includes('\n')) return `character ${offset + 1}`;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function describeChar(c: string): string {
  if (c === '"') return "'\"'";
  const code = c.codePointAt(0)!;
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${c}"`;
}
