import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { WebSocketServer } from 'ws';
import { runConnect } from './connectCommand';

test('sends each stdin line, prints messages as JSON lines, and exits 0 after a clean close', async (t) => {
  const received: string[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  t.after(() => wss.close());
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  wss.on('connection', (ws) => {
    ws.send(Buffer.from([0, 255]), { binary: true });
    ws.on('message', (data) => {
      received.push(data.toString());
      if (received.length === 2) ws.close(1000, 'done');
    });
  });
  const stdin = new PassThrough();
  const out: string[] = [];
  const running = runConnect(
    { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, headers: {}, protocols: [], json: true },
    { stdin, out: (line) => out.push(line), err: () => {} },
  );
  stdin.write('one\ntwo\n');
  assert.equal(await running, 0);
  assert.deepEqual(received, ['one', 'two']);
  const messages = out.map((line) => JSON.parse(line)).filter((m) => m.type === 'message');
  assert.deepEqual(
    // The server's greeting and our lines race; their relative order is not the point here.
    messages.map((m) => [m.direction, m.kind, m.data]).sort(),
    [
      ['in', 'binary', 'AP8='],
      ['in', 'close', Buffer.from([0x03, 0xe8, ...Buffer.from('done')]).toString('base64')],
      ['out', 'close', Buffer.from([0x03, 0xe8, ...Buffer.from('done')]).toString('base64')],
      ['out', 'text', 'one'],
      ['out', 'text', 'two'],
    ],
  );
  const greeting = messages.find((m) => m.kind === 'binary');
  assert.deepEqual([greeting.frames, greeting.compressed, greeting.violations], [1, false, []]);
});

test('a bad URL exits 2 and a refused connection exits 1, each with a clear message', async () => {
  const errors: string[] = [];
  const io = { stdin: new PassThrough(), out: () => {}, err: (line: string) => errors.push(line) };
  assert.equal(await runConnect({ url: 'http://x/', headers: {}, protocols: [], json: false }, io), 2);
  assert.match(errors.at(-1)!, /Did you mean ws:\/\/x\/\?/);
  assert.equal(await runConnect({ url: 'ws://127.0.0.1:1/', headers: {}, protocols: [], json: false }, io), 1);
  assert.match(errors.at(-1)!, /Connection refused/);
});
