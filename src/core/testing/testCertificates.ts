import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The passphrase of `client.p12`. */
export const TEST_PFX_PASSPHRASE = 'correct horse battery staple';

/**
 * Certificates made fresh by the `openssl` CLI for TLS tests, in a temp directory:
 * - `ca.pem`: a private CA; `server.pem`/`server.key`: CN=localhost, SANs localhost and 127.0.0.1, signed by it;
 * - `expired.pem`/`expired.key`: the same names, signed by the CA, valid only during 2020;
 * - `self-signed.pem`/`self-signed.key`: localhost and 127.0.0.1, its own issuer;
 * - `client-ca.pem`: a second CA; `client.pem`/`client.key`/`client.p12`: a client certificate it signed.
 * Generated rather than checked in so nothing expires in the repository; EC keys keep it fast.
 */
export interface TestPki {
  readonly dir: string;
  path(name: string): string;
  read(name: string): Buffer;
  dispose(): void;
}

// Our own config, so the result never depends on the system's openssl.cnf.
const CONFIG = `
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ server_ext ]
basicConstraints = CA:FALSE
subjectAltName = DNS:localhost, IP:127.0.0.1
extendedKeyUsage = serverAuth
[ client_ext ]
basicConstraints = CA:FALSE
extendedKeyUsage = clientAuth
[ ca ]
default_ca = test_ca
[ test_ca ]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any_name
unique_subject = no
[ any_name ]
commonName = supplied
`;

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'socket-lens-pki-'));
  const openssl = (...args: string[]) => execFileSync('/usr/bin/openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(join(dir, 'openssl.cnf'), CONFIG);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-config', 'openssl.cnf'];
  const selfSigned = (name: string, subject: string, extensions: string) =>
    openssl('req', '-x509', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '30', '-subj', subject, '-extensions', extensions);
  // `openssl ca` rather than `x509 -req`: only it takes explicit validity dates (OpenSSL 3.0).
  const signed = (name: string, subject: string, caName: string, extensions: string, dates: string[] = ['-days', '30']) => {
    openssl('req', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl('ca', '-batch', '-config', 'openssl.cnf', '-cert', `${caName}.pem`, '-keyfile', `${caName}.key`, '-in', `${name}.csr`, '-out', `${name}.pem`, '-extensions', extensions, '-notext', ...dates);
  };
  selfSigned('ca', '/CN=Socket Lens Test CA', 'ca_ext');
  selfSigned('client-ca', '/CN=Socket Lens Test Client CA', 'ca_ext');
  selfSigned('self-signed', '/CN=localhost', 'server_ext');
  signed('server', '/CN=localhost', 'ca', 'server_ext');
  signed('expired', '/CN=localhost', 'ca', 'server_ext', ['-startdate', '20200101000000Z', '-enddate', '20201231000000Z']);
  signed('client', '/CN=Socket Lens Test Client', 'client-ca', 'client_ext');
  openssl('pkcs12', '-export', '-inkey', 'client.key', '-in', 'client.pem', '-out', 'client.p12', '-passout', `pass:${TEST_PFX_PASSPHRASE}`);
  return {
    dir,
    path: (name) => join(dir, name),
    read: (name) => readFileSync(join(dir, name)),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
