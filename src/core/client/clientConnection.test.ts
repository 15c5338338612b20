import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { ClientConnection } from './clientConnection';
import type { ConnectionSnapshot } from './connectionTypes';

async function listen(t: TestContext, server: Server): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return (server.address() as AddressInfo).port;
}

async function echoServer(t: TestContext, onMessage?: (text: string) => void) {
  const server = createServer();
  const wss = new WebSocketServer({ server, handleProtocols: (protocols) => (protocols.has('chat') ? 'chat' : false) });
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      onMessage?.(data.toString());
      ws.send(data, { binary: isBinary });
    });
  });
  t.after(() => wss.close());
  const port = await listen(t, server);
  return { port, wss };
}

function waitFor(connection: ClientConnection, predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate()) return resolve();
    const stopChange = connection.onDidChange(() => check());
    const stopAppend = connection.log.onDidAppend(() => check());
    function check() {
      if (!predicate()) return;
      stopChange();
      stopAppend();
      resolve();
    }
  });
}

test('records the handshake as sent and received, and verifies the Accept', async (t) => {
  const { port } = await echoServer(t);
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/chat?room=1`), protocols: ['chat'], headers: { 'X-Trace': 'abc' } });
  t.after(() => connection.dispose());
  await connection.connect();
  const { handshake, lifecycle, state } = connection.snapshot();
  assert.equal(state, 'open');
  assert.equal(handshake.request?.method, 'GET');
  assert.equal(handshake.request?.path, '/chat?room=1');
  const sent = new Map(handshake.request?.headers.map(([n, v]) => [n.toLowerCase(), v]));
  assert.equal(sent.get('x-trace'), 'abc');
  assert.equal(sent.get('upgrade'), 'websocket');
  assert.equal(sent.get('sec-websocket-protocol'), 'chat');
  assert.equal(handshake.response?.statusCode, 101);
  assert.equal(handshake.accept?.valid, true);
  assert.equal(handshake.protocol, 'chat');
  assert.deepEqual(
    lifecycle.map((e) => e.kind),
    ['connecting', 'tcp-connected', 'upgrade-sent', 'upgrade-response', 'open'],
    '127.0.0.1 needs no DNS lookup',
  );
});

test('logs messages in both directions with exact bytes', async (t) => {
  const received: string[] = [];
  const { port } = await echoServer(t, (text) => received.push(text));
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`) });
  t.after(() => connection.dispose());
  await connection.connect();
  connection.sendText('héllo');
  await waitFor(connection, () => connection.log.length === 2);
  const [out, echoed] = connection.log.tail(2);
  assert.equal(out?.direction, 'out');
  assert.equal(echoed?.direction, 'in');
  assert.equal(echoed?.kind, 'text');
  assert.equal(Buffer.from(echoed!.payload).toString(), 'héllo');
  assert.equal(echoed?.payload.byteLength, 6);
  assert.deepEqual(received, ['héllo']);
  assert.deepEqual(connection.log.totals, { messagesIn: 1, messagesOut: 1, bytesIn: 6, bytesOut: 6 });
});

test('close from the client: 1000 echoed, recorded as client-initiated', async (t) => {
  const { port } = await echoServer(t);
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`) });
  t.after(() => connection.dispose());
  await connection.connect();
  connection.close(1000, 'bye');
  await waitFor(connection, () => connection.snapshot().state === 'closed');
  const close = connection.snapshot().close!;
  assert.deepEqual([close.code, close.reason, close.initiatedBy, close.wasClean], [1000, 'bye', 'client', true]);
  assert.deepEqual([close.sent?.code, close.sent?.reason, close.received?.code, close.received?.reason], [1000, 'bye', 1000, 'bye']);
  assert.ok(close.received!.time >= close.sent!.time);
  const kinds = connection.snapshot().lifecycle.map((e) => e.kind);
  assert.ok(kinds.indexOf('close-sent') < kinds.indexOf('close-received'), kinds.join());
  assert.ok(kinds.includes('tcp-fin-received') && kinds.includes('tcp-fin-sent') && kinds.includes('tcp-closed'), kinds.join());
  assert.notEqual(close.tcpClosedFirstBy, 'unknown');
  assert.throws(() => connection.sendText('late'), { code: 'connection/not-open' });
});

test('the change that reports the connection closed already carries how it closed', async (t) => {
  const { port } = await echoServer(t);
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`) });
  t.after(() => connection.dispose());
  await connection.connect();
  const firstClosed = new Promise<ConnectionSnapshot>((resolve) => connection.onDidChange((s) => s.state === 'closed' && resolve(s)));
  connection.close(1000, 'bye');
  const snapshot = await firstClosed;
  assert.equal(snapshot.close?.code, 1000);
  assert.equal(snapshot.close?.initiatedBy, 'client');
  assert.equal(snapshot.lifecycle.at(-1)?.kind, 'closed');
});

test('close from the server is recorded as server-initiated', async (t) => {
  const { port, wss } = await echoServer(t);
  wss.on('connection', (ws) => ws.close(4001, 'go away'));
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`) });
  t.after(() => connection.dispose());
  await connection.connect();
  await waitFor(connection, () => connection.snapshot().state === 'closed');
  const close = connection.snapshot().close!;
  assert.deepEqual([close.code, close.reason, close.initiatedBy, close.wasClean], [4001, 'go away', 'server', true]);
  assert.deepEqual([close.received?.code, close.sent?.code, close.sent?.reason], [4001, 4001, 'go away'], 'ws echoes the code and reason');
  const closes = connection.log.tail(2);
  assert.deepEqual(closes.map((e) => [e.direction, e.kind]), [['in', 'close'], ['out', 'close']]);
});

test('a TCP drop without a close frame is reported as 1006, not clean', async (t) => {
  const { port, wss } = await echoServer(t);
  wss.on('connection', (ws) => ws.terminate());
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`) });
  t.after(() => connection.dispose());
  await connection.connect();
  await waitFor(connection, () => connection.snapshot().state === 'closed');
  assert.equal(connection.snapshot().close?.code, 1006);
  assert.equal(connection.snapshot().close?.initiatedBy, 'none');
  assert.equal(connection.snapshot().close?.wasClean, false);
  assert.equal(connection.snapshot().close?.tcpClosedFirstBy, 'server');
});

test('a 401 with a body: status, headers and body in the error and the handshake', async (t) => {
  const server = createServer();
  server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="feed"\r\nContent-Length: 26\r\n\r\n{"error":"token expired"}\n'));
  const port = await listen(t, server);
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`) });
  t.after(() => connection.dispose());
  await assert.rejects(connection.connect(), /401 Unauthorized instead of 101.*token expired.*Check the URL path, auth headers/s);
  const response = connection.snapshot().handshake.response;
  assert.equal(response?.statusCode, 401);
  assert.deepEqual(response?.headers.find(([name]) => name === 'WWW-Authenticate'), ['WWW-Authenticate', 'Bearer realm="feed"']);
  assert.equal(response?.body, '{"error":"token expired"}\n');
});

test('a rejected upgrade reports status, headers and body', async (t) => {
  const server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (_req, socket) => {
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nX-Reason: token\r\n\r\nmissing token');
  });
  const port = await listen(t, server);
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`) });
  t.after(() => connection.dispose());
  await assert.rejects(connection.connect(), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'connection/handshake-rejected');
    assert.match(error.message, /403 Forbidden instead of 101/);
    assert.match(error.message, /missing token/);
    return true;
  });
  const { handshake, state, error } = connection.snapshot();
  assert.equal(state, 'closed');
  assert.equal(handshake.response?.statusCode, 403);
  assert.equal(handshake.response?.body, 'missing token');
  assert.ok(handshake.response?.headers.some(([n, v]) => n === 'X-Reason' && v === 'token'));
  assert.equal(error?.code, 'connection/handshake-rejected');
});

test('a refused connection says to check that the server is running', async (t) => {
  const server = createServer();
  const port = await listen(t, server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`) });
  t.after(() => connection.dispose());
  await assert.rejects(connection.connect(), { code: 'connection/network', message: /refused.*Is the server running/ });
});

test('a server that never answers the upgrade times out with a clear error', async (t) => {
  const server = createServer();
  server.on('upgrade', () => {
    /* never answer */
  });
  const port = await listen(t, server);
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`), handshakeTimeoutMs: 200 });
  t.after(() => connection.dispose());
  await assert.rejects(connection.connect(), { code: 'connection/handshake-timeout' });
});

test('rejects close codes that RFC 6455 §7.4 forbids sending', async (t) => {
  const { port } = await echoServer(t);
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${port}/`) });
  t.after(() => connection.dispose());
  await connection.connect();
  for (const code of [1005, 1006, 1015, 999, 2000, 5000]) {
    assert.throws(() => connection.close(code), { code: 'connection/close-code' }, String(code));
  }
  assert.throws(() => connection.close(1000, 'x'.repeat(124)), /123 bytes/);
  assert.equal(connection.snapshot().state, 'open');
});

test('wss to a server with an untrusted certificate fails with a TLS error that says what to check', async (t) => {
  const { createServer: createTlsServer } = await import('node:https');
  const { readFileSync } = await import('node:fs');
  const fixtures = new URL('./fixtures/', import.meta.url);
  // A self-signed certificate made for these tests only (CN 127.0.0.1); never trusted anywhere.
  const server = createTlsServer({ key: readFileSync(new URL('localhost-key.pem', fixtures)), cert: readFileSync(new URL('localhost-cert.pem', fixtures)) });
  const port = await listen(t, server);
  const connection = new ClientConnection({ url: new URL(`wss://127.0.0.1:${port}/`) });
  t.after(() => connection.dispose());
  await assert.rejects(connection.connect(), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'connection/tls');
    assert.match(error.message, /TLS handshake with 127\.0\.0\.1:\d+ failed \(DEPTH_ZERO_SELF_SIGNED_CERT\)\. The server's certificate is self-signed.*"CN=127\.0\.0\.1".*add this certificate with caFile/);
    return true;
  });
  assert.ok(connection.snapshot().lifecycle.some((e) => e.kind === 'tcp-connected'), 'TCP connected before TLS failed');
});
