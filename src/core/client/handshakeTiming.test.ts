import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { connectTo, wsServer } from '../testing/clientTesting';
import { startConnectProxy } from '../testing/connectProxy';
import { createTestPki, type TestPki } from '../testing/testCertificates';
import { ClientConnection } from './clientConnection';
import type { ConnectionSnapshot, HandshakeTiming, LifecycleKind } from './connectionTypes';

let pki: TestPki;
before(() => (pki = createTestPki()));
after(() => pki.dispose());

async function wssServer(t: TestContext): Promise<number> {
  const server = createServer({ cert: pki.read('server.pem'), key: pki.read('server.key') });
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.close();
  });
  return (server.address() as AddressInfo).port;
}

function timingOf(snapshot: ConnectionSnapshot): HandshakeTiming {
  const timing = snapshot.handshake.timing;
  assert.ok(timing, 'the handshake has its timing');
  return timing;
}

/** The time of the last lifecycle event of `kind`. */
function eventTime(snapshot: ConnectionSnapshot, kind: LifecycleKind): number | undefined {
  return [...snapshot.lifecycle].reverse().find((e) => e.kind === kind)?.time;
}

/** Every step's time is the time of its lifecycle event, and the steps come in wire order. */
function assertInOrder(snapshot: ConnectionSnapshot, steps: ReadonlyArray<[keyof HandshakeTiming, LifecycleKind]>): void {
  const timing = timingOf(snapshot);
  let previous = timing.start;
  assert.ok(eventTime(snapshot, 'connecting')! <= previous, 'the socket starts after the attempt');
  for (const [step, kind] of steps) {
    const time = timing[step] as number | undefined;
    assert.equal(time, eventTime(snapshot, kind), `${step} is when ${kind} was recorded`);
    assert.ok(time! >= previous, `${step} comes after the step before it`);
    previous = time!;
  }
}

test('ws:// to an IP address: no DNS and no TLS, TCP then the upgrade, timed from the moment the socket starts', async (t) => {
  const connection = await connectTo(t, await wsServer(t, {}, () => {}));
  const snapshot = connection.snapshot();
  const timing = timingOf(snapshot);
  assert.deepEqual([timing.secure, timing.ipLiteral, timing.proxied], [false, true, false]);
  assert.equal(timing.dnsResolved, undefined);
  assert.equal(timing.tlsEstablished, undefined);
  assertInOrder(snapshot, [['tcpConnected', 'tcp-connected'], ['upgradeSent', 'upgrade-sent'], ['responseReceived', 'upgrade-response']]);
});

test('ws:// to a name: the DNS lookup is timed from the socket start, and its lifecycle detail says the same duration', async (t) => {
  const url = (await wsServer(t, {}, () => {})).replace('127.0.0.1', 'localhost');
  const snapshot = (await connectTo(t, url)).snapshot();
  const timing = timingOf(snapshot);
  assert.equal(timing.ipLiteral, false);
  assertInOrder(snapshot, [['dnsResolved', 'dns-resolved'], ['tcpConnected', 'tcp-connected'], ['upgradeSent', 'upgrade-sent'], ['responseReceived', 'upgrade-response']]);
  const detail = snapshot.lifecycle.find((e) => e.kind === 'dns-resolved')?.detail ?? '';
  assert.match(detail, new RegExp(`in ${(timing.dnsResolved! - timing.start).toFixed(1)} ms$`));
});

/** The test CA after a few hundred others: building a secure context from it takes tens of milliseconds. */
function bigCaBundle(): string {
  const path = pki.path('bundle.pem');
  const ca = pki.read('ca.pem').toString();
  writeFileSync(path, ca.repeat(300));
  return path;
}

test('wss:// with a large CA file: TLS is timed after TCP, and building the context before the socket is not counted as DNS', async (t) => {
  const port = await wssServer(t);
  const snapshot = (await connectTo(t, `wss://localhost:${port}/`, { tls: { caFile: bigCaBundle() } })).snapshot();
  const timing = timingOf(snapshot);
  assert.equal(timing.secure, true);
  assertInOrder(snapshot, [['dnsResolved', 'dns-resolved'], ['tcpConnected', 'tcp-connected'], ['tlsEstablished', 'tls-established'], ['upgradeSent', 'upgrade-sent'], ['responseReceived', 'upgrade-response']]);
  // Building the secure context takes a while; a lookup of localhost does not.
  const context = timing.start - eventTime(snapshot, 'connecting')!;
  const dns = timing.dnsResolved! - timing.start;
  assert.ok(dns < context, `DNS took ${dns.toFixed(1)} ms, longer than building the TLS context before it (${context.toFixed(1)} ms)`);
});

test('through a proxy: TCP to the proxy, then its answer to CONNECT, then TLS through the tunnel', async (t) => {
  const port = await wssServer(t);
  const proxy = await startConnectProxy();
  t.after(() => proxy.close());
  const options = { tls: { caFile: pki.path('ca.pem') }, proxy: { proxy: proxy.url, bypassLoopback: false } };
  const snapshot = (await connectTo(t, `wss://localhost:${port}/`, options)).snapshot();
  const timing = timingOf(snapshot);
  assert.equal(timing.proxied, true);
  assert.equal(timing.dnsResolved, undefined, 'the proxy resolves the name');
  assertInOrder(snapshot, [['tcpConnected', 'proxy-tcp-connected'], ['proxyConnected', 'proxy-connected'], ['tlsEstablished', 'tls-established'], ['responseReceived', 'upgrade-response']]);
});

test('a rejected upgrade: the response is timed when its head arrived, not after its body was read', async (t) => {
  const server = createHttpServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (_request, socket) => {
    socket.write('HTTP/1.1 403 Forbidden\r\nContent-Length: 7\r\n\r\nno');
    setTimeout(() => socket.end('t now'), 60);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const connection = new ClientConnection({ url: new URL(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`) });
  t.after(() => connection.dispose());
  await assert.rejects(connection.connect());
  const snapshot = connection.snapshot();
  const timing = timingOf(snapshot);
  assert.equal(timing.responseReceived, eventTime(snapshot, 'upgrade-response'));
  assert.ok(timing.responseReceived! - timing.upgradeSent! < 50, `the 403's head came at once, not after the body (${timing.responseReceived! - timing.upgradeSent!} ms)`);
  assert.equal(snapshot.handshake.response?.body, 'not now');
});
