// The joiner's outgoing side: a message the application sent, seen written in one plain frame,
// is stored from the frame's numbers (appendPlain). What it stores must be what the general way
// stores for the decoder's records, in wire order behind an incoming message still waiting for ws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionLog, type LogEntryInput } from '../log/sessionLog';
import { FrameDecoder, type FrameRecord, type MessageRecord } from '../protocol/frameDecoder';
import { encodeFrame, type FrameSpec } from '../protocol/frameEncoder';
import { Opcode } from '../protocol/opcodes';
import { NO_VIOLATIONS } from '../protocol/violations';
import type { TapDirection } from './socketTap';
import { WireJoiner } from './wireJoiner';

const KEY = Uint8Array.of(1, 2, 3, 4);
const T0 = 1_700_000_000_000;
const NO_EVENTS = { closeFrame: () => {}, violation: () => {}, tcp: () => {} };

/** A joiner fed by one decoder per direction, as the tap feeds it, and what the decoders reported (copied). */
function joined(log: SessionLog) {
  const joiner = new WireJoiner(log, NO_EVENTS);
  const seen: { direction: TapDirection; frames: FrameRecord[]; message: MessageRecord }[] = [];
  const decoder = (direction: TapDirection): FrameDecoder => {
    let frames: FrameRecord[] = [];
    return new FrameDecoder(
      {
        frame: (f) => {
          frames.push({ ...f });
          joiner.frame(direction, f);
        },
        message: (m) => {
          seen.push({ direction, frames, message: { ...m } });
          frames = [];
          joiner.message(direction, m);
        },
      },
      { sender: direction === 'out' ? 'client' : 'server' },
    );
  };
  return { joiner, seen, out: decoder('out'), in: decoder('in') };
}

/** What the general way logs for a message the decoder reported: the records as the wire info. */
function expected(direction: TapDirection, kind: 'text' | 'binary', payload: Uint8Array, frames: FrameRecord[], message: MessageRecord): LogEntryInput {
  const records = frames.map((f) => ({ ...f, headerViolations: undefined }));
  return { direction, kind, payload, time: message.time, wire: { frames: records, compressed: message.compressed, wireLength: message.wireLength, violations: NO_VIOLATIONS } };
}

test('sent messages in plain frames are logged as the general way logs them, after an incoming message ws has not delivered yet', () => {
  const log = new SessionLog();
  const { joiner, seen, out, in: inbound } = joined(log);
  const sends: [FrameSpec[], 'text' | 'binary', Uint8Array][] = [
    [[{ opcode: Opcode.text, payload: 'hello', mask: KEY }], 'text', Buffer.from('hello')],
    [[{ opcode: Opcode.binary, payload: new Uint8Array(300).fill(7), mask: KEY }], 'binary', new Uint8Array(300).fill(7)],
    // Fragmented: the general way.
    [[{ opcode: Opcode.text, payload: 'frag', fin: false, mask: KEY }, { opcode: Opcode.continuation, payload: 'ment', mask: KEY }], 'text', Buffer.from('fragment')],
    [[{ opcode: Opcode.binary, payload: Uint8Array.of(9), mask: KEY }], 'binary', Uint8Array.of(9)],
  ];
  // An incoming message first, not delivered by ws yet: what is sent meanwhile waits behind it.
  inbound.push(encodeFrame({ opcode: Opcode.text, payload: 'first' }), T0);
  sends.forEach(([specs, kind, payload], k) => {
    joiner.sending(kind, payload);
    out.push(Buffer.concat(specs.map((spec) => encodeFrame(spec))), T0 + 1 + k);
    if (k === 1) joiner.delivered('text', Buffer.from('first'));
  });
  const reference = new SessionLog();
  let sent = 0;
  for (const { direction, frames, message } of seen) {
    const [, kind, payload] = direction === 'in' ? [[], 'text' as const, Buffer.from('first')] : sends[sent++]!;
    reference.append(expected(direction, kind, payload, frames, message));
  }
  assert.equal(log.totals.messagesOut, 4);
  assert.deepStrictEqual(log.range(1, Infinity).map((e) => e.direction), ['in', 'out', 'out', 'out', 'out'], 'wire order: the incoming message first');
  assert.deepStrictEqual(log.range(1, Infinity), reference.range(1, Infinity));
});

test('a sent message whose frame was written raw is read back from the write, not taken from the sends', () => {
  const log = new SessionLog();
  const { joiner, out } = joined(log);
  const raw = encodeFrame({ opcode: Opcode.text, payload: 'raw bytes', mask: KEY });
  joiner.sending('text', Buffer.from('queued'));
  joiner.writingRaw(0, raw);
  out.push(raw, T0);
  out.push(encodeFrame({ opcode: Opcode.text, payload: 'queued', mask: KEY }), T0 + 1);
  assert.deepStrictEqual(
    log.range(1, Infinity).map((e) => Buffer.from(e.payload).toString()),
    ['raw bytes', 'queued'],
  );
});
