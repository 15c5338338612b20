/**
 * What is wrong with a frame given the frames before it in its direction: out of sequence
 * (RFC 6455 §5.4), data after the close frame (§5.5.1), a message grown past the size limit
 * (§10.4). FrameDecoder keeps the state and calls these off its common path; a header on its
 * own is checked by frameHeaderChecks.
 */
import { Opcode, opcodeName } from './opcodes';
import { violation, type Violation } from './violations';

/** What is wrong with a frame of this opcode coming now (RFC 6455 §5.4), given whether message `messageIndex` is open. */
export function sequenceViolation(opcode: number, messageOpen: boolean, messageIndex: number): Violation | undefined {
  if ((opcode === Opcode.text || opcode === Opcode.binary) && messageOpen) {
    return violation('5.4', 1002, `A new ${opcodeName(opcode)} frame started while message ${messageIndex} was still open; only continuation or control frames may come between its fragments.`, 'opcode');
  }
  if (opcode === Opcode.continuation && !messageOpen) return violation('5.4', 1002, 'A continuation frame arrived with no fragmented message open.', 'opcode');
  return undefined;
}

/**
 * `found` with the §5.4 violation placed before the size limit's 1009 and the warnings, as a
 * receiver meets them (ws checks the opcode before it reads the length). Its place among the
 * other 1002s does not change the close code.
 */
export function withSequenceViolation(found: Violation[] | undefined, outOfSequence: Violation): Violation[] {
  if (!found) return [outOfSequence];
  const at = found.findIndex((v) => v.closeCode === 1009 || v.closeCode === null);
  found.splice(at < 0 ? found.length : at, 0, outOfSequence);
  return found;
}

/** RFC 6455 §5.5.1: after sending Close an endpoint sends no more data frames; a receiver discards them. */
export function dataAfterClose(opcode: number): Violation {
  return violation('5.5.1', null, `A ${opcodeName(opcode)} frame came after the close frame; no data frame may follow Close, and a receiver discards it.`);
}

/** Message `index` reaches `length` bytes with this fragment, past `limit` (RFC 6455 §10.4). */
export function messageOverLimit(index: number, length: number, limit: number): Violation {
  return violation('10.4', 1009, `Message ${index} reaches ${length} bytes with this fragment, more than the ${limit}-byte limit.`);
}
