import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type ConnectionOptions } from 'node:tls';
import { generateSelfSignedCertificate, type SelfSignedCertificate } from './selfSignedCertificate';

const PYTHON = '/usr/bin/python3';

test('the certificate parses, verifies with its own key, and holds the names and validity asked for', () => {
  const now = new Date('2030-06-01T12:00:00Z');
  const generated = generateSelfSignedCertificate({ hosts: ['localhost', '127.0.0.1', '::1', 'Mock.Example.test', '0:0::1'], validDays: 7, now, commonName: 'Test mock' });
  const x509 = new X509Certificate(generated.cert);
  assert.equal(x509.verify(x509.publicKey), true);
  // An end-entity certificate: OpenSSL says it did not issue itself, as its key usage allows no certificate signing.
  assert.equal(x509.checkIssued(x509), false);
  assert.equal(x509.subject, 'CN=Test mock');
  assert.equal(x509.issuer, 'CN=Test mock');
  assert.equal(x509.ca, false);
  assert.deepEqual(x509.keyUsage, ['1.3.6.1.5.5.7.3.1'], 'extended key usage: serverAuth');
  assert.equal(x509.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:mock.example.test', '::1 and 0:0::1 are one address');
  assert.equal(new Date(x509.validFrom).toISOString(), '2030-06-01T11:00:00.000Z', 'an hour back for clocks behind');
  assert.equal(new Date(x509.validTo).toISOString(), '2030-06-08T12:00:00.000Z');
  assert.equal(x509.fingerprint256, generated.fingerprint256);
  assert.equal(x509.checkHost('localhost'), 'localhost');
  assert.equal(x509.checkHost('mock.example.test'), 'mock.example.test');
  assert.equal(x509.checkHost('example.com'), undefined);
  assert.equal(x509.checkIP('127.0.0.1'), '127.0.0.1');
  assert.equal(x509.checkIP('::1'), '::1');
  assert.equal(x509.checkIP('10.0.0.1'), undefined);
  assert.equal(x509.checkPrivateKey(createPrivateKey(generated.key)), true);
  assert.equal(createPrivateKey(generated.key).asymmetricKeyDetails?.namedCurve, 'prime256v1');
});

test('each certificate has its own key and a positive random serial number', () => {
  const [a, b] = [generateSelfSignedCertificate(), generateSelfSignedCertificate()].map((g) => new X509Certificate(g.cert));
  assert.notEqual(a!.serialNumber, b!.serialNumber);
  assert.notEqual(a!.fingerprint256, b!.fingerprint256);
  assert.match(a!.serialNumber, /^[4-7][0-9A-F]{31}$/);
  assert.equal(a!.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
});

test('names a certificate cannot hold and validity out of range are refused', () => {
  assert.throws(() => generateSelfSignedCertificate({ hosts: ['bücher.example'] }), /write it in ASCII \(xn-- form/);
  assert.throws(() => generateSelfSignedCertificate({ validDays: 0 }), /validDays must be from 1 to 3650/);
});

test('a Node TLS client that trusts only this certificate accepts it for localhost and 127.0.0.1, and refuses it otherwise', async (t) => {
  const generated = generateSelfSignedCertificate();
  const port = await tlsServer(t, generated);
  assert.equal(await handshake({ port, host: '127.0.0.1', ca: generated.cert }), 'ok');
  assert.equal(await handshake({ port, host: '127.0.0.1', servername: 'localhost', ca: generated.cert }), 'ok');
  assert.equal(await handshake({ port, host: '127.0.0.1' }), 'DEPTH_ZERO_SELF_SIGNED_CERT');
  assert.equal(await handshake({ port, host: '127.0.0.1', servername: 'example.com', ca: generated.cert }), 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.equal(await handshake({ port, host: '127.0.0.1', ca: generateSelfSignedCertificate().cert }), 'DEPTH_ZERO_SELF_SIGNED_CERT', 'another self-signed certificate is no substitute');
});

test('OpenSSL through Python accepts it as a trust anchor for 127.0.0.1 and localhost, strict checks included', { skip: !existsSync(PYTHON) && `${PYTHON} is not installed` }, async (t) => {
  const generated = generateSelfSignedCertificate();
  const port = await tlsServer(t, generated);
  const dir = mkdtempSync(join(tmpdir(), 'socket-lens-selfsigned-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cafile = join(dir, 'cert.pem');
  writeFileSync(cafile, generated.cert);
  const script = `
import socket, ssl, sys
port, cafile = int(sys.argv[1]), sys.argv[2]
for host in ('127.0.0.1', 'localhost'):
    for strict in (False, True):
        ctx = ssl.create_default_context(cafile=cafile)
        if strict: ctx.verify_flags |= ssl.VERIFY_X509_STRICT
        with socket.create_connection(('127.0.0.1', port)) as raw, ctx.wrap_socket(raw, server_hostname=host) as s:
            print(host, 'strict' if strict else 'default', s.version())
try:
    with socket.create_connection(('127.0.0.1', port)) as raw, ssl.create_default_context().wrap_socket(raw, server_hostname='localhost'):
        print('untrusted accepted')
except ssl.SSLCertVerificationError as e:
    print('untrusted refused:', e.verify_message)
`;
  const output = await new Promise<string>((resolve, reject) => execFile(PYTHON, ['-c', script, String(port), cafile], (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))));
  assert.match(output, /^127\.0\.0\.1 default TLSv1\.3\n127\.0\.0\.1 strict TLSv1\.3\nlocalhost default TLSv1\.3\nlocalhost strict TLSv1\.3\nuntrusted refused: self.signed certificate\n$/);
});

async function tlsServer(t: TestContext, generated: SelfSignedCertificate): Promise<number> {
  const server = createServer({ cert: generated.cert, key: generated.key }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return (server.address() as AddressInfo).port;
}

/** "ok", or the code of the error the handshake failed with. */
function handshake(options: ConnectionOptions): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(options, () => {
      socket.destroy();
      resolve('ok');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
