// Interop: our mock server against Chromium's own WebSocket (Debian's Chromium driven by
// playwright-core), which shares no code with the mock or with ws. A page sees messages, not
// frames, and cannot ping; everything it can see is checked, and the mock's record of it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MockServer } from '../../src/core/mock/mockServer';
import { ChromiumClient, type BrowserSocketEvent } from './peers/chromiumClient';
import { covers } from './peers/matrix';
import { BROKEN_FRAMES, FIXTURE, faultTrigger, mockMessages, newestClient, startMock, untilMock } from './peers/mockFixture';

/** The interop suite has no runner timeout: a page that never answers fails the test instead. */
const TEST_TIMEOUT_MS = 30_000;

let chromium: ChromiumClient;
before(async () => {
  chromium = await ChromiumClient.start();
}, { timeout: 10 * 60_000 });
after(() => chromium?.close());

const shown = (e: BrowserSocketEvent) => (e.type === 'text' ? `text ${e.text}` : e.type === 'binary' ? `binary ${e.hex}` : e.type);

/** Opens a socket and waits until it is open. */
async function opened(url: string, protocols: readonly string[] = []): Promise<number> {
  const socket = await chromium.open(url, protocols);
  const events = await chromium.until(socket, 1, ['open', 'close']);
  assert.equal(events[0]?.type, 'open', `Chromium could not connect to ${url}: ${JSON.stringify(events)}`);
  return socket;
}

/** The socket's messages after its first `skip`, once there are `count` more. */
async function nextMessages(socket: number, skip: number, count: number): Promise<string[]> {
  return (await chromium.messages(socket, skip + count)).slice(skip, skip + count).map(shown);
}

/** After a fault: the reply that announced it, then the close event. */
async function faulted(server: MockServer, name: string) {
  const socket = await opened(`${server.url}/rules`);
  const mock = newestClient(server);
  await chromium.send(socket, faultTrigger(name));
  const close = await chromium.closed(socket);
  await untilMock(mock, () => mock.info().closed !== undefined, 'closed');
  return { events: (await chromium.events(socket)).map(shown), close, mock };
}

describe('mock server, Chromium WebSocket', () => {
  test('rules: exact text, regex, JSON subset, JSON path, binary; templates; subprotocol; the mock logged the same', { timeout: TEST_TIMEOUT_MS }, covers('chromiumMock', ['text', 'binary'], async (t) => {
    const server = await startMock(t);
    const socket = await opened(`${server.url}/rules`, ['v1', 'v2']);
    const mock = newestClient(server);
    assert.deepEqual([(await chromium.events(socket))[0], mock.info().requestedProtocols, mock.info().origin], [{ type: 'open', protocol: 'v2' }, ['v1', 'v2'], chromium.origin]);
    for (const text of ['ping', 'HELLO ada', '{"op":"subscribe","channel":"eth","filter":{"tags":["a","b"]}}', '{"items":[{"id":7,"x":1}]}', 'nobody matches this', 'who']) await chromium.send(socket, text);
    await chromium.send(socket, Uint8Array.of(9, 8));
    const got = await nextMessages(socket, 0, 9);
    assert.deepEqual(got.slice(0, 5), ['text pong 1 on /rules', 'text hi ada, you said "HELLO ada"', 'text {"ok":true,"channel":"eth","first":"a"}', 'binary cafe', 'binary 000102ff']);
    assert.equal(got[5], `text ${mock.id}`);
    assert.match(got[6]!, /^text [0-9a-f]{8}-[0-9a-f]{4}-4/, '{{uuid}}');
    assert.deepEqual(got.slice(8), ['text got binary']);
    assert.deepEqual(mockMessages(mock).filter((l) => l.startsWith('out ')), got.map((g) => `out ${g}`), 'the mock logged what the page received');
    assert.equal(mockMessages(mock).filter((l) => l.startsWith('in ')).at(-1), 'in binary 0908');
  }));

  test('to: all reaches both sockets; replies wait their delay; a fragmented message arrives whole', { timeout: TEST_TIMEOUT_MS }, covers('chromiumMock', ['fragments'], async (t) => {
    const server = await startMock(t);
    const a = await opened(`${server.url}/rules`);
    const b = await opened(`${server.url}/rules`);
    const idB = newestClient(server).id;
    await chromium.send(b, 'shout');
    assert.deepEqual([await nextMessages(a, 0, 1), await nextMessages(b, 0, 1)], [[`text everyone hears ${idB}`], [`text everyone hears ${idB}`]]);
    await chromium.send(a, 'slow');
    await chromium.send(a, 'split');
    const events = (await chromium.messages(a, 5)).slice(1);
    // 'split' answers at once, 'second' after 200 ms.
    assert.deepEqual(events.map(shown), ['text first', 'text in four parts ✓', 'binary 00010203040506', 'text second']);
    const [first, , , second] = events as Extract<BrowserSocketEvent, { atMs: number }>[];
    assert.ok(second!.atMs - first!.atMs >= 150, `(slack for a busy machine) the second reply came ${second!.atMs - first!.atMs} ms after the first (delayMs 200)`);
  }));

  test('on connect: messages in order after their delays; timers tick', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    // Without permessage-deflate: ws compresses asynchronously, tens of ms late on a busy machine.
    const server = await startMock(t, { ...FIXTURE, perMessageDeflate: false });
    const socket = await opened(`${server.url}/welcome`);
    const messages = (await chromium.messages(socket, 3)) as Extract<BrowserSocketEvent, { atMs: number }>[];
    assert.deepEqual(messages.map(shown), [`text welcome ${newestClient(server).id}`, 'text {"seq":2}', 'binary ff00']);
    // Delays count from the connection (each after the one before); the page sees arrival times
    // a few ms off either way, the mock's log the times it wrote each one.
    const sentAt = newestClient(server).log.range(1, 10).filter((e) => e.direction === 'out').map((e) => e.time - newestClient(server).info().connectedAt);
    assert.ok(sentAt[1]! >= 145 && sentAt[2]! >= 245, `the mock sent them at ${sentAt.map(Math.round).join(', ')} ms (delays 150, then 100 more)`);
    assert.ok(messages[2]!.atMs - messages[0]!.atMs >= 200, `the page got the last ${messages[2]!.atMs - messages[0]!.atMs} ms after the first`);
    const ticks = await opened(`${server.url}/ticks`);
    const [one, two] = await nextMessages(ticks, 0, 2);
    const n = Number(/^text tick (\d+)$/.exec(one!)?.[1]);
    assert.deepEqual([Number.isInteger(n), two], [true, `text tick ${n + 1}`]);
  });

  test('handshakes: a refused upgrade is an error and close 1006 in the page; token in the URL; allowed origins', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const server = await startMock(t);
    const refusals: number[] = [];
    server.onDidEvent((e) => void (e.type === 'rejected' && refusals.push(e.status)));
    for (const path of ['/closed', '/token']) {
      const socket = await chromium.open(`${server.url}${path}`);
      const close = await chromium.closed(socket);
      assert.deepEqual([(await chromium.events(socket)).map((e) => e.type), close.code, close.wasClean], [['error', 'close'], 1006, false]);
    }
    assert.deepEqual(refusals, [403, 401]);
    await opened(`${server.url}/token?token=s3cret`);

    const allowed = await startMock(t, { allowedOrigins: [chromium.origin], paths: [{ path: '/' }] });
    await opened(`${allowed.url}/`);
    assert.equal(newestClient(allowed).info().origin, chromium.origin);
    const other = await startMock(t, { allowedOrigins: ['https://app.example'], paths: [{ path: '/' }] });
    const refused = await chromium.open(`${other.url}/`);
    assert.equal((await chromium.closed(refused)).code, 1006);
  });

  test('close fault: the page gets the code and reason, cleanly; drop: 1006, not clean', { timeout: TEST_TIMEOUT_MS }, covers('chromiumMock', ['close codes'], async (t) => {
    const server = await startMock(t);
    const closed = await faulted(server, 'close');
    assert.deepEqual([closed.events.at(-2), closed.close.code, closed.close.reason, closed.close.wasClean], ['text fault close next', 4001, 'asked to close ✓', true]);
    assert.deepEqual([closed.mock.info().closed?.code, closed.mock.info().closed?.wasClean], [4001, true]);
    const dropped = await faulted(server, 'drop');
    assert.deepEqual([dropped.events.at(-2), dropped.close.code, dropped.close.wasClean], ['text fault drop next', 1006, false]);
    assert.deepEqual([dropped.mock.info().closed?.code, dropped.mock.info().closed?.initiatedBy], [1006, 'none']);
  }));

  for (const broken of BROKEN_FRAMES) {
    test(`broken frame ${broken}: Chromium fails the connection (1006 in the page); the mock records how it ended`, { timeout: TEST_TIMEOUT_MS }, covers('chromiumMock', ['close codes'], async (t) => {
      const server = await startMock(t);
      const { events, close, mock } = await faulted(server, broken);
      // The reply goes out before the broken frame (the mock's log says so); when both arrive in
      // one read Chromium may fail the connection before it hands the page the reply.
      assert.deepEqual([events.slice(-2), close.code, close.wasClean], [['error', 'close'], 1006, false]);
      assert.ok(events.length === 3 || events[1] === `text fault ${broken} next`, `the page saw ${JSON.stringify(events)}`);
      const out = mock.log.range(1, 100).filter((e) => e.direction === 'out');
      assert.equal(Buffer.from(out[0]!.payload).toString(), `fault ${broken} next`, 'the mock sent the reply first');
      const ended = mock.info().closed!;
      // What Chromium sent back, as the mock saw it: recorded for the report, asserted loosely.
      assert.ok(ended.code === 1006 || ended.received?.code === 1002 || ended.received?.code === 1007, `the mock recorded ${JSON.stringify(ended)}`);
    }));
  }
});
