import type { FrameRecord } from '../protocol/frameDecoder';
import type { Violation } from '../protocol/violations';
import type { LogEntryInput, WireInfo } from './logEntry';

/**
 * What an unusual entry keeps beside its row, in a map keyed by id and evicted with it: wire
 * info the columns cannot hold exactly (several frames, violations, a preview of a data frame,
 * a non-minimal length form…), a round-trip time, an undelivered reason, or a payload too large
 * for the arena.
 */
export interface SideData {
  readonly wire?: WireInfo;
  readonly rttMs?: number;
  readonly undelivered?: { readonly reason: string };
  readonly payload?: Uint8Array;
  /** The payload's size before a hidden value was stored as `***` (LogEntry.size). */
  readonly size?: number;
  /** Estimated bytes these objects take, charged to the budget. */
  readonly cost: number;
}

// Estimates of what V8 spends on the objects (header, fields, array backing), kept on the high
// side so that a log of unusual entries stays within its budget too.
const SIDE_BYTES = 96;
const WIRE_BYTES = 96;
const FRAME_BYTES = 224;
const VIOLATION_BYTES = 80;
const UNDELIVERED_BYTES = 48;

/**
 * The side data `input` needs, or undefined when its row says it all. `wireInRow`: the columns
 * hold the wire info; `payloadInArena`: the arena holds the payload; `size`: the payload's size
 * before hiding, when it differs from the stored payload's.
 */
export function sideDataFor(input: LogEntryInput, wireInRow: boolean, payloadInArena: boolean, size?: number): SideData | undefined {
  const wire = input.wire && !wireInRow ? copyWire(input.wire) : undefined;
  const undelivered = input.undelivered && { reason: input.undelivered.reason };
  const payload = payloadInArena ? undefined : new Uint8Array(input.payload);
  if (!wire && input.rttMs === undefined && !undelivered && !payload && size === undefined) return undefined;
  const cost = SIDE_BYTES + (wire ? wireCost(wire) : 0) + (undelivered ? UNDELIVERED_BYTES + 2 * undelivered.reason.length : 0);
  return { ...(wire && { wire }), ...(input.rttMs !== undefined && { rttMs: input.rttMs }), ...(undelivered && { undelivered }), ...(payload && { payload }), ...(size !== undefined && { size }), cost };
}

/**
 * A copy that shares nothing mutable with `wire`: frame records rebuilt with only the fields of
 * FrameRecord (the tap's copies carry the parser's `headerViolations` too), previews copied.
 * Violation records are shared: nobody writes to them.
 */
export function copyWire(wire: WireInfo): WireInfo {
  return { frames: wire.frames.map(copyFrame), compressed: wire.compressed, wireLength: wire.wireLength, violations: [...wire.violations] };
}

function copyFrame(f: FrameRecord): FrameRecord {
  return {
    offset: f.offset, fin: f.fin, rsv1: f.rsv1, rsv2: f.rsv2, rsv3: f.rsv3, opcode: f.opcode, masked: f.masked, maskingKey: f.maskingKey,
    payloadLength: f.payloadLength, lengthEncoding: f.lengthEncoding, minimalLength: f.minimalLength, lengthHigh: f.lengthHigh, lengthLow: f.lengthLow,
    headerLength: f.headerLength, index: f.index, opcodeName: f.opcodeName, messageIndex: f.messageIndex, time: f.time,
    payloadPreview: f.payloadPreview && new Uint8Array(f.payloadPreview), closeCode: f.closeCode, closeReason: f.closeReason, violations: [...f.violations],
  };
}

function wireCost(wire: WireInfo): number {
  let cost = WIRE_BYTES + violationsCost(wire.violations);
  for (const frame of wire.frames) {
    cost += FRAME_BYTES + (frame.payloadPreview?.byteLength ?? 0) + 2 * (frame.closeReason?.length ?? 0) + violationsCost(frame.violations);
  }
  return cost;
}

function violationsCost(violations: readonly Violation[]): number {
  let cost = 0;
  for (const v of violations) cost += VIOLATION_BYTES + 2 * (v.message.length + v.rfc.length);
  return cost;
}
