import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createTestPki } from '../core/testing/testCertificates';
import { parseConnectArgs, type ConnectArgs } from './connectArgs';
import { runConnect, type CliIo } from './connectCommand';

/** The arguments as the command line would give them. */
function args(...argv: string[]): ConnectArgs {
  const parsed = parseConnectArgs(argv);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

test('sends each stdin line, prints messages as JSON lines, and exits 0 after a clean close', async (t) => {
  const received: string[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  t.after(() => wss.close());
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  wss.on('connection', (ws) => {
    ws.send(Buffer.from([0, 255]), { binary: true });
    ws.on('message', (data) => {
      received.push(data.toString());
      if (received.length === 2) ws.close(1000, 'done');
    });
  });
  const stdin = new PassThrough();
  const out: string[] = [];
  const running = runConnect(
    args(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, '--json'),
    { stdin, out: (line) => out.push(line), err: () => {} },
  );
  stdin.write('one\ntwo\n');
  assert.equal(await running, 0);
  assert.deepEqual(received, ['one', 'two']);
  const messages = out.map((line) => JSON.parse(line)).filter((m) => m.type === 'message');
  assert.deepEqual(
    // The server's greeting and our lines race; their relative order is not the point here.
    messages.map((m) => [m.direction, m.kind, m.data]).sort(),
    [
      ['in', 'binary', 'AP8='],
      ['in', 'close', Buffer.from([0x03, 0xe8, ...Buffer.from('done')]).toString('base64')],
      ['out', 'close', Buffer.from([0x03, 0xe8, ...Buffer.from('done')]).toString('base64')],
      ['out', 'text', 'one'],
      ['out', 'text', 'two'],
    ],
  );
  const greeting = messages.find((m) => m.kind === 'binary');
  assert.deepEqual([greeting.frames, greeting.compressed, greeting.violations], [1, false, []]);
});

test('a bad URL exits 2 and a refused connection exits 1, each with a clear message', async () => {
  const errors: string[] = [];
  const io = { stdin: new PassThrough(), out: () => {}, err: (line: string) => errors.push(line) };
  assert.equal(await runConnect(args('http://x/'), io), 2);
  assert.match(errors.at(-1)!, /Did you mean ws:\/\/x\/\?/);
  assert.equal(await runConnect(args('ws://127.0.0.1:1/'), io), 1);
  // Said once, as the lifecycle's error.
  assert.equal(errors.filter((line) => /Connection refused/.test(line)).length, 1);
});

/** A ws server on a free port that records what it gets; `onConnection` may answer. */
async function server(t: TestContext, onConnection: (ws: WebSocket) => void = () => {}) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  t.after(() => wss.close());
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  wss.on('connection', onConnection);
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
}

function capture(stdin = new PassThrough()): CliIo & { stdin: PassThrough; lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { stdin, out: (line) => lines.push(line), err: (line) => errors.push(line), lines, errors };
}

test('--send, --wait and --close run without stdin; --json prints each frame before its message', async (t) => {
  const received: string[] = [];
  let closedWith: [number, string] | undefined;
  const url = await server(t, (ws) => {
    ws.on('message', (data) => ws.send(`echo ${data.toString()}`));
    ws.on('close', (code, reason) => (closedWith = [code, reason.toString()]));
    ws.on('message', (data) => received.push(data.toString()));
  });
  const io = capture();
  const code = await runConnect(args(url, '--send', 'a', '--send', 'b', '--wait', '200', '--close', '4000:done', '--json', '--no-deflate'), io);
  assert.equal(code, 0);
  assert.deepEqual(received, ['a', 'b']);
  assert.deepEqual(closedWith, [4000, 'done']);
  const records = io.lines.map((line) => JSON.parse(line));
  const echoes = records.filter((r) => r.type === 'message' && r.direction === 'in' && r.kind === 'text').map((r) => r.data);
  assert.deepEqual(echoes, ['echo a', 'echo b']);
  const firstOut = records.findIndex((r) => r.type === 'message' && r.direction === 'out');
  const frame = records[firstOut - 1];
  assert.deepEqual([frame.type, frame.direction, frame.opcodeName, frame.fin, frame.masked, frame.payloadLength, frame.lengthEncoding], ['frame', 'out', 'text', true, true, 1, 7]);
  assert.match(frame.headerHex, /^8181[0-9a-f]{8}$/);
  assert.deepEqual([frame.payloadHex, frame.text, frame.messageIndex, frame.payloadTruncated], ['61', 'a', 0, false]);
  assert.deepEqual([records[firstOut].encoding, records[firstOut].data], ['utf8', 'a']);
  assert.ok(records.some((r) => r.type === 'event' && r.kind === 'close-sent' && /4000/.test(r.detail)));
});

test('slash commands: ping, binary, fragments, raw frames and close with a code', async (t) => {
  const got: string[] = [];
  const url = await server(t, (ws) => {
    ws.on('ping', (data) => got.push(`ping ${data.toString()}`));
    ws.on('message', (data, binary) => got.push(`${binary ? 'binary' : 'text'} ${binary ? (data as Buffer).toString('hex') : data.toString()}`));
  });
  const io = capture();
  const running = runConnect(args(url, '--no-deflate'), io);
  await new Promise((resolve) => setTimeout(resolve, 200));
  io.stdin.write('/ping hi\n/binary 00 ff\n/frag 3 abcdef\n//slash\n/raw 81 82 01 02 03 04 69 6b\n/nope\n/close 4001 bye\n');
  assert.equal(await running, 0);
  assert.deepEqual(got, ['ping hi', 'binary 00ff', 'text abcdef', 'text /slash', 'text hi']);
  assert.match(io.errors.join('\n'), /Unknown command \/nope/);
  const fragmented = io.lines.find((line) => line.includes('3 frames'));
  assert.ok(fragmented, 'the fragmented message says it crossed as 3 frames');
});

test('a bad slash command argument is explained and the connection goes on', async (t) => {
  const url = await server(t, (ws) => ws.on('message', () => ws.close(1000)));
  const io = capture();
  const running = runConnect(args(url), io);
  await new Promise((resolve) => setTimeout(resolve, 200));
  io.stdin.write('/binary 0g\n/ping ' + 'x'.repeat(126) + '\nfine\n');
  assert.equal(await running, 0);
  assert.match(io.errors.join('\n'), /"g" at character 2 is not a hex digit/);
  assert.match(io.errors.join('\n'), /at most 125 bytes/);
});

test('connect options reach the request; bad ones are usage errors', () => {
  const parsed = args('ws://h/', '-H', 'X-A: 1', '-p', 'Chat', '--subprotocol=json', '-q', 'room=2', '--bearer', 't', '--cookie', 'c=1', '--origin', 'https://o', '--no-deflate', '--max-payload', '100', '--follow-redirects', '--no-auto-pong', '--keepalive', '500', '--reconnect', '--insecure', '--ca', 'ca.pem');
  assert.deepEqual(parsed.connection, {
    headers: { 'X-A': '1' }, protocols: ['Chat', 'json'], query: { room: '2' }, auth: { kind: 'bearer', token: 't' }, cookies: { c: '1' }, origin: 'https://o',
    perMessageDeflate: false, maxPayloadBytes: 100, followRedirects: true, autoPong: false, keepAliveMs: 500, reconnect: { maxAttempts: 10 },
  });
  assert.deepEqual(parsed.transport, { insecure: true, caFile: 'ca.pem' });
  assert.equal(args('ws://h/', '--reconnect', '3').connection.reconnect?.maxAttempts, 3);
  assert.match(parseConnectArgs(['ws://h/', '--close', 'abc']) as string, /--close needs CODE or CODE:REASON/);
  assert.match(parseConnectArgs(['ws://h/', '--close', '1005']) as string, /--close: 1005 cannot be sent as a close code \(RFC 6455 §7\.4\)/, 'a code only a receiver reports is a usage error, not a crash when the script runs');
  assert.match(parseConnectArgs(['ws://h/', '--close', `1000:${'é'.repeat(62)}`]) as string, /--close: A close reason can be at most 123 bytes/);
  assert.match(parseConnectArgs(['ws://h/', '--keepalive', '0']) as string, /at least 1, not "0"/);
  assert.match(parseConnectArgs(['ws://h/', '--wait', '5']) as string, /--wait only makes sense/);
  assert.match(parseConnectArgs(['ws://h/', '--bogus']) as string, /Unknown option "--bogus"/);
  const env = { TOKEN: 'from-env', CREDS: 'ada:pw' };
  assert.deepEqual((parseConnectArgs(['ws://h/', '--bearer-env', 'TOKEN'], env) as ConnectArgs).connection.auth, { kind: 'bearer', token: 'from-env' });
  assert.deepEqual((parseConnectArgs(['ws://h/', '--basic-env=CREDS'], env) as ConnectArgs).connection.auth, { kind: 'basic', username: 'ada', password: 'pw' });
  assert.match(parseConnectArgs(['ws://h/', '--bearer-env', 'NOPE'], env) as string, /NOPE is not set/);
});

test('--ca trusts a private CA for wss; a missing --ca file is a usage error that names it', async (t) => {
  const pki = createTestPki();
  t.after(() => pki.dispose());
  const server = createHttpsServer({ cert: pki.read('server.pem'), key: pki.read('server.key') });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => ws.on('message', () => ws.close(1000)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    wss.close();
    server.close();
  });
  const url = `wss://localhost:${(server.address() as AddressInfo).port}/`;
  const io = capture();
  assert.equal(await runConnect(args(url, '--ca', pki.path('ca.pem'), '--send', 'hi'), io), 0);
  const untrusted = capture();
  assert.equal(await runConnect(args(url, '--send', 'hi'), untrusted), 1);
  assert.match(untrusted.errors.join('\n'), /--ca/);
  const missing = capture();
  assert.equal(await runConnect(args(url, '--ca', '/nonexistent/ca.pem'), missing), 2);
  assert.match(missing.errors.join('\n'), /--ca.*\/nonexistent\/ca\.pem/);
});

test('/frame sends a frame built field by field, /file a file, /repeat N times', async (t) => {
  const got: string[] = [];
  const errors: string[] = [];
  const url = await server(t, (ws) => {
    ws.on('message', (data, binary) => {
      got.push(`${binary ? 'binary' : 'text'} ${binary ? (data as Buffer).toString('hex') : data.toString()}`);
      if (got.length === 5) ws.close(1000);
    });
    ws.on('error', (error) => errors.push((error as { code?: string }).code ?? ''));
  });
  const dir = mkdtempSync(join(tmpdir(), 'socket-lens-cli-'));
  t.after(() => rmSync(dir, { recursive: true }));
  writeFileSync(join(dir, 'payload.bin'), Buffer.from([1, 2, 3]));
  const io = capture();
  const running = runConnect(args(url, '--no-deflate'), io);
  await new Promise((resolve) => setTimeout(resolve, 200));
  io.stdin.write(`/frame op=binary hex=cafe\n/file ${join(dir, 'payload.bin')}\n/file ${join(dir, 'missing.bin')}\n/repeat 5 3 tick\n`);
  assert.equal(await running, 0);
  assert.deepEqual(got, ['binary cafe', 'binary 010203', 'text tick', 'text tick', 'text tick']);
  assert.match(io.errors.join('\n'), /Cannot read .*missing\.bin: ENOENT/);
  assert.deepEqual(errors, []);
});

test('--reconnect survives a drop: lines typed after it go to the new connection; end of input closes it', async (t) => {
  let connections = 0;
  const got: string[] = [];
  const url = await server(t, (ws) => {
    connections++;
    if (connections === 1) return void setTimeout(() => ws.terminate(), 20);
    ws.on('message', (data) => got.push(data.toString()));
  });
  const io = capture();
  const running = runConnect(args(url, '--reconnect', '3'), io);
  await secondConnection(() => connections);
  io.stdin.end('after the drop\n');
  assert.equal(await running, 0);
  assert.deepEqual(got, ['after the drop']);
  assert.match(io.errors.join('\n'), /reconnect-scheduled retry 1 in/);
});

test('/reconnect closes and connects again without ending the session', async (t) => {
  let connections = 0;
  const got: string[] = [];
  const url = await server(t, (ws) => {
    const n = ++connections;
    ws.on('message', (data) => got.push(`${n}: ${data.toString()}`));
  });
  const io = capture();
  const running = runConnect(args(url), io);
  await new Promise((resolve) => setTimeout(resolve, 150));
  io.stdin.write('one\n/reconnect\n');
  await secondConnection(() => connections);
  io.stdin.end('two\n');
  assert.equal(await running, 0);
  assert.deepEqual(got, ['1: one', '2: two']);
});

/** Resolves a moment after the server saw its second connection (so it is open on our side too). */
async function secondConnection(connections: () => number): Promise<void> {
  await new Promise<void>((resolve) => {
    const poll = () => (connections() === 2 ? resolve() : setTimeout(poll, 10));
    poll();
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
}

test('--json keeps every byte of text that is not valid UTF-8 (base64), and of each fragment', async (t) => {
  const url = await server(t, (ws) => ws.on('error', () => {}));
  const io = capture();
  const running = runConnect(args(url, '--json', '--no-deflate'), io);
  await new Promise((resolve) => setTimeout(resolve, 150));
  io.stdin.end('/frame op=text hex=c328\n');
  await running;
  const records = io.lines.map((line) => JSON.parse(line));
  const bad = records.find((r) => r.type === 'message' && r.direction === 'out' && r.kind === 'text');
  assert.deepEqual([bad.encoding, bad.data], ['base64', Buffer.from([0xc3, 0x28]).toString('base64')]);
  const frame = records.find((r) => r.type === 'frame' && r.messageId === bad.id);
  assert.deepEqual([frame.payloadHex, frame.text], ['c328', null]);
});
