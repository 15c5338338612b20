/**
 * Turns what is in the composer into a request for the host, or into the first thing wrong with
 * it, named and placed, so that nothing invalid is ever posted.
 */
import type { CloseCodeView, ComposedPayload, ComposerRequest, DisconnectRequest } from '../protocol';
import { MAX_CLOSE_REASON_BYTES, MAX_CONTROL_PAYLOAD_BYTES, MAX_FILE_BYTES, MAX_FRAGMENTS, MAX_REPEAT_MS, MIN_REPEAT_MS } from './composerLimits';
import type { ComposerMode } from './composerModes';
import { describeJsonProblem, findJsonProblem } from './jsonCheck';
import { bytesToBase64, parseBase64, parseHex, utf8ByteLength, type Checked } from './payloadEncoding';
import { parseVariableTable, resolveVariables, variablesIn, type VariableEnvironment } from './variables';

/** Everything the composer holds, as typed. */
export interface ComposerDraft {
  readonly mode: ComposerMode;
  readonly text: string;
  /** "Send as N frames", as typed. */
  readonly fragments: string;
  readonly closeCode: string;
  readonly closeReason: string;
  /** The `name=value` lines of the variable table. */
  readonly variables: string;
  readonly file?: { readonly name: string; readonly bytes: Uint8Array };
}

/** Which input an error belongs under. */
export type ComposerField = 'text' | 'fragments' | 'closeCode' | 'closeReason' | 'file' | 'variables' | 'repeat';

type Body<T> = T extends { requestId: number } ? Omit<T, 'requestId'> : never;
/** A request for the host, without its id. */
export type ComposedRequest = Body<Exclude<ComposerRequest, { type: 'connection/stopRepeat' | 'composer/watch' | 'composer/sendSaved' }> | DisconnectRequest>;

export type Composed =
  | { readonly ok: true; readonly request: ComposedRequest; readonly summary: string; readonly resolved?: string }
  | { readonly ok: false; readonly field: ComposerField; readonly error: string };

/** A step of composing: its result, or an error under a field. */
type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly field: ComposerField; readonly error: string };

/** What a data message's payload became, before the framing is chosen. */
type DataPayload = { readonly payload: ComposedPayload; readonly bytes: number; readonly resolved?: string };

/** The request `draft` asks for, or what is wrong with it. */
export function composeMessage(draft: ComposerDraft, env: VariableEnvironment, closeCodes: readonly CloseCodeView[]): Composed {
  const table = parseVariableTable(draft.variables);
  if (table.errors.length > 0 && draft.mode !== 'file') return { ok: false, field: 'variables', error: table.errors[0]! };
  const resolve = (text: string): Checked<string> => resolveVariables(text, table.values, env);
  switch (draft.mode) {
    case 'ping':
    case 'pong':
      return composeControl(draft.mode, draft.text, resolve);
    case 'close':
      return composeClose(draft, resolve, closeCodes);
    default: {
      const data = dataPayload(draft, resolve);
      if (!data.ok) return data;
      const fragments = parseFragments(draft.fragments, data.value.bytes);
      if (!fragments.ok) return { ok: false, field: 'fragments', error: fragments.error };
      const frames = fragments.value > 1 ? ` in ${fragments.value} frames` : '';
      return { ok: true, request: { type: 'connection/send', payload: data.value.payload, fragments: fragments.value }, summary: `${bytesText(data.value.bytes)}${frames}`, resolved: data.value.resolved };
    }
  }
}

/** The repeat `draft` asks for: its message every `everyMs` (as typed), one frame each. */
export function composeRepeat(draft: ComposerDraft, everyMs: string, env: VariableEnvironment): Composed {
  const composed = composeMessage(draft, env, []);
  if (!composed.ok) return composed;
  if (composed.request.type !== 'connection/send') return { ok: false, field: 'repeat', error: 'Only data messages repeat: choose Text, JSON or Binary.' };
  if (composed.request.fragments > 1) return { ok: false, field: 'fragments', error: 'A repeat sends each message in one frame: set frames to 1.' };
  const ms = Number(everyMs.trim());
  if (!/^\d+$/.test(everyMs.trim()) || ms < MIN_REPEAT_MS || ms > MAX_REPEAT_MS) return { ok: false, field: 'repeat', error: `Repeat every "${everyMs}" ms: use a whole number of milliseconds from ${MIN_REPEAT_MS} to ${MAX_REPEAT_MS}.` };
  return { ok: true, request: { type: 'connection/repeat', payload: composed.request.payload, everyMs: ms }, summary: `${composed.summary} every ${ms} ms`, resolved: composed.resolved };
}

function dataPayload(draft: ComposerDraft, resolve: (text: string) => Checked<string>): Step<DataPayload> {
  if (draft.mode === 'file') return filePayload(draft.file);
  const resolved = resolve(draft.text);
  if (!resolved.ok) return { ok: false, field: 'text', error: resolved.error };
  const text = resolved.value;
  const shown = variablesIn(draft.text).length > 0 ? text : undefined;
  switch (draft.mode) {
    case 'json': {
      const problem = findJsonProblem(text);
      if (problem) return { ok: false, field: 'text', error: (shown === undefined ? '' : 'With the variables filled in: ') + describeJsonProblem(problem) };
      return { ok: true, value: { payload: { kind: 'text', text }, bytes: utf8ByteLength(text), resolved: shown } };
    }
    case 'hex':
    case 'base64': {
      const bytes = draft.mode === 'hex' ? parseHex(text) : parseBase64(text);
      if (!bytes.ok) return { ok: false, field: 'text', error: bytes.error };
      return { ok: true, value: { payload: { kind: 'binary', base64: bytesToBase64(bytes.value) }, bytes: bytes.value.length, resolved: shown } };
    }
    default:
      return { ok: true, value: { payload: { kind: 'text', text }, bytes: utf8ByteLength(text), resolved: shown } };
  }
}

function filePayload(file: ComposerDraft['file']): Step<DataPayload> {
  if (!file) return { ok: false, field: 'file', error: 'Choose a file to send.' };
  if (file.bytes.length > MAX_FILE_BYTES) return { ok: false, field: 'file', error: fileTooBig(file.name, file.bytes.length) };
  return { ok: true, value: { payload: { kind: 'binary', base64: bytesToBase64(file.bytes) }, bytes: file.bytes.length } };
}

export function fileTooBig(name: string, size: number): string {
  return `"${name}" is ${bytesText(size)}; the composer sends files of at most ${bytesText(MAX_FILE_BYTES)}. Send a smaller file, or split it.`;
}

function composeControl(opcode: 'ping' | 'pong', raw: string, resolve: (text: string) => Checked<string>): Composed {
  const resolved = resolve(raw);
  if (!resolved.ok) return { ok: false, field: 'text', error: resolved.error };
  const bytes = utf8ByteLength(resolved.value);
  if (bytes > MAX_CONTROL_PAYLOAD_BYTES) return { ok: false, field: 'text', error: `A ${opcode} carries at most ${MAX_CONTROL_PAYLOAD_BYTES} bytes (RFC 6455 §5.5); this payload has ${bytes}. Shorten it by ${bytes - MAX_CONTROL_PAYLOAD_BYTES}.` };
  const shown = variablesIn(raw).length > 0 ? resolved.value : undefined;
  return { ok: true, request: { type: 'connection/control', opcode, payload: { kind: 'text', text: resolved.value } }, summary: `${opcode} · ${bytesText(bytes)}`, resolved: shown };
}

function composeClose(draft: ComposerDraft, resolve: (text: string) => Checked<string>, closeCodes: readonly CloseCodeView[]): Composed {
  const code = checkCloseCode(draft.closeCode, closeCodes);
  if (!code.ok) return { ok: false, field: 'closeCode', error: code.error };
  const reason = resolve(draft.closeReason);
  if (!reason.ok) return { ok: false, field: 'closeReason', error: reason.error };
  const bytes = utf8ByteLength(reason.value);
  if (bytes > MAX_CLOSE_REASON_BYTES) return { ok: false, field: 'closeReason', error: `A close reason is at most ${MAX_CLOSE_REASON_BYTES} bytes of UTF-8 (RFC 6455 §5.5); this one has ${bytes}. Shorten it by ${bytes - MAX_CLOSE_REASON_BYTES}.` };
  const name = closeCodes.find((c) => c.code === code.value)?.name;
  return { ok: true, request: { type: 'connection/disconnect', code: code.value, reason: reason.value }, summary: `close ${code.value}${name ? ` ${name}` : ''}${bytes ? ` · reason ${bytesText(bytes)}` : ''}` };
}

/** RFC 6455 §7.4: a registered code that may be sent, or 3000-4999. */
export function checkCloseCode(typed: string, closeCodes: readonly CloseCodeView[]): Checked<number> {
  const text = typed.trim();
  if (!/^\d+$/.test(text)) return { ok: false, error: `"${typed}" is not a close code: enter a whole number such as 1000, or 3000-4999.` };
  const code = Number(text);
  // Before the host's list has arrived, any code in range passes here; the host checks it again.
  if (closeCodes.length === 0 && code >= 1000 && code <= 4999) return { ok: true, value: code };
  const known = closeCodes.find((c) => c.code === code);
  if (known && !known.sendable) return { ok: false, error: `${code} ${known.name} must not be sent in a close frame (RFC 6455 §7.4.1). Pick another code.` };
  if (known || (code >= 3000 && code <= 4999)) return { ok: true, value: code };
  return { ok: false, error: `${code} cannot be sent as a close code (RFC 6455 §7.4.2). Use a registered code from the list, or 3000-4999 (3000-3999 registered with IANA, 4000-4999 private).` };
}

/** "Send as N frames": 1 to the number of bytes (each frame but an empty message's needs one). */
export function parseFragments(typed: string, bytes: number): Checked<number> {
  const text = typed.trim() || '1';
  const most = Math.min(MAX_FRAGMENTS, Math.max(1, bytes));
  if (!/^\d+$/.test(text) || Number(text) < 1) return { ok: false, error: `"${typed}" frames: enter a whole number from 1 to ${most}.` };
  const count = Number(text);
  if (count > most) return { ok: false, error: count > MAX_FRAGMENTS ? `${count} frames: the composer sends at most ${MAX_FRAGMENTS}.` : `${count} frames for ${bytesText(bytes)}: each frame needs at least one byte, so use at most ${most}.` };
  return { ok: true, value: count };
}

export function bytesText(bytes: number): string {
  return bytes === 1 ? '1 byte' : `${bytes.toLocaleString('en-US')} bytes`;
}
