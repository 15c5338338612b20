// Interop: our ClientConnection against WebSocket servers that share no code with it or with ws —
// Python's `websockets` and the C libwebsockets test server, both from Debian's packages. What a
// user would see must hold: messages come back byte for byte, pings are answered, both sides'
// closes carry their code and reason, permessage-deflate is negotiated exactly when both offer
// it, and our tap finds nothing wrong with a conforming peer's frames.
import { before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { ensurePeers, type Peers } from '../../scripts/bootstrap/peers.mjs';
import type { ClientConnection } from '../../src/core/client/clientConnection';
import type { OutgoingMessage } from '../../src/core/client/outgoing';
import { connectTo } from '../../src/core/testing/clientTesting';
import type { LogEntry } from '../../src/core/log/sessionLog';
import { assertConforming, assertDeflate, closed, dataAfterPeerClose, entries, exchange, mark, nextEntries, payloadOf, textOf } from './peers/clientChecks';
import { startLwsPeer, type LwsProtocol } from './peers/lwsPeer';
import { covers, type Feature } from './peers/matrix';
import { startPythonPeer, type PythonPeer } from './peers/pythonPeer';

/** The interop suite has no runner timeout: a peer that never answers fails the test instead. */
const TEST_TIMEOUT_MS = 30_000;

/** Multibyte UTF-8: 2-, 3- and 4-byte characters, a combining accent, right-to-left text. */
const UTF8_TEXT = 'héllo wörld — ✓ 🎉 Привет 你好 e\u0301 שלום 𝄞';
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, k) => k);
/** Over 64 KiB (the 64-bit length form, when not compressed), and big enough for ws to compress. */
const BIG_TEXT = 'Socket Lens ✓ interop '.repeat(3500);

const text = (value: string): OutgoingMessage => ({ kind: 'text', text: value });
const binary = (data: Uint8Array): OutgoingMessage => ({ kind: 'binary', data });

let peers: Peers;
// The first run installs the peers with apt, which may take longer than the tests themselves.
before(async () => {
  peers = await ensurePeers();
}, { timeout: 10 * 60_000 });

/** A test against a fresh Python server, connected; the log must be conforming at the end. */
function pythonTest(name: string, deflate: boolean, features: readonly Feature[], body: (connection: ClientConnection, peer: PythonPeer) => Promise<void>): void {
  // With deflate on, every test proves permessage-deflate too: it is negotiated and carries the exchange.
  test(name, { timeout: TEST_TIMEOUT_MS }, covers('clientPython', deflate ? [...features, 'deflate'] : features, async (t) => {
    const peer = await startPythonPeer(t, peers.python, deflate);
    const connection = await connectTo(t, peer.url, { perMessageDeflate: deflate });
    await body(connection, peer);
    assertDeflate(connection, deflate);
    assertConforming(connection);
  }));
}

/** Sends each message, checks it came back byte for byte and as the same kind. */
async function assertEchoed(connection: ClientConnection, messages: readonly OutgoingMessage[], fragments = 1): Promise<void> {
  const { sent, received } = await exchange(connection, messages, fragments);
  assert.deepEqual(sent.map((e) => e.wire?.frames.length), messages.map(() => fragments), 'frames per message we sent');
  const expected = messages.map((m) => [m.kind, payloadOf(m).toString('hex')]);
  assert.deepEqual(received.map((e) => [e.kind, Buffer.from(e.payload).toString('hex')]), expected, 'what came back');
}

describe('Python websockets server', () => {
  for (const deflate of [true, false]) {
    describe(deflate ? 'permessage-deflate on' : 'permessage-deflate off', () => {
      pythonTest('echoes text byte for byte: ASCII, multibyte UTF-8, empty, over 64 KiB', deflate, ['text'], async (connection) => {
        await assertEchoed(connection, [text('hello'), text(UTF8_TEXT), text(''), text(BIG_TEXT)]);
        assertDeflate(connection, deflate);
        const big = entries(connection).filter((e) => e.direction === 'out' && e.kind === 'text').at(-1)!;
        assert.equal(big.wire!.compressed, deflate, 'our big text went compressed exactly when deflate was negotiated');
      });

      pythonTest('echoes binary: all 256 byte values, and 75 KiB of them', deflate, ['binary'], async (connection) => {
        const repeated = Uint8Array.from({ length: 300 * 256 }, (_, k) => k % 256);
        await assertEchoed(connection, [binary(ALL_BYTES), binary(repeated)]);
        assertDeflate(connection, deflate);
      });

      pythonTest('reassembles a message we send in fragments and echoes it whole', deflate, ['fragments'], async (connection) => {
        // Cut inside characters on purpose: UTF-8 is checked over the whole message (RFC 6455 §5.6).
        // Big enough for ws to compress it: one compressed message across five frames.
        await assertEchoed(connection, [text(UTF8_TEXT.repeat(150))], 5);
        const fragmented = entries(connection).find((e) => e.direction === 'out')!;
        assert.equal(fragmented.wire!.compressed, deflate, 'our fragmented text went compressed exactly when deflate was negotiated');
        await assertEchoed(connection, [binary(ALL_BYTES)], 3);
        assertDeflate(connection, deflate);
      });

      pythonTest('answers our pings with pongs carrying the same payload; the log has their round-trip times', deflate, ['ping/pong'], async (connection) => {
        const payloads = [Buffer.from('ping ✓ 1'), Buffer.from(ALL_BYTES.subarray(0, 125))]; // 125: the control-frame limit
        const from = mark(connection);
        for (const payload of payloads) connection.ping(payload);
        const pongs = await nextEntries(connection, from, payloads.length, (e) => e.direction === 'in' && e.kind === 'pong');
        assert.deepEqual(pongs.map((e) => Buffer.from(e.payload).toString('hex')), payloads.map((p) => p.toString('hex')));
        for (const pong of pongs) assert.ok(pong.rttMs !== undefined && pong.rttMs >= 0, `pong #${pong.id} has a round-trip time: ${pong.rttMs}`);
      });

      pythonTest("answers the server's ping with our automatic pong", deflate, ['ping/pong'], async (connection) => {
        // The server pings with the payload, waits for our pong, then says so.
        const { received } = await exchange(connection, [text('ping from python ✓')]);
        assert.equal(textOf(received[0]!), 'pong from python ✓');
        const control = entries(connection).filter((e) => e.kind === 'ping' || e.kind === 'pong');
        assert.deepEqual(control.map((e) => [e.direction, e.kind, textOf(e)]), [['in', 'ping', 'from python ✓'], ['out', 'pong', 'from python ✓']]);
        assert.ok(control[1]!.rttMs !== undefined, 'our pong records how long after the ping it went out');
      });

      pythonTest('closes with the code and reason we send; the closing handshake is clean', deflate, ['close codes'], async (connection, peer) => {
        connection.close(4002, 'client done ✓');
        const close = await closed(connection);
        assert.deepEqual([close.code, close.reason, close.initiatedBy, close.wasClean], [4002, 'client done ✓', 'client', true]);
        const seen = await peer.server.waitFor('it reported the close', () => peer.events().find((e) => e.event === 'closed'));
        assert.deepEqual(seen, { event: 'closed', code: 4002, reason: 'client done ✓' }, 'what the server received');
      });

      pythonTest('reports a close the server starts, with its code and reason', deflate, ['close codes'], async (connection) => {
        connection.sendText('close 4001 server says bye ✓');
        const close = await closed(connection);
        assert.deepEqual([close.code, close.reason, close.initiatedBy, close.wasClean], [4001, 'server says bye ✓', 'server', true]);
      });
    });
  }

  test('permessage-deflate: a server that does not do it declines our offer', { timeout: TEST_TIMEOUT_MS }, covers('clientPython', ['deflate'], async (t) => {
    const peer = await startPythonPeer(t, peers.python, false);
    const connection = await connectTo(t, peer.url);
    assert.match(requestHeader(connection, 'sec-websocket-extensions') ?? '', /permessage-deflate/, 'we offered it');
    await assertEchoed(connection, [text(BIG_TEXT)]);
    assertDeflate(connection, false);
    assertConforming(connection);
  }));

  test('permessage-deflate: with it off we do not offer it, so a server that would is not asked', { timeout: TEST_TIMEOUT_MS }, covers('clientPython', ['deflate'], async (t) => {
    const peer = await startPythonPeer(t, peers.python, true);
    const connection = await connectTo(t, peer.url, { perMessageDeflate: false });
    assert.equal(requestHeader(connection, 'sec-websocket-extensions'), undefined, 'no offer in the request');
    await assertEchoed(connection, [text(BIG_TEXT)]);
    assertDeflate(connection, false);
    assertConforming(connection);
  }));
});

function requestHeader(connection: ClientConnection, name: string): string | undefined {
  return connection.snapshot().handshake.request?.headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

interface LwsTestOptions {
  /** What the test proves, for the interop matrix. */
  readonly features: readonly Feature[];
  readonly offerDeflate?: boolean;
  /** Entries the test judges itself, left out of the conformance check. */
  readonly judgedApart?: (connection: ClientConnection) => readonly LogEntry[];
  readonly todo?: string;
}

/** A test against a fresh libwebsockets test server, connected with `protocol`; conforming at the end. */
function lwsTest(name: string, protocol: LwsProtocol, options: LwsTestOptions, body: (connection: ClientConnection, t: TestContext, url: string) => Promise<void>): void {
  test(name, { timeout: TEST_TIMEOUT_MS, todo: options.todo }, covers('clientLws', options.features, async (t) => {
    const peer = await startLwsPeer(t, peers.lwsTestServer);
    const connection = await connectTo(t, peer.url, { protocols: [protocol], perMessageDeflate: options.offerDeflate ?? true });
    assert.equal(connection.snapshot().handshake.protocol, protocol, 'the subprotocol it chose');
    await body(connection, t, peer.url);
    // This build of the test server enables no extension: an offer is declined.
    assertDeflate(connection, false);
    assertConforming(connection, options.judgedApart?.(connection));
  }));
}

describe('libwebsockets test server', () => {
  for (const offerDeflate of [true, false]) {
    describe(offerDeflate ? 'permessage-deflate offered (and declined)' : 'permessage-deflate not offered', () => {
      // The mirror sends everything back as text, so binary cannot round-trip through it.
      lwsTest('mirror: sends our text back byte for byte, multibyte UTF-8 included', 'lws-mirror-protocol', { features: ['text'], offerDeflate }, async (connection) => {
        await assertEchoed(connection, [text('hello'), text(UTF8_TEXT), text('mirror ✓ '.repeat(40))]);
      });

      lwsTest('mirror: takes a message in fragments, and mirrors each fragment as it arrives', 'lws-mirror-protocol', { features: ['fragments'], offerDeflate }, async (connection) => {
        // ASCII, so each fragment the mirror sends on as a text message of its own is valid UTF-8.
        const message = 'first fragment|second fragment|third fragment|fourth';
        const { sent, received } = await exchange(connection, [text(message)], 4, 4);
        assert.deepEqual(sent.map((e) => [textOf(e), e.wire?.frames.map((f) => f.opcodeName)]), [[message, ['text', 'continuation', 'continuation', 'continuation']]]);
        assert.equal(received.map(textOf).join(''), message);
      });

      lwsTest('mirror: answers our ping with a pong carrying its payload; the log has the round-trip time', 'lws-mirror-protocol', { features: ['ping/pong'], offerDeflate }, async (connection) => {
        const from = mark(connection);
        connection.ping('ping ✓ lws');
        const [pong] = await nextEntries(connection, from, 1, (e) => e.direction === 'in' && e.kind === 'pong');
        assert.equal(textOf(pong!), 'ping ✓ lws');
        assert.ok(pong!.rttMs !== undefined && pong!.rttMs >= 0, `round-trip time ${pong!.rttMs}`);
      });

      lwsTest('mirror: closes with the code and reason we send; the closing handshake is clean', 'lws-mirror-protocol', { features: ['close codes'], offerDeflate }, async (connection) => {
        connection.sendText('before closing');
        connection.close(4003, 'client done ✓');
        const close = await closed(connection);
        assert.deepEqual([close.code, close.reason, close.initiatedBy, close.wasClean], [4003, 'client done ✓', 'client', true]);
      });
    });
  }

  lwsTest('mirror: a message from one client reaches the others', 'lws-mirror-protocol', { features: ['text'] }, async (first, t, url) => {
    const second = await connectTo(t, url, { protocols: ['lws-mirror-protocol'] });
    const from = mark(second);
    first.sendText('to everyone ✓');
    const [mirrored] = await nextEntries(second, from, 1, (e) => e.direction === 'in' && e.kind === 'text');
    assert.equal(textOf(mirrored!), 'to everyone ✓');
    assertConforming(second);
  });

  lwsTest('dumb-increment: counts up as text, and starts again from 0 on "reset"', 'dumb-increment-protocol', { features: ['text'] }, async (connection) => {
    const counted = await nextEntries(connection, mark(connection), 3, (e) => e.direction === 'in');
    const numbers = counted.map((e) => Number(textOf(e)));
    assert.deepEqual(numbers, [numbers[0]!, numbers[0]! + 1, numbers[0]! + 2], 'consecutive numbers as text');
    const reset = mark(connection);
    connection.sendText('reset\n');
    // Numbers already on their way arrive first; then the count starts again from 0.
    await nextEntries(connection, reset, 1, (e) => e.direction === 'in' && textOf(e) === '0');
  });

  // lws 4.1.6 goes on sending its counter after its own close frame, until our close frame
  // arrives: judged by the next test, so left out of this one's conformance check.
  lwsTest('dumb-increment: "closeme" makes it close with 1001 "seeya"; the closing handshake is clean', 'dumb-increment-protocol', { features: ['close codes'], judgedApart: dataAfterPeerClose }, async (connection) => {
    await closeMe(connection);
  });

  lwsTest(
    'dumb-increment: a counter it sends after its close frame is flagged (RFC 6455 §5.5.1), its payload kept',
    'dumb-increment-protocol',
    { features: ['close codes'], judgedApart: dataAfterPeerClose },
    async (connection) => {
      await closeMe(connection);
      const late = dataAfterPeerClose(connection);
      assert.ok(late.length > 0, 'lws sent a data frame after its close frame (it writes one in the same segment)');
      const judged = late.map((e) => ({ id: e.id, flagged: e.wire?.violations.some((v) => v.rfc.startsWith('5.5.1')), digitsKept: /^\d+$/.test(textOf(e)) }));
      assert.deepEqual(judged, late.map((e) => ({ id: e.id, flagged: true, digitsKept: true })));
    },
  );
});

/** Asks the dumb-increment protocol to close, and checks how it did. */
async function closeMe(connection: ClientConnection): Promise<void> {
  await nextEntries(connection, mark(connection), 1, (e) => e.direction === 'in');
  connection.sendText('closeme\n');
  const close = await closed(connection);
  assert.deepEqual([close.code, close.reason, close.initiatedBy, close.wasClean], [1001, 'seeya', 'server', true]);
}
