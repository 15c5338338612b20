import { HIDDEN } from './hidden';
import { secretForms } from './secretForms';

const HIDDEN_BYTES = Buffer.from(HIDDEN, 'utf8');

/** The forms of secret values (see secretForms) as UTF-8 bytes, to look for in payloads. */
export function payloadNeedles(values: readonly string[]): Buffer[] {
  return secretForms(values).map((form) => Buffer.from(form, 'utf8'));
}

/** `payload` with every needle replaced by `***`; the same object when none occurs. */
export function scrubPayload(payload: Uint8Array, needles: readonly Buffer[]): Uint8Array {
  let bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  let changed = false;
  for (const needle of needles) {
    let at = bytes.indexOf(needle);
    if (at < 0) continue;
    const parts: Buffer[] = [];
    let from = 0;
    while (at >= 0) {
      parts.push(bytes.subarray(from, at), HIDDEN_BYTES);
      from = at + needle.length;
      at = bytes.indexOf(needle, from);
    }
    parts.push(bytes.subarray(from));
    bytes = Buffer.concat(parts);
    changed = true;
  }
  return changed ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : payload;
}
