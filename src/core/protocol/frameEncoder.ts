import { randomBytes } from 'node:crypto';
import { SocketLensError } from '../errors';
import type { LengthEncoding } from './frameParser';

/**
 * A frame to build. Every field can be set to a value RFC 6455 forbids, so that servers can be
 * tested with deliberately broken frames; the defaults give a valid, final, minimal frame.
 */
export interface FrameSpec {
  readonly opcode: number;
  readonly payload?: Uint8Array | string;
  readonly fin?: boolean;
  readonly rsv1?: boolean;
  readonly rsv2?: boolean;
  readonly rsv3?: boolean;
  /** true: a random key (what a client must send); 4 bytes: that key; false/absent: unmasked. */
  readonly mask?: boolean | Uint8Array;
  /** Force the length form, e.g. 64 for a non-minimal encoding. Default: the minimal one. */
  readonly lengthEncoding?: LengthEncoding;
  /** Put this length in the header instead of the payload's real length (a lie, for testing). */
  readonly declaredLength?: number | bigint;
}

/** Builds the bytes of one frame (RFC 6455 §5.2), valid or not as the spec says. */
export function encodeFrame(spec: FrameSpec): Uint8Array {
  const payload = typeof spec.payload === 'string' ? Buffer.from(spec.payload, 'utf8') : (spec.payload ?? new Uint8Array(0));
  if (!Number.isInteger(spec.opcode) || spec.opcode < 0 || spec.opcode > 15) {
    throw new SocketLensError('frame/invalid-spec', `The opcode must be a whole number from 0 to 15 (0x0-0xF); got ${spec.opcode}.`);
  }
  const declared = BigInt(spec.declaredLength ?? payload.length);
  if (declared < 0n || declared >= 2n ** 64n) {
    throw new SocketLensError('frame/invalid-spec', `The declared length must be from 0 to 2^64-1; got ${declared}.`);
  }
  const encoding = spec.lengthEncoding ?? minimalEncoding(declared);
  if ((encoding === 7 && declared > 125n) || (encoding === 16 && declared > 0xffffn)) {
    throw new SocketLensError('frame/invalid-spec', `A length of ${declared} does not fit the ${encoding}-bit form; use ${minimalEncoding(declared)} or more.`);
  }
  const key = maskingKey(spec.mask);
  const extended = encoding === 7 ? 0 : encoding === 16 ? 2 : 8;
  const headerLength = 2 + extended + (key ? 4 : 0);
  const frame = new Uint8Array(headerLength + payload.length);
  frame[0] = (spec.fin === false ? 0 : 0x80) | (spec.rsv1 ? 0x40 : 0) | (spec.rsv2 ? 0x20 : 0) | (spec.rsv3 ? 0x10 : 0) | spec.opcode;
  frame[1] = (key ? 0x80 : 0) | (encoding === 7 ? Number(declared) : encoding === 16 ? 126 : 127);
  for (let k = 0; k < extended; k++) frame[2 + k] = Number((declared >> BigInt(8 * (extended - 1 - k))) & 0xffn);
  if (key) frame.set(key, 2 + extended);
  for (let k = 0; k < payload.length; k++) frame[headerLength + k] = key ? payload[k]! ^ key[k & 3]! : payload[k]!;
  return frame;
}

/** The payload of a close frame: a 2-byte code and a UTF-8 reason (RFC 6455 §5.5.1). Any code is accepted. */
export function encodeClosePayload(code: number, reason: string | Uint8Array = ''): Uint8Array {
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) {
    throw new SocketLensError('frame/invalid-spec', `A close code is 2 bytes: a whole number from 0 to 65535; got ${code}.`);
  }
  const reasonBytes = typeof reason === 'string' ? Buffer.from(reason, 'utf8') : reason;
  const payload = new Uint8Array(2 + reasonBytes.length);
  payload[0] = code >> 8;
  payload[1] = code & 0xff;
  payload.set(reasonBytes, 2);
  return payload;
}

function minimalEncoding(length: bigint): LengthEncoding {
  return length <= 125n ? 7 : length <= 0xffffn ? 16 : 64;
}

function maskingKey(mask: FrameSpec['mask']): Uint8Array | undefined {
  if (mask === undefined || mask === false) return undefined;
  if (mask === true) return randomBytes(4);
  if (mask.length !== 4) throw new SocketLensError('frame/invalid-spec', `A masking key is exactly 4 bytes; got ${mask.length}.`);
  return mask;
}

/** Rebuilds the header bytes of a decoded frame, byte for byte. */
export function headerBytes(header: {
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  readonly maskingKey: number | null;
  readonly payloadLength: number;
  readonly lengthEncoding: LengthEncoding;
  readonly lengthHigh: number;
  readonly lengthLow: number;
}): Uint8Array {
  const extended = header.lengthEncoding === 7 ? 0 : header.lengthEncoding === 16 ? 2 : 8;
  const bytes = new Uint8Array(2 + extended + (header.maskingKey === null ? 0 : 4));
  bytes[0] = (header.fin ? 0x80 : 0) | (header.rsv1 ? 0x40 : 0) | (header.rsv2 ? 0x20 : 0) | (header.rsv3 ? 0x10 : 0) | header.opcode;
  bytes[1] = (header.maskingKey === null ? 0 : 0x80) | (header.lengthEncoding === 7 ? header.payloadLength : header.lengthEncoding === 16 ? 126 : 127);
  const view = new DataView(bytes.buffer);
  if (extended === 2) view.setUint16(2, header.payloadLength);
  if (extended === 8) {
    view.setUint32(2, header.lengthHigh);
    view.setUint32(6, header.lengthLow);
  }
  if (header.maskingKey !== null) view.setUint32(2 + extended, header.maskingKey);
  return bytes;
}
