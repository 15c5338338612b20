import { countOf } from '../shared/format';
import { previewPayload } from '../core/log/payloadPreview';
import { describeCloseCode } from '../core/protocol/closeCodes';
import type { FrameRecord, MessageRecord, PendingFrame } from '../core/protocol/frameDecoder';
import { headerBytes } from '../core/protocol/frameEncoder';
import { findInvalidUtf8 } from '../core/protocol/utf8Stream';
import { rfcLabel, violationTag, type Violation } from '../core/protocol/violations';

/** The data message a frame belongs to, as far as the frames so far tell. */
export interface OpenMessage {
  readonly index: number;
  readonly kind: 'text' | 'binary';
  readonly compressed: boolean;
  readonly firstFrameIndex: number;
  frameCount: number;
  wireLength: number;
}

/** Totals printed last; `exitCode` is what the command returns. */
export interface DecodeSummary {
  bytes: number;
  frames: number;
  messages: number;
  errors: number;
  warnings: number;
  truncated: boolean;
  unfinishedMessage: boolean;
  exitCode: number;
}

/** What `socket-lens decode` prints, as JSON lines or as a listing. */
export interface DecodePrinter {
  /** `message` is the data message the frame belongs to (undefined when none is open). */
  frame(frame: FrameRecord, message: OpenMessage | undefined): void;
  message(message: MessageRecord): void;
  /** The input ends inside frame `frameIndex`, `have` bytes into it. */
  truncated(pending: PendingFrame, frameIndex: number, have: number): void;
  unfinishedMessage(message: OpenMessage): void;
  summary(summary: DecodeSummary): void;
}

export interface DecodeOutput {
  readonly out: (line: string) => void;
}

/** A payload as far as the preview holds it. */
interface PayloadView {
  readonly bytes: Uint8Array;
  readonly truncated: boolean;
  /** The payload as a string when it is uncompressed text, whole in the preview and valid UTF-8. */
  readonly text: string | null;
}

const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder('utf-8', { fatal: false });

function payloadView(preview: Uint8Array | undefined, length: number, previewBytes: number, textual: boolean): PayloadView {
  // Control frames keep up to 125 bytes whatever the preview size; show no more than asked.
  const bytes = preview ? preview.subarray(0, previewBytes) : EMPTY;
  const truncated = bytes.length < length;
  const text = textual && !truncated && findInvalidUtf8(bytes) < 0 ? utf8.decode(bytes) : null;
  return { bytes, truncated, text };
}

/** Whether the frame carries part of an uncompressed text message. */
function inTextMessage(frame: FrameRecord, message: OpenMessage | undefined): boolean {
  return message !== undefined && frame.messageIndex === message.index && message.kind === 'text' && !message.compressed;
}

function frameView(frame: FrameRecord, message: OpenMessage | undefined, previewBytes: number): PayloadView {
  return payloadView(frame.payloadPreview, frame.payloadLength, previewBytes, inTextMessage(frame, message));
}

function messageView(message: MessageRecord, previewBytes: number): PayloadView {
  const textual = message.kind === 'text' && !message.compressed && !message.violations.some((v) => v.rfc === '8.1');
  return payloadView(message.preview, message.wireLength, previewBytes, textual);
}

function truncatedText(pending: PendingFrame, frameIndex: number, have: number): string {
  const where = `frame ${frameIndex} (at offset ${pending.offset})`;
  if (pending.headerBytesMissing === 0) return `The input ends inside ${where}: ${countOf(pending.payloadBytesMissing, 'payload byte')} ${isAre(pending.payloadBytesMissing)} missing.`;
  // Until the second byte arrives, the header's size (length form, mask) is unknown.
  const atLeast = have < 2 ? 'at least ' : '';
  return `The input ends inside the header of ${where}: ${atLeast}${countOf(pending.headerBytesMissing, 'header byte')} ${isAre(pending.headerBytesMissing)} missing, and any payload after it.`;
}

function unfinishedText(message: OpenMessage): string {
  return `The input ends inside ${message.kind} message ${message.index} (from frame ${message.firstFrameIndex}): ${countOf(message.frameCount, 'frame')} of it arrived, but not its final frame (FIN set).`;
}


function isAre(n: number): string {
  return n === 1 ? 'is' : 'are';
}

export const jsonViolations = (violations: readonly Violation[]) => violations.map((v) => ({ rfc: v.rfc, closeCode: v.closeCode, message: v.message }));

/** A frame's header fields in the JSON Lines contract (shared by `decode` and `connect --json`). */
export function frameHeaderJson(f: FrameRecord): Record<string, unknown> {
  return {
    index: f.index,
    offset: f.offset,
    fin: f.fin,
    rsv1: f.rsv1,
    rsv2: f.rsv2,
    rsv3: f.rsv3,
    opcode: f.opcode,
    opcodeName: f.opcodeName,
    masked: f.masked,
    maskingKey: f.maskingKey === null ? null : f.maskingKey.toString(16).padStart(8, '0'),
    payloadLength: f.payloadLength,
    lengthEncoding: f.lengthEncoding,
    minimalLength: f.minimalLength,
    headerHex: Buffer.from(headerBytes(f)).toString('hex'),
  };
}

/** One JSON object per line; the field order is part of the documented contract (README, `socket-lens decode`). */
export function jsonDecodePrinter(io: DecodeOutput, { previewBytes }: { readonly previewBytes: number }): DecodePrinter {
  const print = (record: object) => io.out(JSON.stringify(record));
  return {
    frame: (f, message) => {
      const view = frameView(f, message, previewBytes);
      print({
        type: 'frame',
        ...frameHeaderJson(f),
        payloadHex: Buffer.from(view.bytes).toString('hex'),
        payloadTruncated: view.truncated,
        text: view.text,
        closeCode: f.closeCode ?? null,
        closeReason: f.closeReason ?? null,
        messageIndex: f.messageIndex ?? null,
        violations: jsonViolations(f.violations),
      });
    },
    message: (m) => {
      const view = messageView(m, previewBytes);
      print({
        type: 'message',
        index: m.index,
        kind: m.kind,
        compressed: m.compressed,
        firstFrameIndex: m.firstFrameIndex,
        frameCount: m.frameCount,
        wireLength: m.wireLength,
        complete: m.complete,
        text: view.text,
        payloadHex: Buffer.from(view.bytes).toString('hex'),
        payloadTruncated: view.truncated,
        violations: jsonViolations(m.violations),
      });
    },
    truncated: (pending, frameIndex, have) =>
      print({
        type: 'truncated',
        frameIndex,
        offset: pending.offset,
        headerBytesMissing: pending.headerBytesMissing,
        payloadBytesMissing: pending.payloadBytesMissing,
        message: truncatedText(pending, frameIndex, have),
        violations: jsonViolations(pending.violations ?? []),
      }),
    unfinishedMessage: (m) =>
      print({ type: 'unfinished-message', messageIndex: m.index, kind: m.kind, compressed: m.compressed, firstFrameIndex: m.firstFrameIndex, frameCount: m.frameCount, wireLength: m.wireLength, message: unfinishedText(m) }),
    summary: (s) => print({ type: 'summary', ...s }),
  };
}

/** How much of a payload fits on a listing line, whatever --preview-bytes allows. */
const LISTING_CHARS = 60;
const LISTING_HEX_CHARS = 72;

/** Listing columns: header and width (negative: right-aligned); the payload preview comes last. */
const COLUMNS: readonly [string, number][] = [['frame', 7], ['offset', 10], ['FIN', 3], ['RSV', 3], ['opcode', 12], ['mask', 12], ['length', -10], ['bits', 4]];

function row(cells: readonly string[], payload: string): string {
  const padded = COLUMNS.map(([, width], k) => (width < 0 ? cells[k]!.padStart(-width) : cells[k]!.padEnd(width)));
  return `${padded.join('  ')}  ${payload}`.trimEnd();
}

/** A readable, aligned listing: a line per frame, its violations indented below, a line per message. */
export function textDecodePrinter(io: DecodeOutput, { previewBytes }: { readonly previewBytes: number }): DecodePrinter {
  let started = false;
  const heading = () => {
    if (!started) io.out(row(COLUMNS.map(([name]) => name), 'payload'));
    started = true;
  };
  return {
    frame: (f, message) => {
      heading();
      io.out(frameLine(f, frameView(f, message, previewBytes), inTextMessage(f, message)));
      for (const v of f.violations) io.out(`        ${violationText(v)}`);
    },
    message: (m) => io.out(messageLine(m, messageView(m, previewBytes))),
    truncated: (pending, frameIndex, have) => {
      io.out(`! truncated: ${truncatedText(pending, frameIndex, have)}`);
      for (const v of pending.violations ?? []) io.out(`        ${violationText(v)}`);
    },
    unfinishedMessage: (m) => io.out(`! unfinished: ${unfinishedText(m)}`),
    summary: (s) => io.out(summaryLine(s)),
  };
}

function frameLine(f: FrameRecord, view: PayloadView, textual: boolean): string {
  const rsv = `${f.rsv1 ? '1' : '-'}${f.rsv2 ? '2' : '-'}${f.rsv3 ? '3' : '-'}`;
  const mask = f.maskingKey === null ? 'unmasked' : `key ${f.maskingKey.toString(16).padStart(8, '0')}`;
  const cells = [`#${f.index}`, `@${f.offset}`, f.fin ? 'FIN' : '...', rsv, f.opcodeName, mask, `${f.payloadLength}`, `${f.lengthEncoding}`];
  return row(cells, framePreview(f, view, textual));
}

function framePreview(f: FrameRecord, view: PayloadView, textual: boolean): string {
  if (f.closeCode !== undefined) return `${f.closeCode} ${describeCloseCode(f.closeCode).name}${f.closeReason ? ` ${JSON.stringify(f.closeReason)}` : ''}`;
  if (f.opcodeName === 'close' && f.payloadLength === 0) return '(no code)';
  return listingPreview(view, textual);
}

function listingPreview(view: PayloadView, textual: boolean): string {
  if (textual) {
    const shown = previewPayload('text', view.bytes, LISTING_CHARS);
    return `${JSON.stringify(shown.text)}${shown.truncated || view.truncated ? '…' : ''}`;
  }
  const shown = previewPayload('binary', view.bytes, LISTING_HEX_CHARS);
  return `${shown.text}${shown.truncated || view.truncated ? ' …' : ''}`;
}

function messageLine(m: MessageRecord, view: PayloadView): string {
  const frames = m.frameCount === 1 ? `frame #${m.firstFrameIndex}` : `${m.frameCount} frames from #${m.firstFrameIndex}`;
  const notes = [m.compressed ? 'deflate' : '', m.complete ? '' : 'incomplete: cut off by a new message', ...m.violations.map(violationTag)].filter(Boolean);
  const payload = m.wireLength === 0 ? '(empty)' : listingPreview(view, m.kind === 'text' && !m.compressed);
  return `  = message ${m.index}: ${m.kind}, ${frames}, ${m.wireLength} B${m.compressed ? ' on the wire' : ''}${notes.map((n) => ` [${n}]`).join('')}  ${payload}`;
}

function violationText(v: Violation): string {
  return `${v.closeCode === null ? '⚠' : '✗'} ${rfcLabel(v)} ${v.closeCode === null ? 'warning' : `→ close ${v.closeCode}`}: ${v.message}`;
}

function summaryLine(s: DecodeSummary): string {
  const parts = [countOf(s.frames, 'frame'), countOf(s.messages, 'message'), countOf(s.errors, 'error'), countOf(s.warnings, 'warning'), `${s.bytes} bytes`];
  if (s.truncated) parts.push('input truncated');
  if (s.unfinishedMessage) parts.push('message unfinished');
  return `── ${parts.join(', ')} (exit ${s.exitCode})`;
}
