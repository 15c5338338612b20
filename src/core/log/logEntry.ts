import type { FrameRecord } from '../protocol/frameDecoder';
import type { Violation } from '../protocol/violations';

export type Direction = 'in' | 'out';
export type MessageKind = 'text' | 'binary' | 'ping' | 'pong' | 'close';

/** How a message crossed the wire, as the tap decoded it. */
export interface WireInfo {
  /** Its frames in order (one for a control frame). */
  readonly frames: readonly FrameRecord[];
  /** permessage-deflate: the payload on the wire was compressed; `payload` is inflated. */
  readonly compressed: boolean;
  /** Payload bytes on the wire, summed over the frames. */
  readonly wireLength: number;
  /** Everything wrong with the message and its frames (RFC section, close code). */
  readonly violations: readonly Violation[];
}

export interface LogEntryInput {
  readonly direction: Direction;
  readonly kind: MessageKind;
  /** Copied on append: the log never keeps a caller's buffer (ws hands out views of 64 KiB reads). */
  readonly payload: Uint8Array;
  /** Milliseconds since the epoch, with sub-millisecond precision. */
  readonly time: number;
  readonly wire?: WireInfo;
  /** For a pong: milliseconds since the ping it answers (matched by payload). */
  readonly rttMs?: number;
  /**
   * Set when the message crossed the wire but did not reach the application: `ws` failed the
   * connection first (`not-delivered`), or a send never reached the socket (`not-sent`).
   */
  readonly undelivered?: { readonly reason: string };
}

/**
 * An entry as the log hands it out: a fresh object built from its storage, equal to what was
 * appended except that optional fields left undefined are absent, frame records carry only
 * the fields of `FrameRecord`, and hidden values are `***` (with `size` then saying what the
 * payload was).
 */
export interface LogEntry extends LogEntryInput {
  /** Stable for the life of the log: ids grow by one and are never reused. */
  readonly id: number;
  /**
   * The payload's bytes as the message carried them, when the log stored it with a hidden value
   * as `***` (see SessionLog.hide) and so `payload` is shorter or longer; absent otherwise.
   * Read it through messageSize.
   */
  readonly size?: number;
}

/**
 * What a message carried, in payload bytes (inflated when compressed; `wire.wireLength` is what
 * the frames held): the size that is shown and counted. The payload as stored may differ, as it
 * holds `***` for a hidden value; that is what is shown and exported, never what is counted.
 */
export function messageSize(entry: LogEntry): number {
  return entry.size ?? entry.payload.byteLength;
}

export interface LogCounters {
  readonly messagesIn: number;
  readonly messagesOut: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
}

/** The kinds in the order of their 3-bit code in a row's flags. */
export const MESSAGE_KINDS: readonly MessageKind[] = ['text', 'binary', 'ping', 'pong', 'close'];

/** The 3-bit code of `kind`, or -1 when it is not a kind. A switch: the log asks twice per append. */
export function kindCode(kind: unknown): number {
  switch (kind) {
    case 'text':
      return 0;
    case 'binary':
      return 1;
    case 'ping':
      return 2;
    case 'pong':
      return 3;
    case 'close':
      return 4;
    default:
      return -1;
  }
}

export function isDirection(value: unknown): value is Direction {
  return value === 'in' || value === 'out';
}
