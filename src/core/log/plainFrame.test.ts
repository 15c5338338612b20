// A message in one plain frame reaches the log as numbers (PlainFrame) instead of a frame record:
// the numbers must give back exactly the record the decoder made, and appendPlain must store
// exactly what append stores for that record.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeFrame, type FrameSpec } from '../protocol/frameEncoder';
import { FrameDecoder, type FrameDecoderOptions, type FrameRecord } from '../protocol/frameDecoder';
import { Opcode } from '../protocol/opcodes';
import { isPlainDataFrame, plainFrameRecord, plainWire, type PlainFrame } from './compactWire';
import { SessionLog } from './sessionLog';

const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
const T0 = 1_700_000_000_000.25;

/** The frame records the decoder reports for `specs`, sent one after another, copied. */
function decode(options: FrameDecoderOptions, ...specs: FrameSpec[]): FrameRecord[] {
  const frames: FrameRecord[] = [];
  const decoder = new FrameDecoder({ frame: (f) => frames.push({ ...f }), message: () => {} }, options);
  specs.forEach((spec, k) => decoder.push(encodeFrame(spec), T0 + k));
  return frames;
}

function numbers(f: FrameRecord): PlainFrame {
  return { opcode: f.opcode, frameIndex: f.index, messageIndex: f.messageIndex!, offset: f.offset, payloadLength: f.payloadLength, rsv1: f.rsv1, maskingKey: f.maskingKey, time: f.time };
}

function withoutHeaderViolations(frame: FrameRecord): FrameRecord {
  const copy: Record<string, unknown> = { ...frame };
  delete copy.headerViolations;
  return copy as unknown as FrameRecord;
}

const PLAIN_SPECS: FrameSpec[] = [5, 300, 70_000].flatMap((size) => [
  { opcode: Opcode.text, payload: 'x'.repeat(size) },
  { opcode: Opcode.binary, payload: new Uint8Array(size) },
]);

test('the numbers of a plain frame give back the decoder\'s record: both kinds, every length form, masked, compressed', () => {
  const frames = [
    ...decode({ sender: 'server' }, ...PLAIN_SPECS),
    ...decode({ sender: 'client' }, ...PLAIN_SPECS.map((spec) => ({ ...spec, mask: KEY }))),
    ...decode({ sender: 'server', perMessageDeflate: true }, { opcode: Opcode.text, payload: 'compressed', rsv1: true }, { opcode: Opcode.binary, payload: 'plain' }),
  ];
  assert.equal(frames.length, 14);
  for (const frame of frames) {
    assert.ok(isPlainDataFrame(frame), `frame ${frame.index} is plain`);
    assert.deepStrictEqual(plainFrameRecord(numbers(frame)), withoutHeaderViolations(frame));
  }
});

test('frames a row cannot hold exactly are not plain', () => {
  const notPlain = [
    ...decode({ sender: 'server' }, { opcode: Opcode.text, payload: 'frag', fin: false }, { opcode: Opcode.continuation, payload: 'ment' }),
    ...decode({ sender: 'server' }, { opcode: Opcode.text, payload: 'long form', lengthEncoding: 64 }),
    ...decode({ sender: 'server' }, { opcode: Opcode.text, payload: 'rsv1 without deflate', rsv1: true }),
    ...decode({ sender: 'server' }, { opcode: Opcode.text, payload: 'masked by a server', mask: KEY }),
    ...decode({ sender: 'server', previewBytes: 4 }, { opcode: Opcode.text, payload: 'with a preview' }),
    ...decode({ sender: 'server' }, { opcode: Opcode.ping, payload: 'ping' }, { opcode: Opcode.close, payload: new Uint8Array(0) }),
  ];
  assert.equal(notPlain.length, 8);
  for (const frame of notPlain) assert.equal(isPlainDataFrame(frame), false, `${frame.opcodeName} frame ${frame.index}`);
});

test('appendPlain stores what append stores for the same frame, and a kind other than the frame\'s takes append\'s way', () => {
  const frames = decode({ sender: 'client' }, ...PLAIN_SPECS.map((spec) => ({ ...spec, mask: KEY })));
  const viaAppend = new SessionLog();
  const viaPlain = new SessionLog();
  for (const frame of frames) {
    const payload = new Uint8Array(frame.payloadLength).fill(frame.index);
    const kind = frame.opcode === Opcode.text ? 'text' : 'binary';
    viaAppend.append({ direction: 'out', kind, payload, time: frame.time, wire: plainWire(numbers(frame)) });
    viaPlain.appendPlain('out', kind, payload, numbers(frame));
  }
  const mismatched = numbers(frames[0]!);
  viaAppend.append({ direction: 'out', kind: 'binary', payload: Uint8Array.of(1), time: mismatched.time, wire: plainWire(mismatched) });
  viaPlain.appendPlain('out', 'binary', Uint8Array.of(1), mismatched);
  assert.deepStrictEqual(viaPlain.range(1, Infinity), viaAppend.range(1, Infinity));
  assert.equal(viaPlain.bytes, viaAppend.bytes);
  assert.deepStrictEqual(viaPlain.totals, viaAppend.totals);
  assert.throws(() => viaPlain.appendPlain('sideways' as 'in', 'text', new Uint8Array(0), mismatched), /plain frame's entry to the session log: direction must be "in" or "out"; got sideways/);
});

test('appendPlain hides what the log was told to hide, as append does', () => {
  const [frame] = decode({ sender: 'server' }, { opcode: Opcode.text, payload: 'echo s3cr3t-tok' });
  const log = new SessionLog();
  log.hide(['s3cr3t-tok']);
  const id = log.appendPlain('in', 'text', Buffer.from('echo s3cr3t-tok'), numbers(frame!));
  assert.equal(Buffer.from(log.get(id)!.payload).toString(), 'echo ***');
});
