import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type ClientRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { SocketLensError } from '../errors';
import { startConnectProxy, type ConnectProxy, type ConnectProxyOptions } from '../testing/connectProxy';
import { createTestPki, type TestPki } from '../testing/testCertificates';
import { openTunnel, ProxyAgent, type ProxyEventKind } from './proxyAgent';
import { watchPeerCertificate } from './tlsFailure';
import { loadTlsOptions } from './tlsOptions';

let pki: TestPki;
before(() => (pki = createTestPki()));
after(() => pki.dispose());

async function listen(t: TestContext, server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => sockets.add(socket));
  server.on('secureConnection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return (server.address() as AddressInfo).port;
}

/** A WebSocket echo server, plain or (with `tls`) behind TLS. */
async function echoServer(t: TestContext, tls?: { cert: Buffer; key: Buffer }): Promise<number> {
  const server = tls ? createHttpsServer(tls) : createHttpServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  t.after(() => wss.close());
  return listen(t, server);
}

async function proxy(t: TestContext, options?: ConnectProxyOptions): Promise<ConnectProxy> {
  const started = await startConnectProxy(options);
  t.after(() => started.close());
  return started;
}

/** Sends `text` once open and resolves with the echo; rejects with the first error. */
function exchange(t: TestContext, ws: WebSocket, text: string): Promise<string> {
  t.after(() => ws.terminate());
  return new Promise((resolve, reject) => {
    ws.once('open', () => ws.send(text));
    ws.once('message', (data) => resolve(String(data)));
    ws.once('error', reject);
  });
}

async function failure(t: TestContext, ws: WebSocket): Promise<SocketLensError> {
  const error = await exchange(t, ws, 'never').then(
    () => assert.fail('expected the connection to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SocketLensError, `expected a SocketLensError, got ${String(error)}`);
  return error;
}

test('a ws client reaches the server through the proxy with CONNECT and exchanges a message', async (t) => {
  const port = await echoServer(t);
  const connectProxy = await proxy(t);
  const events: Array<[ProxyEventKind, string]> = [];
  const agent = new ProxyAgent({ proxy: new URL(connectProxy.url), source: 'the test', secure: false, onEvent: (kind, detail) => events.push([kind, detail]) });
  const echo = await exchange(t, new WebSocket(`ws://127.0.0.1:${port}/chat`, { agent }), 'hello through the proxy');
  assert.equal(echo, 'hello through the proxy');
  assert.deepEqual(connectProxy.seen.map((s) => s.authority), [`127.0.0.1:${port}`]);
  assert.equal(connectProxy.seen[0]!.headers.host, `127.0.0.1:${port}`);
  assert.equal(connectProxy.seen[0]!.headers['proxy-authorization'], undefined);
  assert.deepEqual(events.map(([kind]) => kind), ['proxy-connecting', 'proxy-tcp-connected', 'proxy-connected']);
  assert.equal(events[2]![1], `via 127.0.0.1:${connectProxy.port}, CONNECT 127.0.0.1:${port} → 200 Connection Established`);
});

test('Basic proxy authentication: credentials from the URL are sent and accepted, the password never reported', async (t) => {
  const port = await echoServer(t);
  const connectProxy = await proxy(t, { credentials: 'alice:p@ss:wörd' });
  const details: string[] = [];
  const url = new URL(`http://alice:${encodeURIComponent('p@ss:wörd')}@127.0.0.1:${connectProxy.port}`);
  const agent = new ProxyAgent({ proxy: url, secure: false, onEvent: (_kind, detail) => details.push(detail) });
  assert.equal(await exchange(t, new WebSocket(`ws://127.0.0.1:${port}/`, { agent }), 'authenticated'), 'authenticated');
  assert.equal(connectProxy.seen[0]!.headers['proxy-authorization'], `Basic ${Buffer.from('alice:p@ss:wörd').toString('base64')}`);
  assert.match(details[0]!, /alice:\*\*\*@127\.0\.0\.1/);
  assert.ok(details.every((d) => !d.includes('p@ss') && !d.includes('p%40ss')), details.join('\n'));
});

test('407 without credentials says credentials are needed and how to give them', async (t) => {
  const connectProxy = await proxy(t, { credentials: 'alice:secret' });
  const agent = new ProxyAgent({ proxy: new URL(connectProxy.url), source: 'the https_proxy environment variable', secure: false });
  const error = await failure(t, new WebSocket('ws://example.invalid/', { agent }));
  assert.equal(error.code, 'connection/proxy');
  assert.match(error.message, /needs credentials \(407 Proxy Authentication Required\) and none were given/);
  assert.match(error.message, /from the https_proxy environment variable/);
  assert.match(error.message, /http:\/\/user:password@127\.0\.0\.1:\d+/);
});

test('407 with wrong credentials names the user, never the password', async (t) => {
  const connectProxy = await proxy(t, { credentials: 'alice:secret' });
  const agent = new ProxyAgent({ proxy: new URL(`http://alice:wrong-one@127.0.0.1:${connectProxy.port}`), secure: false });
  const error = await failure(t, new WebSocket('ws://example.invalid/', { agent }));
  assert.equal(error.code, 'connection/proxy');
  assert.match(error.message, /rejected the credentials of user "alice" \(407/);
  assert.doesNotMatch(error.message, /wrong-one/);
});

test('a proxy that is not listening: refused, with what to check', async (t) => {
  const closed = createTcpServer();
  const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)));
  await new Promise((resolve) => closed.close(resolve));
  const agent = new ProxyAgent({ proxy: new URL(`http://127.0.0.1:${port}`), source: 'the http.proxy setting', secure: false });
  const error = await failure(t, new WebSocket('ws://example.invalid/', { agent }));
  assert.equal(error.code, 'connection/proxy');
  assert.equal(error.message, `The proxy 127.0.0.1:${port} (from the http.proxy setting) refused the connection (ECONNREFUSED). Check that the proxy is running and that the http.proxy setting names the right host and port.`);
});

test('another refusal gives the status and the first line of the body', async (t) => {
  const body = '<html><head><title>Tunnel denied</title></head><body>Port 8080 is not allowed</body></html>';
  const connectProxy = await proxy(t, { answer: () => `HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\n\r\n${body}` });
  const agent = new ProxyAgent({ proxy: new URL(connectProxy.url), secure: false });
  const error = await failure(t, new WebSocket('ws://example.com:8080/', { agent }));
  assert.equal(error.code, 'connection/proxy');
  assert.match(error.message, /refused CONNECT example\.com:8080 with 403 Forbidden: "Tunnel denied"\. Check that the proxy allows tunnels/);
});

test('a refusal without Content-Length is read until the proxy closes', async (t) => {
  const connectProxy = await proxy(t, { answer: () => 'HTTP/1.0 502 Bad Gateway\r\n\r\nCannot reach upstream\nmore detail' });
  const agent = new ProxyAgent({ proxy: new URL(connectProxy.url), secure: false });
  const error = await failure(t, new WebSocket('ws://example.com/', { agent }));
  assert.match(error.message, /with 502 Bad Gateway: "Cannot reach upstream"\. The proxy could not reach the server/);
});

test('a proxy that closes before answering, one that never answers, and one that is not HTTP', async (t) => {
  const closer = createTcpServer((socket) => socket.once('data', () => socket.end()));
  const silent = createTcpServer(() => undefined);
  const tlsLike = createTcpServer((socket) => socket.end(Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x50])));
  const [closerPort, silentPort, tlsPort] = [await listen(t, closer), await listen(t, silent), await listen(t, tlsLike)];
  const attempt = (port: number, timeoutMs?: number) => openTunnel({ proxy: new URL(`http://127.0.0.1:${port}`), host: 'example.com', port: 443, timeoutMs });

  await assert.rejects(attempt(closerPort), { code: 'connection/proxy', message: /closed the connection before answering CONNECT example\.com:443/ });
  await assert.rejects(attempt(silentPort, 50), { code: 'connection/proxy', message: /did not answer CONNECT example\.com:443 within 0\.05 s/ });
  await assert.rejects(attempt(tlsPort), { code: 'connection/proxy', message: /not HTTP \(bytes 15 03 01 00 02 02 50\)\. Check that it is a plain HTTP proxy/ });
});

test('bytes the server sends right behind the 200 stay in the tunnel', async (t) => {
  const fake = createTcpServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nVia: test\r\n\r\nserver spoke first')));
  const port = await listen(t, fake);
  const tunnel = await openTunnel({ proxy: new URL(`http://127.0.0.1:${port}`), host: '::1', port: 9 });
  t.after(() => tunnel.destroy());
  let data = '';
  tunnel.on('data', (chunk: Buffer) => (data += chunk.toString()));
  await new Promise((resolve) => tunnel.once('end', resolve));
  assert.equal(data, 'server spoke first');
});

test('wss through the proxy: TLS runs end to end, with ws\'s TLS options (trusted CA, verification on)', async (t) => {
  const port = await echoServer(t, { cert: pki.read('self-signed.pem'), key: pki.read('self-signed.key') });
  const connectProxy = await proxy(t);
  const agent = () => new ProxyAgent({ proxy: new URL(connectProxy.url), secure: true });
  const url = `wss://127.0.0.1:${port}/secure`;
  assert.equal(await exchange(t, new WebSocket(url, { agent: agent(), ca: [pki.read('self-signed.pem')] }), 'over TLS'), 'over TLS');
  assert.equal(connectProxy.seen[0]!.authority, `127.0.0.1:${port}`);

  // Without the CA the same certificate is refused: the proxy does not weaken verification, and
  // the certificate can still be watched for the error message.
  let peer: ReturnType<typeof watchPeerCertificate> = () => undefined;
  const refused = await new Promise<Error>((resolve) => {
    const finishRequest = (request: ClientRequest) => {
      request.once('socket', (socket) => (peer = watchPeerCertificate(socket)));
      request.end();
    };
    const ws = new WebSocket(url, { agent: agent(), finishRequest });
    t.after(() => ws.terminate());
    ws.once('error', resolve);
  });
  assert.equal((refused as Error & { code?: string }).code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  assert.equal(peer()?.subject.CN, 'localhost');
});

test('wss through the proxy checks the host name the URL asked for', async (t) => {
  const port = await echoServer(t, { cert: pki.read('server.pem'), key: pki.read('server.key') });
  const connectProxy = await proxy(t);
  const ws = new WebSocket(`wss://localhost:${port}/`, { agent: new ProxyAgent({ proxy: new URL(connectProxy.url), secure: true }), ca: [pki.read('ca.pem')] });
  assert.equal(await exchange(t, ws, 'named'), 'named');
  assert.equal(connectProxy.seen[0]!.authority, `localhost:${port}`);
});

test('wss through the proxy honours the TLS settings: serverName is sent and checked', async (t) => {
  const port = await echoServer(t, { cert: pki.read('server.pem'), key: pki.read('server.key') });
  const connectProxy = await proxy(t);
  const agent = () => new ProxyAgent({ proxy: new URL(connectProxy.url), secure: true });
  const url = `wss://127.0.0.1:${port}/`;
  const named = await loadTlsOptions({ caFile: pki.path('ca.pem'), serverName: 'localhost' });
  assert.equal(await exchange(t, new WebSocket(url, { ...named, agent: agent() }), 'by name'), 'by name');
  const wrong = await loadTlsOptions({ caFile: pki.path('ca.pem'), serverName: 'wrong.example' });
  const error = await new Promise<Error & { code?: string; host?: string }>((resolve) => {
    const ws = new WebSocket(url, { ...wrong, agent: agent() });
    t.after(() => ws.terminate());
    ws.once('error', resolve);
  });
  assert.equal(error.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.equal(error.host, 'wrong.example');
});

test('TLS options that tls.connect refuses fail the connection instead of crashing', async (t) => {
  const connectProxy = await proxy(t);
  const port = await echoServer(t, { cert: pki.read('server.pem'), key: pki.read('server.key') });
  const agent = new ProxyAgent({ proxy: new URL(connectProxy.url), secure: true });
  const error = await new Promise<Error>((resolve) => {
    const ws = new WebSocket(`wss://127.0.0.1:${port}/`, { agent, key: Buffer.from('not a key'), cert: pki.read('client.pem') });
    t.after(() => ws.terminate());
    ws.once('error', resolve);
  });
  assert.match(String((error as Error & { code?: string }).code), /^ERR_OSSL_/);
});

// The limit only turns a regression (the tunnel waiting for its own 60 s timeout) into a failure instead of a hang.
test('destroying the agent closes a tunnel that is still waiting for the proxy', { timeout: 20_000 }, async (t) => {
  let accept: (socket: Socket) => void = () => undefined;
  const accepted = new Promise<Socket>((resolve) => (accept = resolve));
  // resume(): a socket nobody reads never notices that its peer closed.
  const port = await listen(t, createTcpServer((socket) => accept(socket.resume())));
  const agent = new ProxyAgent({ proxy: new URL(`http://127.0.0.1:${port}`), secure: false, timeoutMs: 60_000 });
  const ws = new WebSocket('ws://example.com/', { agent });
  ws.on('error', () => undefined);
  const proxySide = await accepted;
  const closed = new Promise((resolve) => proxySide.once('close', resolve));
  // What the connection's owner does when the person gives up: ws alone cannot reach the tunnel.
  ws.terminate();
  agent.destroy();
  await closed;
});

test('an aborted tunnel rejects at once and closes the proxy connection', async (t) => {
  let accept: (socket: Socket) => void = () => undefined;
  const accepted = new Promise<Socket>((resolve) => (accept = resolve));
  const port = await listen(t, createTcpServer((socket) => accept(socket.resume())));
  const controller = new AbortController();
  const tunnel = openTunnel({ proxy: new URL(`http://127.0.0.1:${port}`), host: 'example.com', port: 80, signal: controller.signal });
  const proxySide = await accepted;
  const closed = new Promise((resolve) => proxySide.once('close', resolve));
  controller.abort();
  await assert.rejects(tunnel, { code: 'connection/closed', message: `Connecting through the proxy 127.0.0.1:${port} was cancelled.` });
  await closed;
  await assert.rejects(openTunnel({ proxy: new URL('http://127.0.0.1:9'), host: 'example.com', port: 80, signal: AbortSignal.abort() }), { code: 'connection/closed' });
});
