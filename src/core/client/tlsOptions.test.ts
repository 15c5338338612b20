import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type ServerOptions } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { rootCertificates, type TLSSocket } from 'node:tls';
import WebSocket, { WebSocketServer } from 'ws';
import { SocketLensError } from '../errors';
import { createTestPki, TEST_PFX_PASSPHRASE, type TestPki } from '../testing/testCertificates';
import { describeTlsFailure, watchPeerCertificate } from './tlsFailure';
import { loadTlsOptions, type TlsConnectionOptions, type TlsSettings } from './tlsOptions';

let pki: TestPki;
before(() => (pki = createTestPki()));
after(() => pki.dispose());

async function listen(t: TestContext, server: Server): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return (server.address() as AddressInfo).port;
}

/** A wss echo server; `clients` collects the CN of each client certificate it accepted. */
async function wssServer(t: TestContext, certificate: string, extra: ServerOptions = {}) {
  const server = createServer({ cert: pki.read(`${certificate}.pem`), key: pki.read(`${certificate}.key`), ...extra });
  const wss = new WebSocketServer({ server });
  const clients: string[] = [];
  wss.on('connection', (ws, request) => {
    const peer = (request.socket as TLSSocket).getPeerCertificate();
    if (peer?.subject) clients.push(String(peer.subject.CN));
    ws.on('message', (data) => ws.send(data));
  });
  // A client that gives up mid-handshake is the point of some tests, not an error of the server.
  server.on('tlsClientError', () => undefined);
  t.after(() => wss.close());
  return { port: await listen(t, server), clients };
}

/**
 * Connects as the client connection will once wired: TLS options spread into ws's options, the
 * peer certificate watched from the request's socket, a failure described by describeTlsFailure.
 */
function connect(t: TestContext, url: string, options: TlsConnectionOptions): Promise<string | SocketLensError> {
  let peer: ReturnType<typeof watchPeerCertificate> = () => undefined;
  const ws = new WebSocket(url, {
    ...options,
    finishRequest: (request) => {
      request.once('socket', (socket) => (peer = watchPeerCertificate(socket)));
      request.end();
    },
  });
  t.after(() => ws.terminate());
  const clientCertificate = Boolean(options.cert || options.pfx);
  return new Promise((resolve) => {
    ws.once('open', () => ws.send('ping'));
    ws.once('message', (data) => resolve(String(data)));
    ws.once('error', (error) => resolve(describeTlsFailure(error, peer(), { where: new URL(url).host, clientCertificate, names: { caFile: '--ca' } })));
  });
}

function failed(result: string | SocketLensError): SocketLensError {
  assert.ok(result instanceof SocketLensError, `expected the connection to fail, it answered ${String(result)}`);
  assert.equal(result.code, 'connection/tls');
  return result;
}

const load = (settings: TlsSettings) => loadTlsOptions(settings);

test('verification is on by default: a certificate from an unknown CA is refused, named, with what to do', async (t) => {
  const { port } = await wssServer(t, 'server');
  const options = await load({});
  assert.equal(options.rejectUnauthorized, true);
  assert.equal(options.ca, undefined, 'without a CA file Node keeps its own roots');
  const error = failed(await connect(t, `wss://127.0.0.1:${port}/`, options));
  assert.match(error.message, /^TLS handshake with 127\.0\.0\.1:\d+ failed \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\./);
  assert.match(error.message, /The server's certificate was issued by a CA that is not trusted/);
  assert.match(error.message, /Certificate: "CN=localhost" issued by "CN=Socket Lens Test CA", valid .* to .*, for DNS:localhost, IP Address:127\.0\.0\.1\./);
  assert.match(error.message, /add its certificate with --ca; .*; use insecure only for testing\.$/);
});

test('a CA file is added to the default roots and makes the certificate trusted', async (t) => {
  const { port } = await wssServer(t, 'server');
  const options = await load({ caFile: pki.path('ca.pem') });
  assert.equal(options.ca?.length, rootCertificates.length + 1);
  assert.ok(options.ca?.includes(rootCertificates[0]!), 'the public roots are still trusted');
  assert.equal(await connect(t, `wss://127.0.0.1:${port}/`, options), 'ping');
});

test('insecure connects to an untrusted server', async (t) => {
  const { port } = await wssServer(t, 'self-signed');
  const options = await load({ insecure: true });
  assert.equal(options.rejectUnauthorized, false);
  assert.equal(await connect(t, `wss://127.0.0.1:${port}/`, options), 'ping');
});

test('a self-signed certificate is refused with its fingerprint', async (t) => {
  const { port } = await wssServer(t, 'self-signed');
  const error = failed(await connect(t, `wss://127.0.0.1:${port}/`, await load({})));
  assert.match(error.message, /\(DEPTH_ZERO_SELF_SIGNED_CERT\)\. The server's certificate is self-signed and not trusted\. Certificate: "CN=localhost" issued by "CN=localhost"/);
  assert.match(error.message, /SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}; compare it before trusting\. If you trust it, add this certificate with --ca/);
});

test('a chain that ends in an untrusted root names that root', async (t) => {
  const server = createServer({ cert: Buffer.concat([pki.read('server.pem'), pki.read('ca.pem')]), key: pki.read('server.key') });
  const wss = new WebSocketServer({ server });
  t.after(() => wss.close());
  const port = await listen(t, server);
  const error = failed(await connect(t, `wss://127.0.0.1:${port}/`, await load({})));
  assert.match(error.message, /\(SELF_SIGNED_CERT_IN_CHAIN\)\. The server's certificate chains up to a root CA that is not trusted: "CN=Socket Lens Test CA"\. Certificate: "CN=localhost"/);
  assert.match(error.message, /If you trust that CA, add its certificate with --ca/);
});

test('serverName: a name the certificate lists is accepted, another one is explained', async (t) => {
  const { port } = await wssServer(t, 'server');
  const named = await load({ caFile: pki.path('ca.pem'), serverName: 'localhost' });
  assert.equal(named.servername, 'localhost');
  assert.equal(await connect(t, `wss://127.0.0.1:${port}/`, named), 'ping');
  const error = failed(await connect(t, `wss://127.0.0.1:${port}/`, await load({ caFile: pki.path('ca.pem'), serverName: 'wrong.example' })));
  assert.match(error.message, /\(ERR_TLS_CERT_ALTNAME_INVALID\)\. The server's certificate is not valid for "wrong\.example"\. Certificate: "CN=localhost" .*, for DNS:localhost, IP Address:127\.0\.0\.1\./);
  assert.match(error.message, /set serverName to the name the server should present/);
});

test('an expired certificate says when it expired', async (t) => {
  const { port } = await wssServer(t, 'expired');
  const error = failed(await connect(t, `wss://127.0.0.1:${port}/`, await load({ caFile: pki.path('ca.pem') })));
  assert.match(error.message, /\(CERT_HAS_EXPIRED\)\. The server's certificate has expired \(on Dec 31 00:00:00 2020 GMT\)\. Certificate: "CN=localhost" .*\. The server must renew it/);
});

test('a server that does not speak TLS is explained', async (t) => {
  const port = await listen(t, createHttpServer((_request, response) => response.end('plain')));
  const error = failed(await connect(t, `wss://127.0.0.1:${port}/`, await load({})));
  assert.match(error.message, /did not answer in TLS.*Use ws:\/\/ instead of wss:\/\//);
});

test('mutual TLS: accepted with cert and key, accepted with PFX and passphrase, refused without', async (t) => {
  const { port, clients } = await wssServer(t, 'server', { requestCert: true, rejectUnauthorized: true, ca: pki.read('client-ca.pem') });
  const url = `wss://127.0.0.1:${port}/`;
  const caFile = pki.path('ca.pem');
  const pem = await load({ caFile, certFile: pki.path('client.pem'), keyFile: pki.path('client.key') });
  assert.equal(await connect(t, url, pem), 'ping');
  const pfx = await load({ caFile, pfxFile: pki.path('client.p12'), passphrase: TEST_PFX_PASSPHRASE });
  assert.equal(await connect(t, url, pfx), 'ping');
  assert.deepEqual(clients, ['Socket Lens Test Client', 'Socket Lens Test Client']);

  const error = failed(await connect(t, url, await load({ caFile })));
  assert.match(error.message, /requires a client certificate|If it requires a client certificate/);
  assert.match(error.message, /set certFile and keyFile, or pfxFile and passphrase/);
});

async function configError(settings: TlsSettings, names?: Parameters<typeof loadTlsOptions>[1]): Promise<string> {
  const error = await loadTlsOptions(settings, names).then(
    () => assert.fail('expected a TLS settings error'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SocketLensError);
  assert.equal(error.code, 'connection/tls-config');
  return error.message;
}

test('a wrong or missing PFX passphrase is reported before connecting', async () => {
  assert.equal(await configError({ pfxFile: pki.path('client.p12'), passphrase: 'wrong' }), `TLS settings: pfxFile (${pki.path('client.p12')}) could not be opened: the passphrase is wrong.`);
  assert.match(await configError({ pfxFile: pki.path('client.p12') }, { passphrase: 'socketLens.tls.passphrase' }), /the passphrase is missing: set socketLens\.tls\.passphrase/);
});

test('a missing file names the setting and the path', async () => {
  const missing = pki.path('nope.pem');
  assert.equal(await configError({ caFile: missing }), `TLS settings: caFile points to ${missing}, which does not exist. Check the path.`);
  assert.match(await configError({ certFile: pki.dir, keyFile: pki.path('client.key') }, { certFile: '--cert' }), /--cert points to .*, which is a directory, not a file/);
});

test('cert and key come as a pair, and not together with a PFX', async () => {
  assert.match(await configError({ certFile: pki.path('client.pem') }), /certFile is set but keyFile is not/);
  assert.match(await configError({ keyFile: pki.path('client.key') }), /keyFile is set but certFile is not/);
  assert.match(await configError({ pfxFile: pki.path('client.p12'), certFile: pki.path('client.pem'), keyFile: pki.path('client.key') }), /Both pfxFile and certFile are set/);
});

test('files in the wrong format, swapped, or not belonging together', async () => {
  const text = pki.path('notes.txt');
  writeFileSync(text, 'just some notes\n');
  assert.match(await configError({ caFile: text }), /caFile \(.*notes\.txt\) is not a PEM file: it should contain CA certificates between "-----BEGIN" and "-----END" lines\.$/);
  const der = pki.path('ca.der');
  writeFileSync(der, Buffer.from(pki.read('ca.pem').toString().replace(/-----[^-]+-----|\s/g, ''), 'base64'));
  assert.match(await configError({ caFile: der }), /looks like binary DER; convert it with "openssl x509 -inform der/);
  const damaged = pki.path('damaged.pem');
  writeFileSync(damaged, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  assert.match(await configError({ caFile: damaged }), /certificate 1 of 1 is damaged/);
  assert.match(await configError({ certFile: pki.path('client.key'), keyFile: pki.path('client.pem') }), /holds PRIVATE KEY, not the client certificate; did you swap certFile and keyFile\?/);
  assert.match(await configError({ certFile: pki.path('client.pem'), keyFile: pki.path('server.key') }), /keyFile \(.*server\.key\) is not the private key of certFile/);
  assert.match(await configError({ pfxFile: pki.path('client.pem') }), /is a PEM file, not PKCS#12/);
});

test('an encrypted key needs its passphrase', async () => {
  const { execFileSync } = await import('node:child_process');
  execFileSync('/usr/bin/openssl', ['pkey', '-in', pki.path('client.key'), '-aes256', '-passout', 'pass:key secret', '-out', pki.path('encrypted.key')]);
  const settings = { certFile: pki.path('client.pem'), keyFile: pki.path('encrypted.key') };
  assert.match(await configError(settings), /keyFile \(.*\) is encrypted and the passphrase is missing: set passphrase/);
  assert.match(await configError({ ...settings, passphrase: 'nope' }), /is encrypted and the passphrase is wrong/);
  const options = await loadTlsOptions({ ...settings, passphrase: 'key secret' });
  assert.equal(options.passphrase, 'key secret');
});
