import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SocketLensError } from '../errors';
import { connectTo, until, wsServer } from '../testing/clientTesting';
import { ClientConnection } from './clientConnection';

/** A ws server that remembers each upgrade request's URL and headers, and the subprotocols offered. */
async function recordingServer(t: TestContext, options: { perMessageDeflate?: boolean; protocol?: string } = {}) {
  const seen: { url: string; headers: IncomingHttpHeaders; rawHeaders: string[] }[] = [];
  const url = await wsServer(t, { perMessageDeflate: options.perMessageDeflate ?? true, handleProtocols: (offered) => options.protocol ?? [...offered][0] ?? false }, (ws, request) => {
    seen.push({ url: request.url ?? '', headers: request.headers, rawHeaders: request.rawHeaders });
    ws.on('message', (data, binary) => ws.send(data, { binary }));
  });
  return { url, seen };
}

test('headers, subprotocols (case kept), query, Origin, Bearer auth and cookies reach the server as given', async (t) => {
  const { url, seen } = await recordingServer(t);
  const connection = await connectTo(t, `${url}feed?v=2`, {
    headers: { 'X-Client-Id': 'Lens' },
    protocols: ['Chat.V2', 'json'],
    query: { room: 'a b', v: '3' },
    origin: 'https://app.example',
    auth: { kind: 'bearer', token: 'tok-123' },
    cookies: { session: 'abc', theme: 'dark' },
  });
  const request = seen[0]!;
  assert.equal(request.url, '/feed?v=2&room=a+b&v=3');
  assert.equal(request.headers['x-client-id'], 'Lens');
  assert.ok(request.rawHeaders.includes('X-Client-Id'), 'the header name goes out in the case it was typed');
  assert.equal(request.headers['sec-websocket-protocol'], 'Chat.V2,json');
  assert.equal(request.headers.origin, 'https://app.example');
  assert.equal(request.headers.authorization, 'Bearer tok-123');
  assert.equal(request.headers.cookie, 'session=abc; theme=dark');
  assert.equal(connection.snapshot().handshake.protocol, 'Chat.V2');
  // What the panel shows and exports: every credential hidden, the scheme kept.
  const recorded = new Map(connection.snapshot().handshake.request?.headers.map(([n, v]) => [n.toLowerCase(), v]));
  assert.deepEqual([recorded.get('authorization'), recorded.get('cookie'), recorded.get('x-client-id')], ['Bearer ***', '***', 'Lens']);
  assert.ok(!JSON.stringify(connection.snapshot()).includes('tok-123'));
});

test('a password in the URL is sent as Basic auth and shown nowhere', async (t) => {
  const { url, seen } = await recordingServer(t);
  const connection = await connectTo(t, url.replace('ws://', 'ws://alice:hunter2@'));
  assert.equal(seen[0]!.headers.authorization, `Basic ${Buffer.from('alice:hunter2').toString('base64')}`);
  assert.ok(!JSON.stringify(connection.snapshot()).includes('hunter2'));
  assert.ok(!JSON.stringify(connection.snapshot()).includes(Buffer.from('alice:hunter2').toString('base64')));
  assert.match(connection.snapshot().url, /^ws:\/\/\*\*\*:\*\*\*@127\.0\.0\.1/);
});

test('Basic auth is user:password in base64', async (t) => {
  const { url, seen } = await recordingServer(t);
  await connectTo(t, url, { auth: { kind: 'basic', username: 'ada', password: 'pä:ss' } });
  assert.equal(seen[0]!.headers.authorization, `Basic ${Buffer.from('ada:pä:ss').toString('base64')}`);
});

test('a bad header, subprotocol or cookie is refused before connecting, naming it', async () => {
  const url = new URL('ws://127.0.0.1:9/');
  const refused = async (options: Partial<ConstructorParameters<typeof ClientConnection>[0]>, pattern: RegExp) => {
    const connection = new ClientConnection({ url, ...options });
    await assert.rejects(connection.connect(), (e: SocketLensError) => e.code === 'connection/request' && pattern.test(e.message));
    assert.deepEqual(connection.snapshot().lifecycle.map((e) => e.kind), ['error'], 'nothing touched the network');
    assert.equal(connection.snapshot().state, 'closed');
  };
  await refused({ headers: { 'Bad Name': 'x' } }, /"Bad Name" is not a valid header name/);
  await refused({ headers: { 'X-Ok': 'line\r\nInjected: 1' } }, /"X-Ok" contains a line break/);
  await refused({ protocols: ['chat', 'with space'] }, /"with space" is not a valid subprotocol/);
  await refused({ protocols: ['chat', 'chat'] }, /listed twice/);
  await refused({ cookies: { id: 'a;b' } }, /cookie "id"/);
  await refused({ headers: { authorization: 'x' }, auth: { kind: 'bearer', token: 't' } }, /Both a Authorization header and Bearer auth/);
});

test('permessage-deflate: on by default with the negotiated parameters shown, off when asked', async (t) => {
  const { url, seen } = await recordingServer(t);
  const on = await connectTo(t, url);
  assert.match(on.snapshot().handshake.extensions ?? '', /^permessage-deflate/);
  assert.match(on.snapshot().lifecycle.find((e) => e.kind === 'open')?.detail ?? '', /extensions permessage-deflate/);
  const off = await connectTo(t, url, { perMessageDeflate: false });
  assert.equal(seen[1]!.headers['sec-websocket-extensions'], undefined);
  assert.equal(off.snapshot().handshake.extensions, undefined);
  off.sendText('x'.repeat(2000));
  await until(off, () => off.log.length === 2);
  assert.equal(off.log.get(2)?.wire?.compressed, false);
  assert.equal(off.log.get(2)?.wire?.wireLength, 2000);
});

/** An HTTP server whose every request is answered with a redirect to `location(request)`, recording the headers. */
async function redirector(t: TestContext, location: () => string) {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(302, { Location: location() }).end();
  });
  server.on('upgrade', (request, socket) => {
    seen.push(request.headers);
    socket.end(`HTTP/1.1 302 Found\r\nLocation: ${location()}\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/old`, seen };
}

test('redirects are not followed by default: the 302 is the answer, with what to check', async (t) => {
  const target = await recordingServer(t);
  const from = await redirector(t, () => target.url);
  const connection = new ClientConnection({ url: new URL(from.url) });
  t.after(() => connection.dispose());
  await assert.rejects(connection.connect(), (e: SocketLensError) => e.code === 'connection/handshake-rejected' && /302/.test(e.message));
  assert.equal(target.seen.length, 0);
});

test('followed redirects keep secrets on the same origin and strip every secret header on another', async (t) => {
  const target = await recordingServer(t);
  // "localhost" is another origin than "127.0.0.1", though the same server.
  const crossOrigin = target.url.replace('127.0.0.1', 'localhost');
  const from = await redirector(t, () => crossOrigin);
  const connection = await connectTo(t, from.url, {
    followRedirects: true,
    headers: { 'X-Api-Key': 'k1', 'X-Tenant': 'acme', 'X-Custom-Secret-Thing': 'k2', 'X-Plain': 'p' },
    auth: { kind: 'bearer', token: 't' },
    cookies: { sid: 's' },
    secretHeaders: ['X-Tenant'],
  });
  assert.equal(from.seen[0]!.authorization, 'Bearer t', 'the first hop gets everything');
  const arrived = target.seen[0]!.headers;
  for (const secret of ['authorization', 'cookie', 'x-api-key', 'x-tenant', 'x-custom-secret-thing']) assert.equal(arrived[secret], undefined, `${secret} must not follow`);
  assert.equal(arrived['x-plain'], 'p');
  const redirect = connection.snapshot().lifecycle.find((e) => e.kind === 'redirect');
  assert.match(redirect?.detail ?? '', /^302 → ws:\/\/localhost:\d+\/; another origin, so X-Api-Key, X-Tenant, X-Custom-Secret-Thing, Authorization, Cookie not sent on$/);
  assert.equal(connection.url.hostname, 'localhost');
});

test('a redirect to the same origin keeps the credentials', async (t) => {
  const target = await recordingServer(t);
  const server = createServer();
  let port = 0;
  server.on('upgrade', (request, socket) => {
    if (request.url === '/old') socket.end(`HTTP/1.1 307 Temporary Redirect\r\nLocation: ws://127.0.0.1:${port}/new\r\nContent-Length: 0\r\n\r\n`);
    else socket.end(`HTTP/1.1 307 Temporary Redirect\r\nLocation: ${target.url}\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  port = (server.address() as AddressInfo).port;
  const connection = await connectTo(t, `ws://127.0.0.1:${port}/old`, { followRedirects: true, auth: { kind: 'bearer', token: 'keep' } });
  const redirects = connection.snapshot().lifecycle.filter((e) => e.kind === 'redirect');
  assert.equal(redirects.length, 2);
  assert.doesNotMatch(redirects[0]!.detail ?? '', /not sent on/);
  // The second hop changes the port: another origin.
  assert.equal(target.seen[0]!.headers.authorization, undefined);
});

test('a message over the maximum size closes with 1009 and says so', async (t) => {
  const { url } = await recordingServer(t);
  const connection = await connectTo(t, url, { maxPayloadBytes: 1000 });
  connection.sendText('y'.repeat(1001));
  await until(connection, () => connection.snapshot().state === 'closed');
  const { close, error } = connection.snapshot();
  assert.equal(close?.sent?.code, 1009);
  assert.match(error?.message ?? '', /WS_ERR_UNSUPPORTED_MESSAGE_LENGTH/);
});

test('a redirect chain that leaves the first origin keeps the credentials behind on every later hop', async (t) => {
  const target = await recordingServer(t);
  const targetPort = new URL(target.url).port;
  // 127.0.0.1 → localhost/x (another origin) → localhost/y (same as the hop before, still not the first).
  const server = createServer();
  server.on('upgrade', (request, socket) => {
    const hops: Record<string, string> = { '/start': `ws://localhost:${port}/x`, '/x': `ws://localhost:${targetPort}/y` };
    socket.end(`HTTP/1.1 302 Found\r\nLocation: ${hops[request.url ?? ''] ?? '/'}\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;
  const connection = await connectTo(t, `ws://127.0.0.1:${port}/start`, { followRedirects: true, auth: { kind: 'bearer', token: 'SECRET' }, headers: { 'X-Api-Key': 'k' } });
  assert.equal(target.seen[0]!.url, '/y');
  assert.equal(target.seen[0]!.headers.authorization, undefined);
  assert.equal(target.seen[0]!.headers['x-api-key'], undefined);
  const redirects = connection.snapshot().lifecycle.filter((e) => e.kind === 'redirect').map((e) => e.detail);
  assert.equal(redirects.length, 2);
  assert.match(redirects[0]!, /X-Api-Key, Authorization not sent on/);
});

test('a redirect loop stops at the limit with an error that says so', async (t) => {
  const server = createServer();
  server.on('upgrade', (_request, socket) => socket.end('HTTP/1.1 307 Temporary Redirect\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`), followRedirects: true, maxRedirects: 3 });
  t.after(() => connection.dispose());
  await assert.rejects(connection.connect(), (e: SocketLensError) => e.code === 'connection/redirect' && /Stopped after 3 redirects/.test(e.message));
  assert.equal(connection.snapshot().lifecycle.filter((e) => e.kind === 'redirect').length, 3);
});
