import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { ClientConnection, type ClientConnectionOptions } from '../client/clientConnection';
import type { SocketLensError } from '../errors';
import { until } from '../testing/clientTesting';
import type { MockDefinition } from './mockDefinition';
import { MockServer } from './mockServer';

async function mock(t: TestContext, definition: MockDefinition): Promise<MockServer> {
  const server = await MockServer.start({ definition });
  t.after(() => server.close());
  return server;
}

async function client(t: TestContext, url: string, options: Omit<ClientConnectionOptions, 'url'> = {}): Promise<ClientConnection> {
  const connection = new ClientConnection({ ...options, url: new URL(url) });
  t.after(() => connection.dispose());
  await connection.connect();
  return connection;
}

const incoming = (c: ClientConnection) => c.log.range(1, 1000).filter((e) => e.direction === 'in' && (e.kind === 'text' || e.kind === 'binary'));
const texts = (c: ClientConnection) => incoming(c).map((e) => Buffer.from(e.payload).toString());
const received = (c: ClientConnection, n: number) => until(c, () => incoming(c).length >= n);

test('listens on 127.0.0.1 and a free port; the echo default sends every message back; the tap sees the client frames', async (t) => {
  const server = await mock(t, { paths: [{ path: '/echo' }] });
  assert.match(server.url, /^ws:\/\/127\.0\.0\.1:\d+$/);
  const c = await client(t, `${server.url}/echo`);
  c.sendText('hello');
  c.send({ kind: 'binary', data: Uint8Array.of(0, 255) });
  await received(c, 2);
  assert.deepEqual(incoming(c).map((e) => `${e.kind} ${Buffer.from(e.payload).toString('hex')}`), [`text ${Buffer.from('hello').toString('hex')}`, 'binary 00ff']);
  const [info] = server.clients();
  const seen = server.client(info!.id)!.log.range(1, 10).filter((e) => e.direction === 'in');
  assert.equal(seen[0]?.wire?.frames[0]?.masked, true, 'client frames are masked, as the tap on the server side sees them');
  assert.deepEqual(seen[0]?.wire?.violations, []);
});

test('rules in order: exact text, regex captures, JSON subset, JSON path; templates; binary replies; broadcast', async (t) => {
  const server = await mock(t, {
    paths: [{
      path: '/api',
      otherwise: 'nothing',
      rules: [
        { match: { text: 'ping' }, reply: [{ text: 'pong {{counter}}' }] },
        { match: { regex: '^hello (\\w+)$' }, reply: [{ text: 'hi {{match.1}}' }] },
        { match: { json: { op: 'subscribe' } }, reply: [{ json: { ok: true, channel: '{{json.channel}}' } }] },
        { match: { jsonPath: '$.items[0].id', equals: 7 }, reply: [{ hex: 'cafe' }] },
        { match: { text: 'shout' }, reply: [{ text: 'everyone', to: 'all' }] },
      ],
    }],
  });
  const a = await client(t, `${server.url}/api`);
  const b = await client(t, `${server.url}/api`);
  for (const text of ['ping', 'ping', 'hello ada', '{"op":"subscribe","channel":"btc","extra":1}', '{"items":[{"id":7}]}', 'nothing matches']) a.sendText(text);
  await received(a, 5);
  b.sendText('shout');
  await received(a, 6);
  await received(b, 1);
  assert.deepEqual(texts(a).slice(0, 4), ['pong 1', 'pong 2', 'hi ada', '{"ok":true,"channel":"btc"}']);
  assert.equal(Buffer.from(incoming(a)[4]!.payload).toString('hex'), 'cafe');
  assert.equal(incoming(a)[4]!.kind, 'binary');
  assert.deepEqual([texts(a)[5], texts(b)[0]], ['everyone', 'everyone']);
});

test('on connect: messages in order, after their delays, in fragments when asked', async (t) => {
  const server = await mock(t, { paths: [{ path: '/', onConnect: [{ text: 'welcome' }, { json: { seq: 2 }, delayMs: 20 }, { text: 'in three', fragments: 3 }] }] });
  const c = await client(t, `${server.url}/`);
  await received(c, 3);
  assert.deepEqual(texts(c), ['welcome', '{"seq":2}', 'in three']);
  assert.equal(incoming(c)[2]!.wire?.frames.length, 3);
});

test('handshakes refused as the definition says, each with the status and a body that says why', async (t) => {
  const server = await mock(t, {
    allowedOrigins: ['https://app.example'],
    paths: [
      { path: '/closed', handshake: { reject: { status: 403, headers: { 'X-Why': 'maintenance' }, body: 'come back later' } } },
      { path: '/token', handshake: { requireToken: 's3cret' } },
      { path: '/header', handshake: { requireHeaders: { 'X-Tenant': '*' } } },
    ],
  });
  const origin = { origin: 'https://app.example' };
  const refused = async (path: string, options: Omit<ClientConnectionOptions, 'url'>, pattern: RegExp) => {
    const c = new ClientConnection({ ...options, url: new URL(`${server.url}${path}`) });
    t.after(() => c.dispose());
    await assert.rejects(c.connect(), (e: SocketLensError) => e.code === 'connection/handshake-rejected' && pattern.test(e.message));
  };
  await refused('/closed', origin, /403 Forbidden.*come back later/);
  await refused('/nowhere', origin, /404 Not Found.*No mock path \/nowhere/);
  await refused('/token', origin, /401 Unauthorized.*token is required/);
  await refused('/header', origin, /401.*X-Tenant is required/);
  await refused('/token', { origin: 'https://evil.example', auth: { kind: 'bearer', token: 's3cret' } }, /403.*Origin "https:\/\/evil\.example" is not in this mock's allowedOrigins/);
  await client(t, `${server.url}/token?token=s3cret`, origin);
  await client(t, `${server.url}/header`, { ...origin, headers: { 'X-Tenant': 'acme' } });
});

test('a handshake delay holds back the answer, an acceptance or a refusal alike', async (t) => {
  const server = await mock(t, {
    paths: [
      { path: '/slow', handshake: { delayMs: 150 } },
      { path: '/slow-no', handshake: { delayMs: 150, reject: { status: 503, body: 'busy' } } },
    ],
  });
  const started = performance.now();
  await client(t, `${server.url}/slow`);
  const accepted = performance.now() - started;
  const c = new ClientConnection({ url: new URL(`${server.url}/slow-no`) });
  t.after(() => c.dispose());
  const refusedAt = performance.now();
  await assert.rejects(c.connect(), (e: SocketLensError) => e.code === 'connection/handshake-rejected' && /503.*busy/.test(e.message));
  const refused = performance.now() - refusedAt;
  assert.ok(accepted >= 140 && refused >= 140, `accepted after ${accepted.toFixed(0)} ms, refused after ${refused.toFixed(0)} ms; both should wait 150 ms`);
});

test('faults: close with a code, drop TCP, answer pings never, send a broken frame', async (t) => {
  const server = await mock(t, {
    paths: [{
      path: '/',
      otherwise: 'nothing',
      rules: [
        { match: { text: 'close' }, reply: [{ text: 'bye' }], fault: { close: { code: 4001, reason: 'asked' } } },
        { match: { text: 'drop' }, fault: { drop: true } },
        { match: { text: 'mute pings' }, fault: { pings: 'ignore' } },
        { match: { text: 'break' }, fault: { brokenFrame: 'reserved-opcode' } },
      ],
    }],
  });
  const closing = await client(t, `${server.url}/`);
  closing.sendText('close');
  await until(closing, () => closing.isFinished);
  assert.deepEqual([texts(closing), closing.snapshot().close?.code, closing.snapshot().close?.reason], [['bye'], 4001, 'asked']);

  const dropped = await client(t, `${server.url}/`);
  dropped.sendText('drop');
  await until(dropped, () => dropped.isFinished);
  assert.equal(dropped.snapshot().close?.code, 1006);

  const muted = await client(t, `${server.url}/`, { keepAliveMs: 20 });
  muted.sendText('mute pings');
  await until(muted, () => muted.snapshot().lifecycle.some((e) => e.kind === 'keepalive-missed'));

  const broken = await client(t, `${server.url}/`);
  broken.sendText('break');
  await until(broken, () => broken.isFinished);
  assert.ok(broken.snapshot().lifecycle.some((e) => e.kind === 'protocol-violation' && /Opcode 0x3 is reserved/.test(e.detail ?? '')));
  assert.equal(broken.snapshot().close?.sent?.code, 1002);
});

test('scheduled faults strike each client on their own clock, repeating with everyMs, noted in its lifecycle', async (t) => {
  const server = await mock(t, {
    paths: [
      { path: '/restart', faults: [{ afterMs: 30, fault: { close: { code: 1012, reason: 'restarting' } } }] },
      { path: '/flaky', faults: [{ afterMs: 0, everyMs: 15, fault: { brokenFrame: 'bad-utf8' } }, { afterMs: 5, fault: { pings: 'ignore' } }] },
    ],
  });
  const started = Date.now();
  const restarted = await client(t, `${server.url}/restart`);
  const mockSide = server.client(server.clients()[0]!.id)!;
  await until(restarted, () => restarted.isFinished);
  assert.ok(Date.now() - started >= 25, 'not before afterMs');
  assert.deepEqual([restarted.snapshot().close?.code, restarted.snapshot().close?.reason], [1012, 'restarting']);
  assert.ok(mockSide.lifecycle.some((e) => e.kind === 'fault' && e.detail === 'fault: closing with 1012 "restarting"'), 'the mock notes the fault');

  const flaky = await client(t, `${server.url}/flaky`);
  await until(flaky, () => flaky.isFinished);
  assert.equal(flaky.snapshot().close?.sent?.code, 1007, 'the client fails the connection on the first broken frame');
  assert.ok(flaky.snapshot().lifecycle.some((e) => e.kind === 'protocol-violation' && /UTF-8/.test(e.detail ?? '')));
});

test('timers send to every client on their path', async (t) => {
  const server = await mock(t, { paths: [{ path: '/ticks', timers: [{ everyMs: 10, send: { text: 'tick {{counter}}' } }] }] });
  const c = await client(t, `${server.url}/ticks`);
  await received(c, 2);
  assert.match(texts(c)[0]!, /^tick \d+$/);
});

test('reload applies new rules to clients already connected', async (t) => {
  const server = await mock(t, { paths: [{ path: '/', rules: [{ match: { text: 'v' }, reply: [{ text: 'one' }] }] }] });
  const c = await client(t, `${server.url}/`);
  c.sendText('v');
  await received(c, 1);
  server.reload({ paths: [{ path: '/', rules: [{ match: { text: 'v' }, reply: [{ text: 'two' }] }] }] });
  c.sendText('v');
  await received(c, 2);
  assert.deepEqual(texts(c), ['one', 'two']);
  assert.equal(c.snapshot().state, 'open');
});

test('live control: the client list with its handshake, send to one, broadcast, disconnect with a code', async (t) => {
  const server = await mock(t, { subprotocols: ['v2', 'v1'], paths: [{ path: '/', otherwise: 'nothing' }] });
  const a = await client(t, `${server.url}/`, { protocols: ['v1', 'v2'], headers: { 'X-Who': 'a' } });
  const b = await client(t, `${server.url}/`);
  const [infoA, infoB] = server.clients();
  assert.deepEqual([infoA?.requestedProtocols, infoA?.protocol, a.snapshot().handshake.protocol], [['v1', 'v2'], 'v2', 'v2']);
  assert.deepEqual(infoA?.headers.find(([n]) => n === 'X-Who'), ['X-Who', 'a']);
  assert.equal(infoA?.response.statusLine, 'HTTP/1.1 101 Switching Protocols');
  assert.deepEqual(infoA?.response.headers.find(([n]) => n === 'Sec-WebSocket-Accept'), ['Sec-WebSocket-Accept', a.snapshot().handshake.accept?.received], 'the 101 as the client got it');
  server.send(infoA!.id, 'text', Buffer.from('just a'));
  assert.equal(server.broadcast('text', Buffer.from('all')), 2);
  await received(a, 2);
  await received(b, 1);
  assert.deepEqual([texts(a), texts(b)], [['just a', 'all'], ['all']]);
  server.disconnect(infoB!.id, 4000, 'kicked');
  await until(b, () => b.isFinished);
  assert.deepEqual([b.snapshot().close?.code, b.snapshot().close?.reason], [4000, 'kicked']);
});

test('close() says goodbye to every client with 1001', async (t) => {
  const server = await MockServer.start({ definition: { paths: [{ path: '/' }] } });
  const c = await client(t, `${server.url}/`);
  await server.close();
  await until(c, () => c.isFinished);
  assert.deepEqual([c.snapshot().close?.code, c.snapshot().close?.initiatedBy], [1001, 'server']);
});

test('after close(), url, firstPathUrl and paths still answer what they were', async () => {
  const server = await MockServer.start({ definition: { paths: [{ path: '/chat' }, { path: '/private' }, { path: '*' }] } });
  const before = { url: server.url, firstPathUrl: server.firstPathUrl, paths: server.paths };
  assert.match(before.url, /^ws:\/\/127\.0\.0\.1:\d+$/);
  assert.deepEqual([before.firstPathUrl, before.paths], [`${before.url}/chat`, ['/chat', '/private']]);
  await server.close();
  assert.deepEqual({ url: server.url, firstPathUrl: server.firstPathUrl, paths: server.paths }, before);
});

test('a port in use is a clear error', async (t) => {
  const first = await mock(t, { paths: [{ path: '/' }] });
  const port = Number(new URL(first.url).port);
  await assert.rejects(MockServer.start({ definition: { paths: [{ path: '/' }] }, port }), /Port \d+ on 127\.0\.0\.1 is already in use/);
});

test('a definition that is not valid is refused at start and at reload, with every problem', async (t) => {
  await assert.rejects(MockServer.start({ definition: { paths: [{ path: 'no-slash', otherwise: 'shout' }] } as unknown as MockDefinition }), (e: SocketLensError) => e.code === 'mock/definition' && /paths\[0\]\.path: /.test(e.message) && /paths\[0\]\.otherwise: /.test(e.message));
  const server = await mock(t, { paths: [{ path: '/' }] });
  assert.throws(() => server.reload({ paths: [] }), /at least one path|paths/);
  const c = await client(t, `${server.url}/`);
  c.sendText('still here');
  await received(c, 1);
});
