import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer } from 'ws';
import type { SocketLensError } from '../errors';
import { until } from '../testing/clientTesting';
import { startConnectProxy } from '../testing/connectProxy';
import { createTestPki, type TestPki } from '../testing/testCertificates';
import { ClientConnection, type ClientConnectionOptions } from './clientConnection';

let pki: TestPki;
before(() => (pki = createTestPki()));
after(() => pki.dispose());

/** A wss echo server with the test CA's localhost certificate. */
async function wssServer(t: TestContext): Promise<string> {
  const server = createServer({ cert: pki.read('server.pem'), key: pki.read('server.key') });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.close();
  });
  return `wss://localhost:${(server.address() as AddressInfo).port}/`;
}

async function open(t: TestContext, url: string, options: Omit<ClientConnectionOptions, 'url'>): Promise<ClientConnection> {
  const connection = new ClientConnection({ ...options, url: new URL(url) });
  t.after(() => connection.dispose());
  await connection.connect();
  return connection;
}

async function echo(connection: ClientConnection): Promise<string> {
  connection.sendText('over tls');
  await until(connection, () => connection.log.length === 2);
  return Buffer.from(connection.log.get(2)!.payload).toString();
}

test('wss with a private CA: refused by default naming the certificate, accepted with the CA file or the insecure switch', async (t) => {
  const url = await wssServer(t);
  const refused = new ClientConnection({ url: new URL(url), tlsSettingNames: { caFile: '--ca', insecure: '--insecure' } });
  t.after(() => refused.dispose());
  await assert.rejects(refused.connect(), (e: SocketLensError) => e.code === 'connection/tls' && /localhost/.test(e.message) && /--ca/.test(e.message));
  assert.equal(await echo(await open(t, url, { tls: { caFile: pki.path('ca.pem') } })), 'over tls');
  const insecure = await open(t, url, { tls: { insecure: true } });
  assert.equal(insecure.snapshot().handshake.tls?.authorized, false);
  assert.equal(await echo(insecure), 'over tls');
});

test('an unreadable CA file ends the connection before any socket, saying which option and path', async () => {
  const connection = new ClientConnection({ url: new URL('wss://localhost:9/'), tls: { caFile: '/nonexistent/ca.pem' }, tlsSettingNames: { caFile: '--ca' } });
  await assert.rejects(connection.connect(), (e: SocketLensError) => e.code === 'connection/tls-config' && /--ca/.test(e.message) && /\/nonexistent\/ca\.pem/.test(e.message));
  const { state, lifecycle, error } = connection.snapshot();
  assert.equal(state, 'closed');
  assert.deepEqual(lifecycle.map((e) => e.kind), ['error']);
  assert.equal(error?.code, 'connection/tls-config');
  connection.dispose();
});

test('through an HTTP proxy with CONNECT: the tunnel is in the lifecycle and wss works end to end', async (t) => {
  const proxy = await startConnectProxy({ credentials: 'me:s3cret' });
  t.after(() => proxy.close());
  const url = await wssServer(t);
  const proxyUrl = proxy.url.replace('http://', 'http://me:s3cret@');
  const connection = await open(t, url, { tls: { caFile: pki.path('ca.pem') }, proxy: { proxy: proxyUrl, proxySource: '--proxy', bypassLoopback: false } });
  assert.equal(await echo(connection), 'over tls');
  assert.equal(proxy.seen[0]?.authority, new URL(url).host);
  const tunnel = connection.snapshot().lifecycle.find((e) => e.kind === 'proxy-connected');
  assert.match(tunnel?.detail ?? '', /CONNECT localhost:\d+ → 200/);
  assert.ok(!JSON.stringify(connection.snapshot()).includes('s3cret'), 'the proxy password appears nowhere');
});

test('loopback hosts skip the proxy by default, as in VS Code', async (t) => {
  const proxy = await startConnectProxy();
  t.after(() => proxy.close());
  const url = await wssServer(t);
  const connection = await open(t, url, { tls: { caFile: pki.path('ca.pem') }, proxy: { proxy: proxy.url } });
  assert.equal(await echo(connection), 'over tls');
  assert.equal(proxy.seen.length, 0);
});

test('a proxy that refuses the tunnel: the error says so and names where the proxy came from', async (t) => {
  const proxy = await startConnectProxy({ credentials: 'me:right' });
  t.after(() => proxy.close());
  const connection = new ClientConnection({ url: new URL('ws://localhost:9/'), proxy: { env: { http_proxy: proxy.url }, bypassLoopback: false } });
  t.after(() => connection.dispose());
  await assert.rejects(connection.connect(), (e: SocketLensError) => e.code === 'connection/proxy' && /407/.test(e.message) && /http_proxy/.test(e.message));
});

test('a redirect from ws: to wss: through the proxy: each hop gets its own tunnel and TLS', async (t) => {
  const proxy = await startConnectProxy();
  t.after(() => proxy.close());
  const secure = await wssServer(t);
  const plain = createHttpServer();
  plain.on('upgrade', (_request, socket) => socket.end(`HTTP/1.1 301 Moved Permanently\r\nLocation: ${secure}\r\nContent-Length: 0\r\n\r\n`));
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  t.after(() => plain.close());
  const connection = await open(t, `ws://127.0.0.1:${(plain.address() as AddressInfo).port}/`, {
    followRedirects: true,
    tls: { caFile: pki.path('ca.pem') },
    proxy: { proxy: proxy.url, bypassLoopback: false },
  });
  assert.equal(await echo(connection), 'over tls');
  assert.deepEqual(proxy.seen.map((s) => s.authority), [`127.0.0.1:${(plain.address() as AddressInfo).port}`, new URL(secure).host]);
});

test('mutual TLS end to end: a server that requires a client certificate gets the one configured', async (t) => {
  const server = createServer({ cert: pki.read('server.pem'), key: pki.read('server.key'), requestCert: true, rejectUnauthorized: true, ca: pki.read('client-ca.pem') });
  const subjects: string[] = [];
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, request) => {
    subjects.push(String((request.socket as TLSSocket).getPeerCertificate().subject?.CN));
    ws.on('message', (data) => ws.send(data));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.close();
  });
  const url = `wss://localhost:${(server.address() as AddressInfo).port}/`;
  const connection = await open(t, url, { tls: { caFile: pki.path('ca.pem'), certFile: pki.path('client.pem'), keyFile: pki.path('client.key') } });
  assert.equal(await echo(connection), 'over tls');
  assert.deepEqual(subjects, ['Socket Lens Test Client']);
  const without = new ClientConnection({ url: new URL(url), tls: { caFile: pki.path('ca.pem') } });
  t.after(() => without.dispose());
  await assert.rejects(without.connect(), (e: SocketLensError) => (e.code === 'connection/tls' || e.code === 'connection/network') && /client certificate/.test(e.message));
});
