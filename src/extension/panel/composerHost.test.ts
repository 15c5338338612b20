// The composer's requests carried out against a real ws server, through the same PanelSource a
// panel uses: what arrives, in how many frames, and how a host-side repeat starts and ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocket } from 'ws';
import { ClientConnection } from '../../core/client/clientConnection';
import { SocketLensError } from '../../core/errors';
import { MockServer } from '../../core/mock/mockServer';
import { connectTo, wsServer } from '../../core/testing/clientTesting';
import { mockClientSource } from '../mock/mockClientSource';
import type { ComposerUpdateMessage, SavedMessagesView } from '../../shared/protocol';
import { ComposerHost } from './composerHost';
import { connectionSource } from './panelSource';
import type { SavedMessageSource } from './savedMessageSource';
import { SavedMessages } from '../saved/savedMessages';
import type { SavedStore } from '../saved/savedStore';
import type { SecretVault } from '../saved/secretVault';
import { LogFeed } from './logFeed';
import { toMessageDetail } from './viewModelMapping';

interface Peer {
  readonly messages: { data: Buffer; binary: boolean }[];
  readonly pings: string[];
  socket?: WebSocket;
}

/** Polls `predicate` (the server's side has no event we could wait on); fails after 5 s. */
async function eventually(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function composer(t: Parameters<typeof connectTo>[0], saved?: SavedMessageSource) {
  const peer: Peer = { messages: [], pings: [] };
  const url = await wsServer(t, { perMessageDeflate: false }, (ws) => {
    peer.socket = ws;
    ws.on('message', (data, binary) => peer.messages.push({ data: data as Buffer, binary }));
    ws.on('ping', (data) => peer.pings.push(data.toString('utf8')));
  });
  const connection = await connectTo(t, url, { perMessageDeflate: false });
  const updates: ComposerUpdateMessage[] = [];
  const host = new ComposerHost(connectionSource(connection), (m) => updates.push(m), saved);
  t.after(() => host.dispose());
  return { connection, host, peer, updates };
}

test('binary in 3 fragments reaches the server as one message of 3 frames', async (t) => {
  const { connection, host, peer } = await composer(t);
  host.carryOut({ type: 'connection/send', requestId: 1, payload: { kind: 'binary', base64: Buffer.from('00ff0102030405', 'hex').toString('base64') }, fragments: 3 });
  await eventually(() => peer.messages.length === 1 && connection.log.length === 1);
  assert.deepEqual([peer.messages[0]!.binary, peer.messages[0]!.data.toString('hex')], [true, '00ff0102030405']);
  const frames = connection.log.get(1)!.wire?.frames ?? [];
  assert.deepEqual(frames.map((f) => [f.opcodeName, f.fin, f.payloadLength]), [['binary', false, 3], ['continuation', false, 2], ['continuation', true, 2]]);
});

test('pings go out with their payload; an oversize one or bad base64 is refused on the host too', async (t) => {
  const { host, peer } = await composer(t);
  host.carryOut({ type: 'connection/control', requestId: 1, opcode: 'ping', payload: { kind: 'text', text: 'hb' } });
  await eventually(() => peer.pings.length === 1);
  assert.deepEqual(peer.pings, ['hb']);
  assert.throws(() => host.carryOut({ type: 'connection/control', requestId: 2, opcode: 'pong', payload: { kind: 'text', text: 'x'.repeat(126) } }), /at most 125 bytes/);
  assert.throws(() => host.carryOut({ type: 'connection/send', requestId: 3, payload: { kind: 'binary', base64: 'AQ*D' }, fragments: 1 }), /not a base64 character/);
  assert.throws(() => host.carryOut({ type: 'connection/send', requestId: 4, payload: { kind: 'text', text: 'ab' }, fragments: 3 }), /at most 2/);
});

test('watching sends the registry\'s close codes, derived from core', async (t) => {
  const { host, updates } = await composer(t);
  host.carryOut({ type: 'composer/watch', requestId: 1 });
  const codes = updates[0]!.closeCodes;
  assert.deepEqual(codes[0], { code: 1000, name: 'Normal Closure', meaning: 'The purpose of the connection has been fulfilled.', sendable: true });
  assert.equal(codes.find((c) => c.code === 1006)?.sendable, false);
  assert.equal(updates[0]!.repeat, undefined);
});

test('a repeat runs on the host until stopped, and says so', async (t) => {
  const { host, peer, updates } = await composer(t);
  host.carryOut({ type: 'composer/watch', requestId: 1 });
  host.carryOut({ type: 'connection/repeat', requestId: 2, payload: { kind: 'text', text: 'tick' }, everyMs: 10 });
  assert.deepEqual(updates.at(-1)!.repeat, { everyMs: 10, running: true });
  await eventually(() => peer.messages.length >= 3);
  host.carryOut({ type: 'connection/stopRepeat', requestId: 3 });
  const stopped = updates.at(-1)!.repeat!;
  assert.equal(stopped.running, false);
  assert.ok(stopped.sent! >= 3);
  assert.equal(stopped.stoppedBecause, undefined);
  assert.ok(peer.messages.every((m) => m.data.toString() === 'tick'));
});

test('a repeat stops when the connection closes, and says why', async (t) => {
  const { host, peer, updates } = await composer(t);
  host.carryOut({ type: 'composer/watch', requestId: 1 });
  host.carryOut({ type: 'connection/repeat', requestId: 2, payload: { kind: 'text', text: 'tick' }, everyMs: 10 });
  await eventually(() => peer.messages.length >= 2);
  peer.socket!.close(1001, 'bye');
  await eventually(() => updates.at(-1)!.repeat?.running === false);
  assert.equal(updates.at(-1)!.repeat!.stoppedBecause, 'the connection is no longer open');
});

test('a mock\'s client: fragments, pings and repeats reach it; sending to a client that left is an error, not a silent drop', async (t) => {
  const server = await MockServer.start({ definition: { paths: [{ path: '/quiet' }] } });
  t.after(() => server.close());
  const connection = new ClientConnection({ url: new URL(`${server.url}/quiet`) });
  t.after(() => connection.dispose());
  await connection.connect();
  const [info] = server.clients();
  const client = server.client(info!.id)!;
  const updates: ComposerUpdateMessage[] = [];
  const host = new ComposerHost(mockClientSource(server, client, 'quiet'), (m) => updates.push(m));
  t.after(() => host.dispose());
  const inbound = () => connection.log.range(1, 1000).filter((e) => e.direction === 'in');

  host.carryOut({ type: 'connection/send', requestId: 1, payload: { kind: 'text', text: 'héllo' }, fragments: 2 });
  host.carryOut({ type: 'connection/control', requestId: 2, opcode: 'ping', payload: { kind: 'text', text: 'hb' } });
  await eventually(() => inbound().length >= 2);
  const [text, ping] = inbound();
  assert.deepEqual([text!.kind, Buffer.from(text!.payload).toString(), text!.wire?.frames.length], ['text', 'héllo', 2]);
  assert.deepEqual([ping!.kind, Buffer.from(ping!.payload).toString()], ['ping', 'hb']);

  host.carryOut({ type: 'composer/watch', requestId: 3 });
  host.carryOut({ type: 'connection/repeat', requestId: 4, payload: { kind: 'binary', base64: 'AQ==' }, everyMs: 10 });
  await eventually(() => inbound().filter((e) => e.kind === 'binary').length >= 2);
  connection.close(1000, 'done');
  await eventually(() => updates.at(-1)?.repeat?.running === false);
  await eventually(() => !client.open);
  assert.throws(() => host.carryOut({ type: 'connection/send', requestId: 6, payload: { kind: 'text', text: 'late' }, fragments: 1 }), /no longer connected to the mock/);
});

/** A saved connection's messages as SavedMessages hands them to a panel: `${secret:api}` is "t0k", `${secret:gone}` is not set. */
function savedSource(messages: SavedMessagesView['messages']) {
  const listeners = new Set<() => void>();
  const current = { messages };
  const fill = async (text: string) => {
    if (text.includes('${secret:gone}')) throw new SocketLensError('saved/unresolved', `Cannot send: \${secret:gone} is not set: run 'Socket Lens: Set Secret…' and store "gone".`);
    return text.replaceAll('${secret:api}', 't0k');
  };
  const source: SavedMessageSource = {
    view: async () => ({ connection: 'Staging', messages: current.messages }),
    fill,
    named: async (name) => fill(current.messages.find((m) => m.name === name)?.text ?? `no ${name}`),
    onDidChange: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  };
  return { source, current, changed: () => listeners.forEach((l) => l()) };
}

test('watching a panel of a saved connection lists its messages, as written, and follows the file', async (t) => {
  const saved = savedSource([{ name: 'auth', text: '{"token":"${secret:api}"}' }]);
  const { host, updates } = await composer(t, saved.source);
  await host.carryOut({ type: 'composer/watch', requestId: 1 });
  assert.deepEqual(updates.at(-1)!.saved, { connection: 'Staging', messages: [{ name: 'auth', text: '{"token":"${secret:api}"}' }] });
  saved.current.messages = [{ name: 'ping', text: 'ping' }];
  saved.changed();
  await eventually(() => updates.at(-1)!.saved?.messages[0]?.name === 'ping');
  const count = updates.length;
  saved.changed();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(updates.length, count, 'an unchanged list is not posted again');
});

/**
 * The real SavedMessages behind connection `c1` of a user saved connection whose `${secret:api}`
 * is "t0k-s3cr3t" and whose file does not mention `${secret:other}` (set to "0ther-s3cr3t").
 */
function realSaved(messages: SavedMessagesView['messages'], hideInLog: (values: readonly string[]) => void): SavedMessageSource {
  const entry = { scope: 'user' as const, connection: { name: 'Staging', url: 'wss://staging.example/ws', messages }, variables: undefined };
  const store = { all: async () => ({ entries: [entry], broken: [] }), onDidChange: () => ({ dispose: () => {} }) } as unknown as SavedStore;
  const secrets = new Map([['api', 't0k-s3cr3t'], ['other', '0ther-s3cr3t']]);
  const vault = { lookup: async (names: readonly string[]) => new Map(names.flatMap((n) => (secrets.has(n) ? [[n, secrets.get(n)!] as const] : []))) } as unknown as SecretVault;
  return new SavedMessages(store, vault, new Map([['c1', entry]]), (_id, values) => hideInLog(values), () => true, {}).for('c1');
}

test('a saved message is sent by name with its secret filled in on the host; neither composer updates nor the log feed carry the value', async (t) => {
  const hide: { log?: (values: readonly string[]) => void } = {};
  const { connection, host, peer, updates } = await composer(t, realSaved([{ name: 'auth', text: '{"token":"${secret:api}"}' }], (values) => hide.log?.(values)));
  hide.log = (values) => connection.log.hide(values);
  await host.carryOut({ type: 'composer/watch', requestId: 1 });
  await host.carryOut({ type: 'composer/sendSaved', requestId: 2, name: 'auth' });
  await eventually(() => peer.messages.length === 1 && connection.log.length === 1);
  assert.equal(peer.messages[0]!.data.toString(), '{"token":"t0k-s3cr3t"}');
  assert.ok(!JSON.stringify(updates).includes('t0k-s3cr3t'), 'composer updates');
  const feed = new LogFeed(connection.log);
  const pages = [await feed.start({}), feed.update(), feed.range(0, 10)];
  assert.match(JSON.stringify(pages), /\{\\"token\\":\\"\*\*\*\\"\}/, 'the row shows the message with the value hidden');
  assert.ok(!JSON.stringify(pages).includes('t0k-s3cr3t'), 'the log feed rows');
  const payload = Buffer.from(toMessageDetail(connection.log.get(1)!).payloadBase64, 'base64').toString();
  assert.equal(payload, '{"token":"***"}', 'the payload the panel fetches for the message detail');
});

test('composer text naming a secret its saved connection does not use is refused on the host, and nothing goes out', async (t) => {
  const { host, peer } = await composer(t, realSaved([{ name: 'auth', text: '${secret:api}' }], () => {}));
  await assert.rejects(async () => host.carryOut({ type: 'connection/send', requestId: 1, payload: { kind: 'text', text: '${secret:other}' }, fragments: 1, references: true }), /\$\{secret:other\} is not used by the saved connection "Staging"/);
  await assert.rejects(async () => host.carryOut({ type: 'connection/repeat', requestId: 2, payload: { kind: 'text', text: '${env:HOME}' }, everyMs: 10, references: true }), /\$\{env:HOME\} is not used/);
  await host.carryOut({ type: 'connection/send', requestId: 3, payload: { kind: 'text', text: 'ok ${secret:api}' }, fragments: 1, references: true });
  await eventually(() => peer.messages.length === 1);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(peer.messages.map((m) => m.data.toString()), ['ok t0k-s3cr3t'], 'only the text naming what the connection uses went out');
});

test('text from the composer is filled in only when it asks; a missing secret sends nothing and says how to set it', async (t) => {
  const saved = savedSource([]);
  const { host, peer } = await composer(t, saved.source);
  await host.carryOut({ type: 'connection/send', requestId: 1, payload: { kind: 'text', text: 'a ${secret:api}' }, fragments: 1, references: true });
  await host.carryOut({ type: 'connection/send', requestId: 2, payload: { kind: 'text', text: 'b ${secret:api}' }, fragments: 1 });
  await eventually(() => peer.messages.length === 2);
  assert.deepEqual(peer.messages.map((m) => m.data.toString()), ['a t0k', 'b ${secret:api}']);
  await assert.rejects(async () => host.carryOut({ type: 'connection/send', requestId: 3, payload: { kind: 'text', text: '${secret:gone}' }, fragments: 1, references: true }), /\$\{secret:gone\} is not set: run 'Socket Lens: Set Secret…'/);
  await assert.rejects(async () => host.carryOut({ type: 'connection/repeat', requestId: 4, payload: { kind: 'text', text: '${secret:gone}' }, everyMs: 10, references: true }), /secret:gone/);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(peer.messages.length, 2, 'nothing more went out');
});

test('a repeat with references is filled in once, as it starts', async (t) => {
  const { host, peer } = await composer(t, savedSource([]).source);
  await host.carryOut({ type: 'connection/repeat', requestId: 1, payload: { kind: 'text', text: 'tick ${secret:api}' }, everyMs: 10, references: true });
  await eventually(() => peer.messages.length >= 2);
  host.carryOut({ type: 'connection/stopRepeat', requestId: 2 });
  assert.ok(peer.messages.every((m) => m.data.toString() === 'tick t0k'));
});

test('a panel not opened from a saved connection refuses saved messages and references with what to do', async (t) => {
  const { host, peer } = await composer(t);
  await assert.rejects(async () => host.carryOut({ type: 'composer/sendSaved', requestId: 1, name: 'auth' }), /not opened from a saved connection.*Connect to Saved/);
  await assert.rejects(async () => host.carryOut({ type: 'connection/send', requestId: 2, payload: { kind: 'text', text: '${secret:api}' }, fragments: 1, references: true }), /not opened from a saved connection/);
  assert.equal(peer.messages.length, 0);
});
