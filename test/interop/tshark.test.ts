// Interop: a real WebSocket exchange (ws client <-> ws server on 127.0.0.1) captured on `lo` by
// tshark, then read twice: by Wireshark's WebSocket dissector, and by our FrameDecoder fed the raw
// TCP bytes of each direction. Both must see the same frames, field for field.
import { before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import WebSocket, { WebSocketServer } from 'ws';
import { trackProcessGroup } from '../../scripts/bootstrap/lib.mjs';
import { ensureTshark } from '../../scripts/bootstrap/tshark.mjs';
import { FrameDecoder, type FrameRecord, type MessageRecord, type Sender } from '../../src/core/protocol/frameDecoder';
import { headerBytes } from '../../src/core/protocol/frameEncoder';

const root = join(import.meta.dirname, '..', '..');
const resultsDir = join(root, '.cache', 'test-results');
const run = promisify(execFile);

const BIG = 70_000;
/** Multibyte UTF-8, and over 125 bytes so its frame uses the 16-bit length. */
const UTF8_TEXT = 'héllo wörld — ✓ 🎉 Привет 你好 '.repeat(4);
const CLOSE_REASON = 'bye ✓ done';

/** One frame as either reader reports it, in the terms both can give. */
interface FrameView {
  fin: boolean;
  rsv: number;
  opcode: number;
  masked: boolean;
  /** 8 hex digits, or null when unmasked. */
  maskingKey: string | null;
  /** The 7-bit length field as sent: the length itself, or 126 / 127 for the 16- / 64-bit forms. */
  length7: number;
  payloadLength: number;
  closeCode?: number;
  closeReason?: string;
  /** Ping and pong: the unmasked payload in hex. */
  controlPayload?: string;
  /** The last frame of a text message: the whole message's text. */
  text?: string;
}

type Direction = 'client' | 'server';

let tshark: string;
// The first run installs tshark with apt, which may take longer than the test itself.
before(async () => {
  tshark = await ensureTshark();
}, { timeout: 10 * 60_000 });

test('tshark and our FrameDecoder read every frame of a real exchange the same way', { timeout: 60_000 }, async (t) => {
  mkdirSync(resultsDir, { recursive: true });
  const pcap = join(resultsDir, 'interop-tshark.pcapng');
  rmSync(pcap, { force: true });

  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  t.after(() => closeServer(wss));
  await once(wss, 'listening');
  const port = (wss.address() as AddressInfo).port;
  // The readiness probes below never send a handshake, so they never become connections here.
  const peers: WebSocket[] = [];
  const clientPorts: number[] = [];
  wss.on('connection', (ws, request) => {
    peers.push(ws);
    clientPorts.push(request.socket.remotePort!);
    // A fragmented greeting, so the server's direction has continuation frames too.
    ws.send('welcome to ', { fin: false });
    ws.send('the echo server', { fin: true });
    ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary }));
  });

  const capture = await startCapture(t, tshark, port, pcap);

  const client = new WebSocket(`ws://127.0.0.1:${port}/echo`, { perMessageDeflate: false });
  t.after(() => client.terminate());
  const greeting = nextMessage(client);
  await once(client, 'open');
  assert.equal(await greeting, 'welcome to the echo server');
  assert.equal(peers.length, 1);
  const server = peers[0]!;

  assert.equal(await roundTrip(client, 'hello'), 'hello');
  assert.deepEqual(await roundTrip(client, Buffer.from([1, 2, 3, 4, 5])), Buffer.from([1, 2, 3, 4, 5]));
  const fragmented = nextMessage(client);
  client.send('frag-1 ', { fin: false });
  client.send('frag-2 ', { fin: false });
  client.send('frag-3', { fin: true });
  assert.equal(await fragmented, 'frag-1 frag-2 frag-3');
  const pong = once(client, 'pong');
  client.ping('ping from client');
  assert.equal(String((await pong)[0]), 'ping from client');
  const unsolicited = once(server, 'pong');
  client.pong('unsolicited pong');
  assert.equal(String((await unsolicited)[0]), 'unsolicited pong');
  const answered = once(server, 'pong');
  server.ping('ping from server');
  assert.equal(String((await answered)[0]), 'ping from server');
  const big = Buffer.alloc(BIG, 0xa5);
  assert.equal(((await roundTrip(client, big)) as Buffer).length, BIG);
  assert.equal(await roundTrip(client, UTF8_TEXT), UTF8_TEXT);
  const closed = once(client, 'close');
  client.close(4001, CLOSE_REASON);
  const [code, reason] = (await closed) as [number, Buffer];
  assert.deepEqual([code, String(reason)], [4001, CLOSE_REASON]);

  await capture.stop();

  // Only the exchange's own connection: the capture also holds the readiness probes.
  const clientPort = clientPorts[0]!;
  const fromTshark = await tsharkFrames(tshark, pcap, port, clientPort);
  const fromDecoder = await decodedFrames(tshark, pcap, clientPort, port);
  const side = (direction: Direction) => ({ tshark: fromTshark[direction], ours: fromDecoder[direction].views });
  writeFileSync(join(resultsDir, 'interop-tshark-frames.json'), JSON.stringify({ client: side('client'), server: side('server') }, null, 1));

  const opcodes = (frames: FrameView[]) => frames.map((f) => f.opcode);
  // text, binary, text+cont+cont, ping, pong, pong (the answer to the server's ping), binary 70,000, text, close
  const clientOpcodes = [1, 2, 1, 0, 0, 9, 10, 10, 2, 1, 8];
  // text+cont (greeting), text, binary, text (the fragmented message, echoed whole), pong, ping, binary 70,000, text, close
  const serverOpcodes = [1, 0, 1, 2, 1, 10, 9, 2, 1, 8];
  for (const direction of ['client', 'server'] as const) {
    const ours = fromDecoder[direction];
    const theirs = fromTshark[direction];
    const expected = direction === 'client' ? clientOpcodes : serverOpcodes;
    assert.deepEqual(opcodes(ours.views), expected, `${direction}: our decoder's opcodes`);
    assert.deepEqual(opcodes(theirs), expected, `${direction}: tshark's opcodes`);
    assert.deepEqual(ours.views, theirs, `${direction}: every frame, field by field (our decoder = actual, tshark = expected)`);
    assert.deepEqual(ours.frames.flatMap((f) => f.violations), [], `${direction}: our decoder reports no violations`);
    assert.deepEqual(ours.messages.flatMap((m) => m.violations), [], `${direction}: our decoder reports no message violations`);
    assert.ok(ours.views.every((f) => f.masked === (direction === 'client')), `${direction}: masking as RFC 6455 §5.1 says`);
    // The length forms as tshark read them: 7-bit everywhere but the last text and the big binary.
    const lengths = theirs.map((f) => [f.length7, f.payloadLength]).slice(-3, -1);
    assert.deepEqual(lengths, [[127, BIG], [126, Buffer.byteLength(UTF8_TEXT)]], `${direction}: the 64-bit and 16-bit length forms`);
    assert.deepEqual(theirs.filter((f) => f.length7 > 125).length, 2, `${direction}: the other frames use the 7-bit length`);
    const close = theirs.at(-1);
    assert.deepEqual([close?.closeCode, close?.closeReason], [4001, CLOSE_REASON], `${direction}: tshark's close code and reason`);
    assert.equal(theirs.filter((f) => f.text !== undefined).at(-1)?.text, UTF8_TEXT, `${direction}: tshark's reading of the UTF-8 text`);
  }
  // The fragmented message is one message of three frames to our decoder.
  const clientMessages = fromDecoder.client.messages.map((m) => [m.kind, m.frameCount, m.wireLength]);
  assert.deepEqual(clientMessages, [['text', 1, 5], ['binary', 1, 5], ['text', 3, 20], ['binary', 1, BIG], ['text', 1, Buffer.byteLength(UTF8_TEXT)]]);
  console.log(`  compared ${fromTshark.client.length} client->server and ${fromTshark.server.length} server->client frames`);
});

/**
 * tshark capturing `tcp port PORT` on lo into `file`; resolves once packets really get captured.
 * tshark and its dumpcap run in their own process group, which the test's cleanup (and our exit,
 * however it happens) ends if `stop()` did not; `-a duration:` ends a capture we failed to.
 */
async function startCapture(t: TestContext, tshark: string, port: number, file: string): Promise<{ stop(): Promise<void> }> {
  // -P -l: print a summary line per packet even while writing the file, so we see packets arrive.
  const args = ['-i', 'lo', '-f', `tcp port ${port}`, '-w', file, '-P', '-l', '-a', 'duration:90'];
  const child = spawn(tshark, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const untrack = trackProcessGroup(child.pid!);
  let log = '';
  let packets = 0;
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    log += chunk.toString();
    packets += chunk.toString().split('\n').length - 1;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const running = () => child.exitCode === null && child.signalCode === null;
  const exitWithin = (ms: number) =>
    Promise.race([exited, new Promise<[null, string]>((resolve) => setTimeout(resolve, ms, [null, `no exit within ${ms} ms`]).unref())]);
  t.after(async () => {
    // After a failure: ask tshark to stop (it ends dumpcap), then force the whole group.
    if (running()) {
      child.kill('SIGINT');
      await exitWithin(3000);
    }
    if (running()) process.kill(-child.pid!, 'SIGKILL');
    untrack();
    writeFileSync(join(resultsDir, 'interop-tshark-capture.log'), log);
  });
  const fail = (why: string) => new Error(`tshark ${why}; its output:\n${log}`);
  const deadline = Date.now() + 20_000;
  while (!log.includes('Capturing on')) {
    if (child.exitCode !== null || Date.now() > deadline) throw fail('did not start capturing');
    await sleep(50);
  }
  // dumpcap may still be opening the interface: probe until a packet really shows up.
  while (packets === 0) {
    if (child.exitCode !== null || Date.now() > deadline) throw fail('captured no probe packet');
    await probe(port);
    await sleep(200);
  }
  return {
    async stop() {
      await sleep(200); // let the last FIN/ACKs through
      child.kill('SIGINT');
      const [code, signal] = await exitWithin(10_000);
      if (code !== 0) throw fail(`did not exit cleanly on SIGINT (${code ?? signal})`);
    },
  };
}

/** One TCP connection to the server that sends nothing. */
async function probe(port: number): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.end();
  await once(socket, 'close');
}

/** Wireshark's reading of each direction, from its JSON dissection. */
async function tsharkFrames(tshark: string, pcap: string, port: number, clientPort: number): Promise<Record<Direction, FrameView[]>> {
  const { stdout } = await run(tshark, ['-r', pcap, '-d', `tcp.port==${port},http`, '-Y', `tcp.port==${clientPort} && websocket`, '-T', 'json', '--no-duplicate-keys', '-J', 'frame tcp websocket'], { maxBuffer: 256 * 1024 * 1024 });
  writeFileSync(join(resultsDir, 'interop-tshark.json'), stdout);
  const result: Record<Direction, FrameView[]> = { client: [], server: [] };
  for (const packet of JSON.parse(stdout) as TsharkPacket[]) {
    const layers = packet._source.layers;
    const srcPort = Number(find(layers.tcp, 'tcp.srcport'));
    assert.ok(srcPort === clientPort || srcPort === port, `packet from port ${srcPort}`);
    const direction: Direction = srcPort === clientPort ? 'client' : 'server';
    for (const ws of [layers.websocket ?? []].flat()) result[direction].push(tsharkFrame(ws));
  }
  return result;
}

interface TsharkPacket {
  _source: { layers: { tcp: TsharkLayer; websocket?: TsharkLayer | TsharkLayer[] } };
}
type TsharkLayer = { [field: string]: string | string[] | TsharkLayer | TsharkLayer[] };

function tsharkFrame(ws: TsharkLayer): FrameView {
  const field = (name: string) => find(ws, name);
  const number = (name: string) => {
    const value = field(name);
    return value === undefined ? undefined : Number(value);
  };
  const length7 = number('websocket.payload_length')!;
  const key = field('websocket.masking_key');
  const view: FrameView = {
    fin: number('websocket.fin') === 1,
    rsv: number('websocket.rsv')!,
    opcode: number('websocket.opcode')!,
    masked: number('websocket.mask') === 1,
    maskingKey: key === undefined ? null : key.replaceAll(':', ''),
    length7,
    payloadLength: number('websocket.payload_length_ext_64') ?? number('websocket.payload_length_ext_16') ?? length7,
  };
  const closeCode = number('websocket.payload.close.status_code');
  if (closeCode !== undefined) view.closeCode = closeCode;
  const closeReason = field('websocket.payload.close.reason');
  if (closeReason !== undefined) view.closeReason = closeReason;
  const control = field('websocket.payload.ping') ?? field('websocket.payload.pong');
  if (control !== undefined) view.controlPayload = control.replaceAll(':', '');
  // tshark puts a text message's reassembled text on its last frame.
  const text = field('websocket.payload.text');
  if (text !== undefined) view.text = text;
  return view;
}

/** The first value of `name` anywhere below `node` (tshark nests fields under tree items). */
function find(node: TsharkLayer, name: string): string | undefined {
  for (const [key, value] of Object.entries(node)) {
    if (key === name) return first(value as string | string[]);
    for (const child of [value].flat()) {
      if (typeof child !== 'object') continue;
      const found = find(child, name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function first(value: string | string[]): string {
  return [value].flat()[0]!;
}

interface Decoded {
  views: FrameView[];
  frames: FrameRecord[];
  messages: MessageRecord[];
}

/** Our reading: each direction's reassembled TCP bytes, after the HTTP handshake, through FrameDecoder. */
async function decodedFrames(tshark: string, pcap: string, clientPort: number, port: number): Promise<Record<Direction, Decoded>> {
  const { stdout } = await run(tshark, ['-r', pcap, '-q', '-z', `follow,tcp,raw,127.0.0.1:${clientPort},127.0.0.1:${port}`], { maxBuffer: 64 * 1024 * 1024 });
  writeFileSync(join(resultsDir, 'interop-tshark-follow.txt'), stdout);
  // Raw follow output: one hex line per segment; the second node's lines are indented by a tab.
  // Node 0 is the side that sent first: the client, with its HTTP request.
  const hexLines = stdout.split('\n').filter((line) => /^\t?[0-9a-f]+$/.test(line));
  const bytes = (direction: Direction) =>
    Buffer.from(hexLines.filter((line) => line.startsWith('\t') === (direction === 'server')).map((line) => line.trim()).join(''), 'hex');
  return { client: decode(bytes('client'), 'client'), server: decode(bytes('server'), 'server') };
}

function decode(stream: Buffer, sender: Sender): Decoded {
  const end = stream.indexOf('\r\n\r\n');
  assert.ok(end > 0, `the ${sender}'s bytes start with an HTTP handshake`);
  const handshake = stream.subarray(0, end).toString('latin1');
  assert.match(handshake, sender === 'client' ? /^GET \/echo HTTP\/1\.1\r\n/ : /^HTTP\/1\.1 101 /);
  const body = stream.subarray(end + 4);
  const frames: FrameRecord[] = [];
  const messages: MessageRecord[] = [];
  const decoder = new FrameDecoder({ frame: (f) => frames.push({ ...f }), message: (m) => messages.push({ ...m }) }, { sender, previewBytes: 1024 });
  decoder.push(body);
  assert.equal(decoder.pending(), undefined, `${sender}: the stream ends on a frame boundary`);
  for (const frame of frames) {
    const header = body.subarray(frame.offset, frame.offset + frame.headerLength);
    assert.equal(Buffer.from(headerBytes(frame)).toString('hex'), header.toString('hex'), `${sender}: frame ${frame.index}'s header rebuilds byte for byte`);
  }
  const views = frames.map((f): FrameView => {
    const view: FrameView = {
      fin: f.fin,
      rsv: (f.rsv1 ? 4 : 0) | (f.rsv2 ? 2 : 0) | (f.rsv3 ? 1 : 0),
      opcode: f.opcode,
      masked: f.masked,
      maskingKey: f.maskingKey === null ? null : f.maskingKey.toString(16).padStart(8, '0'),
      length7: f.lengthEncoding === 7 ? f.payloadLength : f.lengthEncoding === 16 ? 126 : 127,
      payloadLength: f.payloadLength,
    };
    if (f.closeCode !== undefined) view.closeCode = f.closeCode;
    if (f.closeReason !== undefined) view.closeReason = f.closeReason;
    if (f.opcode === 9 || f.opcode === 10) view.controlPayload = Buffer.from(f.payloadPreview ?? []).toString('hex');
    return view;
  });
  for (const message of messages) {
    if (message.kind === 'text') views[message.firstFrameIndex + message.frameCount - 1]!.text = Buffer.from(message.preview!).toString('utf8');
  }
  return { views, frames, messages };
}

function nextMessage(ws: WebSocket): Promise<string | Buffer> {
  return once(ws, 'message').then(([data, isBinary]) => (isBinary ? (data as Buffer) : String(data)));
}

/** Sends `data` and resolves with the server's echo. */
function roundTrip(ws: WebSocket, data: string | Buffer): Promise<string | Buffer> {
  const echoed = nextMessage(ws);
  ws.send(data);
  return echoed;
}

async function closeServer(wss: WebSocketServer): Promise<void> {
  for (const peer of wss.clients) peer.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
