import type { FrameRecord } from '../protocol/frameDecoder';
import type { LengthEncoding } from '../protocol/frameParser';
import { Opcode, opcodeName } from '../protocol/opcodes';
import { NO_VIOLATIONS } from '../protocol/violations';
import type { WireInfo } from './logEntry';
import { Flag, type LogColumns } from './logColumns';

/**
 * The common message — one final frame, no violations, minimal length form, stamped with the
 * message's time — stored in a row's columns instead of as objects. Everything else about the
 * frame follows from the row: the opcode from the kind, RSV1 from `compressed`, the header length
 * from the length form and the mask, a control frame's preview and close code and reason from
 * its payload. A frame for which any of that does not hold exactly goes to the side map whole.
 *
 * Frame index, message index and stream offset grow by small steps within a direction, so a row
 * stores them as 16-, 16- and 32-bit deltas from its direction's current base; a row whose deltas
 * do not fit starts a new base (every 65,536 frames or 4 GiB, in practice).
 */

/** Bytes charged for one base: its object and its slot in the list. */
export const WIRE_BASE_BYTES = 64;

interface WireBase {
  /** The first id that uses this base (bases of one direction are in id order). */
  readonly fromId: number;
  readonly frame: number;
  readonly message: number;
  readonly offset: number;
}

const TWO_TO_32 = 2 ** 32;
const OPCODES: readonly number[] = [Opcode.text, Opcode.binary, Opcode.ping, Opcode.pong, Opcode.close];

/**
 * A data message in one frame that a row holds exactly, as the numbers the row keeps: what the
 * joiner keeps of such a frame instead of a copy of its record (see `isPlainDataFrame`), and
 * what the log stores it from. `rsv1` is the message's `compressed` too; `time` is both's.
 */
export interface PlainFrame {
  readonly opcode: number;
  readonly frameIndex: number;
  readonly messageIndex: number;
  readonly offset: number;
  readonly payloadLength: number;
  readonly rsv1: boolean;
  readonly maskingKey: number | null;
  readonly time: number;
}

/** A final text or binary frame whose record `plainFrameRecord` rebuilds exactly from its PlainFrame numbers. */
export function isPlainDataFrame(frame: FrameRecord): boolean {
  return (frame.opcode === Opcode.text || frame.opcode === Opcode.binary) && frameFitsRow(frame, true);
}

/** The wire info of a message in one plain frame. */
export function plainWire(plain: PlainFrame): WireInfo {
  return { frames: [plainFrameRecord(plain)], compressed: plain.rsv1, wireLength: plain.payloadLength, violations: NO_VIOLATIONS };
}

/** The record of a plain frame, as a row gives it back. */
export function plainFrameRecord(plain: PlainFrame): FrameRecord {
  return frameRecord(plain.offset, plain.opcode, plain.rsv1, plain.maskingKey, plain.payloadLength, plain.frameIndex, plain.messageIndex, plain.time, undefined, undefined, undefined);
}

export class CompactWire {
  /** Per direction (0 in, 1 out): the bases in id order. */
  private readonly bases: [WireBase[], WireBase[]] = [[], []];
  private baseCount = 0;

  /** Bytes charged for the bases held. */
  get bytes(): number {
    return this.baseCount * WIRE_BASE_BYTES;
  }

  /**
   * Writes `wire` into `row` if the columns can hold it exactly and returns the flags to add
   * (WIRE and maybe COMPRESSED, MASKED); returns 0, having written nothing, when they cannot.
   */
  write(columns: LogColumns, row: number, id: number, out: number, kind: number, time: number, payload: Uint8Array, wire: WireInfo): number {
    const frame = wire.frames.length === 1 ? wire.frames[0]! : undefined;
    if (!frame || !fitsRow(frame, wire, kind, time, payload)) return 0;
    // fitsRow holds masked to (maskingKey !== null) and rsv1 to compressed.
    return this.writeRow(columns, row, id, out, kind < 2 ? frame.messageIndex! : undefined, frame.index, frame.offset, frame.payloadLength, frame.maskingKey, wire.compressed);
  }

  /** `write` for a data message in a plain frame; 0, having written nothing, when `kind` is not the frame's. */
  writePlain(columns: LogColumns, row: number, id: number, out: number, kind: number, frame: PlainFrame): number {
    if (frame.opcode !== OPCODES[kind]) return 0;
    return this.writeRow(columns, row, id, out, frame.messageIndex, frame.frameIndex, frame.offset, frame.payloadLength, frame.maskingKey, frame.rsv1);
  }

  /** Rebuilds the wire info of `row`; `payload` is the entry's (a control frame's preview is a copy of it). */
  read(columns: LogColumns, row: number, id: number, payload: Uint8Array): WireInfo {
    const flags = columns.flags[row]!;
    const kind = (flags & Flag.KIND_MASK) >> Flag.KIND_SHIFT;
    const base = this.baseOf(id, flags & Flag.OUT);
    const masked = (flags & Flag.MASKED) !== 0;
    const compressed = (flags & Flag.COMPRESSED) !== 0;
    const payloadLength = columns.wireLength[row]!;
    const opcode = OPCODES[kind]!;
    const [closeCode, closeReason] = kind === 4 ? readClose(payload) : [undefined, undefined];
    const frame = frameRecord(
      base.offset + columns.offsetDelta[row]!, opcode, compressed, masked ? columns.maskingKey[row]! : null, payloadLength, base.frame + columns.frameDelta[row]!,
      kind < 2 ? base.message + columns.messageDelta[row]! : undefined, columns.time[row]!, kind >= 2 && payload.length > 0 ? new Uint8Array(payload) : undefined, closeCode, closeReason,
    );
    return { frames: [frame], compressed, wireLength: payloadLength, violations: NO_VIOLATIONS };
  }

  /** Drops the bases no row from `firstId` on uses; returns the bytes released. */
  trim(firstId: number): number {
    let dropped = 0;
    for (const list of this.bases) {
      while (list.length > 1 && list[1]!.fromId <= firstId) {
        list.shift();
        dropped++;
      }
    }
    this.baseCount -= dropped;
    return dropped * WIRE_BASE_BYTES;
  }

  clear(): void {
    this.bases[0] = [];
    this.bases[1] = [];
    this.baseCount = 0;
  }

  /** Writes a frame the row holds exactly into `row`'s columns; returns the flags to add. `messageIndex` is undefined for a control frame. */
  private writeRow(columns: LogColumns, row: number, id: number, out: number, messageIndex: number | undefined, frameIndex: number, offset: number, payloadLength: number, maskingKey: number | null, compressed: boolean): number {
    const base = this.baseFor(id, out, frameIndex, offset, messageIndex);
    columns.frameDelta[row] = frameIndex - base.frame;
    columns.messageDelta[row] = messageIndex !== undefined ? messageIndex - base.message : 0;
    columns.offsetDelta[row] = offset - base.offset;
    columns.maskingKey[row] = maskingKey ?? 0;
    columns.wireLength[row] = payloadLength;
    return Flag.WIRE | (compressed ? Flag.COMPRESSED : 0) | (maskingKey !== null ? Flag.MASKED : 0);
  }

  /** The current base of the direction if the frame's deltas fit it, else a new base at this row. */
  private baseFor(id: number, out: number, frameIndex: number, offset: number, messageIndex: number | undefined): WireBase {
    const list = this.bases[out]!;
    const current = list[list.length - 1];
    if (current && fits(frameIndex - current.frame, 0xffff) && fits(offset - current.offset, TWO_TO_32 - 1) && (messageIndex === undefined || fits(messageIndex - current.message, 0xffff))) {
      return current;
    }
    const made: WireBase = { fromId: id, frame: frameIndex, message: messageIndex ?? current?.message ?? 0, offset };
    list.push(made);
    this.baseCount++;
    return made;
  }

  private baseOf(id: number, out: number): WireBase {
    const list = this.bases[out]!;
    let low = 0;
    let high = list.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (list[middle]!.fromId <= id) low = middle;
      else high = middle - 1;
    }
    return list[low]!;
  }
}

function fits(delta: number, max: number): boolean {
  return delta >= 0 && delta <= max;
}

/** Whether the row's columns and the rules above rebuild `frame` and `wire` exactly. */
function fitsRow(frame: FrameRecord, wire: WireInfo, kind: number, time: number, payload: Uint8Array): boolean {
  const data = kind < 2;
  return (
    wire.violations.length === 0 && wire.wireLength === frame.payloadLength && frame.rsv1 === wire.compressed && (!wire.compressed || data) &&
    frame.opcode === OPCODES[kind] && Object.is(frame.time, time) && frameFitsRow(frame, data) && (data || controlFits(frame, kind, payload))
  );
}

/** The part of `fitsRow` that looks at the frame alone (`data`: a text or binary frame). */
function frameFitsRow(frame: FrameRecord, data: boolean): boolean {
  const length = frame.payloadLength;
  return (
    frame.violations.length === 0 && frame.fin && !frame.rsv2 && !frame.rsv3 && frame.opcodeName === opcodeName(frame.opcode) &&
    isCount(frame.index) && isCount(frame.offset) && (data ? isCount(frame.messageIndex) : frame.messageIndex === undefined) &&
    isCount(length) && length < TWO_TO_32 && frame.minimalLength && frame.lengthEncoding === minimalEncoding(length) &&
    frame.lengthHigh === 0 && frame.lengthLow === (frame.lengthEncoding === 64 ? length : 0) &&
    frame.masked === (frame.maskingKey !== null) && (frame.maskingKey === null || (isCount(frame.maskingKey) && frame.maskingKey < TWO_TO_32)) &&
    frame.headerLength === headerLength(frame.lengthEncoding, frame.masked) &&
    (!data || (frame.payloadPreview === undefined && frame.closeCode === undefined && frame.closeReason === undefined))
  );
}

/** A final frame with a minimal length form and no violations, as a row gives it back. */
function frameRecord(
  offset: number, opcode: number, compressed: boolean, maskingKey: number | null, payloadLength: number, index: number, messageIndex: number | undefined, time: number,
  payloadPreview: Uint8Array | undefined, closeCode: number | undefined, closeReason: string | undefined,
): FrameRecord {
  const lengthEncoding = minimalEncoding(payloadLength);
  const masked = maskingKey !== null;
  return {
    offset, fin: true, rsv1: compressed, rsv2: false, rsv3: false, opcode, masked, maskingKey, payloadLength, lengthEncoding, minimalLength: true,
    lengthHigh: 0, lengthLow: lengthEncoding === 64 ? payloadLength : 0, headerLength: headerLength(lengthEncoding, masked),
    index, opcodeName: opcodeName(opcode), messageIndex, time, payloadPreview, closeCode, closeReason, violations: NO_VIOLATIONS,
  };
}

/** A control frame's preview, close code and reason are what its payload gives. */
function controlFits(frame: FrameRecord, kind: number, payload: Uint8Array): boolean {
  if (payload.length !== frame.payloadLength) return false;
  const preview = frame.payloadPreview;
  if (payload.length === 0 ? preview !== undefined : !preview || Buffer.compare(preview, payload) !== 0) return false;
  const [code, reason] = kind === 4 ? readClose(payload) : [undefined, undefined];
  return frame.closeCode === code && frame.closeReason === reason;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** RFC 6455 §5.2: the shortest length form that carries `length`. */
function minimalEncoding(length: number): LengthEncoding {
  return length <= 125 ? 7 : length <= 0xffff ? 16 : 64;
}

function headerLength(encoding: LengthEncoding, masked: boolean): number {
  return 2 + (encoding === 7 ? 0 : encoding === 16 ? 2 : 8) + (masked ? 4 : 0);
}

/** RFC 6455 §5.5.1: a 2-byte code, then a UTF-8 reason; decoded as the frame decoder does. */
function readClose(payload: Uint8Array): [number | undefined, string | undefined] {
  if (payload.length < 2) return [undefined, undefined];
  return [(payload[0]! << 8) | payload[1]!, Buffer.from(payload.buffer, payload.byteOffset + 2, payload.length - 2).toString('utf8')];
}
