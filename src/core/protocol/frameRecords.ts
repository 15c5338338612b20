/**
 * What a FrameDecoder reports: a record per frame and one per data message, and the sink it
 * hands them to.
 */
import type { FrameHeader } from './frameParser';
import type { OpcodeName } from './opcodes';
import type { Violation } from './violations';

/** One frame as it crossed the wire, with what is wrong with it. */
export interface FrameRecord extends Readonly<Omit<FrameHeader, 'headerViolations'>> {
  /** Frame number in this direction, from 0. */
  readonly index: number;
  readonly opcodeName: OpcodeName;
  /** The data message this frame belongs to; undefined for control frames and stray continuations. */
  readonly messageIndex: number | undefined;
  /** Time the frame was complete, as passed to `push`. */
  readonly time: number;
  /** The first bytes of the unmasked payload, up to the preview limit (control frames: up to 125 bytes). */
  readonly payloadPreview: Uint8Array | undefined;
  readonly closeCode: number | undefined;
  readonly closeReason: string | undefined;
  readonly violations: readonly Violation[];
}

/** A data message assembled from its frames. */
export interface MessageRecord {
  readonly index: number;
  readonly kind: 'text' | 'binary';
  /** RSV1 on the first frame with permessage-deflate: the payload on the wire is compressed. */
  readonly compressed: boolean;
  readonly firstFrameIndex: number;
  readonly frameCount: number;
  /** Sum of the frames' payload lengths, as on the wire (compressed if `compressed`). */
  readonly wireLength: number;
  readonly time: number;
  /** The first bytes of the message, up to the preview limit. */
  readonly preview: Uint8Array | undefined;
  /** False when a new data message cut this one off before its final frame. */
  readonly complete: boolean;
  /** Its UTF-8 was left to the receiver (see `FrameDecoderOptions.deferUtf8`). */
  readonly utf8Deferred: boolean;
  readonly violations: readonly Violation[];
}

/**
 * Where the decoder reports. It reuses one frame record and one message record, refilled for each
 * frame and message, so that decoding allocates nothing per frame: a record is valid only during
 * the call, and a sink that keeps one keeps a copy (`{ ...frame }`).
 */
export interface FrameDecoderSink {
  frame(frame: FrameRecord): void;
  message(message: MessageRecord): void;
}
