/** The frame header field a violation is about, for views that draw the header's bits. */
export type HeaderField = 'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'mask' | 'length';

/** A place where bytes on the wire break RFC 6455 (or, with a null close code, a warning). */
export interface Violation {
  /** The section of RFC 6455 (or "7692 §…" for permessage-deflate) that the bytes break, e.g. "5.5". */
  readonly rfc: string;
  /** The close code a conforming receiver must fail the connection with; null for a warning. */
  readonly closeCode: number | null;
  readonly message: string;
  /** The header field at fault, when one is (not for a payload's UTF-8 or a close code). */
  readonly field?: HeaderField;
}

export const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);

export function violation(rfc: string, closeCode: number | null, message: string, field?: HeaderField): Violation {
  return field ? { rfc, closeCode, message, field } : { rfc, closeCode, message };
}

/** "RFC 6455 §5.5" (or "RFC 7692 §7.2.1" for permessage-deflate). */
export function rfcLabel(v: Violation): string {
  return `RFC ${v.rfc.includes('§') ? v.rfc : `6455 §${v.rfc}`}`;
}

/** "✗ RFC 6455 §5.5 → 1002", or "⚠ RFC 6455 §5.2" for a warning: a violation in a message line. */
export function violationTag(v: Violation): string {
  return `${v.closeCode === null ? '⚠' : '✗'} ${rfcLabel(v)}${v.closeCode === null ? '' : ` → ${v.closeCode}`}`;
}

/** The first violation that makes a receiver fail the connection, if any. */
export function firstError(violations: readonly Violation[]): Violation | undefined {
  return violations.find((v) => v.closeCode !== null);
}

/** Text message `messageIndex` has an invalid byte at `offset` (RFC 6455 §8.1); `fragment` counts from 1. */
export function invalidTextViolation(messageIndex: number, offset: number, fragment = 1): Violation {
  return violation('8.1', 1007, `Text message ${messageIndex} is not valid UTF-8 at byte ${offset}${fragment > 1 ? ` (in its fragment ${fragment})` : ''}.`);
}
