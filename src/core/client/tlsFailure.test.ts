import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type PeerCertificate } from 'node:tls';
import { createTestPki, type TestPki } from '../testing/testCertificates';
import { describeTlsFailure, isTlsFailure, watchPeerCertificate } from './tlsFailure';

let pki: TestPki;
before(() => (pki = createTestPki()));
after(() => pki.dispose());

function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

// What Node raises for each, copied from real failures (TLS 1.2 alerts arrive as EPROTO).
const HANDSHAKE_FAILURE = nodeError('EPROTO', 'write EPROTO 801C04AF397F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 40');
const UNKNOWN_CA = nodeError('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'error:0A000418:SSL routines::tlsv1 alert unknown ca');
const WRONG_VERSION = nodeError('EPROTO', 'write EPROTO error:0A00010B:SSL routines:ssl3_get_record:wrong version number');
const CERTIFICATE: PeerCertificate = {
  subject: { CN: 'api.example.com', O: 'Example' },
  issuer: { CN: 'Example Issuing CA' },
  valid_from: 'Jan  1 00:00:00 2025 GMT',
  valid_to: 'Jan  1 00:00:00 2026 GMT',
  subjectaltname: 'DNS:api.example.com',
  fingerprint256: 'AA:BB',
} as PeerCertificate;

test('isTlsFailure tells TLS errors from network and protocol ones', () => {
  for (const error of [HANDSHAKE_FAILURE, UNKNOWN_CA, WRONG_VERSION, nodeError('CERT_HAS_EXPIRED', 'certificate has expired'), nodeError('ERR_TLS_CERT_ALTNAME_INVALID', 'x')]) {
    assert.equal(isTlsFailure(error), true, error.message);
  }
  for (const error of [nodeError('ECONNREFUSED', 'connect ECONNREFUSED'), nodeError('EPROTO', 'some other protocol error'), new Error('Unexpected server response: 404'), 'text']) {
    assert.equal(isTlsFailure(error), false, String(error));
  }
});

test('a handshake failure alert points at a missing client certificate, unless one was given', () => {
  const none = describeTlsFailure(HANDSHAKE_FAILURE, undefined, { where: 'api.example.com:443' });
  assert.equal(none.code, 'connection/tls');
  assert.equal(none.message, 'TLS handshake with api.example.com:443 failed (EPROTO). The server refused the handshake: most often it requires a client certificate (set certFile and keyFile, or pfxFile and passphrase); otherwise it shares no TLS version or cipher with Socket Lens.');
  const given = describeTlsFailure(HANDSHAKE_FAILURE, undefined, { clientCertificate: true });
  assert.match(given.message, /it may not accept the client certificate/);
});

test('a rejected client certificate, and a reset right after the handshake', () => {
  assert.match(describeTlsFailure(UNKNOWN_CA).message, /\(ERR_SSL_TLSV1_ALERT_UNKNOWN_CA\)\. The server rejected the client certificate\. Check that it was issued by a CA the server trusts/);
  const reset = nodeError('ECONNRESET', 'socket hang up');
  assert.match(describeTlsFailure(reset, CERTIFICATE, { clientCertificate: true }).message, /closed the connection right after the handshake\. It may have rejected the client certificate/);
  assert.match(describeTlsFailure(reset, CERTIFICATE).message, /If it requires a client certificate, set certFile/);
  assert.equal(describeTlsFailure(reset).message, 'TLS handshake failed (ECONNRESET): socket hang up. Check that the server speaks TLS on this port and how it is configured.', 'without a certificate the handshake may not have happened');
});

test('messages use the names the settings have where the person sets them', () => {
  const names = { caFile: 'socketLens.tls.caFile', insecure: 'socketLens.tls.insecure', serverName: 'socketLens.tls.serverName' };
  const unknown = describeTlsFailure(nodeError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate'), CERTIFICATE, { names });
  assert.match(unknown.message, /Certificate: "CN=api\.example\.com, O=Example" issued by "CN=Example Issuing CA", valid Jan {2}1 00:00:00 2025 GMT to Jan {2}1 00:00:00 2026 GMT, for DNS:api\.example\.com\./);
  assert.match(unknown.message, /add its certificate with socketLens\.tls\.caFile; .*use socketLens\.tls\.insecure only for testing\.$/);
  const altname = Object.assign(nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), { host: 'example.com', cert: CERTIFICATE });
  assert.match(describeTlsFailure(altname, undefined, { names }).message, /not valid for "example\.com"\. Certificate: "CN=api\.example\.com.*set socketLens\.tls\.serverName/);
});

test('not yet valid asks to check the clock', () => {
  assert.match(describeTlsFailure(nodeError('CERT_NOT_YET_VALID', 'certificate is not yet valid'), CERTIFICATE).message, /is not valid yet \(from Jan {2}1 00:00:00 2025 GMT\)\..* Check this computer's clock/);
});

test("watchPeerCertificate keeps the certificate of a server that fails verification (pins TLSSocket's 'secure' event)", async (t) => {
  const server = createServer({ cert: pki.read('self-signed.pem'), key: pki.read('self-signed.key') }, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const socket = connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', servername: 'localhost' });
  t.after(() => socket.destroy());
  const peer = watchPeerCertificate(socket);
  const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
  assert.equal((error as Error & { code?: string }).code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  assert.equal(socket.getPeerCertificate(), null, 'after the failure Node no longer has the certificate');
  assert.equal(peer()?.subject.CN, 'localhost');
  assert.match(describeTlsFailure(error, peer()).message, /self-signed and not trusted\. Certificate: "CN=localhost"/);
});
