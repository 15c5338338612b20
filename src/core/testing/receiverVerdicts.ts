import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { FrameDecoder, type FrameRecord, type MessageRecord, type PendingFrame, type Sender } from '../protocol/frameDecoder';
import { Opcode } from '../protocol/opcodes';
import { firstError, type Violation } from '../protocol/violations';
import { DeflateHistory, deflateParameters, NO_TAKEOVER, settingsOf, type DeflateSettings, type NegotiatedDeflate } from './deflateHistory';

// Differential verdicts: a stream goes through our FrameDecoder and through the Receiver of `ws`
// (the parser its WebSocket uses), for tests that check both reach the same verdict. ws 8 does not export
// lib/receiver.js, so it is required by path, next to the package's entry point.

/** The part of ws's Receiver (a Writable) these tests use. */
interface WsReceiver {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): unknown;
  on(event: 'ping' | 'pong', listener: (data: Buffer) => void): unknown;
  on(event: 'conclude', listener: (code: number, reason: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  write(chunk: Uint8Array): boolean;
  readonly errored: Error | null;
}

interface WsReceiverOptions {
  readonly isServer: boolean;
  readonly maxPayload: number;
  readonly extensions: Record<string, unknown>;
  readonly skipUTF8Validation: boolean;
  readonly binaryType: 'nodebuffer';
}

const requireWs = createRequire(import.meta.url);
const wsLib = join(dirname(requireWs.resolve('ws')), 'lib');
const Receiver = requireWs(join(wsLib, 'receiver.js')) as new (options: WsReceiverOptions) => WsReceiver;
const { kStatusCode } = requireWs(join(wsLib, 'constants.js')) as { kStatusCode: symbol };
/** ws's Receiver state while a message inflates (lib/receiver.js, INFLATING). */
const WS_INFLATING = 5;
/** ws's permessage-deflate extension, as its WebSocket sets it up once negotiated. */
const PerMessageDeflate = requireWs(join(wsLib, 'permessage-deflate.js')) as new (options: object, isServer: boolean, maxPayload: number) => {
  accept(params: readonly Record<string, readonly unknown[]>[]): unknown;
};

/** permessage-deflate as negotiated: with takeover a message inflates against those before it. */
function deflateExtension(isServer: boolean, maxPayload: number, settings: DeflateSettings): Record<string, unknown> {
  const extension = new PerMessageDeflate({}, isServer, maxPayload);
  // As ws parses a Sec-WebSocket-Extensions header: each parameter's values, `true` for none.
  extension.accept([Object.fromEntries(deflateParameters(settings).map(({ name, value }) => [name, [value]]))]);
  return { 'permessage-deflate': extension };
}

/** What a receiver made of a stream: the close code it fails with (null: accepted) and what it delivered before. */
export interface Outcome {
  readonly verdict: number | null;
  /** Messages, pings, pongs and the close, in order, up to the failure. */
  readonly events: readonly string[];
  /** Why it failed, in its own words. */
  readonly detail: string;
}

export interface OurOutcome extends Outcome {
  /** The failing frame has a 64-bit length with its top bit set. */
  readonly topBit: boolean;
  /** The frame the stream ended inside, if it did. */
  readonly cutOff: PendingFrame | undefined;
  /** Every violation (`rfc:closeCode`) of the failing frame or message. */
  readonly failedOn: readonly string[];
}

export const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

export function show(kind: string, bytes: Uint8Array): string {
  if (bytes.length <= 48) return `${kind}(${toHex(bytes)})`;
  return `${kind}(${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)})`;
}

export const showClose = (code: number, reason: Uint8Array) => show(`close ${code}`, reason);

async function runWs(chunks: readonly Uint8Array[], sender: Sender, maxPayload: number, deflate: NegotiatedDeflate): Promise<Outcome> {
  const isServer = sender === 'client';
  const settings = settingsOf(deflate);
  const extensions = settings ? deflateExtension(isServer, maxPayload, settings) : {};
  const receiver = new Receiver({ isServer, maxPayload, extensions, skipUTF8Validation: false, binaryType: 'nodebuffer' });
  const events: string[] = [];
  let error: Error | undefined;
  let concluded = false;
  receiver.on('message', (data, isBinary) => events.push(show(isBinary ? 'binary' : 'text', data)));
  receiver.on('ping', (data) => events.push(show('ping', data)));
  receiver.on('pong', (data) => events.push(show('pong', data)));
  receiver.on('conclude', (code, reason) => {
    concluded = true;
    events.push(showClose(code, reason));
  });
  receiver.on('error', (found) => {
    error ??= found;
  });
  // ws ends itself after a close frame and stops at its first error: writing more would only
  // raise stream errors of its own.
  for (const chunk of chunks) {
    if (concluded || receiver.errored) break;
    // ws unmasks in place, in the buffers it is given.
    receiver.write(Uint8Array.from(chunk));
  }
  // The error a write callback gets is emitted on a later tick.
  await new Promise((resolve) => setImmediate(resolve));
  // Inflating runs in zlib's thread pool: wait until the receiver is no longer inflating (its
  // private state; a fixed wait lost messages on a loaded machine), however many times it goes back.
  const deadline = Date.now() + 5000;
  while (deflate && Reflect.get(receiver, '_state') === WS_INFLATING && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setImmediate(resolve));
  }
  error ??= receiver.errored ?? undefined;
  if (!error) return { verdict: null, events, detail: 'accepted' };
  const status: unknown = Reflect.get(error, kStatusCode);
  if (typeof status !== 'number') throw new Error(`ws failed without a close code: ${error.message}`);
  return { verdict: status, events, detail: `${String(Reflect.get(error, 'code'))}: ${error.message}` };
}

type DecodedRecord = { readonly frame: FrameRecord } | { readonly message: MessageRecord };

/** Whether the frame header at `offset` has a 64-bit length with its top bit set. */
const topBitAt = (stream: Uint8Array, offset: number) => (stream[offset + 1]! & 0x7f) === 127 && (stream[offset + 2]! & 0x80) !== 0;

export function runOurs(stream: Uint8Array, chunks: readonly Uint8Array[], sender: Sender, maxPayload: number, deflate: NegotiatedDeflate = false): OurOutcome {
  const records: DecodedRecord[] = [];
  const sink = { frame: (frame: FrameRecord) => records.push({ frame: { ...frame } }), message: (message: MessageRecord) => records.push({ message: { ...message } }) };
  const decoder = new FrameDecoder(sink, { sender, maxPayloadBytes: maxPayload, previewBytes: Math.max(1, stream.length), perMessageDeflate: deflate !== false });
  const inflater = new DeflateHistory(settingsOf(deflate) ?? NO_TAKEOVER);
  for (const chunk of chunks) decoder.push(chunk);
  const cutOff = decoder.pending();
  const events: string[] = [];
  const failed = (failure: Violation, violations: readonly Violation[], offset?: number): OurOutcome => {
    const topBit = offset !== undefined && topBitAt(stream, offset);
    const failedOn = violations.map((v) => `${v.rfc}:${v.closeCode}`);
    return { verdict: failure.closeCode, events, detail: `${failure.rfc}: ${failure.message} [${failedOn.join(' ')}]`, topBit, cutOff, failedOn };
  };
  const accepted = (detail: string): OurOutcome => ({ verdict: null, events, detail, topBit: false, cutOff, failedOn: [] });
  // Invalid UTF-8 in text is judged on the message record, where the message completes: ws
  // validates a fragmented text message only then, we flag the first bad byte as it arrives.
  const firstFrameError = (violations: readonly Violation[]) => firstError(violations.filter((v) => v.rfc !== '8.1'));
  for (const record of records) {
    if ('message' in record) {
      const { message } = record;
      // A message cut off by a new data frame: that frame carries the failure.
      if (!message.complete) continue;
      const failure = firstError(message.violations);
      if (failure) return failed(failure, message.violations);
      const preview = message.preview ?? new Uint8Array(0);
      events.push(show(message.kind, message.compressed ? inflater.inflate(preview) : preview));
      continue;
    }
    const { frame } = record;
    const failure = firstFrameError(frame.violations);
    if (failure) return failed(failure, frame.violations, frame.offset);
    const payload = frame.payloadPreview ?? new Uint8Array(0);
    if (frame.opcode === Opcode.ping) events.push(show('ping', payload));
    if (frame.opcode === Opcode.pong) events.push(show('pong', payload));
    if (frame.opcode === Opcode.close) {
      // A receiver reads nothing after the close frame.
      events.push(showClose(frame.closeCode ?? 1005, payload.subarray(2)));
      return accepted('closed');
    }
  }
  // The frame the stream ended inside, if its header was read.
  const failure = cutOff && firstFrameError(cutOff.violations ?? []);
  if (failure) return failed(failure, cutOff.violations ?? [], cutOff.offset);
  return accepted('accepted');
}

export interface Comparison {
  readonly stream: Uint8Array;
  readonly sender: Sender;
  readonly maxPayload: number;
  readonly ws: Outcome;
  readonly ours: OurOutcome;
  readonly agree: boolean;
  /** The stream, both verdicts and what came before them, for assertion messages. */
  readonly report: string;
}

/** Both verdicts on `stream` written in `chunks`; `deflate`: how permessage-deflate was negotiated, if it was. */
export async function compare(stream: Uint8Array, chunks: readonly Uint8Array[], sender: Sender, maxPayload: number, deflate: NegotiatedDeflate = false): Promise<Comparison> {
  const ws = await runWs(chunks, sender, maxPayload, deflate);
  const ours = runOurs(stream, chunks, sender, maxPayload, deflate);
  const agree = ws.verdict === ours.verdict && isDeepStrictEqual(ws.events, ours.events);
  const report = [
    `sender ${sender}, maxPayload ${maxPayload}, chunks ${chunks.map((c) => c.length).join(',')}`,
    `stream ${stream.length > 512 ? `${toHex(stream.subarray(0, 512))}… (${stream.length} bytes)` : toHex(stream)}`,
    `ws:   ${ws.verdict} (${ws.detail}) after [${ws.events.join(' ')}]`,
    `ours: ${ours.verdict} (${ours.detail}) after [${ours.events.join(' ')}]`,
  ].join('\n');
  return { stream, sender, maxPayload, ws, ours, agree, report };
}
