// Interop matrix cells the other interop files leave open: our client against our own mock (every
// feature, both ends checked), the libwebsockets test client against our mock, and deflate and
// pings between the mock and Python's and Chromium's clients.
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { ensurePeers, type Peers } from '../../scripts/bootstrap/peers.mjs';
import type { ClientConnection } from '../../src/core/client/clientConnection';
import type { MockClient } from '../../src/core/mock/mockClient';
import type { MockDefinition } from '../../src/core/mock/mockDefinition';
import type { MockServer } from '../../src/core/mock/mockServer';
import { connectTo } from '../../src/core/testing/clientTesting';
import { ChromiumClient } from './peers/chromiumClient';
import { assertConforming, assertDeflate, closed, exchange, mark, nextEntries, textOf } from './peers/clientChecks';
import { covers } from './peers/matrix';
import { newestClient, startMock, untilMock } from './peers/mockFixture';
import { startPeer } from './peers/peerProcess';
import { PythonClient } from './peers/pythonClient';

const TEST_TIMEOUT_MS = 30_000;
const ECHO: MockDefinition = { name: 'echo', paths: [{ path: '/echo' }] };
/** Long enough for ws to compress it. */
const BIG_TEXT = 'matrix ✓ '.repeat(2000);

let peers: Peers;
before(async () => {
  peers = await ensurePeers();
}, { timeout: 10 * 60_000 });

/** The mock's side of a client: nothing it logged breaks RFC 6455. */
function assertMockConforming(client: MockClient): void {
  const broken = client.log.tail(client.log.length).filter((e) => (e.wire?.violations.length ?? 0) > 0);
  assert.deepEqual(broken.map((e) => `#${e.id} ${e.direction} ${e.kind}: ${e.wire!.violations.map((v) => v.message).join('; ')}`), []);
}

function logged(client: MockClient): string[] {
  return client.log.tail(client.log.length).map((e) => `${e.direction} ${e.kind} ${textOf(e)}`);
}

describe('our client against our mock', () => {
  async function pair(t: TestContext, deflate = true): Promise<{ connection: ClientConnection; mock: MockClient; server: MockServer }> {
    const server = await startMock(t, { ...ECHO, perMessageDeflate: deflate });
    const connection = await connectTo(t, `${server.url}/echo`);
    return { connection, mock: newestClient(server), server };
  }

  test('text and binary come back byte for byte, compressed both ways', { timeout: TEST_TIMEOUT_MS }, covers('clientMock', ['text', 'binary', 'deflate'], async (t) => {
    const { connection, mock } = await pair(t);
    const { received } = await exchange(connection, [{ kind: 'text', text: BIG_TEXT }, { kind: 'binary', data: Uint8Array.from({ length: 256 }, (_, k) => k) }]);
    assert.deepEqual(received.map((e) => [e.kind, e.payload.length, e.wire?.compressed]), [['text', Buffer.byteLength(BIG_TEXT), true], ['binary', 256, true]]);
    assert.ok(textOf(received[0]!) === BIG_TEXT, 'the big text came back whole');
    assertDeflate(connection, true);
    assert.match(mock.info().extensions ?? '', /permessage-deflate/, 'the mock negotiated it too');
    assertConforming(connection);
    assertMockConforming(mock);
  }));

  test('a message sent in fragments reaches the mock whole and comes back whole', { timeout: TEST_TIMEOUT_MS }, covers('clientMock', ['fragments'], async (t) => {
    const { connection, mock } = await pair(t, false);
    const { sent, received } = await exchange(connection, [{ kind: 'text', text: 'one ✓ two ✓ three' }], 3);
    assert.deepEqual(sent[0]!.wire?.frames.map((f) => f.opcodeName), ['text', 'continuation', 'continuation']);
    assert.equal(textOf(received[0]!), 'one ✓ two ✓ three');
    const fromClient = mock.log.tail(mock.log.length).find((e) => e.direction === 'in' && e.kind === 'text');
    assert.equal(fromClient?.wire?.frames.length, 3, 'the mock logged the three frames of one message');
    assertConforming(connection);
    assertMockConforming(mock);
  }));

  test('pings either way are answered with the same payload; both logs have the round-trip time', { timeout: TEST_TIMEOUT_MS }, covers('clientMock', ['ping/pong'], async (t) => {
    const { connection, mock } = await pair(t);
    const from = mark(connection);
    connection.ping('from the client ✓');
    const [pong] = await nextEntries(connection, from, 1, (e) => e.direction === 'in' && e.kind === 'pong');
    assert.equal(textOf(pong!), 'from the client ✓');
    assert.ok(pong!.rttMs !== undefined);
    mock.control('ping', Buffer.from('from the mock ✓'));
    await untilMock(mock, () => logged(mock).includes('in pong from the mock ✓'), 'the client answered the mock');
    assert.ok(mock.log.tail(mock.log.length).find((e) => e.kind === 'pong' && e.direction === 'in')?.rttMs !== undefined);
  }));

  test('a close code either way arrives with its reason, cleanly, as both sides record it', { timeout: TEST_TIMEOUT_MS }, covers('clientMock', ['close codes'], async (t) => {
    const first = await pair(t);
    first.connection.close(4005, 'client bye ✓');
    const byClient = await closed(first.connection);
    assert.deepEqual([byClient.code, byClient.reason, byClient.initiatedBy, byClient.wasClean], [4005, 'client bye ✓', 'client', true]);
    await untilMock(first.mock, () => first.mock.info().closed !== undefined, 'the mock saw the close');
    assert.deepEqual([first.mock.info().closed!.code, first.mock.info().closed!.initiatedBy], [4005, 'client']);

    const second = await pair(t);
    second.server.disconnect(second.mock.id, 4006, 'mock bye ✓');
    const byMock = await closed(second.connection);
    assert.deepEqual([byMock.code, byMock.reason, byMock.initiatedBy, byMock.wasClean], [4006, 'mock bye ✓', 'server', true]);
  }));
});

describe('libwebsockets test client against our mock', () => {
  /** The test client opens a dumb-increment and a lws-mirror connection; the mirror one draws (sends text) at once. */
  async function lwsClients(t: TestContext): Promise<{ server: MockServer; counter: MockClient; mirror: MockClient }> {
    const server = await startMock(t, { name: 'lws', subprotocols: ['lws-mirror-protocol', 'dumb-increment-protocol'], paths: [{ path: '*' }] });
    const peer = await startPeer(t, 'the libwebsockets test client', peers.lwsTestClient, ['127.0.0.1', `--port=${new URL(server.url).port}`]);
    const by = (protocol: string) => server.clients().find((c) => c.protocol === protocol && !c.closed);
    await peer.waitFor('both connections opened', () => (by('dumb-increment-protocol') && by('lws-mirror-protocol') ? true : undefined));
    return { server, counter: server.client(by('dumb-increment-protocol')!.id)!, mirror: server.client(by('lws-mirror-protocol')!.id)! };
  }

  test('its text reaches the mock, compressed, and the echo goes back', { timeout: TEST_TIMEOUT_MS }, covers('lwsMock', ['text', 'deflate'], async (t) => {
    const { mirror } = await lwsClients(t);
    await untilMock(mirror, () => mirror.log.totals.messagesOut >= 5, 'five drawings echoed');
    const drawings = mirror.log.tail(mirror.log.length).filter((e) => e.direction === 'in' && e.kind === 'text').slice(0, 5);
    for (const e of drawings) assert.match(textOf(e), /^c #[0-9A-F]{6} \d+ \d+ \d+;$/, 'a mirror drawing command');
    assert.match(mirror.info().extensions ?? '', /permessage-deflate/, 'negotiated with the mock');
    assert.ok(drawings.some((e) => e.wire?.compressed), 'its messages came compressed');
    assertMockConforming(mirror);
  }));

  test('it answers the mock\'s ping with the same payload', { timeout: TEST_TIMEOUT_MS }, covers('lwsMock', ['ping/pong'], async (t) => {
    const { counter } = await lwsClients(t);
    counter.control('ping', Buffer.from('are you there, lws?'));
    await untilMock(counter, () => logged(counter).includes('in pong are you there, lws?'), 'its pong');
    assertMockConforming(counter);
  }));

  test('a close the mock starts with a code ends cleanly: it answers with a close frame', { timeout: TEST_TIMEOUT_MS }, covers('lwsMock', ['close codes'], async (t) => {
    const { server, counter } = await lwsClients(t);
    server.disconnect(counter.id, 4001, 'bye lws');
    await untilMock(counter, () => counter.info().closed !== undefined, 'closed');
    const close = counter.info().closed!;
    assert.deepEqual([close.code, close.reason, close.initiatedBy, close.wasClean], [4001, 'bye lws', 'server', true]);
  }));
});

describe('deflate and pings between the mock and the browsers\' and Python\'s clients', () => {
  let chromium: ChromiumClient;
  before(async () => {
    chromium = await ChromiumClient.start();
  }, { timeout: 10 * 60_000 });
  after(() => chromium?.close());

  test('Chromium negotiates permessage-deflate with the mock; a big text goes both ways compressed', { timeout: TEST_TIMEOUT_MS }, covers('chromiumMock', ['deflate'], async (t) => {
    const server = await startMock(t, ECHO);
    const socket = await chromium.open(`${server.url}/echo`);
    await chromium.until(socket, 1, ['open']);
    const mock = newestClient(server);
    assert.match(mock.info().extensions ?? '', /permessage-deflate/);
    await chromium.send(socket, BIG_TEXT);
    const [echo] = await chromium.messages(socket, 1);
    assert.deepEqual([echo?.type, echo?.type === 'text' && echo.text === BIG_TEXT], ['text', true], 'the big text came back whole');
    assert.deepEqual(mock.log.tail(2).map((e) => [e.direction, e.wire?.compressed]), [['in', true], ['out', true]]);
    assertMockConforming(mock);
  }));

  test('Chromium answers the mock\'s ping with the same payload', { timeout: TEST_TIMEOUT_MS }, covers('chromiumMock', ['ping/pong'], async (t) => {
    const server = await startMock(t, ECHO);
    const socket = await chromium.open(`${server.url}/echo`);
    await chromium.until(socket, 1, ['open']);
    const mock = newestClient(server);
    mock.control('ping', Buffer.from('ping from the mock ✓'));
    await untilMock(mock, () => logged(mock).includes('in pong ping from the mock ✓'), 'the browser\'s pong');
  }));

  test('Python websockets negotiates permessage-deflate with the mock; a big text goes both ways compressed', { timeout: TEST_TIMEOUT_MS }, covers('pythonMock', ['deflate'], async (t) => {
    const server = await startMock(t, ECHO);
    const py = await PythonClient.start(t, peers.python);
    assert.equal((await py.connect(`${server.url}/echo`)).open, true);
    const mock = newestClient(server);
    assert.match(mock.info().extensions ?? '', /permessage-deflate/);
    await py.sendText(BIG_TEXT);
    const [echo] = await py.messages(1);
    assert.deepEqual([echo?.kind, echo?.kind === 'text' && echo.text === BIG_TEXT], ['text', true], 'the big text came back whole');
    assert.deepEqual(mock.log.tail(2).map((e) => [e.direction, e.wire?.compressed]), [['in', true], ['out', true]]);
    assertMockConforming(mock);
  }));
});

