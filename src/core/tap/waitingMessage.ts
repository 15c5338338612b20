import { plainFrameRecord, type PlainFrame } from '../log/compactWire';
import type { LogEntryInput } from '../log/sessionLog';
import type { FrameRecord, MessageRecord } from '../protocol/frameDecoder';
import { Opcode } from '../protocol/opcodes';
import type { Violation } from '../protocol/violations';

/** What the log's wire info needs of a message besides its frames. */
export type MessageWire = Pick<MessageRecord, 'compressed' | 'wireLength' | 'violations'>;

/**
 * The numbers of the plain frame (see PlainFrame) the tap has just reported, in either direction,
 * held until its message, reported next, claims them: the common message costs no copy of the
 * frame's record.
 */
export class HeldFrame implements PlainFrame {
  held = false;
  opcode = 0;
  frameIndex = 0;
  messageIndex = 0;
  offset = 0;
  payloadLength = 0;
  rsv1 = false;
  maskingKey: number | null = null;
  time = 0;

  hold(frame: FrameRecord): void {
    this.held = true;
    this.opcode = frame.opcode;
    this.frameIndex = frame.index;
    this.messageIndex = frame.messageIndex!;
    this.offset = frame.offset;
    this.payloadLength = frame.payloadLength;
    this.rsv1 = frame.rsv1;
    this.maskingKey = frame.maskingKey;
    this.time = frame.time;
  }

  /** The held frame is the whole of `message` and nothing is wrong with it: the log can store it from the numbers. */
  isWholeOf(message: MessageRecord): boolean {
    return (
      message.frameCount === 1 && message.index === this.messageIndex && message.violations.length === 0 && message.compressed === this.rsv1 &&
      message.wireLength === this.payloadLength && Object.is(message.time, this.time) && message.kind === (this.opcode === Opcode.text ? 'text' : 'binary')
    );
  }
}

/**
 * An incoming message waiting for ws to deliver its payload; `rejected` once ws refused it. It
 * copies what it needs of the decoder's record (reused for the next message) into one object:
 * hundreds wait at a time, one per message of a 64 KiB read. A message in one plain frame
 * (`plain`) carries that frame's numbers instead of its record, which is built only if asked for.
 */
export class Waiting implements MessageWire, PlainFrame {
  readonly kind: 'text' | 'binary';
  readonly index: number;
  readonly compressed: boolean;
  readonly utf8Deferred: boolean;
  readonly wireLength: number;
  readonly time: number;
  readonly violations: readonly Violation[];
  rejected: { readonly payload: Uint8Array; readonly violation: Violation } | undefined = undefined;
  readonly plain: boolean;
  /** Stream offset of its first frame (Infinity when it has none). */
  readonly offset: number;
  // The plain frame's numbers (0 and null when not `plain`).
  readonly opcode: number;
  readonly frameIndex: number;
  readonly messageIndex: number;
  readonly payloadLength: number;
  readonly rsv1: boolean;
  readonly maskingKey: number | null;
  private list: readonly FrameRecord[] | undefined;

  /** Either `frames`, or the `plain` frame that is all of the message. */
  constructor(message: MessageRecord, frames: readonly FrameRecord[] | undefined, plain: PlainFrame | undefined) {
    this.kind = message.kind;
    this.index = message.index;
    this.compressed = message.compressed;
    this.utf8Deferred = message.utf8Deferred;
    this.wireLength = message.wireLength;
    this.time = message.time;
    this.violations = message.violations;
    this.list = frames;
    this.plain = plain !== undefined;
    this.offset = plain ? plain.offset : (frames?.[0]?.offset ?? Infinity);
    this.opcode = plain?.opcode ?? 0;
    this.frameIndex = plain?.frameIndex ?? 0;
    this.messageIndex = plain?.messageIndex ?? 0;
    this.payloadLength = plain?.payloadLength ?? 0;
    this.rsv1 = plain?.rsv1 ?? false;
    this.maskingKey = plain?.maskingKey ?? null;
  }

  get frames(): readonly FrameRecord[] {
    return (this.list ??= [plainFrameRecord(this)]);
  }
}

/** A log entry ready to append, waiting behind an incoming message. */
export class Ready {
  constructor(readonly entry: LogEntryInput) {}
}
