import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectTo, wsServer } from '../testing/clientTesting';
import { describeConnectError } from './connectionErrors';
import { redirectHop } from './redirectHop';

const TOKEN = 'tok-s3cret-1';
const PASSWORD = 'pass-s3cret-2';

/** A ws server that records the request target of every upgrade it accepts. */
async function recordingServer(t: TestContext): Promise<{ url: string; targets: string[] }> {
  const targets: string[] = [];
  const url = await wsServer(t, {}, (_ws, request) => targets.push(request.url ?? ''));
  return { url, targets };
}

test('a ?token= URL: the snapshot, handshake and lifecycle show it hidden, the server still gets it', async (t) => {
  const server = await recordingServer(t);
  const real = server.url.replace('ws://', `ws://alice:${PASSWORD}@`) + `feed?token=${TOKEN}&room=1`;
  const connection = await connectTo(t, real);
  const snapshot = connection.snapshot();
  assert.equal(snapshot.url, `${server.url.replace('ws://', 'ws://***:***@')}feed?token=***&room=1`);
  assert.equal(snapshot.handshake.request?.path, '/feed?token=***&room=1');
  assert.ok(snapshot.lifecycle.some((e) => e.kind === 'upgrade-sent' && e.detail === 'GET /feed?token=***&room=1 HTTP/1.1'));
  const text = JSON.stringify(snapshot);
  assert.ok(!text.includes(TOKEN) && !text.includes(PASSWORD), text);
  assert.deepEqual(server.targets, [`/feed?token=${TOKEN}&room=1`], 'the real URL is what is sent');
  assert.equal(connection.url.searchParams.get('token'), TOKEN, 'the real URL is kept for reconnecting');
  await connection.reconnect();
  assert.deepEqual(server.targets.at(-1), `/feed?token=${TOKEN}&room=1`, 'a reconnect sends the real token again');
});

test('a redirect to a ?access_token= URL is recorded with the token hidden', async (t) => {
  const target = await recordingServer(t);
  const next = `${target.url}next?access_token=${TOKEN}`;
  const redirector = createServer((_request, response) => response.writeHead(404).end());
  redirector.on('upgrade', (_request, socket) => socket.end(`HTTP/1.1 302 Found\r\nLocation: ${next}\r\nContent-Length: 0\r\n\r\n`));
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  t.after(() => redirector.close());
  const connection = await connectTo(t, `ws://127.0.0.1:${(redirector.address() as AddressInfo).port}/old`, { followRedirects: true });
  const redirect = connection.snapshot().lifecycle.find((e) => e.kind === 'redirect');
  assert.match(redirect?.detail ?? '', /^302 → ws:\/\/127\.0\.0\.1:\d+\/next\?access_token=\*\*\*$/);
  assert.ok(!JSON.stringify(connection.snapshot()).includes(TOKEN));
  assert.deepEqual(target.targets, [`/next?access_token=${TOKEN}`]);
});

test('errors that quote a URL or a Location hide its secrets', () => {
  const error = describeConnectError(new Error('something odd'), new URL(`ws://alice:${PASSWORD}@h/?token=${TOKEN}`));
  assert.equal(error.message, 'Connecting to ws://***:***@h/?token=*** failed: something odd.');
  const hop = { request: { url: new URL('ws://h/') }, redirects: 0, crossed: false };
  assert.throws(() => redirectHop(hop, hop.request.url, `ws://[broken/?token=${TOKEN}`, hop.request.url), (e: Error) => /token=\*\*\*/.test(e.message) && !e.message.includes(TOKEN));
});
