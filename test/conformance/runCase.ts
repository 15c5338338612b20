// Runs one conformance case in one role of the raw peer, against our ClientConnection (raw peer as
// server) or our MockServer's echo path (raw peer as client), and judges it: what came back, how
// the connection closed, what our tap reported, and whether our decoder and ws's Receiver agree.
import { isDeepStrictEqual } from 'node:util';
import { ClientConnection } from '../../src/core/client/clientConnection';
import type { CloseInfo, LifecycleEvent } from '../../src/core/client/connectionTypes';
import type { MockClient } from '../../src/core/mock/mockClient';
import { MockServer } from '../../src/core/mock/mockServer';
import { encodeFrame } from '../../src/core/protocol/frameEncoder';
import { parseExtensions } from '../../src/core/protocol/negotiation';
import { Opcode } from '../../src/core/protocol/opcodes';
import { compare } from '../../src/core/testing/receiverVerdicts';
import { DEFAULT_MAX_PAYLOAD, type ConformanceCase } from './conformanceCase';
import { expectedEchoes, scriptClose } from './expectedEchoes';
import { deflateOffer, settingsOf, type DeflateSettings } from './deflateStream';
import { connectPeerClient, startPeerServer, type EchoEvent, type PeerRole, type RawSession } from './rawPeer';

export interface CaseResult {
  readonly id: string;
  readonly description: string;
  /** The raw peer's role: "server" tests our client, "client" tests our mock. */
  readonly role: PeerRole;
  readonly expected: string;
  readonly observed: string;
  /** The violation our tap reported on the raw peer's frames ("§5.2 → 1002"), or "—". */
  readonly decoder: string;
  /** Our decoder's and ws's Receiver's verdicts on the same bytes. */
  readonly differential: string;
  readonly problems: readonly string[];
  readonly passed: boolean;
}

/** The peer under test, seen through its public objects. */
interface UnderTest {
  /** The Sec-WebSocket-Extensions our mock answered (only when the mock is under test). */
  readonly answered?: string;
  readonly closed: Promise<CloseInfo | undefined>;
  readonly lifecycle: () => readonly LifecycleEvent[];
  dispose(): void;
}

const STEP_TIMEOUT_MS = 4000;
const timeout = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms).unref());

/** Mocks with an echo path, one per payload limit, shared by the cases. */
const mocks = new Map<number, Promise<MockServer>>();

function mockFor(maxPayload: number): Promise<MockServer> {
  let mock = mocks.get(maxPayload);
  if (!mock) {
    mock = MockServer.start({ definition: { name: 'conformance echo', maxPayloadBytes: maxPayload, paths: [{ path: '/echo', otherwise: 'echo' }] } });
    mocks.set(maxPayload, mock);
  }
  return mock;
}

export async function closeMocks(): Promise<void> {
  for (const mock of mocks.values()) await (await mock).close();
  mocks.clear();
}

/** The bytes the raw peer sends in `role`: masked (random keys) as a client, unmasked as a server, unless a frame says otherwise. */
export function framesOf(testCase: ConformanceCase, role: PeerRole): Uint8Array[] {
  return testCase.frames.map((spec) => encodeFrame({ mask: role === 'client', ...spec }));
}

/** Our ClientConnection against the raw peer as a server; it echoes what it receives, as Autobahn's test clients do. */
async function clientUnderTest(testCase: ConformanceCase, script: (session: RawSession) => Promise<void>): Promise<{ underTest: UnderTest; script: Promise<void> }> {
  let run: Promise<void> | undefined;
  const deflate = settingsOf(testCase.deflate);
  const server = await startPeerServer((session) => (run = script(session)), deflate);
  const connection = new ClientConnection({ url: new URL(server.url), maxPayloadBytes: testCase.maxPayload ?? DEFAULT_MAX_PAYLOAD, perMessageDeflate: deflate !== undefined });
  connection.log.onDidAppend((entry) => {
    if (entry.direction !== 'in' || entry.undelivered || (entry.kind !== 'text' && entry.kind !== 'binary')) return;
    if (connection.snapshot().state !== 'open') return;
    connection.send(entry.kind === 'text' ? { kind: 'text', text: Buffer.from(entry.payload).toString('utf8') } : { kind: 'binary', data: entry.payload });
  });
  const closed = new Promise<CloseInfo | undefined>((resolve) => connection.onDidFinish(() => resolve(connection.snapshot().close)));
  await connection.connect().catch(() => undefined);
  const underTest = {
    closed,
    lifecycle: () => connection.snapshot().lifecycle,
    dispose: () => {
      connection.dispose();
      void server.close();
    },
  };
  return { underTest, script: run ?? Promise.resolve() };
}

/** Our MockServer's echo path against the raw peer as a client. */
async function mockUnderTest(testCase: ConformanceCase, script: (session: RawSession) => Promise<void>): Promise<{ underTest: UnderTest; script: Promise<void> }> {
  const mock = await mockFor(testCase.maxPayload ?? DEFAULT_MAX_PAYLOAD);
  let client: MockClient | undefined;
  const stop = mock.onDidEvent((event) => {
    if (event.type === 'connected') client ??= mock.client(event.client.id);
  });
  const { session, extensions: answered } = await connectPeerClient(new URL(`${mock.url}/echo`), settingsOf(testCase.deflate));
  stop();
  const found = client;
  if (!found) throw new Error('the mock did not report the connection');
  const closed = new Promise<CloseInfo | undefined>((resolve) => found.onceClosed(() => resolve(found.info().closed)));
  return { underTest: { answered, closed, lifecycle: () => found.lifecycle, dispose: () => found.terminate() }, script: script(session) };
}

/** The first violation our tap reported on the raw peer's frames, from the lifecycle of the peer under test. */
function tapViolation(lifecycle: readonly LifecycleEvent[], role: PeerRole): { rfc: string; code: number } | undefined {
  for (const event of lifecycle) {
    if (event.kind !== 'protocol-violation' || !event.detail?.startsWith(`${role} frame`)) continue;
    const match = /§([\d.]+) \(a receiver must close with (\d+)\)/.exec(event.detail);
    if (match) return { rfc: match[1]!, code: Number(match[2]) };
  }
  return undefined;
}

/** A mock accepts the window bits and takeover offered, as they were offered (its parameters in any order). */
function answersAsOffered(answered: string, offered: DeflateSettings): boolean {
  const inOrder = (header: string) => parseExtensions(header).value.map(({ name, params }) => ({ name, params: [...params].sort((a, b) => a.name.localeCompare(b.name)) }));
  return isDeepStrictEqual(inOrder(answered), inOrder(deflateOffer(offered)));
}

const showEchoes = (echoes: readonly EchoEvent[]) => (echoes.length > 6 ? `${echoes.length} echoes` : echoes.map((e) => `${e.kind}(${e.payload.length})`).join(' ') || 'nothing');
const showCode = (close: { readonly code: number | undefined } | undefined) => (close ? `close ${close.code ?? 'empty'}` : 'no close');

/** Runs `testCase` with the raw peer in `role`. */
export async function runCase(testCase: ConformanceCase, role: PeerRole): Promise<CaseResult> {
  const encoded = framesOf(testCase, role);
  const stream = Uint8Array.from(Buffer.concat(encoded));
  // The frames before a scripted close go first, and their echoes are awaited: the application of
  // the peer under test echoes a message once it has it, which may be after the close came in.
  const closeAt = testCase.frames.findIndex((f) => f.opcode === Opcode.close);
  const beforeClose = closeAt > 0 ? Buffer.concat(encoded.slice(0, closeAt)) : new Uint8Array(0);
  const failsAt = testCase.failsAt ?? testCase.frames.length - 1;
  const deflate = settingsOf(testCase.deflate);
  const echoes = expectedEchoes(testCase.expect === null ? testCase.frames : testCase.frames.slice(0, failsAt), deflate);
  const scripted = scriptClose(testCase.expect === null ? testCase.frames : testCase.frames.slice(0, failsAt + 1));
  const fails = testCase.expect !== null;
  let peer: RawSession | undefined;
  const script = async (session: RawSession) => {
    peer = session;
    if (scripted) session.markCloseSent();
    await session.write(beforeClose, testCase.pacing);
    const echoedBefore = expectedEchoes(testCase.frames.slice(0, Math.max(0, closeAt))).length;
    if (echoedBefore > 0) await session.waitFor(() => session.seen.echoes.length >= echoedBefore || session.seen.closeFrame !== undefined, STEP_TIMEOUT_MS);
    await session.write(stream.subarray(beforeClose.length), testCase.pacing);
    if (!fails && !scripted) {
      await session.waitFor(() => session.seen.echoes.length >= echoes.length || session.seen.closeFrame !== undefined, STEP_TIMEOUT_MS);
      session.close(1000);
    }
    await session.waitFor(() => false, STEP_TIMEOUT_MS);
    session.destroy();
  };
  const problems: string[] = [];
  const { underTest, script: running } = role === 'server' ? await clientUnderTest(testCase, script) : await mockUnderTest(testCase, script);
  await running;
  const closeInfo = await Promise.race([underTest.closed, timeout(STEP_TIMEOUT_MS, undefined)]);
  const found = tapViolation(underTest.lifecycle(), role);
  underTest.dispose();
  const seen = peer?.seen;

  // What the peer under test must do.
  const underTestRole: PeerRole = role === 'server' ? 'client' : 'server';
  const closeCode = fails ? testCase.expect : scripted ? scripted.code : 1000;
  const initiator = scripted ? role : fails ? underTestRole : role;
  if (!seen) problems.push('the raw peer never got a connection');
  else {
    if (!isDeepStrictEqual(seen.echoes, echoes)) problems.push(`sent back ${showEchoes(seen.echoes)}, expected ${showEchoes(echoes)}`);
    if (seen.closeFrame?.code !== closeCode || !seen.closeFrame) problems.push(`sent ${showCode(seen.closeFrame)}, expected close ${closeCode ?? 'empty'}`);
    if (seen.badFrames.length > 0) problems.push(`sent a frame that breaks RFC 6455: ${seen.badFrames[0]!.violations.map((v) => v.message).join('; ')}`);
  }
  if (!closeInfo) problems.push('did not report its close');
  else {
    if (closeInfo.initiatedBy !== initiator) problems.push(`close initiated by ${closeInfo.initiatedBy}, expected ${initiator}`);
    if (!fails && !closeInfo.wasClean) problems.push('closed uncleanly');
  }
  if (deflate && underTest.answered !== undefined && !answersAsOffered(underTest.answered, deflate)) problems.push(`answered "${underTest.answered}" to "${deflateOffer(deflate)}"`);
  // What our tap must report.
  if (fails && found?.code !== testCase.expect) problems.push(`our tap reported ${found ? `§${found.rfc} → ${found.code}` : 'nothing'}, expected → ${testCase.expect}`);
  if (!fails && found) problems.push(`our tap reported §${found.rfc} → ${found.code} on a valid stream`);
  // ws's Receiver and our decoder on the same bytes.
  const chop = testCase.pacing?.chop;
  const chunks = chop ? Array.from({ length: Math.ceil(stream.length / chop) }, (_, k) => stream.subarray(k * chop, (k + 1) * chop)) : [stream];
  const diff = await compare(stream, chunks, role, testCase.maxPayload ?? DEFAULT_MAX_PAYLOAD, deflate);
  if (diff.ws.verdict !== testCase.expect || diff.ours.verdict !== testCase.expect || !isDeepStrictEqual(diff.ws.events, diff.ours.events)) problems.push(`differential:\n${diff.report}`);

  return {
    id: testCase.id,
    description: testCase.description,
    role,
    expected: `${fails ? `fail ${testCase.expect}` : 'accept'}; ${showEchoes(echoes)}; close ${closeCode ?? 'empty'} by ${initiator === underTestRole ? 'it' : 'peer'}`,
    observed: seen ? `${showEchoes(seen.echoes)}; ${showCode(seen.closeFrame)} by ${closeInfo?.initiatedBy === underTestRole ? 'it' : closeInfo ? 'peer' : '?'}${closeInfo ? (closeInfo.wasClean ? ', clean' : ', not clean') : ''}` : 'no connection',
    decoder: found ? `§${found.rfc} → ${found.code}` : '—',
    differential: `ws ${diff.ws.verdict ?? 'ok'} / ours ${diff.ours.verdict ?? 'ok'}`,
    problems,
    passed: problems.length === 0,
  };
}
