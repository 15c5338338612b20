import { readClosePayload } from './closePayload';
import { FrameParser, type FrameHeader, type FrameParserListener, type PendingFrame, type Sender } from './frameParser';
import type { FrameDecoderSink, FrameRecord, MessageRecord } from './frameRecords';
import { dataAfterClose, messageOverLimit, sequenceViolation, withSequenceViolation } from './frameSequenceChecks';
import { isControlOpcode, Opcode, opcodeName } from './opcodes';
import { Utf8Stream } from './utf8Stream';
import { invalidTextViolation, NO_VIOLATIONS, type Violation } from './violations';

export type { LengthEncoding, PendingFrame, Sender } from './frameParser';
export type { FrameDecoderSink, FrameRecord, MessageRecord } from './frameRecords';

export interface FrameDecoderOptions {
  readonly sender: Sender;
  readonly perMessageDeflate?: boolean;
  readonly maxPayloadBytes?: number;
  /** Payload bytes kept per frame and per message (0 keeps none of data frames). Default 0. */
  readonly previewBytes?: number;
  /**
   * Leave the UTF-8 check of uncompressed text to the receiver (ws checks every text message it
   * delivers), so a tap does not check the same bytes twice; the message records say
   * `utf8Deferred`. Default false: every text message is checked here.
   */
  readonly deferUtf8?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const CONTROL_CAPTURE_BYTES = 125;
const EMPTY_PREVIEW = new Uint8Array(0);

/**
 * Decodes the bytes one side of a WebSocket connection sent after the handshake into frames and
 * messages, flagging every protocol violation (with its RFC 6455 section and the close code a
 * conforming receiver must send) instead of stopping at it.
 */
export class FrameDecoder implements FrameParserListener {
  private readonly parser: FrameParser;
  private readonly previewBytes: number;
  private readonly deflate: boolean;
  private readonly deferUtf8: boolean;
  private frameCount = 0;
  private messageCount = 0;

  // The frame being received.
  private frameViolations: Violation[] | undefined;
  private frameInMessage = false;
  private framePreview: Uint8Array | undefined;
  private framePreviewHave = 0;

  // The record of the frame being received, handed to the sink when it ends. The parser reads
  // each header straight into it, so the header fields need no copying. The fields are spelled
  // out rather than spread from the parser's empty header: built by a spread, the object was
  // slower to write to, and the tap ~40% slower on 16-byte messages.
  private readonly frameOut: Mutable<FrameRecord> & FrameHeader = {
    offset: 0, fin: false, rsv1: false, rsv2: false, rsv3: false, opcode: 0, masked: false, maskingKey: null, payloadLength: 0, lengthEncoding: 7, minimalLength: true,
    lengthHigh: 0, lengthLow: 0, headerLength: 0, headerViolations: undefined,
    index: 0, opcodeName: 'continuation', messageIndex: undefined, time: 0, payloadPreview: undefined, closeCode: undefined, closeReason: undefined, violations: NO_VIOLATIONS,
  };

  // The data message open across frames (at most one, RFC 6455 §5.4); its record is handed to
  // the sink when it ends.
  private messageOpen = false;
  /** A close frame has been seen in this direction. */
  private closeSeen = false;
  // A run of single-frame messages of one kind (opcode and RSV1) leaves the two records holding
  // the same values but for a few: after the first, each writes only those (see frameStart).
  /** The kind whose records can be reused, or -1. */
  private reusableKind = -1;
  /** The kind of the current single-frame message while its records are written in full, or -1. */
  private kindToReuse = -1;
  /** The current frame reuses the records. */
  private reusing = false;
  private readonly message: Mutable<MessageRecord> = {
    index: 0, kind: 'text', compressed: false, firstFrameIndex: 0, frameCount: 0, wireLength: 0, time: 0, preview: undefined, complete: true, utf8Deferred: false, violations: NO_VIOLATIONS,
  };
  private messageOffset = 0;
  private messagePreview: Uint8Array | undefined;
  private messagePreviewHave = 0;
  private messageViolations: Violation[] | undefined;
  private validating = false;
  private readonly utf8 = new Utf8Stream();

  constructor(
    private readonly sink: FrameDecoderSink,
    private readonly options: FrameDecoderOptions,
  ) {
    this.previewBytes = options.previewBytes ?? 0;
    this.deflate = options.perMessageDeflate === true;
    this.deferUtf8 = options.deferUtf8 === true;
    this.parser = new FrameParser(this, options, this.frameOut);
  }

  /** Feeds the next bytes; `time` stamps the frames and messages they complete. */
  push(chunk: Uint8Array, time = 0): void {
    // Every frame and message completed by this chunk is stamped with its time, set once here.
    this.frameOut.time = time;
    this.message.time = time;
    this.parser.push(chunk);
  }

  /** Bytes pushed so far. */
  get offset(): number {
    return this.parser.offset;
  }

  /** The frame cut off by the end of the input so far, if any. */
  pending(): PendingFrame | undefined {
    const pending = this.parser.pending();
    if (!pending) return undefined;
    // A frame whose header is read but whose payload never came (e.g. it declares 2^40 bytes)
    // still has its violations reported.
    if (pending.payloadBytesMissing > 0) return this.frameViolations ? { ...pending, violations: this.frameViolations } : pending;
    // Cut off inside its header: judged from its first two bytes, as a receiver would.
    const outOfSequence = pending.opcode === undefined ? undefined : sequenceViolation(pending.opcode, this.messageOpen, this.message.index);
    if (!outOfSequence) return pending;
    return { ...pending, violations: withSequenceViolation(pending.violations?.slice(), outOfSequence) };
  }

  /** Stream offset of the first frame of the data message being received, or Infinity when none is open. */
  get openMessageOffset(): number {
    return this.messageOpen ? this.messageOffset : Infinity;
  }

  /** Index of the frame that is incomplete (or will come next). */
  get nextFrameIndex(): number {
    return this.frameCount;
  }

  frameStart(header: FrameHeader): boolean {
    this.frameViolations = header.headerViolations;
    this.framePreviewHave = 0;
    const { opcode } = header;
    if (header.fin && !this.messageOpen && header.headerViolations === undefined && (opcode === Opcode.text || opcode === Opcode.binary) && this.previewBytes === 0 && !this.closeSeen) {
      // The common case, a whole message in one well-formed frame with nothing to keep: the
      // general path below would reach the same state with many more checks.
      const kind = opcode | (header.rsv1 ? 4 : 0);
      if (kind === this.reusableKind) {
        const m = this.message;
        this.messageOpen = true;
        m.index = this.messageCount++;
        m.firstFrameIndex = this.frameCount;
        m.wireLength = header.payloadLength;
        this.messageOffset = header.offset;
        this.reusing = true;
        if (this.validating) this.utf8.reset();
        return this.validating;
      }
      this.openMessage(header);
      this.frameInMessage = true;
      this.message.frameCount = 1;
      this.message.wireLength = header.payloadLength;
      this.framePreview = undefined;
      this.kindToReuse = kind;
      return this.validating;
    }
    this.kindToReuse = -1;
    return this.otherFrameStart(header);
  }

  /** `frameStart` for everything but the common case (kept apart so the common case stays small). */
  private otherFrameStart(header: FrameHeader): boolean {
    const { opcode } = header;
    const control = isControlOpcode(opcode);
    const outOfSequence = sequenceViolation(opcode, this.messageOpen, this.message.index);
    if (outOfSequence) this.frameViolations = withSequenceViolation(this.frameViolations, outOfSequence);
    // RFC 6455 §5.5.1: after sending Close an endpoint sends no more data frames; a receiver discards them.
    if (this.closeSeen && !control) this.addFrameViolation(dataAfterClose(opcode));
    if (opcode === Opcode.close) this.closeSeen = true;
    if (opcode === Opcode.text || opcode === Opcode.binary) {
      if (this.messageOpen) this.emitMessage(false);
      this.openMessage(header);
    }
    this.frameInMessage = !control && this.messageOpen && (opcode === Opcode.continuation || opcode === Opcode.text || opcode === Opcode.binary);
    if (this.frameInMessage) {
      this.message.frameCount++;
      this.message.wireLength += header.payloadLength;
      const limit = this.options.maxPayloadBytes;
      if (limit !== undefined && this.message.wireLength > limit && this.message.wireLength - header.payloadLength <= limit && header.payloadLength <= limit) {
        this.addFrameViolation(messageOverLimit(this.message.index, this.message.wireLength, limit));
      }
    }
    const keep = control ? Math.max(this.previewBytes, CONTROL_CAPTURE_BYTES) : this.previewBytes;
    this.framePreview = keep > 0 && header.payloadLength > 0 ? new Uint8Array(Math.min(keep, header.payloadLength)) : undefined;
    return this.framePreview !== undefined || (this.frameInMessage && (this.validating || this.messagePreview !== undefined));
  }

  framePayload(bytes: Uint8Array, start: number, end: number): void {
    if (this.framePreview) this.framePreviewHave = copyInto(this.framePreview, this.framePreviewHave, bytes, start, end);
    if (!this.frameInMessage) return;
    if (this.messagePreview) this.messagePreviewHave = copyInto(this.messagePreview, this.messagePreviewHave, bytes, start, end);
    if (this.validating && this.utf8.push(bytes, start, end) >= 0) this.reportInvalidText();
  }

  frameEnd(): void {
    if (this.reusing) {
      this.reusing = false;
      // Only the fields that differ from the previous message's; invalid text takes the general path.
      if (this.frameViolations === undefined && !(this.validating && this.utf8.end() >= 0)) {
        const out = this.frameOut;
        out.index = this.frameCount++;
        out.messageIndex = this.message.index;
        this.sink.frame(out);
        this.messageOpen = false;
        this.sink.message(this.message);
        return;
      }
    }
    this.reusableKind = -1;
    this.otherFrameEnd();
  }

  private otherFrameEnd(): void {
    const header = this.frameOut;
    header.closeCode = undefined;
    header.closeReason = undefined;
    if (header.opcode === Opcode.close) this.frameViolations = readClosePayload(header, this.framePreview, this.framePreviewHave, this.frameViolations);
    const completes = this.frameInMessage && header.fin;
    if (completes && this.validating && this.utf8.end() >= 0) this.reportInvalidText();
    const preview = this.framePreview && this.framePreviewHave < this.framePreview.length ? this.framePreview.subarray(0, this.framePreviewHave) : this.framePreview;
    // The header fields are already in the record: the parser read them there.
    const out = this.frameOut;
    out.headerViolations = undefined;
    out.index = this.frameCount++;
    out.opcodeName = opcodeName(header.opcode);
    out.messageIndex = this.frameInMessage ? this.message.index : undefined;
    out.payloadPreview = preview;
    out.violations = this.frameViolations ?? NO_VIOLATIONS;
    this.sink.frame(out);
    if (completes) this.emitMessage(true);
    // A single-frame message without violations leaves records the next one of its kind can reuse.
    if (this.kindToReuse >= 0 && this.frameViolations === undefined && this.messageViolations === undefined) this.reusableKind = this.kindToReuse;
    this.kindToReuse = -1;
  }

  private openMessage(header: FrameHeader): void {
    this.messageOpen = true;
    this.message.index = this.messageCount++;
    this.message.kind = header.opcode === Opcode.text ? 'text' : 'binary';
    this.message.compressed = header.rsv1 && this.deflate;
    this.message.firstFrameIndex = this.frameCount;
    this.messageOffset = header.offset;
    this.message.frameCount = 0;
    this.message.wireLength = 0;
    this.messagePreviewHave = 0;
    this.messagePreview = this.previewBytes > 0 ? this.newMessagePreview(header) : undefined;
    this.messageViolations = undefined;
    // Compressed text is validated after inflation, by whoever inflates it.
    const text = this.message.kind === 'text' && !this.message.compressed;
    this.message.utf8Deferred = text && this.deferUtf8;
    this.validating = text && !this.deferUtf8;
    if (this.validating) this.utf8.reset();
  }

  private newMessagePreview(header: FrameHeader): Uint8Array {
    // A single-frame message needs no more than its own length.
    const size = header.fin ? Math.min(this.previewBytes, header.payloadLength) : this.previewBytes;
    return size > 0 ? new Uint8Array(size) : EMPTY_PREVIEW;
  }

  private emitMessage(complete: boolean): void {
    this.messageOpen = false;
    const preview = this.messagePreview?.subarray(0, this.messagePreviewHave);
    const out = this.message;
    out.preview = preview;
    out.complete = complete;
    out.violations = this.messageViolations ?? NO_VIOLATIONS;
    this.sink.message(out);
  }

  private reportInvalidText(): void {
    if (this.messageViolations) return;
    const offset = this.utf8.invalidOffset;
    const found = invalidTextViolation(this.message.index, offset, this.message.frameCount);
    this.messageViolations = [found];
    this.addFrameViolation(found);
  }

  private addFrameViolation(found: Violation): void {
    if (this.frameViolations) this.frameViolations.push(found);
    else this.frameViolations = [found];
  }
}

/** Copies as much of `bytes[start, end)` as fits after `have` bytes of `target`; returns the new count. */
function copyInto(target: Uint8Array, have: number, bytes: Uint8Array, start: number, end: number): number {
  const take = Math.min(target.length - have, end - start);
  // A short copy is cheaper as a loop than through a subarray view.
  if (take > 64) target.set(bytes.subarray(start, start + take), have);
  else for (let k = 0; k < take; k++) target[have + k] = bytes[start + k]!;
  return have + take;
}
