// What the peer under test must send back for the frames before the failing one (or all of them):
// each complete data message echoed, each ping answered with a pong carrying its payload. Nothing
// after a close frame is read (RFC 6455 §5.5.1).
import type { FrameSpec } from '../../src/core/protocol/frameEncoder';
import { Opcode } from '../../src/core/protocol/opcodes';
import { DeflateHistory, NO_TAKEOVER, type DeflateSettings } from './deflateStream';
import type { EchoEvent } from './rawPeer';

const bytesOf = (payload: FrameSpec['payload']) => (typeof payload === 'string' ? Uint8Array.from(Buffer.from(payload, 'utf8')) : Uint8Array.from(payload ?? []));

export function expectedEchoes(frames: readonly FrameSpec[], deflate: DeflateSettings = NO_TAKEOVER): EchoEvent[] {
  const history = new DeflateHistory(deflate);
  const echoes: EchoEvent[] = [];
  let open: { kind: 'text' | 'binary'; parts: Uint8Array[]; compressed: boolean } | undefined;
  for (const frame of frames) {
    const payload = bytesOf(frame.payload);
    if (frame.opcode === Opcode.close) break;
    if (frame.opcode === Opcode.ping) echoes.push({ kind: 'pong', payload });
    if (frame.opcode === Opcode.text || frame.opcode === Opcode.binary) open = { kind: frame.opcode === Opcode.text ? 'text' : 'binary', parts: [], compressed: frame.rsv1 === true };
    if (!open || frame.opcode >= Opcode.close) continue;
    open.parts.push(payload);
    if (frame.fin === false) continue;
    const whole = Buffer.concat(open.parts);
    echoes.push({ kind: open.kind, payload: open.compressed ? history.inflate(whole) : Uint8Array.from(whole) });
    open = undefined;
  }
  return echoes;
}

/** The close frame the raw peer's script ends the conversation with, if it holds one: its code (undefined: none). */
export function scriptClose(frames: readonly FrameSpec[]): { readonly code: number | undefined } | undefined {
  const frame = frames.find((f) => f.opcode === Opcode.close);
  if (!frame) return undefined;
  const payload = bytesOf(frame.payload);
  return { code: payload.length >= 2 ? (payload[0]! << 8) | payload[1]! : undefined };
}
