// What a conformance case is, and the small builders the case tables are written with.
import { encodeClosePayload, type FrameSpec } from '../../src/core/protocol/frameEncoder';
import { Opcode } from '../../src/core/protocol/opcodes';
import { DeflateHistory, NO_TAKEOVER, type DeflateSettings, type NegotiatedDeflate } from './deflateStream';
import type { Pacing, PeerRole } from './rawPeer';

export interface ConformanceCase {
  /** Autobahn-style number, e.g. "1.1.1". */
  readonly id: string;
  readonly description: string;
  /** What the raw peer sends; masked when it is the client. */
  readonly frames: readonly FrameSpec[];
  /**
   * The close code the peer under test must fail the connection with, or null when it must accept
   * the stream: echo every message, answer every ping, and answer the closing handshake.
   */
  readonly expect: number | null;
  /** Index of the frame that fails the connection (default: the last): what comes before it is echoed. */
  readonly failsAt?: number;
  readonly pacing?: Pacing;
  /** The largest message the peer under test accepts (default 16 MiB). */
  readonly maxPayload?: number;
  /** permessage-deflate is negotiated: `true` with no context takeover either way and full windows, or as set. */
  readonly deflate?: NegotiatedDeflate;
  /** The roles of the raw peer this case runs in (default both). */
  readonly roles?: readonly PeerRole[];
}

export const DEFAULT_MAX_PAYLOAD = 16 * 1024 * 1024;

export const utf8 = (value: string) => Uint8Array.from(Buffer.from(value, 'utf8'));
export const bytes = (...values: number[]) => Uint8Array.from(values);
/** `length` bytes of a repeating pattern that is also ASCII, so it is valid as text too. */
export const filled = (length: number) => Uint8Array.from({ length }, (_, k) => 0x20 + ((k * 7 + 3) % 95));

export const text = (payload: string | Uint8Array, more: Partial<FrameSpec> = {}): FrameSpec => ({ opcode: Opcode.text, payload, ...more });
export const binary = (payload: Uint8Array, more: Partial<FrameSpec> = {}): FrameSpec => ({ opcode: Opcode.binary, payload, ...more });
export const cont = (payload: string | Uint8Array, fin = true, more: Partial<FrameSpec> = {}): FrameSpec => ({ opcode: Opcode.continuation, payload, fin, ...more });
export const ping = (payload: string | Uint8Array = '', more: Partial<FrameSpec> = {}): FrameSpec => ({ opcode: Opcode.ping, payload, ...more });
export const pong = (payload: string | Uint8Array = ''): FrameSpec => ({ opcode: Opcode.pong, payload });
export const close = (code?: number, reason: string | Uint8Array = ''): FrameSpec => ({ opcode: Opcode.close, payload: code === undefined ? new Uint8Array(0) : encodeClosePayload(code, reason) });

/** `payload` as one message cut into frames of `size` bytes (the last may be shorter). */
export function fragmented(payload: Uint8Array, size: number, opcode: number = Opcode.text): FrameSpec[] {
  const frames: FrameSpec[] = [];
  for (let at = 0; at === 0 || at < payload.length; at += size) {
    frames.push({ opcode: at === 0 ? opcode : Opcode.continuation, payload: payload.subarray(at, at + size), fin: at + size >= payload.length });
  }
  return frames;
}

/** A compressed message frame (RFC 7692 §7.2.1: the deflate tail 00 00 FF FF removed), RSV1 set; no context takeover. */
export function compressed(opcode: number, payload: Uint8Array, more: Partial<FrameSpec> = {}): FrameSpec {
  return { opcode, payload: new DeflateHistory(NO_TAKEOVER).deflate(payload), rsv1: true, ...more };
}

/** Messages compressed one after another as `settings` say: with takeover, each may refer back into those before it. */
export function compressedMessages(opcode: number, payloads: readonly Uint8Array[], settings: DeflateSettings): FrameSpec[] {
  const history = new DeflateHistory(settings);
  return payloads.map((payload) => ({ opcode, payload: history.deflate(payload), rsv1: true }));
}
