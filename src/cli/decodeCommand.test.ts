import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { encodeClosePayload, encodeFrame } from '../core/protocol/frameEncoder';
import { parseCliArgs } from './cliArgs';
import { runDecode, type DecodeArgs } from './decodeCommand';

interface Run {
  code: number;
  out: string[];
  err: string[];
  /** stdout parsed as JSON lines (only with --json). */
  records: Record<string, unknown>[];
}

/** Runs `socket-lens decode ARGV` in-process, feeding `stdin` (if given) in 3-byte chunks. */
async function decode(argv: string[], stdin?: Uint8Array): Promise<Run> {
  const command = parseCliArgs(['decode', ...argv]);
  assert.equal(command.kind, 'decode', JSON.stringify(command));
  const input = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  const running = runDecode(command as DecodeArgs, { stdin: input, out: (line) => out.push(line), err: (line) => err.push(line) });
  if (stdin) for (let at = 0; at < stdin.length; at += 3) input.write(stdin.subarray(at, at + 3));
  input.end();
  const code = await running;
  const json = argv.includes('--json');
  return { code, out, err, records: json ? out.map((line) => JSON.parse(line) as Record<string, unknown>) : [] };
}

const ofType = (run: Run, type: string) => run.records.filter((r) => r.type === type);
const concat = (...frames: Uint8Array[]) => Uint8Array.from(Buffer.concat(frames));
const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

test('RFC 6455 §5.7: an unmasked "Hello" from the server, as the exact JSON contract', async () => {
  const run = await decode(['--hex', '81 05 48 65 6c 6c 6f', '--sender', 'server', '--json']);
  assert.equal(run.code, 0);
  assert.equal(
    run.out[0],
    '{"type":"frame","index":0,"offset":0,"fin":true,"rsv1":false,"rsv2":false,"rsv3":false,"opcode":1,"opcodeName":"text","masked":false,"maskingKey":null,"payloadLength":5,"lengthEncoding":7,"minimalLength":true,"headerHex":"8105","payloadHex":"48656c6c6f","payloadTruncated":false,"text":"Hello","closeCode":null,"closeReason":null,"messageIndex":0,"violations":[]}',
  );
  assert.equal(
    run.out[1],
    '{"type":"message","index":0,"kind":"text","compressed":false,"firstFrameIndex":0,"frameCount":1,"wireLength":5,"complete":true,"text":"Hello","payloadHex":"48656c6c6f","payloadTruncated":false,"violations":[]}',
  );
  assert.deepEqual(run.records[2], { type: 'summary', bytes: 7, frames: 1, messages: 1, errors: 0, warnings: 0, truncated: false, unfinishedMessage: false, exitCode: 0 });
  assert.equal(run.out.length, 3);
});

test('RFC 6455 §5.7: a masked "Hello" from the client, in both output modes', async () => {
  const hex = '81 85 37 fa 21 3d 7f 9f 4d 51 58';
  const json = await decode(['--hex', hex, '--sender', 'client', '--json']);
  assert.equal(json.code, 0);
  const [frame] = ofType(json, 'frame');
  assert.deepEqual([frame!.masked, frame!.maskingKey, frame!.headerHex, frame!.payloadHex, frame!.text], [true, '37fa213d', '818537fa213d', '48656c6c6f', 'Hello']);
  assert.equal(ofType(json, 'message')[0]!.text, 'Hello');
  const text = await decode(['--hex', hex, '--sender', 'client']);
  assert.equal(text.code, 0);
  assert.match(text.out[0]!, /^frame\s+offset\s+FIN\s+RSV\s+opcode\s+mask\s+length\s+bits\s+payload$/);
  assert.match(text.out[1]!, /^#0\s+@0\s+FIN\s+---\s+text\s+key 37fa213d\s+5\s+7\s+"Hello"$/);
  assert.match(text.out[2]!, /message 0: text, frame #0, 5 B\s+"Hello"/);
  assert.equal(text.out.at(-1), '── 1 frame, 1 message, 0 errors, 0 warnings, 11 bytes (exit 0)');
});

test('the listing keeps its columns aligned', async () => {
  const run = await decode(['--hex', '01 03 48 65 6c 89 05 48 65 6c 6c 6f 80 02 6c 6f 82 7e 01 00', '--sender', 'server', '--preview-bytes', '0']);
  const frames = run.out.filter((line) => line.startsWith('#') || line.startsWith('frame'));
  assert.equal(frames.length, 4);
  for (const column of ['@', 'unmasked']) assert.equal(new Set(frames.slice(1).map((line) => line.indexOf(column))).size, 1, column);
  assert.equal(new Set(frames.map((line) => line.search(/(opcode|text|ping|continuation)/))).size, 1);
});

test('a file with a fragmented message around a ping and a 70,000-byte frame is streamed and decoded', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'socket-lens-decode-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const big = new Uint8Array(70_000).map((_, i) => i & 0xff);
  const file = join(dir, 'server.bin');
  writeFileSync(file, concat(encodeFrame({ opcode: 1, fin: false, payload: 'Hel' }), encodeFrame({ opcode: 9, payload: 'hi' }), encodeFrame({ opcode: 0, payload: 'lo' }), encodeFrame({ opcode: 2, payload: big }), encodeFrame({ opcode: 8, payload: encodeClosePayload(1000, 'bye') })));
  const run = await decode([file, '--sender', 'server', '--json']);
  assert.equal(run.code, 0);
  const frames = ofType(run, 'frame');
  assert.deepEqual(frames.map((f) => [f.opcodeName, f.fin, f.messageIndex, f.text]), [['text', false, 0, 'Hel'], ['ping', true, null, null], ['continuation', true, 0, 'lo'], ['binary', true, 1, null], ['close', true, null, null]]);
  assert.deepEqual(run.records.map((r) => r.type), ['frame', 'frame', 'frame', 'message', 'frame', 'message', 'frame', 'summary']);
  const large = frames[3]!;
  assert.deepEqual([large.offset, large.payloadLength, large.lengthEncoding, large.headerHex, large.payloadTruncated], [13, 70_000, 64, '827f0000000000011170', true]);
  assert.equal(large.payloadHex, hexOf(big.subarray(0, 4096)));
  assert.deepEqual([frames[4]!.closeCode, frames[4]!.closeReason], [1000, 'bye']);
  const [fragmented, binary] = ofType(run, 'message');
  assert.deepEqual([fragmented!.frameCount, fragmented!.wireLength, fragmented!.text, fragmented!.firstFrameIndex], [2, 5, 'Hello', 0]);
  assert.deepEqual([binary!.kind, binary!.wireLength, binary!.text, binary!.payloadTruncated], ['binary', 70_000, null, true]);
});

test('standard input with -, arriving in small chunks', async () => {
  const run = await decode(['-', '--sender', 'server', '--json'], concat(encodeFrame({ opcode: 1, payload: 'héllo wörld' }), encodeFrame({ opcode: 10, payload: 'pong' })));
  assert.equal(run.code, 0);
  assert.deepEqual(ofType(run, 'frame').map((f) => [f.opcodeName, f.text, f.payloadHex]), [['text', 'héllo wörld', hexOf(Buffer.from('héllo wörld'))], ['pong', null, '706f6e67']]);
});

test('input that ends inside a frame exits 1 and says how much is missing', async () => {
  const frame = encodeFrame({ opcode: 2, payload: new Uint8Array(300) });
  const payload = await decode(['--hex', hexOf(frame.subarray(0, 104)), '--sender', 'server', '--json']);
  assert.equal(payload.code, 1);
  assert.deepEqual(ofType(payload, 'truncated'), [{ type: 'truncated', frameIndex: 0, offset: 0, headerBytesMissing: 0, payloadBytesMissing: 200, message: 'The input ends inside frame 0 (at offset 0): 200 payload bytes are missing.', violations: [] }]);
  const header = await decode(['--hex', `81 00 ${hexOf(frame.subarray(0, 3))}`, '--sender', 'server', '--json']);
  assert.equal(header.code, 1);
  assert.deepEqual(ofType(header, 'truncated')[0], { type: 'truncated', frameIndex: 1, offset: 2, headerBytesMissing: 1, payloadBytesMissing: 0, message: 'The input ends inside the header of frame 1 (at offset 2): 1 header byte is missing, and any payload after it.', violations: [] });
  const text = await decode(['--hex', '82', '--sender', 'server']);
  assert.equal(text.code, 1);
  assert.match(text.out.join('\n'), /! truncated: .*at least 1 header byte is missing/);
  assert.match(text.out.at(-1)!, /input truncated \(exit 1\)/);
});

test('a frame cut off inside its header is judged from the bytes that are there', async () => {
  const run = await decode(['--hex', '81026f6b a27f0000', '--sender', 'server', '--json']);
  assert.equal(run.code, 1);
  assert.deepEqual(ofType(run, 'truncated')[0]!.violations, [{ rfc: '5.2', closeCode: 1002, message: 'RSV2 is set but no negotiated extension defines it.' }]);
  assert.equal(ofType(run, 'summary')[0]!.errors, 1);
  const text = await decode(['--hex', '8801', '--sender', 'server']);
  assert.match(text.out.join('\n'), /! truncated: .*\n +✗ RFC 6455 §5\.5\.1 → close 1002: The close frame has a 1-byte payload/);
});

test('input that ends between the fragments of a message exits 1 with an unfinished-message line', async () => {
  const run = await decode(['--hex', hexOf(concat(encodeFrame({ opcode: 1, fin: false, payload: 'ab' }), encodeFrame({ opcode: 0, fin: false, payload: 'cd' }))), '--sender', 'server', '--json']);
  assert.equal(run.code, 1);
  assert.deepEqual(ofType(run, 'unfinished-message'), [
    { type: 'unfinished-message', messageIndex: 0, kind: 'text', compressed: false, firstFrameIndex: 0, frameCount: 2, wireLength: 4, message: 'The input ends inside text message 0 (from frame 0): 2 frames of it arrived, but not its final frame (FIN set).' },
  ]);
  assert.equal(ofType(run, 'truncated').length, 0);
});

test('protocol violations exit 1, with their RFC section and close code', async () => {
  const unmasked = await decode(['--hex', '81 05 48 65 6c 6c 6f', '--sender', 'client', '--json']);
  assert.equal(unmasked.code, 1);
  assert.deepEqual(ofType(unmasked, 'frame')[0]!.violations, [{ rfc: '5.1', closeCode: 1002, message: 'A frame from the client is not masked; every client frame must be.' }]);
  const listing = await decode(['--hex', '81 05 48 65 6c 6c 6f', '--sender', 'client']);
  assert.equal(listing.code, 1);
  assert.match(listing.out[2]!, /^ {8}✗ RFC 6455 §5\.1 → close 1002: A frame from the client is not masked/);
  assert.match(listing.out.at(-1)!, /1 error, 0 warnings, .*\(exit 1\)/);

  const invalidUtf8 = await decode(['--hex', '01 02 41 e2 80 02 28 a1', '--sender', 'server', '--json']);
  assert.equal(invalidUtf8.code, 1);
  const message = ofType(invalidUtf8, 'message')[0]!;
  assert.deepEqual([message.text, (message.violations as { rfc: string; closeCode: number }[]).map((v) => `${v.rfc}:${v.closeCode}`)], [null, ['8.1:1007']]);
  assert.equal(ofType(invalidUtf8, 'frame')[0]!.text, null, 'a fragment that is not valid UTF-8 on its own has no text');
  assert.equal(ofType(invalidUtf8, 'summary')[0]!.errors, 1, 'the violation a message shares with its frame counts once');

  const oversized = await decode(['--hex', hexOf(encodeFrame({ opcode: 2, payload: new Uint8Array(2000) })), '--sender', 'server', '--max-payload', '1024', '--json']);
  assert.equal(oversized.code, 1);
  assert.deepEqual((ofType(oversized, 'frame')[0]!.violations as { closeCode: number }[]).map((v) => v.closeCode), [1009]);
});

test('a warning alone exits 0; it has no close code', async () => {
  const run = await decode(['--hex', '82 7e 00 01 ff', '--sender', 'server', '--json']);
  assert.equal(run.code, 0);
  const frame = ofType(run, 'frame')[0]!;
  assert.deepEqual([frame.minimalLength, frame.lengthEncoding, (frame.violations as { closeCode: null }[])[0]!.closeCode], [false, 16, null]);
  const listing = await decode(['--hex', '82 7e 00 01 ff', '--sender', 'server']);
  assert.match(listing.out[2]!, /⚠ RFC 6455 §5\.2 warning: The length 1 is sent in the 16-bit form/);
});

test('--deflate allows RSV1 on the first frame and reports the message as compressed, without text', async () => {
  const hex = hexOf(concat(encodeFrame({ opcode: 1, rsv1: true, payload: Buffer.from('f248cdc9c90700', 'hex') })));
  const run = await decode(['--hex', hex, '--sender', 'server', '--deflate', '--json']);
  assert.equal(run.code, 0);
  assert.equal(ofType(run, 'frame')[0]!.text, null);
  assert.deepEqual([ofType(run, 'message')[0]!.compressed, ofType(run, 'message')[0]!.text], [true, null]);
  const without = await decode(['--hex', hex, '--sender', 'server', '--json']);
  assert.equal(without.code, 1, 'RSV1 without a negotiated extension is a protocol error');
});

test('--preview-bytes bounds the payload shown, control frames included', async () => {
  const run = await decode(['--hex', '81 05 48 65 6c 6c 6f 89 03 61 62 63 88 05 03 e8 62 79 65', '--sender', 'server', '--preview-bytes', '2', '--json']);
  const [text, ping, close] = ofType(run, 'frame');
  assert.deepEqual([text!.payloadHex, text!.payloadTruncated, text!.text], ['4865', true, null]);
  assert.deepEqual([ping!.payloadHex, ping!.payloadTruncated], ['6162', true]);
  assert.deepEqual([close!.payloadHex, close!.closeCode, close!.closeReason], ['03e8', 1000, 'bye']);
  assert.deepEqual([ofType(run, 'message')[0]!.payloadHex, ofType(run, 'message')[0]!.text], ['4865', null]);
});

test('a message cut off by a new one is reported before the frame that cut it off', async () => {
  const run = await decode(['--hex', '01 01 61 82 01 62', '--sender', 'server', '--json']);
  assert.equal(run.code, 1);
  assert.deepEqual(run.records.map((r) => `${r.type}:${r.index ?? ''}`), ['frame:0', 'message:0', 'frame:1', 'message:1', 'summary:']);
  assert.equal(ofType(run, 'message')[0]!.complete, false);
});

test('a missing file exits 2 and says what to do', async () => {
  const run = await decode(['/nonexistent/capture.bin', '--sender', 'server']);
  assert.equal(run.code, 2);
  assert.deepEqual(run.out, []);
  assert.match(run.err[0]!, /Cannot read "\/nonexistent\/capture\.bin": there is no such file\. Check the path/);
});

test('the CLI entry point dispatches decode: exit codes and messages of the real process', () => {
  const cli = (args: string[], input?: Uint8Array) => spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'main.ts'), 'decode', ...args], { input, encoding: 'utf8' });
  const ok = cli(['-', '--sender', 'server', '--json'], Buffer.from('810548656c6c6f', 'hex'));
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout.split('\n')[0]!).text, 'Hello');
  const usage = cli(['--hex', '81 05 4']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /^socket-lens: --hex: An odd number of hex digits \(5\): the digit "4" at character 7 has no partner/);
});
