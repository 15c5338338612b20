import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OutgoingMessage } from '../client/outgoing';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectTo, wsServer } from '../testing/clientTesting';
import type { ImportedMessage } from './harImport';
import { hiddenInReplay, replayableSubprotocols, replayHandshake, replayMessages } from './replay';

const m = (direction: 'in' | 'out', kind: ImportedMessage['kind'], data: string | Uint8Array, time: number): ImportedMessage => ({ direction, kind, payload: typeof data === 'string' ? Buffer.from(data) : data, time });

const SESSION = [m('in', 'text', 'hi', 0), m('out', 'text', 'one', 10), m('in', 'text', 'ok', 11), m('out', 'binary', new Uint8Array([1, 2]), 130), m('out', 'pong', 'x', 131), m('out', 'ping', 'p', 140), m('out', 'close', '', 150)];

function recorder() {
  const sent: { what: string; at: number }[] = [];
  const start = performance.now();
  const note = (what: string) => sent.push({ what, at: performance.now() - start });
  return {
    sent,
    send: (message: OutgoingMessage) => note(message.kind === 'text' ? message.text : `binary ${[...message.data].join(',')}`),
    ping: (data: Uint8Array) => note(`ping ${Buffer.from(data).toString()}`),
  };
}

test('replays the outgoing text, binary and pings in order, with their original spacing', async () => {
  const target = recorder();
  assert.equal(await replayMessages(target, SESSION, { timing: 'original' }), 3);
  assert.deepEqual(target.sent.map((s) => s.what), ['one', 'binary 1,2', 'ping p']);
  const gap = target.sent[1]!.at - target.sent[0]!.at;
  assert.ok(gap >= 110 && gap < 400, `120 ms apart as recorded, got ${gap}`);
});

test('"as fast as possible" does not wait; an abort stops between messages', async () => {
  const fast = recorder();
  await replayMessages(fast, SESSION, { timing: 'fast' });
  assert.ok(fast.sent[2]!.at < 50, `${fast.sent[2]!.at} ms`);
  const stopped = recorder();
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 30);
  assert.equal(await replayMessages(stopped, SESSION, { timing: 'original', signal: controller.signal }), 1);
});

test('a send that fails stops the replay and says at which message', async () => {
  const target = { send: () => { throw new Error('not open'); }, ping: () => {} };
  await assert.rejects(replayMessages(target, SESSION, { timing: 'fast' }), /The replay stopped at message 1 of 3: not open/);
});

test('against a real server through ClientConnection: the server gets the texts in order', async (t) => {
  const received: string[] = [];
  const url = await wsServer(t, {}, (ws) => ws.on('message', (data) => received.push(data.toString())));
  const connection = await connectTo(t, url);
  const texts = [m('out', 'text', 'a', 0), m('in', 'text', 'x', 1), m('out', 'text', 'b', 5), m('out', 'text', 'c', 6)];
  await replayMessages({ send: (message) => connection.send(message), ping: (data) => connection.ping(data) }, texts, { timing: 'original' });
  for (let i = 0; i < 100 && received.length < 3; i++) await sleep(10);
  assert.deepEqual(received, ['a', 'b', 'c']);
});

test('a replay offers the recorded subprotocols and Origin, and never a credential or a hidden subprotocol', () => {
  const recorded = replayHandshake({
    requestHeaders: [
      ['Origin', 'https://app.example'],
      ['Sec-WebSocket-Protocol', 'v2.chat, ***, v1.chat'],
      ['Cookie', 'sid=secret'],
      ['Authorization', 'Bearer secret'],
    ],
  });
  assert.deepEqual(recorded, { protocols: ['v2.chat', 'v1.chat'], origin: 'https://app.example' });
  const browser = replayHandshake({
    requestHeaders: [
      ['Host', 'h'], ['Connection', 'Upgrade'], ['Upgrade', 'websocket'], ['Sec-WebSocket-Key', 'k'], ['Sec-WebSocket-Version', '13'], ['Sec-Fetch-Mode', 'websocket'],
      ['User-Agent', 'Chrome'], ['Accept-Language', 'en'], ['X-Room', 'lobby'], ['X-Api-Key', 'secret'], ['X-Trace', '***'],
    ],
  });
  assert.deepEqual(browser, { headers: { 'X-Room': 'lobby' } }, 'the page\'s own header, not the browser\'s, a credential or a hidden value');
  assert.deepEqual(replayHandshake({ requestHeaders: [['Sec-WebSocket-Protocol', '***']] }), {}, 'nothing left to offer');
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
  assert.deepEqual(replayableSubprotocols(['graphql-transport-ws', 'access_token', 'opaque-token-value']), ['graphql-transport-ws'], 'the token after the name that names it, and the name');
  assert.deepEqual(replayableSubprotocols(['base64.channel.k8s.io', 'base64url.bearer.authorization.k8s.io.ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNkluQXhOMFF3YVhKRllVOUZRMmRzTlRCa1dscFNUbmxOTFhwWmVtNVVRbTV4TkdGNlQzSXRVVkEzYmxVaWZRLi4u']), ['base64.channel.k8s.io'], 'a token inside a subprotocol (kubectl exec)');
  assert.deepEqual(replayableSubprotocols([jwt, 'v2.chat', 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7']), ['v2.chat'], 'a JWT or an opaque token alone');
  assert.deepEqual(replayableSubprotocols(['mqtt', 'wamp.2.json', 'v10.stomp', 'graphql-ws']), ['mqtt', 'wamp.2.json', 'v10.stomp', 'graphql-ws'], 'names are kept');
  assert.deepEqual(replayHandshake({ requestHeaders: [['Sec-WebSocket-Protocol', 'ok, bad one']] }), { protocols: ['ok'] }, 'a bad entry does not lose the good ones');
});

test('a replay counts the outgoing texts that hold *** where a secret was hidden', () => {
  const messages = [m('out', 'text', 'token is ***', 0), m('out', 'text', 'plain', 1), m('in', 'text', 'echo ***', 2), m('out', 'binary', '***', 3)];
  assert.equal(hiddenInReplay(messages), 1);
});
