// A DER writer (ITU-T X.690 §10) for the few ASN.1 types an X.509 certificate needs. Each
// function returns one complete TLV; nest them to build structures.

/** Tag bytes (X.690 §8.1.2): universal types, and the context-specific ones a certificate uses. */
const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utf8String: 0x0c,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Any tag with its content; the length in the shortest form (X.690 §10.1). */
export function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Uint8Array.of(tag), lengthBytes(content.length), content]);
}

function lengthBytes(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function sequence(...items: Uint8Array[]): Buffer {
  return tlv(TAG.sequence, Buffer.concat(items));
}

/** A SET OF; DER sorts its elements by their encodings (X.690 §11.6). */
export function setOf(...items: Uint8Array[]): Buffer {
  return tlv(TAG.set, Buffer.concat([...items].sort(Buffer.compare)));
}

export function boolean(value: boolean): Buffer {
  return tlv(TAG.boolean, Uint8Array.of(value ? 0xff : 0x00));
}

/** A non-negative INTEGER from its big-endian bytes, in the fewest bytes that keep it positive (X.690 §8.3.2). */
export function unsignedInteger(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  const content = trimmed.length === 0 ? Uint8Array.of(0) : trimmed;
  return tlv(TAG.integer, content[0]! & 0x80 ? Buffer.concat([Uint8Array.of(0), content]) : content);
}

export function smallInteger(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`smallInteger takes 0 to 2^32-1, not ${value}`);
  return unsignedInteger(Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff));
}

/** An OBJECT IDENTIFIER from dotted text, e.g. "2.5.4.3" (X.690 §8.19). */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  if (arcs.length < 2 || arcs.some((arc) => !Number.isSafeInteger(arc) || arc < 0) || arcs[0]! > 2) throw new RangeError(`"${dotted}" is not an object identifier`);
  const content = [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)].flatMap(base128);
  return tlv(TAG.oid, Uint8Array.from(content));
}

function base128(arc: number): number[] {
  const bytes = [arc % 128];
  for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) bytes.unshift(0x80 | (rest % 128));
  return bytes;
}

/** A BIT STRING of whole bytes, or with the last `unusedBits` bits of the last byte unused (X.690 §8.6). */
export function bitString(bytes: Uint8Array, unusedBits = 0): Buffer {
  return tlv(TAG.bitString, Buffer.concat([Uint8Array.of(unusedBits), bytes]));
}

export function octetString(bytes: Uint8Array): Buffer {
  return tlv(TAG.octetString, bytes);
}

export function utf8String(text: string): Buffer {
  return tlv(TAG.utf8String, Buffer.from(text, 'utf8'));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, in UTC ("Z"). */
export function x509Time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 9999) throw new RangeError(`${iso} is outside the years a certificate can hold (1950 to 9999)`);
  return year < 2050 ? tlv(TAG.utcTime, Buffer.from(digits.slice(2), 'ascii')) : tlv(TAG.generalizedTime, Buffer.from(digits, 'ascii'));
}

/** [n] EXPLICIT: a constructed context-specific tag around a whole TLV. */
export function explicit(n: number, inner: Uint8Array): Buffer {
  return tlv(0xa0 | n, inner);
}

/** [n] IMPLICIT for a primitive type: the content under a context-specific tag. */
export function implicitPrimitive(n: number, content: Uint8Array): Buffer {
  return tlv(0x80 | n, content);
}
