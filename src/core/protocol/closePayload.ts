/**
 * A close frame's payload (RFC 6455 §5.5.1): the 2-byte close code and the UTF-8 reason after
 * it, and what is wrong with them.
 */
import { isValidWireCloseCode } from './closeCodes';
import { findInvalidUtf8 } from './utf8Stream';
import { violation, type Violation } from './violations';

/** Where a close frame's code and reason go (the decoder's frame record). */
export interface CloseFields {
  closeCode: number | undefined;
  closeReason: string | undefined;
}

/**
 * Reads the close code and reason from `payload[0, length)` into `out` (left as they are for an
 * empty payload, or a 1-byte one, which the header check flags: RFC 6455 §5.5.1). Returns
 * `found`, the frame's violations, with what is wrong with the code or reason added.
 */
export function readClosePayload(out: CloseFields, payload: Uint8Array | undefined, length: number, found: Violation[] | undefined): Violation[] | undefined {
  if (!payload || length < 2) return found;
  const code = (payload[0]! << 8) | payload[1]!;
  if (!isValidWireCloseCode(code)) found = withViolation(found, violation('7.4.1', 1002, `Close code ${code} may not be sent on the wire.`));
  out.closeCode = code;
  out.closeReason = '';
  if (length === 2) return found;
  const reasonBytes = Buffer.from(payload.buffer, payload.byteOffset + 2, length - 2);
  const invalidAt = findInvalidUtf8(reasonBytes);
  if (invalidAt >= 0) found = withViolation(found, violation('5.5.1', 1007, `The close reason is not valid UTF-8 at byte ${invalidAt} of the reason.`));
  out.closeReason = reasonBytes.toString('utf8');
  return found;
}

function withViolation(found: Violation[] | undefined, added: Violation): Violation[] {
  if (!found) return [added];
  found.push(added);
  return found;
}
