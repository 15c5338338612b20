// Every kind of entry comes back from the log exactly as it went in. The entries are made the way
// a connection makes them: frames decoded by FrameDecoder from real bytes, joined to delivered
// payloads by WireJoiner, which appends to the log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeClosePayload, encodeFrame } from '../protocol/frameEncoder';
import { FrameDecoder, type FrameDecoderOptions, type FrameRecord } from '../protocol/frameDecoder';
import { Opcode } from '../protocol/opcodes';
import { WireJoiner } from '../tap/wireJoiner';
import { plainWire, WIRE_BASE_BYTES } from './compactWire';
import { ROW_BYTES, SessionLog, type LogEntry, type LogEntryInput } from './sessionLog';

const T0 = 1_700_000_000_000.125;
const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

/** A client connection's wire: incoming frames from a server, outgoing frames masked. */
class Connection {
  readonly log = new SessionLog();
  readonly appended: LogEntryInput[] = [];
  readonly joiner: WireJoiner;
  private readonly inbound: FrameDecoder;
  private readonly outbound: FrameDecoder;

  constructor(options: Partial<FrameDecoderOptions> & { readonly inSender?: 'client' | 'server' } = {}) {
    const append = this.log.append.bind(this.log);
    const appendPlain = this.log.appendPlain.bind(this.log);
    let plain = false;
    this.log.append = (input) => {
      if (!plain) this.appended.push(input);
      return append(input);
    };
    // The joiner's way in for a message in one plain frame: the same as append with that frame.
    this.log.appendPlain = (direction, kind, payload, frame) => {
      this.appended.push({ direction, kind, payload, time: frame.time, wire: plainWire(frame) });
      plain = true;
      try {
        return appendPlain(direction, kind, payload, frame);
      } finally {
        plain = false;
      }
    };
    this.joiner = new WireJoiner(this.log, { closeFrame() {}, violation() {}, tcp() {} });
    const common = { perMessageDeflate: options.perMessageDeflate, previewBytes: options.previewBytes };
    this.inbound = new FrameDecoder({ frame: (f) => this.joiner.frame('in', f), message: (m) => this.joiner.message('in', m) }, { ...common, sender: options.inSender ?? 'server' });
    this.outbound = new FrameDecoder({ frame: (f) => this.joiner.frame('out', f), message: (m) => this.joiner.message('out', m) }, { ...common, sender: 'client' });
  }

  receive(time: number, ...frames: Uint8Array[]): void {
    this.inbound.push(Buffer.concat(frames), time);
  }

  deliver(kind: 'text' | 'binary', payload: Uint8Array): void {
    this.joiner.delivered(kind, payload, 0);
  }

  send(time: number, kind: 'text' | 'binary', payload: Uint8Array, frame = encodeFrame({ opcode: kind === 'text' ? Opcode.text : Opcode.binary, payload, mask: KEY })): void {
    this.joiner.sending(kind, payload);
    this.outbound.push(frame, time);
  }

  sendPing(time: number, payload: string): void {
    this.outbound.push(encodeFrame({ opcode: Opcode.ping, payload, mask: KEY }), time);
  }

  /** Bytes the log charges beyond the payloads. */
  get overhead(): number {
    return this.log.bytes - this.log.range(0, Infinity).reduce((sum, e) => sum + e.payload.byteLength, 0);
  }

  /** Each stored entry equals what was appended, through every reader. */
  assertRoundTrip(): void {
    assert.ok(this.appended.length > 0);
    const want = this.appended.map((input, k) => expected(input, k + 1));
    assert.deepStrictEqual(this.log.range(1, Infinity), want);
    want.forEach((entry) => assert.deepStrictEqual(this.log.get(entry.id), entry));
    assert.deepStrictEqual(this.log.tail(want.length), want);
  }
}

/** What the log must hand back for `input`: undefined fields absent, frames without the parser's `headerViolations`. */
function expected(input: LogEntryInput, id: number): LogEntry {
  const entry: Record<string, unknown> = { id, direction: input.direction, kind: input.kind, payload: new Uint8Array(input.payload), time: input.time };
  if (input.wire) entry.wire = { ...input.wire, frames: input.wire.frames.map(withoutHeaderViolations) };
  if (input.rttMs !== undefined) entry.rttMs = input.rttMs;
  if (input.undelivered) entry.undelivered = input.undelivered;
  return entry as unknown as LogEntry;
}

function withoutHeaderViolations(frame: FrameRecord): FrameRecord {
  const copy: Record<string, unknown> = { ...frame };
  delete copy.headerViolations;
  return copy as unknown as FrameRecord;
}

const bytes = (size: number, seed = 0) => Uint8Array.from({ length: size }, (_, k) => (k * 31 + seed) & 0xff);
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

test('a single-frame text message, unmasked, is stored in its row alone', () => {
  const c = new Connection();
  c.receive(T0, encodeFrame({ opcode: Opcode.text, payload: 'héllo' }));
  c.deliver('text', utf8('héllo'));
  c.assertRoundTrip();
  assert.equal(c.overhead, ROW_BYTES + WIRE_BASE_BYTES, 'no side data: the row and the direction base');
  c.receive(T0 + 1, encodeFrame({ opcode: Opcode.text, payload: 'again' }));
  c.deliver('text', utf8('again'));
  assert.equal(c.overhead, 2 * ROW_BYTES + WIRE_BASE_BYTES, 'the next message shares the base');
  assert.equal(c.log.get(2)!.wire!.frames[0]!.offset, 8, 'the second frame starts after the first (2 header bytes + 6 payload bytes: é takes two)');
});

test('masked and unmasked frames in the 7-, 16- and 64-bit length forms come back exactly', () => {
  const c = new Connection();
  for (const [k, size] of [5, 300, 70_000].entries()) {
    const payload = bytes(size, k);
    c.send(T0 + k, 'binary', payload);
    c.receive(T0 + k + 0.5, encodeFrame({ opcode: Opcode.binary, payload }));
    c.deliver('binary', payload);
  }
  c.assertRoundTrip();
  const frames = c.log.range(1, 6).map((e) => e.wire!.frames[0]!);
  assert.deepEqual(frames.map((f) => [f.masked, f.lengthEncoding, f.headerLength]), [
    [true, 7, 6], [false, 7, 2], [true, 16, 8], [false, 16, 4], [true, 64, 14], [false, 64, 10],
  ]);
  assert.equal(frames[0]!.maskingKey, 0x37fa213d);
  assert.equal(c.overhead, 6 * ROW_BYTES + 2 * WIRE_BASE_BYTES);
});

test('ping, pong with its round-trip time, and close frames come back exactly', () => {
  const c = new Connection();
  c.sendPing(T0, 'p1');
  c.receive(T0 + 12.5, encodeFrame({ opcode: Opcode.pong, payload: 'p1' }));
  c.receive(T0 + 13, encodeFrame({ opcode: Opcode.ping, payload: '' }));
  c.receive(T0 + 14, encodeFrame({ opcode: Opcode.close, payload: encodeClosePayload(1000, 'bye') }));
  c.receive(T0 + 15, encodeFrame({ opcode: Opcode.close }));
  c.assertRoundTrip();
  const [ping, pong, emptyPing, close, bare] = c.log.range(1, 5);
  assert.equal(pong!.rttMs, 12.5);
  assert.equal(ping!.wire!.frames[0]!.masked, true);
  assert.deepEqual([close!.wire!.frames[0]!.closeCode, close!.wire!.frames[0]!.closeReason], [1000, 'bye']);
  assert.deepEqual([bare!.wire!.frames[0]!.closeCode, emptyPing!.wire!.frames[0]!.payloadPreview], [undefined, undefined]);
});

test('a compressed message keeps its wire length apart from the inflated payload', () => {
  const c = new Connection({ perMessageDeflate: true });
  c.receive(T0, encodeFrame({ opcode: Opcode.text, rsv1: true, payload: bytes(20) }));
  c.deliver('text', utf8('a much longer inflated text payload'));
  c.assertRoundTrip();
  const entry = c.log.get(1)!;
  assert.deepEqual([entry.wire!.compressed, entry.wire!.wireLength, entry.wire!.frames[0]!.rsv1], [true, 20, true]);
  assert.equal(c.overhead, ROW_BYTES + WIRE_BASE_BYTES, 'still one row, no side data');
});

test('multi-frame messages, violations, data previews and undelivered messages come back exactly', () => {
  const c = new Connection({ previewBytes: 0 });
  c.receive(T0, encodeFrame({ opcode: Opcode.text, fin: false, payload: 'Hel' }), encodeFrame({ opcode: Opcode.ping, payload: 'mid' }), encodeFrame({ opcode: Opcode.continuation, payload: 'lo' }));
  c.deliver('text', utf8('Hello'));
  c.receive(T0 + 1, encodeFrame({ opcode: Opcode.binary, payload: bytes(10), lengthEncoding: 16 }));
  c.deliver('binary', bytes(10));
  c.receive(T0 + 2, encodeFrame({ opcode: Opcode.binary, payload: bytes(4), mask: KEY }));
  c.joiner.finish('not-delivered');
  c.send(T0 + 3, 'text', utf8('never written'), new Uint8Array(0));
  c.joiner.finish('not-sent');
  c.assertRoundTrip();
  const [ping, fragmented, nonMinimal, maskedByServer, unsent] = c.log.range(1, 5);
  assert.equal(ping!.kind, 'ping', 'the ping crossed the wire before the message ended');
  assert.equal(fragmented!.wire!.frames.length, 2);
  assert.equal(nonMinimal!.wire!.violations[0]!.rfc, '5.2');
  assert.equal(maskedByServer!.undelivered!.reason, 'not-delivered');
  assert.equal(unsent!.wire, undefined);

  const preview = new Connection({ previewBytes: 4 });
  preview.receive(T0, encodeFrame({ opcode: Opcode.text, payload: 'preview kept' }));
  preview.deliver('text', utf8('preview kept'));
  preview.assertRoundTrip();
  assert.equal(Buffer.from(preview.log.get(1)!.wire!.frames[0]!.payloadPreview!).toString(), 'prev');
});

test('frame numbers past 16 bits and stream offsets past 32 bits start new bases and stay exact', () => {
  const log = new SessionLog({ byteBudget: 20 * (ROW_BYTES + 1) + 10 * WIRE_BASE_BYTES });
  const inputs: LogEntryInput[] = [];
  const steps = [[0, 0, 0], [1, 1, 2 ** 33], [70_000, 2, 2 ** 33 + 3], [70_001, 70_000, 2 ** 40], [5, 3, 7], [6, 4, 10]];
  for (const [k, [index, messageIndex, offset]] of steps.entries()) {
    const frame: FrameRecord = {
      offset: offset!, fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: Opcode.text, masked: false, maskingKey: null, payloadLength: 1,
      lengthEncoding: 7, minimalLength: true, lengthHigh: 0, lengthLow: 0, headerLength: 2, index: index!, opcodeName: 'text', messageIndex,
      time: T0 + k, payloadPreview: undefined, closeCode: undefined, closeReason: undefined, violations: [],
    };
    const input: LogEntryInput = { direction: 'in', kind: 'text', payload: utf8(String(k % 10)), time: T0 + k, wire: { frames: [frame], compressed: false, wireLength: 1, violations: [] } };
    inputs.push(input);
    log.append(input);
  }
  assert.deepStrictEqual(log.range(1, Infinity), inputs.map((input, k) => expected(input, k + 1)));
  const basesHeld = () => (log.bytes - log.length * (ROW_BYTES + 1)) / WIRE_BASE_BYTES;
  assert.equal(basesHeld(), 5, 'a base for the first row, the 2^33 offset, the 70,000th frame, the 2^40 offset and the step back');
  for (let k = 0; k < 40; k++) log.append({ direction: 'out', kind: 'binary', payload: utf8('x'), time: T0 });
  assert.equal(log.firstId > steps.length, true, 'the rows with those bases were evicted');
  assert.equal(basesHeld(), 1, 'their bases went with them but the newest one');
});

test('a seeded mix of every kind of entry comes back exactly through eviction, whatever the budget', () => {
  let seed = 12345;
  // An LCG in 32-bit arithmetic (a double would lose the low bits), read from its high bits.
  const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const kinds = ['text', 'binary', 'ping', 'pong', 'close'] as const;
  for (const budget of [0, 200, 5000, 100_000, 1_000_000]) {
    const log = new SessionLog({ byteBudget: budget });
    const inputs: LogEntryInput[] = [];
    const next = { offset: [0, 0], frame: [0, 0], message: [0, 0] };
    for (let i = 0; i < 300; i++) {
      const out = random(2);
      const k = random(5);
      const size = k >= 2 ? random(20) : [0, 5, 200, 70_000, 3000][random(5)]!;
      const payload = k === 4 && size >= 2 ? encodeClosePayload(1000 + random(10), `r${i}`) : bytes(size, i);
      let input: LogEntryInput = { direction: out ? 'out' : 'in', kind: kinds[k]!, payload, time: T0 + i * 0.37 };
      if (random(4)) {
        const deflate = k < 2 && random(3) === 0;
        const nonMinimal = random(20) === 0 && payload.length < 126 && k < 2;
        const encoded = encodeFrame({ opcode: [1, 2, 9, 10, 8][k]!, payload, mask: out === 1 || random(10) === 0, rsv1: deflate, lengthEncoding: nonMinimal ? 16 : undefined });
        const frames: FrameRecord[] = [];
        new FrameDecoder({ frame: (f) => frames.push({ ...f }), message() {} }, { sender: out ? 'client' : 'server', perMessageDeflate: deflate }).push(encoded, input.time);
        if (random(50) === 0) next.frame[out]! += 70_000;
        const frame = { ...frames[0]!, offset: next.offset[out]!, index: next.frame[out]!++, messageIndex: k < 2 ? next.message[out]!++ : undefined };
        next.offset[out]! += encoded.length + (random(30) === 0 ? 2 ** 32 : 0);
        const more = random(8) === 0 ? [{ ...frame, index: next.frame[out]!++ }] : [];
        input = { ...input, wire: { frames: [frame, ...more], compressed: deflate, wireLength: frame.payloadLength, violations: frame.violations } };
      }
      if (random(10) === 0) input = { ...input, rttMs: random(100) / 3 };
      if (random(15) === 0) input = { ...input, undelivered: { reason: `gone ${i}` } };
      inputs.push(input);
      log.append(input);
      assert.ok(log.bytes <= budget || log.length === 1, `${log.bytes} bytes kept for a budget of ${budget}`);
      assert.equal(log.length + log.evictedEntries, i + 1);
      if (i % 7 === 0) assert.deepStrictEqual(log.range(0, Infinity), inputs.slice(log.firstId - 1).map((x, j) => expected(x, log.firstId + j)));
    }
    const evicted = inputs.slice(0, log.firstId - 1).reduce((sum, x) => sum + x.payload.byteLength, 0);
    assert.equal(log.evictedBytes, evicted);
  }
});
