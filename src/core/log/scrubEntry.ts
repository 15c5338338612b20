import type { FrameRecord } from '../protocol/frameDecoder';
import { scrubPayload } from '../redaction/scrubPayload';
import { scrubForms } from '../redaction/scrubValues';
import type { LogEntryInput, WireInfo } from './logEntry';

/** The forms of the values a log hides, as text and as bytes (see secretForms and payloadNeedles). */
export interface HiddenForms {
  readonly text: readonly string[];
  readonly bytes: readonly Buffer[];
}

/**
 * `input` with each hidden form stored as `***` wherever the log keeps text from the wire: the
 * payload, each frame's preview and close reason (a close frame's reason is its payload, shown
 * as the panel's close reason and exported), and the undelivered reason. Fields that hold no
 * secret stay the same objects.
 */
export function scrubEntry(input: LogEntryInput, hidden: HiddenForms): LogEntryInput {
  const payload = scrubPayload(input.payload, hidden.bytes);
  const wire = input.wire && scrubWire(input.wire, hidden);
  const undelivered = input.undelivered && scrubReason(input.undelivered, hidden.text);
  if (payload === input.payload && wire === input.wire && undelivered === input.undelivered) return input;
  return { ...input, payload, ...(wire && { wire }), ...(undelivered && { undelivered }) };
}

function scrubWire(wire: WireInfo, hidden: HiddenForms): WireInfo {
  const frames = wire.frames.map((frame) => scrubFrame(frame, hidden));
  return frames.every((frame, i) => frame === wire.frames[i]) ? wire : { ...wire, frames };
}

function scrubFrame(frame: FrameRecord, hidden: HiddenForms): FrameRecord {
  const payloadPreview = frame.payloadPreview && scrubPayload(frame.payloadPreview, hidden.bytes);
  const closeReason = frame.closeReason && scrubForms(frame.closeReason, hidden.text);
  return payloadPreview === frame.payloadPreview && closeReason === frame.closeReason ? frame : { ...frame, payloadPreview, closeReason };
}

function scrubReason(undelivered: { readonly reason: string }, forms: readonly string[]): { readonly reason: string } {
  const reason = scrubForms(undelivered.reason, forms);
  return reason === undelivered.reason ? undelivered : { reason };
}
