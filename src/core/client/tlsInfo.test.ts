import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, createServer, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { commonName, readTlsInfo } from './tlsInfo';

const fixtures = join(import.meta.dirname, 'fixtures');
const cert = readFileSync(join(fixtures, 'localhost-cert.pem'));
const key = readFileSync(join(fixtures, 'localhost-key.pem'));

test('reads protocol, cipher, ALPN and the certificate chain of a TLS connection', async (t) => {
  const server = createServer({ cert, key, ALPNProtocols: ['http/1.1'] }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const socket: TLSSocket = connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', servername: 'localhost', ca: cert, ALPNProtocols: ['http/1.1'] });
  t.after(() => socket.destroy());
  await new Promise((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
  const info = readTlsInfo(socket);
  assert.match(info.protocol, /^TLSv1\.[23]$/);
  assert.ok(info.cipher.length > 0);
  assert.equal(info.alpnProtocol, 'http/1.1');
  assert.equal(info.authorized, true);
  assert.equal(info.certificates.length, 1, 'a self-signed certificate is its own issuer');
  assert.equal(commonName(info.certificates[0]!.subject), '127.0.0.1');
  assert.match(info.certificates[0]!.subjectAltName ?? '', /DNS:localhost/);
  assert.match(info.certificates[0]!.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
});
