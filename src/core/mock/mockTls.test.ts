import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClientConnection } from '../client/clientConnection';
import type { TlsSettings } from '../client/tlsOptions';
import type { SocketLensError } from '../errors';
import { connectTo, until } from '../testing/clientTesting';
import { createTestPki, type TestPki } from '../testing/testCertificates';
import type { MockDefinition, MockTls } from './mockDefinition';
import { MockServer, type MockEvent } from './mockServer';

let pki: TestPki;
before(() => {
  pki = createTestPki();
  // Test-only openssl: a PKCS#12 server identity and an encrypted key, from the PKI's server certificate.
  const openssl = (...args: string[]) => execFileSync('/usr/bin/openssl', args, { cwd: pki.dir, stdio: 'ignore' });
  openssl('pkcs12', '-export', '-inkey', 'server.key', '-in', 'server.pem', '-out', 'server.p12', '-passout', 'pass:p12 secret');
  openssl('pkey', '-in', 'server.key', '-aes256', '-passout', 'pass:key secret', '-out', 'server-encrypted.key');
});
after(() => pki.dispose());

const ECHO = [{ path: '/echo' }];

async function mock(t: TestContext, tls: MockTls, extra: Partial<MockDefinition> = {}): Promise<MockServer> {
  const server = await MockServer.start({ definition: { tls, paths: ECHO, ...extra }, baseDir: pki.dir });
  t.after(() => server.close());
  return server;
}

async function echo(t: TestContext, url: string, tls: TlsSettings): Promise<string> {
  const connection = await connectTo(t, url, { tls });
  connection.sendText('over wss');
  await until(connection, () => connection.log.length === 2);
  return Buffer.from(connection.log.get(2)!.payload).toString();
}

function startError(tls: MockTls): Promise<SocketLensError> {
  return MockServer.start({ definition: { tls, paths: ECHO }, baseDir: pki.dir }).then(
    async (server) => {
      await server.close();
      throw new Error('the mock started');
    },
    (error: SocketLensError) => error,
  );
}

test('self-signed: wss:// with a certificate made at start, trusted through its PEM for 127.0.0.1 and localhost, refused without it', async (t) => {
  const server = await mock(t, { selfSigned: true, hosts: ['mock.test'] });
  assert.match(server.url, /^wss:\/\/127\.0\.0\.1:\d+$/);
  const certificate = server.certificate!;
  assert.equal(certificate.selfSigned, true);
  const x509 = new X509Certificate(certificate.pem);
  assert.equal(x509.fingerprint256, certificate.fingerprint256);
  assert.equal(x509.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:mock.test');
  const caFile = join(pki.dir, 'mock-cert.pem');
  writeFileSync(caFile, certificate.pem);

  assert.equal(await echo(t, `${server.url}/echo`, { caFile }), 'over wss');
  assert.equal(await echo(t, `${server.url.replace('127.0.0.1', 'localhost')}/echo`, { caFile }), 'over wss');
  assert.equal(await echo(t, `${server.url}/echo`, { caFile, serverName: 'mock.test' }), 'over wss', 'an extra name from "hosts"');
  const refused = new ClientConnection({ url: new URL(`${server.url}/echo`) });
  t.after(() => refused.dispose());
  const tlsFailed = new Promise<MockEvent>((resolve) => server.onDidEvent((event) => event.type === 'tls-failed' && resolve(event)));
  await assert.rejects(refused.connect(), (e: SocketLensError) => e.code === 'connection/tls' && /DEPTH_ZERO_SELF_SIGNED_CERT/.test(e.message) && /self-signed/.test(e.message));
  const failure = (await tlsFailed) as Extract<MockEvent, { type: 'tls-failed' }>;
  assert.match(failure.remote, /^127\.0\.0\.1:\d+$/);
  assert.match(failure.reason, /^the client (refused the certificate|hung up during the TLS handshake).*does not trust/, 'the mock says why the client went away');
  assert.equal(await echo(t, `${server.url}/echo`, { insecure: true }), 'over wss');
});

test('each start makes a new certificate; a reload keeps TLS as started', async (t) => {
  const a = await mock(t, { selfSigned: true });
  const b = await mock(t, { selfSigned: true });
  assert.notEqual(a.certificate!.fingerprint256, b.certificate!.fingerprint256);
  a.reload({ paths: ECHO });
  assert.match(a.url, /^wss:/);
  const caFile = join(pki.dir, 'reloaded.pem');
  writeFileSync(caFile, a.certificate!.pem);
  assert.equal(await echo(t, `${a.url}/echo`, { caFile }), 'over wss');
});

test('certificate and key files, relative to the definition\'s folder; a client that trusts their CA connects', async (t) => {
  const server = await mock(t, { certFile: 'server.pem', keyFile: 'server.key' });
  assert.equal(server.certificate?.selfSigned, false);
  assert.equal(server.certificate?.fingerprint256, new X509Certificate(pki.read('server.pem')).fingerprint256);
  assert.equal(await echo(t, `${server.url}/echo`, { caFile: pki.path('ca.pem') }), 'over wss');
  const encrypted = await mock(t, { certFile: 'server.pem', keyFile: 'server-encrypted.key', passphrase: 'key secret' });
  assert.equal(await echo(t, `${encrypted.url}/echo`, { caFile: pki.path('ca.pem') }), 'over wss');
});

test('a PKCS#12 file with its passphrase', async (t) => {
  const server = await mock(t, { pfxFile: 'server.p12', passphrase: 'p12 secret' });
  assert.equal(server.certificate, undefined, 'Node shows a PKCS#12 certificate only to clients');
  assert.equal(await echo(t, `${server.url.replace('127.0.0.1', 'localhost')}/echo`, { caFile: pki.path('ca.pem') }), 'over wss');
});

test('files that are missing, swapped, mismatched or locked are mock/tls errors that name the file and what to do', async () => {
  const missing = await startError({ certFile: 'nope/server.pem', keyFile: 'server.key' });
  assert.equal(missing.code, 'mock/tls');
  assert.equal(missing.message, `The mock's TLS settings: tls.certFile is "nope/server.pem": ${join(pki.dir, 'nope/server.pem')} does not exist. Check the path; a relative one starts at the definition file's folder (${pki.dir}).`);
  assert.match((await startError({ certFile: 'server.pem', keyFile: '.' })).message, /tls\.keyFile is "\.": .* is a folder, not a file\./);
  assert.match((await startError({ certFile: 'server.key', keyFile: 'server.pem' })).message, /tls\.certFile \(.*server\.key\) holds PRIVATE KEY, not a certificate\. Did you swap "certFile" and "keyFile"\?/);
  assert.match((await startError({ certFile: 'server.pem', keyFile: 'self-signed.key' })).message, /tls\.keyFile \(.*self-signed\.key\) is not the private key of tls\.certFile \(.*server\.pem\)\. Give the key the certificate was made for\.$/);
  assert.match((await startError({ certFile: 'server.pem', keyFile: 'server-encrypted.key' })).message, /tls\.keyFile \(.*\) is encrypted and it needs "passphrase" in "tls"\.$/);
  assert.match((await startError({ certFile: 'server.pem', keyFile: 'server-encrypted.key', passphrase: 'guess' })).message, /is encrypted and the "passphrase" is wrong\.$/);
  assert.match((await startError({ pfxFile: 'server.p12', passphrase: 'guess' })).message, /tls\.pfxFile \(.*server\.p12\) could not be opened: the "passphrase" is wrong\.$/);
  assert.match((await startError({ pfxFile: 'server.pem' })).message, /tls\.pfxFile \(.*server\.pem\) is a PEM file, not PKCS#12/);
});

test('a bound host no certificate can name is a mock/tls error, not a crash', async () => {
  const error = await MockServer.start({ definition: { tls: { selfSigned: true }, paths: ECHO }, host: 'bücher.test' }).catch((e: SocketLensError) => e);
  assert.equal((error as SocketLensError).code, 'mock/tls');
  assert.match((error as SocketLensError).message, /no self-signed certificate could be made for bücher\.test: "bücher\.test" is not a DNS name a certificate can hold: write it in ASCII/);
});
