import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionSnapshot } from '../client/connectionTypes';
import { SessionLog, type LogEntryInput } from '../log/sessionLog';
import { connectTo, until, wsServer } from '../testing/clientTesting';
import { exportChunks, writeExport, type ExportFormat, type ExportSource } from './sessionExport';

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
const SECRETS = ['xyz-bearer-secret', 'cookie-secret', 'query-secret', 'set-cookie-secret', 'api-key-secret'];

/** A snapshot whose headers carry secrets as they are, to show the export hides them whatever it is given. */
const snapshot: ConnectionSnapshot = {
  id: 'c1',
  url: 'wss://echo.example.com/chat?room=2&token=query-secret',
  state: 'closed',
  handshake: {
    timing: { start: T0, secure: true, ipLiteral: false, proxied: false, dnsResolved: T0 + 2, tcpConnected: T0 + 5, tlsEstablished: T0 + 9, upgradeSent: T0 + 10, responseReceived: T0 + 14 },
    request: {
      method: 'GET',
      path: '/chat?room=2&token=query-secret',
      headers: [
        ['Host', 'echo.example.com'],
        ['Authorization', 'Bearer xyz-bearer-secret'],
        ['Cookie', 'sid=cookie-secret'],
        ['X-Api-Key', 'api-key-secret'],
        ['Sec-WebSocket-Version', '13'],
      ],
    },
    response: { httpVersion: '1.1', statusCode: 101, statusMessage: 'Switching Protocols', headers: [['Upgrade', 'websocket'], ['Set-Cookie', 'sid=set-cookie-secret']] },
  },
  lifecycle: [{ time: T0, kind: 'connecting' }],
  close: { code: 1000, reason: 'bye', initiatedBy: 'client', wasClean: true, tcpClosedFirstBy: 'server' },
};

const msg = (direction: 'in' | 'out', kind: LogEntryInput['kind'], payload: Uint8Array | string, at: number): LogEntryInput => ({
  direction,
  kind,
  payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
  time: T0 + at,
});

/** Evicted first (small budget), then one of each kind. */
function sessionLog(): SessionLog {
  const log = new SessionLog({ byteBudget: 400 });
  for (let i = 0; i < 5; i++) log.append(msg('in', 'text', `old message ${i} ${'x'.repeat(40)}`, 1));
  log.append(msg('out', 'text', 'héllo', 20.5));
  log.append(msg('in', 'binary', new Uint8Array([0, 1, 2, 255]), 21));
  log.append(msg('out', 'ping', 'p1', 22));
  log.append({ ...msg('in', 'pong', 'p1', 23), rttMs: 1 });
  log.append(msg('out', 'close', new Uint8Array([0x03, 0xe8, 0x62, 0x79, 0x65]), 24));
  return log;
}

async function collect(format: ExportFormat, source: ExportSource, pageSize?: number): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of exportChunks(format, source, { version: '9.9.9', pageSize })) chunks.push(chunk);
  return chunks;
}

test('the log used here evicted its first messages and kept one of each kind', () => {
  const log = sessionLog();
  assert.ok(log.evictedEntries > 0 && log.evictedEntries < 5);
  assert.deepEqual(log.range(0, 100).slice(-5).map((e) => e.kind), ['text', 'binary', 'ping', 'pong', 'close']);
});

test('HAR: Chrome DevTools shape, field by field, with the messages as _webSocketMessages', async () => {
  const har = JSON.parse((await collect('har', { snapshot, log: sessionLog() }, 2)).join(''));
  assert.equal(har.log.version, '1.2');
  assert.deepEqual(har.log.creator, { name: 'Socket Lens', version: '9.9.9' });
  assert.equal(har.log.entries.length, 1);
  const [entry] = har.log.entries;
  assert.equal(entry._resourceType, 'websocket');
  assert.equal(entry.startedDateTime, '2025-01-02T03:04:05.678Z');
  assert.deepEqual(entry.timings, { blocked: -1, dns: 2, connect: 7, ssl: 4, send: 1, wait: 4, receive: 0 });
  assert.equal(entry.time, 14);
  assert.deepEqual(entry.cache, {});
  const { request, response } = entry;
  assert.equal(request.method, 'GET');
  assert.equal(request.url, 'wss://echo.example.com/chat?room=2&token=***');
  assert.equal(request.httpVersion, 'HTTP/1.1');
  assert.deepEqual(request.queryString, [{ name: 'room', value: '2' }, { name: 'token', value: '***' }]);
  assert.deepEqual(request.headers[1], { name: 'Authorization', value: 'Bearer ***' });
  assert.deepEqual(request.headers[4], { name: 'Sec-WebSocket-Version', value: '13' });
  assert.deepEqual([request.cookies, request.headersSize, request.bodySize], [[], -1, 0]);
  assert.deepEqual(
    { status: response.status, statusText: response.statusText, httpVersion: response.httpVersion, content: response.content, redirectURL: response.redirectURL, headersSize: response.headersSize, bodySize: response.bodySize },
    { status: 101, statusText: 'Switching Protocols', httpVersion: 'HTTP/1.1', content: { size: 0, mimeType: 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: 0 },
  );
  assert.deepEqual(response.headers, [{ name: 'Upgrade', value: 'websocket' }, { name: 'Set-Cookie', value: '***' }]);
  const messages = entry._webSocketMessages.slice(-5);
  assert.deepEqual(messages, [
    { type: 'send', time: (T0 + 20.5) / 1000, opcode: 1, data: 'héllo' },
    { type: 'receive', time: (T0 + 21) / 1000, opcode: 2, data: 'AAEC/w==' },
    { type: 'send', time: (T0 + 22) / 1000, opcode: 9, data: Buffer.from('p1').toString('base64') },
    { type: 'receive', time: (T0 + 23) / 1000, opcode: 10, data: Buffer.from('p1').toString('base64') },
    { type: 'send', time: (T0 + 24) / 1000, opcode: 8, data: Buffer.from([0x03, 0xe8, 0x62, 0x79, 0x65]).toString('base64') },
  ]);
  for (const m of entry._webSocketMessages) assert.deepEqual(Object.keys(m), ['type', 'time', 'opcode', 'data']);
});

test('JSON Lines: a session line, a line per lifecycle event, one line per kept message, and a summary counting the evicted ones', async () => {
  const log = sessionLog();
  const lines = (await collect('jsonl', { snapshot, log }, 2)).join('').trimEnd().split('\n').map((l) => JSON.parse(l));
  const [session, lifecycle, ...rest] = lines;
  const summary = rest.pop();
  assert.deepEqual(lifecycle, { type: 'lifecycle', time: new Date(T0).toISOString(), kind: 'connecting' });
  assert.equal(session.type, 'session');
  assert.equal(session.url, 'wss://echo.example.com/chat?room=2&token=***');
  assert.equal(session.startedAt, '2025-01-02T03:04:05.678Z');
  assert.equal(session.handshake.request.path, '/chat?room=2&token=***');
  assert.equal(session.handshake.response.statusCode, 101);
  assert.deepEqual(session.close, snapshot.close);
  assert.equal(rest.length, log.length);
  assert.deepEqual(rest.map((m) => m.id), log.range(0, 100).map((e) => e.id));
  const [text, binary, ping, pong, close] = rest.slice(-5);
  assert.deepEqual(text, { type: 'message', id: text.id, time: new Date(T0 + 20.5).toISOString(), direction: 'out', kind: 'text', size: 6, text: 'héllo' });
  assert.deepEqual([binary.kind, binary.direction, binary.size, binary.base64], ['binary', 'in', 4, 'AAEC/w==']);
  assert.deepEqual([ping.kind, ping.base64], ['ping', 'cDE=']);
  assert.deepEqual([pong.kind, pong.rttMs], ['pong', 1]);
  assert.deepEqual(close.close, { code: 1000, reason: 'bye' });
  assert.equal(summary.type, 'summary');
  assert.deepEqual(summary.counters, log.totals);
  assert.deepEqual(summary.evicted, { messages: log.evictedEntries, bytes: log.evictedBytes });
  assert.equal(rest.length + summary.evicted.messages, 10, 'every message is in the file or counted');
  assert.equal(summary.lifecycleEarlier, undefined);
});

test('JSON Lines: the lifecycle events a long reconnecting connection kept, and a count of those it let go', async () => {
  const events = Array.from({ length: 30 }, (_, k) => ({ time: T0 + 5_000 + k, kind: k % 10 ? 'open' : 'connecting', detail: `event ${k}` }));
  const long = { ...snapshot, lifecycle: events, lifecycleEarlier: { count: 12_000, since: T0 } };
  const lines = (await collect('jsonl', { snapshot: long, log: new SessionLog() })).join('').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.type), ['session', ...events.map(() => 'lifecycle'), 'summary']);
  assert.deepEqual(lines[1], { type: 'lifecycle', time: new Date(T0 + 5_000).toISOString(), kind: 'connecting', detail: 'event 0' });
  assert.deepEqual(lines.at(-1).lifecycleEarlier, { count: 12_000, since: new Date(T0).toISOString() });
});

test('JSON Lines: a message whose payload hides a secret is written as stored (***) with the size it had on the wire', async () => {
  const log = new SessionLog();
  const secret = 'S'.repeat(30);
  log.hide([secret]);
  log.append(msg('out', 'text', `my token is ${secret}`, 1));
  const text = (await collect('jsonl', { snapshot, log })).join('');
  assert.ok(!text.includes(secret));
  const [, , message, summary] = text.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual([message.text, message.size], ['my token is ***', 42]);
  assert.equal(summary.counters.bytesOut, 42, 'the summary counts the same bytes');
});

test('JSON Lines: a text message that is not valid UTF-8 keeps its bytes as base64', async () => {
  const log = new SessionLog();
  log.append(msg('in', 'text', new Uint8Array([0x61, 0xff]), 0));
  const lines = (await collect('jsonl', { snapshot, log })).join('').trimEnd().split('\n');
  const message = JSON.parse(lines[2]!);
  assert.equal(message.text, undefined);
  assert.equal(message.base64, 'Yf8=');
});

for (const format of ['har', 'jsonl'] as const) {
  test(`${format}: no secret from a header, a cookie or the URL's query reaches the file`, async () => {
    const text = (await collect(format, { snapshot, log: sessionLog() })).join('');
    for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} is not in the ${format} export`);
    assert.ok(text.includes('Bearer ***'), 'the auth scheme is kept');
  });

  test(`${format}: a real connection's export hides its Authorization, Cookie and ?token=`, async (t) => {
    const url = await wsServer(t, {}, (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
    const connection = await connectTo(t, `${url}path?token=query-secret&room=1`, { headers: { Authorization: 'Bearer xyz-bearer-secret', Cookie: 'sid=cookie-secret' } });
    connection.sendText('hello');
    await until(connection, () => connection.log.length === 2);
    const text = (await collect(format, { snapshot: connection.snapshot(), log: connection.log })).join('');
    for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} is not in the ${format} export`);
    assert.match(text, /token=\*\*\*/);
    assert.equal(text.split('hello').length, 3, 'both messages are there');
  });
}

test('a big log is emitted a message at a time, never as one string', async () => {
  const log = new SessionLog();
  for (let i = 0; i < 5000; i++) log.append(msg('in', 'text', `m${i}`, i));
  const chunks = await collect('har', { snapshot, log }, 500);
  assert.equal(chunks.length, 5002);
  assert.ok(Math.max(...chunks.map((c) => c.length)) < 4096);
  assert.equal(JSON.parse(chunks.join('')).log.entries[0]._webSocketMessages.length, 5000);
});

test('writeExport writes the file; a folder that does not exist is a clear error and leaves nothing', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'socket-lens-export-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'session.har');
  await writeExport('har', { snapshot, log: sessionLog() }, { version: '1.0.0' }, file);
  assert.equal(JSON.parse(await readFile(file, 'utf8')).log.version, '1.2');
  const missing = join(dir, 'nope', 'session.jsonl');
  await assert.rejects(writeExport('jsonl', { snapshot, log: sessionLog() }, { version: '1.0.0' }, missing), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'export/write');
    assert.match(error.message, /nope/);
    return true;
  });
  await assert.rejects(stat(missing));
});

test('an export that fails midway over an earlier file leaves that file whole and no partial copy', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'socket-lens-export-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'session.har');
  await writeExport('har', { snapshot, log: sessionLog() }, { version: '1.0.0' }, file);
  const before = await readFile(file, 'utf8');
  const breaking = new Proxy(snapshot, {
    get: (target, key) => {
      if (key === 'handshake') throw new Error('the connection went away');
      return target[key as keyof ConnectionSnapshot];
    },
  });
  await assert.rejects(writeExport('har', { snapshot: breaking, log: sessionLog() }, { version: '1.0.0' }, file), { code: 'export/write' });
  assert.equal(await readFile(file, 'utf8'), before);
  assert.deepEqual(await readdir(dir), ['session.har']);
});

test('a subprotocol kept secret on the connection stays out of both exports', async (t) => {
  const url = await wsServer(t, {}, () => undefined);
  const connection = await connectTo(t, url, { protocols: ['bearer.proto-secret'], secretHeaders: ['Sec-WebSocket-Protocol'] });
  for (const format of ['har', 'jsonl'] as const) {
    const text = (await collect(format, { snapshot: connection.snapshot(), log: connection.log })).join('');
    assert.ok(!text.includes('proto-secret'), `${format}: the secret subprotocol is not in the file`);
  }
  // Nor in what the panel is shown: the negotiated subprotocol and the lifecycle's open event.
  const shown = connection.snapshot();
  assert.equal(shown.handshake.protocol, '***');
  assert.ok(!JSON.stringify(shown).includes('proto-secret'), JSON.stringify(shown.lifecycle));
});
