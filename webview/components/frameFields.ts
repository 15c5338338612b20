import type { FrameView, ViolationView } from '../../src/shared/viewModels';

/**
 * A frame's base header (RFC 6455 §5.2) as fields in their real bit positions, cut into the
 * 32-bit rows the RFC draws, for the frame diagram. Pure: no DOM.
 */

export const ROW_BITS = 32;

export type FieldKey = 'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'mask' | 'len7' | 'extLen' | 'maskKey';
export type Severity = 'error' | 'warning';

export interface FrameField {
  readonly key: FieldKey;
  readonly name: string;
  /** The value as a reader wants it ("0x1 text", "126", "0x37fa213d"); '' for a flag, whose bit says it. */
  readonly value: string;
  /** The bits as sent, most significant first; '?' where the view does not carry them. */
  readonly bits: string;
  /** Bit offset of the field's first bit from the start of the header. */
  readonly start: number;
  readonly flag: boolean;
  readonly set: boolean;
  readonly title: string;
  readonly severity?: Severity;
  readonly violations: readonly ViolationView[];
}

/** The part of a field that falls in one 32-bit row. */
export interface FieldSegment {
  readonly field: FrameField;
  readonly row: number;
  /** First column (bit 0…31 of the row). */
  readonly column: number;
  readonly span: number;
  readonly bits: string;
  /** Not the field's first segment: the RFC's "… continued". */
  readonly continued: boolean;
}

export interface FrameLayout {
  readonly fields: readonly FrameField[];
  readonly segments: readonly FieldSegment[];
  readonly headerBits: number;
  /** Where the payload starts in the last row, and how many rows the drawing has. */
  readonly payloadColumn: number;
  readonly rows: number;
}

const RESERVED = 'reserved for extensions; it must be 0 unless a negotiated extension defines it (RFC 6455 §5.2)';
const OPCODES = '0x0 continuation, 0x1 text, 0x2 binary, 0x8 close, 0x9 ping, 0xA pong; 0x3–0x7 and 0xB–0xF are reserved';

/** The fields of `frame`'s header, in order, each with the violations that name it. */
export function frameFields(frame: FrameView): FrameField[] {
  const len7 = frame.lengthEncoding === 16 ? 126 : frame.lengthEncoding === 64 ? 127 : frame.payloadLength;
  const specs: Omit<FrameField, 'start' | 'severity' | 'violations'>[] = [
    flag('fin', 'FIN', frame.fin, `${frame.fin ? 'this is the final fragment of its message' : 'more fragments of this message follow'} (RFC 6455 §5.2)`),
    flag('rsv1', 'RSV1', frame.rsv1, frame.rsv1
      ? 'set by an extension: permessage-deflate marks the first frame of a compressed message with it (RFC 7692 §6); with no extension negotiated it must be 0 (RFC 6455 §5.2)'
      : 'reserved for extensions; permessage-deflate sets it on compressed messages (RFC 7692 §6)'),
    flag('rsv2', 'RSV2', frame.rsv2, RESERVED),
    flag('rsv3', 'RSV3', frame.rsv3, RESERVED),
    {
      key: 'opcode', name: 'opcode', flag: false, set: false,
      value: `${hex(frame.opcode, 1)} ${opcodeLabel(frame.opcodeName)}`,
      bits: binary(frame.opcode, 4),
      title: `opcode = ${hex(frame.opcode, 1)} (${frame.opcodeName}): how to read the payload — ${OPCODES} (RFC 6455 §5.2)`,
    },
    flag('mask', 'MASK', frame.masked, frame.masked
      ? 'the payload is masked with the 32-bit key that follows (client → server frames must be masked, RFC 6455 §5.3)'
      : 'the payload is not masked (server → client frames must not be masked, RFC 6455 §5.1)'),
    {
      key: 'len7', name: 'Payload len', flag: false, set: false,
      value: frame.lengthEncoding === 7 ? String(len7) : `${len7} → ${frame.lengthEncoding}-bit`,
      bits: binary(len7, 7),
      title: frame.lengthEncoding === 7
        ? `Payload len = ${len7}: the payload is ${len7} bytes (0–125 fit in these 7 bits, RFC 6455 §5.2)`
        : `Payload len = ${len7}: the real length follows in the next ${frame.lengthEncoding} bits (${len7 === 126 ? 'used for 126–65,535 bytes' : 'used for more than 65,535 bytes'}, RFC 6455 §5.2)`,
    },
  ];
  if (frame.lengthEncoding !== 7) {
    const width = frame.lengthEncoding;
    specs.push({
      key: 'extLen', name: `Extended payload length (${width} bits)`, flag: false, set: false,
      value: frame.payloadLength.toLocaleString('en-US'),
      bits: binary(frame.payloadLength, width),
      title: `Extended payload length = ${frame.payloadLength}: the payload length as a ${width}-bit unsigned integer${width === 64 ? ' whose most significant bit must be 0' : ''} (RFC 6455 §5.2)${frame.minimalLength ? '' : '; a shorter form could have carried it'}`,
    });
  }
  if (frame.masked) {
    const key = frame.maskingKey?.toLowerCase();
    specs.push({
      key: 'maskKey', name: 'Masking-key', flag: false, set: false,
      value: key ? `0x${key}` : 'not recorded',
      bits: key && /^[0-9a-f]{8}$/.test(key) ? binary(parseInt(key, 16), 32) : '?'.repeat(32),
      title: `Masking-key${key ? ` = 0x${key}` : ''}: payload byte i is XORed with key byte i mod 4 (RFC 6455 §5.3)`,
    });
  }
  let start = 0;
  return specs.map((spec) => {
    const named = frame.violations.filter((v) => violationFields(v).includes(spec.key));
    const field: FrameField = {
      ...spec,
      start,
      violations: named,
      severity: named.length === 0 ? undefined : named.some((v) => v.closeCode !== null) ? 'error' : 'warning',
      title: named.length === 0 ? spec.title : `${spec.title}\n${named.map((v) => `${violationLabel(v)}: ${v.message}`).join('\n')}`,
    };
    start += spec.bits.length;
    return field;
  });
}

/** The fields cut into 32-bit rows, and where the payload starts after them. */
export function frameLayout(frame: FrameView): FrameLayout {
  const fields = frameFields(frame);
  const segments: FieldSegment[] = [];
  for (const field of fields) {
    for (let at = 0; at < field.bits.length; ) {
      const position = field.start + at;
      const column = position % ROW_BITS;
      const span = Math.min(ROW_BITS - column, field.bits.length - at);
      segments.push({ field, row: Math.floor(position / ROW_BITS), column, span, bits: field.bits.slice(at, at + span), continued: at > 0 });
      at += span;
    }
  }
  const last = fields[fields.length - 1]!;
  const headerBits = last.start + last.bits.length;
  const payloadColumn = headerBits % ROW_BITS;
  return { fields, segments, headerBits, payloadColumn, rows: Math.floor(headerBits / ROW_BITS) + 1 };
}

/** Which header fields a violation is about, as the decoder named it; none for a payload's problems. */
export function violationFields(v: ViolationView): FieldKey[] {
  if (v.field === undefined) return [];
  return v.field === 'length' ? ['len7', 'extLen'] : [v.field];
}

/** "RFC 6455 §5.2 → 1002", or "RFC 6455 §5.2 (warning)" when the receiver need not close. */
export function violationLabel(v: ViolationView): string {
  const rfc = `RFC ${v.rfc.includes('§') ? v.rfc : `6455 §${v.rfc}`}`;
  return v.closeCode === null ? `${rfc} (warning)` : `${rfc} → ${v.closeCode}`;
}

/** One sentence for screen readers: every field's value. */
export function frameSummary(frame: FrameView): string {
  const fields = frameFields(frame);
  const said = fields.map((f) => (f.flag ? `${f.name} ${f.bits}` : `${f.name.replace(/ \(.*\)$/, '')} ${f.value}`));
  const problems = frame.violations.length ? `; ${frame.violations.length} ${frame.violations.length === 1 ? 'violation' : 'violations'}` : '';
  return `Frame ${frame.index} header, ${frame.headerLength} bytes: ${said.join(', ')}${problems}.`;
}

function flag(key: FieldKey, name: string, set: boolean, meaning: string): Omit<FrameField, 'start' | 'severity' | 'violations'> {
  return { key, name, value: '', bits: set ? '1' : '0', flag: true, set, title: `${name} = ${set ? 1 : 0}: ${meaning}` };
}

function opcodeLabel(name: string): string {
  return name.startsWith('reserved') ? 'reserved' : name;
}

function hex(n: number, digits: number): string {
  return `0x${n.toString(16).toUpperCase().padStart(digits, '0')}`;
}

function binary(n: number, width: number): string {
  return BigInt(n).toString(2).padStart(width, '0').slice(-width);
}
