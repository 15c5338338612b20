import { checkHeader, partialHeaderViolations } from './frameHeaderChecks';
import { Opcode } from './opcodes';
import type { Violation } from './violations';

/** Which side wrote the bytes: clients must mask every frame, servers must not (RFC 6455 §5.1). */
export type Sender = 'client' | 'server';

/** The form of the payload length field: 7 bits, 7+16 bits or 7+64 bits (RFC 6455 §5.2). */
export type LengthEncoding = 7 | 16 | 64;

/** The fields of one frame header, exactly as they crossed the wire. */
export interface FrameHeader {
  /** Stream offset of the header's first byte. */
  offset: number;
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  masked: boolean;
  /** The masking key as a big-endian 32-bit number, or null when unmasked. */
  maskingKey: number | null;
  payloadLength: number;
  lengthEncoding: LengthEncoding;
  /** False when a shorter length form could have carried this length (a warning, RFC 6455 §5.2). */
  minimalLength: boolean;
  /** The upper and lower 32 bits of a 64-bit length field as sent (else 0), so the header can be rebuilt byte for byte even past 2^53. */
  lengthHigh: number;
  lengthLow: number;
  headerLength: number;
  /** What is wrong with the header itself. */
  headerViolations: Violation[] | undefined;
}

export interface FrameParserOptions {
  readonly sender: Sender;
  /** permessage-deflate was negotiated: RSV1 may be set on the first frame of a data message (RFC 7692 §6). */
  readonly perMessageDeflate?: boolean;
  /** Frames declaring a longer payload are flagged with 1009, as a receiver with this limit would close. */
  readonly maxPayloadBytes?: number;
}

export interface FrameParserListener {
  /**
   * A header is complete. Return true to be handed the frame's unmasked payload. The parser
   * reuses one header object: it is valid until the frame ends (`frameEnd`); copy what you keep.
   */
  frameStart(header: FrameHeader): boolean;
  /** Unmasked payload bytes of the current frame: `bytes[start, end)`, valid only during the call. */
  framePayload(bytes: Uint8Array, start: number, end: number): void;
  /** The current frame's payload is complete. */
  frameEnd(): void;
}

export interface PendingFrame {
  /** Stream offset where the incomplete frame starts. */
  readonly offset: number;
  readonly headerBytesMissing: number;
  readonly payloadBytesMissing: number;
  /** The opcode, once the header's first two bytes are in. */
  readonly opcode?: number;
  /** What is already known to be wrong with the incomplete frame (from its first two bytes on). */
  readonly violations?: readonly Violation[];
}

const TWO_TO_32 = 2 ** 32;
/** Where the masking key sits in FrameParser's header buffer, after the longest header (14 bytes). */
const MASK_AT = 14;
const NO_BYTES = new Uint8Array(0);

/**
 * The RFC 6455 §5.2 framing as an explicit state machine: takes bytes in chunks of any size (one
 * at a time included), never allocates from a declared length, and carries the masking-key
 * offset across chunks. It checks each header on its own; sequences of frames are the
 * listener's business.
 */
export class FrameParser {
  /** A header that straddles chunks, gathered at [0, 14); the masking key at [14, 18). One array: a mock makes two parsers per client. */
  private readonly headerBuffer = new Uint8Array(MASK_AT + 4);
  private headerHave = 0;
  private headerNeed = 2;
  private headerStart = 0;
  private inPayload = false;
  private remaining = 0;
  private wantPayload = false;
  private maskOffset = 0;
  /** Unmasked payload bytes; grows to the largest chunk of masked payload seen. */
  private scratch = NO_BYTES;
  private consumed = 0;

  private readonly expectMasked: boolean;
  private readonly limit: number;

  /**
   * `header` is the one object every header is read into (a listener may pass an object of its
   * own that carries more, so that it need not copy the fields).
   */
  constructor(
    private readonly listener: FrameParserListener,
    private readonly options: FrameParserOptions,
    private readonly header: FrameHeader = emptyHeader(),
  ) {
    this.expectMasked = options.sender === 'client';
    this.limit = options.maxPayloadBytes ?? Infinity;
  }

  push(chunk: Uint8Array): void {
    const length = chunk.length;
    let i = 0;
    while (i < length) {
      if (this.inPayload) {
        const take = Math.min(this.remaining, length - i);
        if (this.wantPayload) this.deliver(chunk, i, take);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.endFrame();
        continue;
      }
      if (this.headerHave === 0) {
        const size = completeHeaderLength(chunk, i);
        if (size > 0) {
          const end = i + size + this.startFrame(chunk, i, size, this.consumed + i);
          // A whole frame whose payload nobody wants ends here, without a pass through the payload branch.
          if (!this.wantPayload && end <= length) {
            this.listener.frameEnd();
            i = end;
          } else {
            this.beginPayload();
            i += size;
          }
          continue;
        }
        this.headerStart = this.consumed + i;
      }
      this.headerBuffer[this.headerHave++] = chunk[i++]!;
      if (this.headerHave === 2) this.headerNeed = headerLength(this.headerBuffer[1]!);
      if (this.headerHave >= 2 && this.headerHave === this.headerNeed) {
        this.headerHave = 0;
        this.startFrame(this.headerBuffer, 0, this.headerNeed, this.headerStart);
        this.beginPayload();
      }
    }
    this.consumed += length;
  }

  /** Total bytes pushed so far. */
  get offset(): number {
    return this.consumed;
  }

  /** The frame cut off by the end of the input, if the input ended inside one. */
  pending(): PendingFrame | undefined {
    if (this.inPayload) return { offset: this.header.offset, headerBytesMissing: 0, payloadBytesMissing: this.remaining };
    if (this.headerHave === 0) return undefined;
    if (this.headerHave < 2) return { offset: this.headerStart, headerBytesMissing: 2 - this.headerHave, payloadBytesMissing: 0 };
    const first = this.headerBuffer[0]!;
    const violations = partialHeaderViolations(first, this.headerBuffer[1]!, this.options);
    return { offset: this.headerStart, headerBytesMissing: this.headerNeed - this.headerHave, payloadBytesMissing: 0, opcode: first & 0x0f, ...(violations && { violations }) };
  }

  /** Reads the header at `bytes[at, at + size)` and hands it to the listener; returns the payload length. */
  private startFrame(bytes: Uint8Array, at: number, size: number, offset: number): number {
    const header = readHeader(this.header, bytes, at, size, offset, this.options, this.expectMasked, this.limit);
    if (header.masked) {
      for (let k = 0; k < 4; k++) this.headerBuffer[MASK_AT + k] = bytes[at + size - 4 + k]!;
      this.maskOffset = 0;
    }
    this.wantPayload = this.listener.frameStart(header);
    this.remaining = header.payloadLength;
    return this.remaining;
  }

  /** After `startFrame`: the payload is read next, or the frame is over if it has none. */
  private beginPayload(): void {
    this.inPayload = this.remaining > 0;
    if (!this.inPayload) this.listener.frameEnd();
  }

  private endFrame(): void {
    this.inPayload = false;
    this.listener.frameEnd();
  }

  private deliver(chunk: Uint8Array, at: number, count: number): void {
    if (!this.header.masked) {
      this.listener.framePayload(chunk, at, at + count);
      return;
    }
    if (this.scratch.length < count) this.scratch = new Uint8Array(Math.max(count, 64, this.scratch.length * 2));
    const out = this.scratch;
    const mask = this.headerBuffer;
    let m = this.maskOffset;
    for (let k = 0; k < count; k++) {
      out[k] = chunk[at + k]! ^ mask[MASK_AT + m]!;
      m = (m + 1) & 3;
    }
    this.maskOffset = m;
    this.listener.framePayload(out, 0, count);
  }
}

function emptyHeader(): FrameHeader {
  return {
    offset: 0, fin: false, rsv1: false, rsv2: false, rsv3: false, opcode: 0, masked: false, maskingKey: null,
    payloadLength: 0, lengthEncoding: 7, minimalLength: true, lengthHigh: 0, lengthLow: 0, headerLength: 0, headerViolations: undefined,
  };
}

/** Header size implied by the second header byte (length form and MASK bit). */
function headerLength(second: number): number {
  const len7 = second & 0x7f;
  return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (second & 0x80 ? 4 : 0);
}

/** The header size if the whole header starting at `at` is inside `bytes`, else 0. */
function completeHeaderLength(bytes: Uint8Array, at: number): number {
  if (bytes.length - at < 2) return 0;
  const size = headerLength(bytes[at + 1]!);
  return bytes.length - at >= size ? size : 0;
}

/** Reads the header at `bytes[at, at + size)` into `header` (the parser's one reused object). */
function readHeader(header: FrameHeader, bytes: Uint8Array, at: number, size: number, offset: number, options: FrameParserOptions, expectMasked: boolean, limit: number): FrameHeader {
  const first = bytes[at]!;
  const second = bytes[at + 1]!;
  const len7 = second & 0x7f;
  const masked = (second & 0x80) !== 0;
  let payloadLength = len7;
  let lengthEncoding: LengthEncoding = 7;
  let lengthHigh = 0;
  let lengthLow = 0;
  if (len7 === 126) {
    payloadLength = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    lengthEncoding = 16;
  } else if (len7 === 127) {
    lengthHigh = readUint32(bytes, at + 2);
    lengthLow = readUint32(bytes, at + 6);
    payloadLength = length64(lengthHigh, lengthLow);
    lengthEncoding = 64;
  }
  const opcode = first & 0x0f;
  header.offset = offset;
  header.fin = (first & 0x80) !== 0;
  header.rsv1 = (first & 0x40) !== 0;
  header.rsv2 = (first & 0x20) !== 0;
  header.rsv3 = (first & 0x10) !== 0;
  header.opcode = opcode;
  header.masked = masked;
  header.maskingKey = masked ? readUint32(bytes, at + size - 4) : null;
  header.payloadLength = payloadLength;
  header.lengthEncoding = lengthEncoding;
  header.minimalLength = lengthEncoding === 7 || (lengthEncoding === 16 ? payloadLength > 125 : payloadLength > 0xffff);
  header.lengthHigh = lengthHigh;
  header.lengthLow = lengthLow;
  header.headerLength = size;
  header.headerViolations = undefined;
  // Checked only when something is unusual (RSV bits, an opcode other than a data or continuation
  // frame's, the MASK bit, the length), so a well-formed data frame costs a few comparisons.
  if ((first & 0x70) !== 0 || opcode > Opcode.binary || masked !== expectMasked || !header.minimalLength || lengthHigh >= 0x80000000 || payloadLength > limit) {
    header.headerViolations = checkHeader(header, options);
  }
  return header;
}

/** A 64-bit length as a number. Its top bit must be 0 (RFC 6455 §5.2); it is read past, so the rest of the stream stays framed. */
function length64(high: number, low: number): number {
  return (high & 0x7fffffff) * TWO_TO_32 + low;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}
