import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SocketLensError } from '../errors';
import type { FrameRecord } from '../protocol/frameDecoder';
import { NO_VIOLATIONS, violation, type Violation } from '../protocol/violations';
import { ARENA_CHUNK_BYTES } from './byteArena';
import { ROW_BYTES, SessionLog, type LogEntry, type LogEntryInput } from './sessionLog';

const text = (s: string, direction: 'in' | 'out' = 'in') => ({ direction, kind: 'text', payload: Buffer.from(s), time: 1 }) as const;
const str = (entry: LogEntry | undefined) => Buffer.from(entry!.payload).toString();

test('assigns stable increasing ids and keeps entries in order', () => {
  const log = new SessionLog();
  const ids = ['a', 'b', 'c'].map((s) => log.append(text(s)));
  assert.deepEqual(ids, [1, 2, 3]);
  assert.deepEqual(log.range(2, 10).map(str), ['b', 'c']);
  assert.equal(str(log.get(1)), 'a');
  assert.deepEqual(log.tail(2).map((e) => e.id), [2, 3]);
  assert.equal(log.get(0), undefined);
  assert.equal(log.get(1.5), undefined);
  assert.equal(log.get(4), undefined);
});

test('copies payloads in and out, so neither a reused caller buffer nor a reader can change the log', () => {
  const log = new SessionLog();
  const buffer = Buffer.from('hello');
  let appended: LogEntry | undefined;
  log.onDidAppend((entry) => (appended = entry));
  log.append({ direction: 'in', kind: 'binary', payload: buffer, time: 0 });
  buffer.fill(0);
  appended!.payload.fill(0);
  log.get(1)!.payload.fill(0);
  assert.equal(str(log.get(1)), 'hello');
  assert.ok(!(log.get(1)!.payload instanceof Buffer), 'a plain Uint8Array, not a view of the arena');
});

test('evicts the oldest entries past the byte budget and counts them', () => {
  const log = new SessionLog({ byteBudget: 1000 });
  const size = 100 - ROW_BYTES;
  for (let i = 0; i < 100; i++) log.append(text('x'.repeat(size)));
  // Each entry costs its payload + ROW_BYTES of columns = 100 bytes.
  assert.equal(log.length, 10);
  assert.equal(log.bytes, 1000);
  assert.equal(log.evictedEntries, 90);
  assert.equal(log.evictedBytes, 90 * size);
  assert.ok(log.bytes <= log.byteBudget);
  assert.equal(log.firstId, 91);
  assert.equal(log.get(90), undefined);
  assert.equal(log.range(1, 3)[0]!.id, 91, 'a range starting in evicted ids begins at the oldest kept');
  assert.equal(log.length + log.evictedEntries, 100, 'every message is either stored or counted');
});

test('keeps the newest entry even when it alone exceeds the budget', () => {
  const log = new SessionLog({ byteBudget: 10 });
  log.append(text('small'));
  log.append(text('y'.repeat(100)));
  assert.equal(log.length, 1);
  assert.equal(log.get(2)!.payload.byteLength, 100);
  assert.equal(log.evictedEntries, 1);
  log.append(text('z'));
  assert.deepEqual([log.length, log.evictedEntries, log.evictedBytes, str(log.get(3))], [1, 2, 105, 'z']);
});

test('counts messages and bytes per direction', () => {
  const log = new SessionLog();
  log.append(text('abc', 'in'));
  log.append(text('de', 'out'));
  log.append(text('f', 'out'));
  assert.deepEqual(log.totals, { messagesIn: 1, messagesOut: 2, bytesIn: 3, bytesOut: 3 });
});

test('notifies subscribers after every append, and a throwing one does not break appends', () => {
  const log = new SessionLog();
  const seen: LogEntry[] = [];
  log.onDidAppend(() => {
    throw new Error('bad subscriber');
  });
  const stop = log.onDidAppend((e) => seen.push(e));
  const originalError = console.error;
  console.error = () => {};
  try {
    log.append(text('one'));
    stop();
    log.append(text('two'));
  } finally {
    console.error = originalError;
  }
  assert.deepEqual(seen.map((e) => e.id), [1]);
  assert.deepStrictEqual(seen[0], log.get(1), 'the event carries the entry as stored');
  assert.equal(log.length, 2);
});

test('keeps ids and contents through eviction and many turns of the ring', () => {
  const log = new SessionLog({ byteBudget: 100 * (ROW_BYTES + 4) });
  for (let i = 1; i <= 5000; i++) {
    log.append(text(String(i).padStart(4, '0')));
    if (i % 97 !== 0 && i !== 5000) continue;
    const kept = log.range(0, Infinity);
    assert.equal(kept.length, Math.min(i, 100));
    kept.forEach((e, k) => assert.deepEqual([e.id, str(e)], [log.firstId + k, String(e.id).padStart(4, '0')]));
  }
  assert.equal(log.firstId, 4901);
  assert.equal(str(log.get(5000)), '5000');
  assert.equal(log.evictedEntries, 4900);
});

test('payloads straddling arena chunks survive the arena turning over', () => {
  const size = 10_007; // prime, so payloads start at every offset of a chunk
  const log = new SessionLog({ byteBudget: 8 * (size + ROW_BYTES) });
  const payload = (id: number) => Uint8Array.from({ length: size }, (_, k) => (k * 7 + id) & 0xff);
  for (let id = 1; id <= 200; id++) {
    log.append({ direction: 'in', kind: 'binary', payload: payload(id), time: id });
    for (const e of log.range(0, Infinity)) assert.deepEqual(e.payload, payload(e.id));
  }
  assert.equal(log.length, 8);
  assert.ok(200 * size > 20 * ARENA_CHUNK_BYTES, 'the arena went round many chunks');
  assert.ok(log.allocatedBytes < log.bytes + 3 * ARENA_CHUNK_BYTES + 256 * ROW_BYTES, `allocated ${log.allocatedBytes} bytes for ${log.bytes} stored`);
});

test('refuses bad input with a SocketLensError that names the field, and stays usable', () => {
  const log = new SessionLog();
  log.append(text('ok'));
  const bad = [
    { ...text('x'), direction: 'sideways' },
    { ...text('x'), kind: 'shout' },
    { ...text('x'), payload: 'not bytes' },
    { ...text('x'), time: '12:00' },
    { ...text('x'), wire: { frames: [null], compressed: false, wireLength: 0, violations: [] } },
  ];
  for (const input of bad) {
    assert.throws(() => log.append(input as unknown as LogEntryInput), (e: unknown) => e instanceof SocketLensError && e.code === 'log/input' && /direction|kind|payload|time|frames\[0\]/.test(e.message));
  }
  assert.deepEqual([log.length, log.totals.messagesIn], [1, 1], 'nothing of a refused entry is stored or counted');
  assert.deepEqual([log.append(text('next')), str(log.get(2))], [2, 'next']);
  assert.throws(() => new SessionLog({ byteBudget: -1 }), /budget/);
});

test('dispose releases everything', () => {
  const log = new SessionLog();
  log.append(text('a'));
  log.dispose();
  assert.deepEqual([log.length, log.bytes, log.tail(5)], [0, 0, []]);
});

/** A million of these is the common case the log is sized for. */
function commonMessage(k: number, payload: Uint8Array): LogEntryInput {
  const frame: FrameRecord = {
    offset: k * 260, fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: 1, masked: false, maskingKey: null, payloadLength: 256,
    lengthEncoding: 16, minimalLength: true, lengthHigh: 0, lengthLow: 0, headerLength: 4, index: k, opcodeName: 'text', messageIndex: k,
    time: 1_700_000_000_000 + k / 8, payloadPreview: undefined, closeCode: undefined, closeReason: undefined, violations: NO_VIOLATIONS,
  };
  return { direction: 'in', kind: 'text', payload, time: frame.time, wire: { frames: [frame], compressed: false, wireLength: 256, violations: NO_VIOLATIONS } };
}

test('a 256-byte single-frame text message costs its payload plus at most 32 bytes', (t) => {
  const n = 200_000;
  const log = new SessionLog({ byteBudget: 300 * n });
  const payload = new Uint8Array(256).fill(0x61);
  const gc = exposeGc();
  gc();
  const before = process.memoryUsage();
  for (let k = 0; k < n; k++) {
    payload[0] = k & 0xff;
    log.append(commonMessage(k, payload));
  }
  gc();
  const after = process.memoryUsage();
  assert.equal(log.length, n);
  assert.ok(log.bytes <= (256 + 32) * n, `${log.bytes / n} bytes per message`);
  assert.deepStrictEqual(log.get(n)!.wire, commonMessage(n - 1, payload).wire);
  const heap = after.heapUsed - before.heapUsed;
  const buffers = after.arrayBuffers - before.arrayBuffers;
  // Reported, not asserted: the heap moves with whatever else the process does.
  t.diagnostic(`accounted ${(log.bytes / n).toFixed(1)} B/msg; allocated ${(log.allocatedBytes / n).toFixed(1)} B/msg; measured ${((heap + buffers) / n).toFixed(1)} B/msg (arrayBuffers ${(buffers / n).toFixed(1)}, heap ${(heap / n).toFixed(1)})`);
  log.dispose();
});

/** A full collection, twice so that freed array buffers are swept, without --expose-gc on the command line. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

test('remembers the newest round-trip time, even after its pong is evicted', () => {
  const log = new SessionLog({ byteBudget: 200 });
  assert.equal(log.lastRttMs, undefined);
  log.append({ direction: 'in', kind: 'pong', payload: Buffer.from('p1'), time: 1, rttMs: 12.5 });
  log.append({ direction: 'in', kind: 'pong', payload: Buffer.from('p2'), time: 2, rttMs: 3.25 });
  log.append({ direction: 'in', kind: 'text', payload: Buffer.alloc(150), time: 3 });
  assert.equal(log.lastRttMs, 3.25);
  assert.equal(log.get(2), undefined, 'the pong itself was evicted');
});

test('hidden values are stored as *** in payloads from then on, both ways, and never reach a reader', () => {
  const log = new SessionLog();
  const before = log.append({ direction: 'out', kind: 'text', payload: Buffer.from('{"token":"s3cr3t-tok"}'), time: 1 });
  log.hide(['s3cr3t-tok', '']);
  const sent = log.append({ direction: 'out', kind: 'text', payload: Buffer.from('{"token":"s3cr3t-tok"}'), time: 2 });
  const echoed = log.append({ direction: 'in', kind: 'text', payload: Buffer.from('you said s3cr3t-tok'), time: 3 });
  const other = log.append({ direction: 'in', kind: 'binary', payload: Buffer.from([1, 2, 3]), time: 4 });
  assert.equal(Buffer.from(log.get(before)!.payload).toString(), '{"token":"s3cr3t-tok"}', 'what came before is not rewritten');
  assert.equal(Buffer.from(log.get(sent)!.payload).toString(), '{"token":"***"}');
  assert.equal(Buffer.from(log.get(echoed)!.payload).toString(), 'you said ***');
  assert.deepEqual([...log.get(other)!.payload], [1, 2, 3]);
});

/** A control frame as the tap records it: its whole payload as the preview, a close frame's code and reason read from it. */
function controlMessage(kind: 'ping' | 'close', payload: Buffer, violations: readonly Violation[] = NO_VIOLATIONS): LogEntryInput {
  const close = kind === 'close';
  const frame: FrameRecord = {
    offset: 0, fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: close ? 8 : 9, masked: false, maskingKey: null, payloadLength: payload.length,
    lengthEncoding: 7, minimalLength: true, lengthHigh: 0, lengthLow: 0, headerLength: 2, index: 3, opcodeName: kind, messageIndex: undefined, time: 5,
    payloadPreview: new Uint8Array(payload), closeCode: close ? payload.readUInt16BE(0) : undefined, closeReason: close ? payload.subarray(2).toString() : undefined, violations,
  };
  return { direction: 'in', kind, payload, time: 5, wire: { frames: [frame], compressed: false, wireLength: payload.length, violations } };
}

const closePayload = (code: number, reason: string) => Buffer.concat([Buffer.from([code >> 8, code & 0xff]), Buffer.from(reason)]);
const bytesText = (bytes: Uint8Array | undefined) => Buffer.from(bytes!).toString();

test('a hidden value is hidden in the reason and preview of a close frame too, not only in the payload', () => {
  const log = new SessionLog();
  log.hide(['s3cr3t-tok']);
  const entry = log.get(log.append(controlMessage('close', closePayload(1008, 'bad token s3cr3t-tok'))))!;
  const frame = entry.wire!.frames[0]!;
  assert.equal(bytesText(entry.payload.subarray(2)), 'bad token ***');
  assert.equal(frame.closeReason, 'bad token ***', 'the panel shows and the export writes this reason');
  assert.equal(frame.closeCode, 1008);
  assert.equal(bytesText(frame.payloadPreview!.subarray(2)), 'bad token ***');
  assert.equal(frame.payloadLength, 2 + 'bad token s3cr3t-tok'.length, 'the frame keeps its length on the wire');
});

test('a hidden value is hidden in the preview of a ping frame, whether the row holds the frame or it is kept whole beside it', () => {
  const log = new SessionLog();
  log.hide(['s3cr3t-tok']);
  const oddity = violation('5.2', 1002, 'RSV2 is set but no extension was negotiated.', 'rsv2');
  for (const violations of [NO_VIOLATIONS, [oddity]]) {
    const entry = log.get(log.append(controlMessage('ping', Buffer.from('keepalive:s3cr3t-tok'), violations)))!;
    assert.equal(bytesText(entry.payload), 'keepalive:***');
    assert.equal(bytesText(entry.wire!.frames[0]!.payloadPreview), 'keepalive:***');
    assert.deepEqual(entry.wire!.violations, violations);
  }
});

test('a hidden value is hidden in the reason a message was not delivered', () => {
  const log = new SessionLog();
  log.hide(['s3cr3t-tok']);
  const id = log.append({ ...text('x', 'out'), undelivered: { reason: 'not-sent: {"token":"s3cr3t-tok"} was refused' } });
  assert.equal(log.get(id)!.undelivered!.reason, 'not-sent: {"token":"***"} was refused');
});

test('a message with a hidden value keeps the size it had on the wire, in the entry and the byte counters; only its payload is ***', () => {
  const log = new SessionLog();
  const secret = 'S'.repeat(30);
  log.hide([secret]);
  const said = `my token is ${secret}`;
  const sent = log.get(log.append(text(said, 'out')))!;
  const echoed = log.get(log.append(text(said, 'in')))!;
  const plain = log.get(log.append(text('no secret here', 'in')))!;
  assert.equal(str(sent), 'my token is ***');
  assert.equal(sent.size, Buffer.byteLength(said), 'the size that crossed the wire');
  assert.equal(echoed.size, Buffer.byteLength(said));
  assert.equal(plain.size, undefined, 'only an entry whose payload was changed carries its size');
  assert.deepEqual(log.totals, { messagesIn: 2, messagesOut: 1, bytesIn: 42 + 14, bytesOut: 42 });
});

test('evicting a message with a hidden value counts the bytes it had on the wire', () => {
  const secret = 'S'.repeat(30);
  const log = new SessionLog({ byteBudget: 2 * ROW_BYTES + 200 });
  log.hide([secret]);
  log.append(text(`my token is ${secret}`));
  log.append(text('x'.repeat(190)));
  assert.equal(log.evictedEntries, 1);
  assert.equal(log.evictedBytes, 42);
  assert.equal(log.bytes, ROW_BYTES + 190, 'what the log holds is what it stored');
});
