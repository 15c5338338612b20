// Interop: our mock server against Python's `websockets` client (Debian's python3-websockets),
// which shares no code with the mock or with ws. Every kind of rule, send and fault, checked on
// both sides: what the Python client saw, and what the mock recorded for that client.
import { before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { ensurePeers } from '../../scripts/bootstrap/peers.mjs';
import type { MockEvent } from '../../src/core/mock/mockServer';
import { covers } from './peers/matrix';
import { BROKEN_FRAMES, FIXTURE, faultTrigger, mockMessages, newestClient, startMock, untilMock } from './peers/mockFixture';
import { PythonClient, type PythonConnectOptions, type PythonReceived } from './peers/pythonClient';

/** The interop suite has no runner timeout: a peer that never answers fails the test instead. */
const TEST_TIMEOUT_MS = 30_000;

let python: string;
before(async () => {
  python = (await ensurePeers()).python;
}, { timeout: 10 * 60_000 });

async function connected(t: TestContext, url: string, options: PythonConnectOptions = {}): Promise<PythonClient> {
  const client = await PythonClient.start(t, python);
  const answer = await client.connect(url, options);
  assert.equal(answer.open, true, `the Python client could not connect to ${url}: ${JSON.stringify(answer)}`);
  return client;
}

const shown = (m: PythonReceived) => (m.kind === 'text' ? `text ${m.text}` : m.kind === 'binary' ? `binary ${m.hex}` : JSON.stringify(m));

describe('mock server, Python websockets client', () => {
  test('rules: exact text, regex, JSON subset, JSON path, binary; templates; subprotocol; the mock logged the same', { timeout: TEST_TIMEOUT_MS }, covers('pythonMock', ['text', 'binary'], async (t) => {
    const server = await startMock(t);
    const py = await connected(t, `${server.url}/rules`, { subprotocols: ['v1', 'v2'] });
    const mock = newestClient(server);
    assert.deepEqual([mock.info().requestedProtocols, mock.info().protocol], [['v1', 'v2'], 'v2']);
    for (const text of ['ping', 'ping', 'HELLO ada', '{"op":"subscribe","channel":"btc","filter":{"tags":["a","b"],"since":0}}', '{"items":[{"id":7}]}', 'nobody matches this']) await py.sendText(text);
    await py.sendBinary(Uint8Array.of(1, 2));
    const got = (await py.messages(7)).map(shown);
    assert.deepEqual(got, ['text pong 1 on /rules', 'text pong 2 on /rules', 'text hi ada, you said "HELLO ada"', 'text {"ok":true,"channel":"btc","first":"a"}', 'binary cafe', 'binary 000102ff', 'text got binary']);
    assert.deepEqual((await py.recv(200)).kind, undefined, 'otherwise: nothing — no echo of the unmatched text');
    await py.sendText('who');
    const [id, uuid, time] = (await py.messages(3)).map((m) => (m.kind === 'text' ? m.text : ''));
    assert.deepEqual([id, mock.id], [mock.id, mock.id]);
    assert.match(uuid!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(Math.abs(Date.parse(time!) - Date.now()) < 5000, `{{now}} is an ISO time near now: ${time}`);
    const logged = mockMessages(mock);
    assert.deepEqual(logged.filter((l) => l.startsWith('out ')).slice(0, 7), got.map((g) => `out ${g}`), 'the mock logged what the client received');
    assert.deepEqual(logged.filter((l) => l.startsWith('in ')).at(6), 'in binary 0102');
  }));

  test('to: all reaches every client on the path; replies wait their delay; fragments arrive as sent', { timeout: TEST_TIMEOUT_MS }, covers('pythonMock', ['fragments'], async (t) => {
    const server = await startMock(t);
    const a = await connected(t, `${server.url}/rules`);
    const b = await connected(t, `${server.url}/rules`);
    const mockB = newestClient(server);
    await b.sendText('shout');
    const [toA, toB] = [(await a.messages(1))[0]!, (await b.messages(1))[0]!];
    assert.deepEqual([shown(toA), shown(toB)], [`text everyone hears ${mockB.id}`, `text everyone hears ${mockB.id}`]);
    await a.sendText('slow');
    const [first, second] = await a.messages(2);
    assert.deepEqual([shown(first!), shown(second!)], ['text first', 'text second']);
    assert.ok(second!.atMs - first!.atMs >= 150, `(slack for a busy machine) the second reply came ${second!.atMs - first!.atMs} ms after the first (delayMs 200)`);
    await a.sendText('split');
    const [text, binary] = await a.messages(2);
    assert.equal(shown(text!), 'text in four parts ✓');
    assert.deepEqual(text!.kind === 'text' && text!.frames.map(([opcode, fin]) => `${opcode}${fin ? '!' : ''}`), ['1', '0', '0', '0!'], 'opcode of each frame, ! for FIN');
    assert.deepEqual([shown(binary!), binary!.kind === 'binary' && binary!.frames.map(([opcode, fin, length]) => `${opcode}${fin ? '!' : ''}:${length}`)], ['binary 00010203040506', ['2:3', '0:2', '0!:2']]);
    const mockA = server.client(server.clients().find((c) => c.id !== mockB.id)!.id)!;
    const sent = mockA.log.range(1, 100).filter((e) => e.direction === 'out' && e.wire?.frames.length !== 1);
    assert.deepEqual(sent.map((e) => e.wire?.frames.length), [4, 3], 'the mock tapped the same fragments');
  }));

  test('on connect: messages in order after their delays; timers tick', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    // Without permessage-deflate: ws compresses asynchronously, tens of ms late on a busy machine.
    const server = await startMock(t, { ...FIXTURE, perMessageDeflate: false });
    const py = await connected(t, `${server.url}/welcome`);
    const [welcome, seq, bytes] = await py.messages(3);
    assert.deepEqual([welcome, seq, bytes].map((m) => shown(m!)), [`text welcome ${newestClient(server).id}`, 'text {"seq":2}', 'binary ff00']);
    // Delays count from the connection (each after the one before); allow for a busy machine.
    const gaps = [seq!.atMs - welcome!.atMs, bytes!.atMs - welcome!.atMs];
    assert.ok(gaps[0]! >= 120 && gaps[1]! >= 200, `the client got them ${gaps.join(' and ')} ms after the first (delays 150, then 100 more)`);
    const ticks = await connected(t, `${server.url}/ticks`);
    const [one, two] = (await ticks.messages(2)).map(shown);
    const n = Number(/^text tick (\d+)$/.exec(one!)?.[1]);
    assert.deepEqual([Number.isInteger(n), two], [true, `text tick ${n + 1}`]);
  });

  test('handshakes: reject with its status, 404 for other paths, token, allowed origins; the mock reports each refusal', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const server = await startMock(t);
    const refusals: number[] = [];
    server.onDidEvent((e: MockEvent) => void (e.type === 'rejected' && refusals.push(e.status)));
    const py = await PythonClient.start(t, python);
    assert.deepEqual(await py.connect(`${server.url}/closed`), { id: 1, open: false, status: 403 });
    assert.deepEqual(await py.connect(`${server.url}/nowhere`), { id: 2, open: false, status: 404 });
    assert.deepEqual(await py.connect(`${server.url}/token`), { id: 3, open: false, status: 401 });
    assert.deepEqual(await py.connect(`${server.url}/token`, { headers: { Authorization: 'Bearer wrong' } }), { id: 4, open: false, status: 401 });
    await connected(t, `${server.url}/token?token=s3cret`);
    await connected(t, `${server.url}/token`, { headers: { Authorization: 'Bearer s3cret' } });
    assert.deepEqual(refusals, [403, 404, 401, 401]);

    const guarded = await startMock(t, { allowedOrigins: ['https://app.example'], paths: [{ path: '/' }] });
    assert.equal((await py.connect(`${guarded.url}/`, { origin: 'https://evil.example' })).open, false);
    assert.deepEqual(await py.connect(`${guarded.url}/`), { id: 6, open: false, status: 403 }, 'no Origin at all is refused too');
    await connected(t, `${guarded.url}/`, { origin: 'https://app.example' });
    assert.equal(newestClient(guarded).info().origin, 'https://app.example');
  });

  test('close fault: the client gets the code and reason; the mock recorded a clean close it started', { timeout: TEST_TIMEOUT_MS }, covers('pythonMock', ['close codes'], async (t) => {
    const server = await startMock(t);
    const py = await connected(t, `${server.url}/rules`);
    const mock = newestClient(server);
    await py.sendText(faultTrigger('close'));
    assert.equal(shown((await py.messages(1))[0]!), 'text fault close next');
    const end = await py.recv();
    assert.deepEqual(end.kind === undefined && 'closed' in end && [end.closed.code, end.closed.reason, end.closed.received], [4001, 'asked to close ✓', { code: 4001, reason: 'asked to close ✓' }]);
    await untilMock(mock, () => mock.info().closed !== undefined, 'closed');
    const closed = mock.info().closed!;
    assert.deepEqual([closed.code, closed.reason, closed.initiatedBy, closed.wasClean, closed.received?.code], [4001, 'asked to close ✓', 'server', true, 4001]);
  }));

  test('drop fault: TCP ends without a close frame (websockets says 1006), on both sides', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const server = await startMock(t);
    const py = await connected(t, `${server.url}/rules`);
    const mock = newestClient(server);
    await py.sendText(faultTrigger('drop'));
    await py.messages(1);
    const end = await py.recv();
    assert.deepEqual(end.kind === undefined && 'closed' in end && [end.closed.code, end.closed.received], [1006, null]);
    await untilMock(mock, () => mock.info().closed !== undefined, 'closed');
    assert.deepEqual([mock.info().closed?.code, mock.info().closed?.initiatedBy, mock.info().closed?.wasClean], [1006, 'none', false]);
  });

  test('stopReading fault: the client\'s sends back up and the mock logs no more of them', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const server = await startMock(t);
    const py = await connected(t, `${server.url}/rules`, { compression: false });
    const mock = newestClient(server);
    await py.sendText(faultTrigger('stopReading'));
    await py.messages(1);
    assert.ok(mock.lifecycle.some((e) => e.kind === 'fault' && /stopped reading/.test(e.detail ?? '')));
    const flood = await py.flood(64 * 1024, 500);
    assert.equal(flood.blocked, true, `the client's writes should back up; it sent ${flood.sent} messages of 64 KiB without blocking`);
    const logged = () => mock.log.range(1, 10_000).filter((e) => e.direction === 'in' && e.kind === 'binary').length;
    const before = logged();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(logged(), before, 'the mock read nothing more while paused');
    assert.ok(before < flood.sent, `the mock logged ${before} of the ${flood.sent} messages the client wrote`);
  });

  test('pings: answered at once by default, never after pings: ignore, late after pings: { delayMs }', { timeout: TEST_TIMEOUT_MS }, covers('pythonMock', ['ping/pong'], async (t) => {
    const server = await startMock(t);
    const py = await connected(t, `${server.url}/rules`);
    const answered = await py.ping(Buffer.from('at once'), 1000);
    assert.equal(answered.pong, true);
    await py.sendText(faultTrigger('pings ignore'));
    await py.messages(1);
    assert.deepEqual(await py.ping(Buffer.from('never'), 500), { id: 5, pong: false });
    const late = await connected(t, `${server.url}/rules`);
    const mock = newestClient(server);
    await late.sendText(faultTrigger('pings delay'));
    await late.messages(1);
    const delayed = await late.ping(Buffer.from('late'), 2000);
    assert.ok(delayed.pong && (delayed.ms ?? 0) >= 280, `the pong came after ${delayed.ms} ms (delayMs 300)`);
    const control = mock.log.range(1, 100).filter((e) => e.kind === 'ping' || e.kind === 'pong').map((e) => `${e.direction} ${e.kind} ${Buffer.from(e.payload).toString()}`);
    assert.deepEqual(control, ['in ping late', 'out pong late']);
  }));

  for (const broken of BROKEN_FRAMES) {
    const code = broken === 'bad-utf8' ? 1007 : 1002;
    test(`broken frame ${broken}: websockets fails the connection with ${code}; the mock logged that close`, { timeout: TEST_TIMEOUT_MS }, covers('pythonMock', ['close codes'], async (t) => {
      const server = await startMock(t);
      const py = await connected(t, `${server.url}/rules`);
      const mock = newestClient(server);
      await py.sendText(faultTrigger(broken));
      assert.equal(shown((await py.messages(1))[0]!), `text fault ${broken} next`);
      const end = await py.recv();
      assert.ok(end.kind === undefined && 'closed' in end, `expected the connection to fail, got ${JSON.stringify(end)}`);
      assert.equal(end.closed.sent?.code, code, `websockets sent ${JSON.stringify(end.closed.sent)}; it said ${end.closed.error}`);
      assert.match(end.closed.error ?? '', broken === 'bad-utf8' ? /UnicodeDecodeError/ : /ProtocolError/);
      await untilMock(mock, () => mock.info().closed !== undefined, 'closed');
      // bad-close-code is itself a close frame (1005, never valid on the wire): the mock spoke first.
      assert.deepEqual([mock.info().closed?.received?.code, mock.info().closed?.initiatedBy], [code, broken === 'bad-close-code' ? 'server' : 'client']);
      assert.ok(mock.log.range(1, 100).some((e) => e.direction === 'in' && e.kind === 'close'), 'the mock logged the close frame the client sent back');
    }));
  }
});
