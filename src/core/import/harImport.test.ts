import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionSnapshot } from '../client/connectionTypes';
import { SocketLensError } from '../errors';
import { exportChunks } from '../export/sessionExport';
import { SessionLog, type LogEntryInput } from '../log/sessionLog';
import { MAX_HAR_BYTES, parseHar, readHarFile } from './harImport';

const CHROME_HAR = join(__dirname, 'testdata', 'chrome-websocket.har');
const text = (payload: Uint8Array) => Buffer.from(payload).toString('utf8');

/** A HAR with one entry whose `_webSocketMessages` are `messages`. */
const harWith = (messages: unknown[], entry: Record<string, unknown> = {}) => ({
  log: { entries: [{ _resourceType: 'websocket', request: { url: 'ws://h/x', headers: [] }, response: { status: 101, headers: [] }, _webSocketMessages: messages, ...entry }] },
});

function assertImportError(input: unknown, pattern: RegExp): void {
  assert.throws(() => parseHar(input), (error: unknown) => {
    assert.ok(error instanceof SocketLensError);
    assert.equal(error.code, 'import/har');
    assert.match(error.message, pattern);
    return true;
  });
}

test('a Chrome DevTools HAR: the WebSocket entry only, its handshake, and each message decoded', async () => {
  const sessions = parseHar(await readFile(CHROME_HAR, 'utf8'));
  assert.equal(sessions.length, 1);
  const [session] = sessions;
  assert.equal(session!.entry, 2);
  assert.equal(session!.url, 'ws://localhost:5173/live?room=7');
  assert.equal(session!.startedDateTime, '2025-01-14T03:04:05.000Z');
  assert.equal(session!.status, 101);
  assert.equal(session!.statusText, 'Switching Protocols');
  assert.deepEqual(session!.requestHeaders[3], ['Sec-WebSocket-Version', '13']);
  assert.deepEqual(session!.responseHeaders[2], ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=']);
  const messages = session!.messages;
  assert.deepEqual(messages.map((m) => `${m.direction} ${m.kind}`), ['in text', 'out text', 'in text', 'in binary', 'out binary', 'out text', 'in text']);
  assert.equal(text(messages[1]!.payload), '{"type":"join","name":"ada"}');
  assert.deepEqual([...messages[3]!.payload], [0, 1, 2, 255]);
  assert.deepEqual([...messages[4]!.payload], [0xde, 0xad, 0xbe, 0xef]);
  assert.equal(text(messages[5]!.payload), 'héllo {{name}} ✓');
  assert.ok(Math.abs(messages[0]!.time - 1736823845010.5) < 0.01, `time in ms: ${messages[0]!.time}`);
});

test('a 101 answer with Upgrade: websocket counts as a WebSocket without _resourceType (Firefox, proxies)', () => {
  const har = { log: { entries: [{ request: { url: 'wss://a/b' }, response: { status: 101, headers: [{ name: 'upgrade', value: 'WebSocket' }] } }, { request: { url: 'https://a/' }, response: { status: 200, headers: [] } }] } };
  const sessions = parseHar(har);
  assert.deepEqual(sessions.map((s) => [s.entry, s.url, s.messages.length]), [[1, 'wss://a/b', 0]]);
});

test('binary data that is not base64 is kept as its text (a tool wrote the frame as text)', () => {
  const [session] = parseHar(harWith([{ type: 'receive', time: 1, opcode: 2, data: 'not base64!' }]));
  assert.equal(text(session!.messages[0]!.payload), 'not base64!');
});

test('round trip: our own HAR export imports back to the same messages', async () => {
  const T0 = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
  const log = new SessionLog();
  const inputs: LogEntryInput[] = [
    { direction: 'out', kind: 'text', payload: Buffer.from('héllo'), time: T0 + 20.5 },
    { direction: 'in', kind: 'binary', payload: new Uint8Array([0, 1, 2, 255]), time: T0 + 21 },
    { direction: 'out', kind: 'ping', payload: Buffer.from('p1'), time: T0 + 22 },
    { direction: 'in', kind: 'pong', payload: Buffer.from('p1'), time: T0 + 23 },
    { direction: 'in', kind: 'text', payload: Buffer.from(''), time: T0 + 23.25 },
    { direction: 'out', kind: 'close', payload: new Uint8Array([0x03, 0xe8, 0x62, 0x79, 0x65]), time: T0 + 24 },
  ];
  for (const input of inputs) log.append(input);
  const snapshot: ConnectionSnapshot = { id: 'c1', url: 'ws://echo.example.com/chat', state: 'closed', handshake: { request: { method: 'GET', path: '/chat', headers: [['Host', 'echo.example.com']] } }, lifecycle: [] };
  let har = '';
  for await (const chunk of exportChunks('har', { snapshot, log }, { version: '1.0.0' })) har += chunk;
  const [session] = parseHar(har);
  assert.equal(session!.url, 'ws://echo.example.com/chat');
  assert.deepEqual(session!.requestHeaders, [['Host', 'echo.example.com']]);
  assert.equal(session!.messages.length, inputs.length);
  session!.messages.forEach((message, i) => {
    const input = inputs[i]!;
    assert.equal(message.direction, input.direction, `message ${i} direction`);
    assert.equal(message.kind, input.kind, `message ${i} kind`);
    assert.deepEqual([...message.payload], [...input.payload], `message ${i} payload`);
    assert.ok(Math.abs(message.time - input.time) < 0.001, `message ${i} time`);
  });
});

test('not JSON: says so, with the position, line and column', () => {
  assertImportError('{\n  "log": {,}\n}', /^This file is not JSON, so not a HAR: .*position 12 \(line 2, column 11\)\.$/);
  assertImportError('', /not JSON.*Unexpected end of JSON input/);
});

test('a JSON Lines export: says it is JSON Lines, not a HAR, and what to import instead', async () => {
  const log = new SessionLog({});
  log.append({ direction: 'in', kind: 'text', payload: Buffer.from('hi'), time: 1 });
  const session = { url: 'ws://h/', handshake: {}, lifecycle: [{ time: 1 }] };
  let text = '';
  for await (const chunk of exportChunks('jsonl', { snapshot: session, log }, { version: '0' })) text += chunk;
  assertImportError(text, /^This is JSON Lines .*not a HAR\. Import Session reads HAR: export the session again as HAR/);
  assertImportError('{"a":1}', /not a HAR: it has no log\.entries/);
  log.dispose();
});

test('not a HAR: no log.entries', () => {
  assertImportError({ log: {} }, /not a HAR: it has no log\.entries list/);
  assertImportError([1, 2], /not a HAR/);
});

test('no WebSocket entry: counts the requests and says how to save one from Chrome', () => {
  const entries = Array.from({ length: 42 }, () => ({ request: { url: 'https://a/' }, response: { status: 200 } }));
  assertImportError({ log: { entries } }, /^This HAR has 42 requests but no WebSocket connection\. In Chrome DevTools, save the HAR after the WebSocket connection/);
  assertImportError({ log: { entries: [] } }, /has 0 requests but no WebSocket/);
});

test('a bad message names its entry and message, counted from 1', () => {
  const ok = { type: 'send', time: 1, opcode: 1, data: 'x' };
  const at17 = (bad: unknown) => harWith([...Array.from({ length: 16 }, () => ok), bad]);
  const entry3 = (bad: unknown) => ({ log: { entries: [{}, {}, harWith([bad]).log.entries[0]] } });
  assertImportError(entry3({ ...ok, opcode: 5 }), /^Entry 3, message 1: opcode 5 is not a WebSocket opcode \(1 text, 2 binary, 8 close, 9 ping, 10 pong\)\.$/);
  assertImportError(at17({ ...ok, opcode: 5 }), /^Entry 1, message 17: opcode 5 is not/);
  assertImportError(at17({ ...ok, type: 'sent' }), /message 17: type "sent" is neither "send" nor "receive"/);
  assertImportError(at17({ ...ok, time: 'soon' }), /message 17: time "soon" is not a number of seconds/);
  assertImportError(at17({ ...ok, data: 5 }), /message 17: data is not a string/);
  assertImportError(at17('hello'), /message 17: is not an object/);
  assertImportError(harWith({} as unknown as unknown[]), /^Entry 1: _webSocketMessages is not a list/);
});

test('a bad entry: no URL, or headers that are not { name, value }', () => {
  assertImportError({ log: { entries: [{ _resourceType: 'websocket', request: {} }] } }, /^Entry 1: has no request\.url/);
  assertImportError(harWith([], { request: { url: 'ws://h/', headers: [{ name: 'A' }] } }), /^Entry 1, request\.headers\[0\]: is not a header/);
  assertImportError(harWith([], { response: { headers: 'x' } }), /^Entry 1, response\.headers: is not a list/);
  assertImportError({ log: { entries: [null] } }, /^Entry 1: is not an object/);
});

test('readHarFile: a missing file and one over the size limit get clear errors', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'har-import-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await assert.rejects(readHarFile(join(dir, 'missing.har')), (error: SocketLensError) => error.code === 'import/read' && /missing\.har does not exist\.$/.test(error.message));
  const big = join(dir, 'big.har');
  await writeFile(big, '');
  await truncate(big, MAX_HAR_BYTES + 1);
  await assert.rejects(readHarFile(big), (error: SocketLensError) => error.code === 'import/read' && /is 256 MiB; Socket Lens imports a HAR of up to 256 MiB/.test(error.message));
  assert.equal((await readHarFile(CHROME_HAR)).length, 1);
});
