import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPem, pemBlocks, type TlsFile } from './tlsFiles';

const file = (bytes: Buffer): TlsFile => ({ code: 'mock/tls', label: 'tls.keyFile (/k.der)', path: '/k.der', bytes });

test('pemBlocks finds each block with its type, and nothing in other text', () => {
  const pem = Buffer.from('junk\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n-----BEGIN EC PRIVATE KEY-----\nBBBB\n-----END EC PRIVATE KEY-----\n');
  assert.deepEqual(pemBlocks(pem).map((b) => b.type), ['CERTIFICATE', 'EC PRIVATE KEY']);
  assert.deepEqual(pemBlocks(Buffer.from('just notes')), []);
});

test('checkPem: any PRIVATE KEY block is a key; DER gets the openssl command for its kind', () => {
  checkPem(file(Buffer.from('-----BEGIN RSA PRIVATE KEY-----\nA\n-----END RSA PRIVATE KEY-----')), 'PRIVATE KEY', 'a private key');
  assert.throws(() => checkPem(file(Buffer.from([0x30, 0x82, 0x01])), 'PRIVATE KEY', 'a private key'), {
    code: 'mock/tls',
    message: 'The mock\'s TLS settings: tls.keyFile (/k.der) is not a PEM file: it should contain a private key between "-----BEGIN" and "-----END" lines. It looks like binary DER; convert it with "openssl pkey -inform der -in /k.der -out key.pem".',
  });
});
