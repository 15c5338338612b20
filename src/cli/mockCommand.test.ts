import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { WebSocket } from 'ws';
import { ClientConnection } from '../core/client/clientConnection';
import { until } from '../core/testing/clientTesting';
import { parseMockArgs } from './mockArgs';
import { runMock } from './mockCommand';

function io() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { stdin: new PassThrough(), out: (line: string) => lines.push(line), err: (line: string) => errors.push(line), lines, errors };
}

/** Resolves with the URL once the mock printed it. */
function listening(output: { lines: string[] }): Promise<string> {
  return new Promise((resolve) => {
    const poll = () => {
      const line = output.lines.find((l) => l.includes('ws://'));
      if (line) resolve(/ws:\/\/[\d.:]+/.exec(line)![0]);
      else setTimeout(poll, 5);
    };
    poll();
  });
}

test('mock FILE serves its rules, prints JSON lines for connections, frames and messages, and stops with 1001', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'socket-lens-mock-'));
  t.after(() => rmSync(dir, { recursive: true }));
  const file = join(dir, 'chat.wsmock.json');
  writeFileSync(file, JSON.stringify({ name: 'chat', paths: [{ path: '/chat', onConnect: [{ text: 'welcome' }], rules: [{ match: { text: 'hi' }, reply: [{ text: 'hello {{client}}' }] }] }] }));
  const output = io();
  let stop!: () => void;
  const running = runMock({ file, echo: false, json: true }, output, new Promise<void>((resolve) => (stop = resolve)));
  const url = await listening(output);
  const client = new ClientConnection({ url: new URL(`${url}/chat`) });
  t.after(() => client.dispose());
  await client.connect();
  client.sendText('hi');
  await until(client, () => client.log.range(1, 10).filter((e) => e.direction === 'in').length === 2);
  stop();
  assert.equal(await running, 0);
  await until(client, () => client.isFinished);
  assert.equal(client.snapshot().close?.code, 1001);
  const records = output.lines.map((line) => JSON.parse(line));
  assert.deepEqual(records[0], { type: 'listening', url, name: 'chat', paths: ['/chat'] });
  const connected = records.find((r) => r.type === 'connected');
  const replies = records.filter((r) => r.type === 'message' && r.direction === 'out' && r.kind === 'text').map((r) => r.data);
  assert.deepEqual(replies, ['welcome', `hello ${connected.client}`]);
  assert.ok(records.some((r) => r.type === 'frame' && r.direction === 'in' && r.masked === true && r.client === connected.client));
});

test('mock --echo echoes; an invalid file is refused with the path of each bad field', async (t) => {
  const output = io();
  let stop!: () => void;
  const running = runMock({ echo: true, json: false }, output, new Promise<void>((resolve) => (stop = resolve)));
  const url = await listening(output);
  const client = new ClientConnection({ url: new URL(`${url}/anything?room=1&token=s3cret`) });
  t.after(() => client.dispose());
  await client.connect();
  client.sendText('echo me');
  await until(client, () => client.log.length === 2);
  stop();
  assert.equal(await running, 0);
  assert.match(output.lines[0]!, /^socket-lens: mock "echo" listening on ws:\/\/127\.0\.0\.1:\d+ \(paths \*\)/);
  assert.match(output.lines.join('\n'), /client \w+ connected on \/anything\?room=1&token=\*\*\* from 127\.0\.0\.1:\d+/, 'the request target with its query, the token hidden');

  const dir = mkdtempSync(join(tmpdir(), 'socket-lens-mock-'));
  t.after(() => rmSync(dir, { recursive: true }));
  const bad = join(dir, 'bad.wsmock.json');
  writeFileSync(bad, JSON.stringify({ paths: [{ path: '/', rules: [{ match: { regex: '(' } }] }] }));
  const refused = io();
  assert.equal(await runMock({ file: bad, echo: false, json: false }, refused, new Promise(() => {})), 2);
  assert.match(refused.errors.join('\n'), /is not a valid mock definition:\n {2}paths\[0\]\.rules\[0\]\.match\.regex: /);
});

test('mock --json prints each lifecycle event and message of a client once, also events recorded after it disconnected', async (t) => {
  const output = io();
  let stop!: () => void;
  const running = runMock({ echo: true, json: true }, output, new Promise<void>((resolve) => (stop = resolve)));
  t.after(stop);
  const url = await listening(output);
  const ws = new WebSocket(`${url}/echo`);
  t.after(() => ws.terminate());
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send('once');
  await new Promise((resolve) => ws.once('message', resolve));
  ws.close(1000, 'done');
  await new Promise((resolve) => ws.once('close', resolve));
  // ws reports the connection closed on the socket's 'close' before the tap records TCP closing: `tcp-closed` comes after `disconnected`.
  const records = () => output.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const deadline = Date.now() + 5000;
  while (!records().some((r) => r.type === 'event' && r.kind === 'tcp-closed') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 50));
  stop();
  assert.equal(await running, 0);

  const all = records();
  const listing = all.map((r) => (r.type === 'event' ? `event ${r.kind}` : `${r.type}${r.direction ? ` ${r.direction}` : ''}`)).join('\n');
  const disconnected = all.findIndex((r) => r.type === 'disconnected');
  assert.ok(disconnected > 0 && all.slice(disconnected).some((r) => r.kind === 'tcp-closed'), `an event after disconnected:\n${listing}`);
  const kinds = all.filter((r) => r.type === 'event').map((r) => r.kind);
  assert.equal(kinds.filter((kind) => kind === 'open').length, 1, `one open event:\n${listing}`);
  assert.equal(new Set(kinds).size, kinds.length, `no event printed twice:\n${listing}`);
  assert.equal(kinds.at(-1), 'tcp-closed');
  const messages = all.filter((r) => r.type === 'message').map((r) => `${r.direction} ${r.kind}`);
  assert.deepEqual(messages, ['in text', 'out text', 'in close', 'out close'], `each message printed once:\n${listing}`);
});

test('mock arguments', () => {
  assert.deepEqual(parseMockArgs(['a.wsmock.json', '--port', '0', '--json']), { file: 'a.wsmock.json', echo: false, json: true, port: 0 });
  assert.deepEqual(parseMockArgs(['--echo', '--host=127.0.0.1']), { file: undefined, echo: true, json: false, host: '127.0.0.1' });
  assert.match(parseMockArgs([]) as string, /needs a definition file/);
  assert.match(parseMockArgs(['a', '--echo']) as string, /not both/);
  assert.match(parseMockArgs(['a', '--port', '70000']) as string, /0 to 65535/);
});
