import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateMockDefinition } from './validateDefinition';

const withTls = (tls: unknown) => ({ tls, paths: [{ path: '/' }] });

/** Every problem of a definition with these TLS settings, as "path: message". */
function problemsOf(tls: unknown): string[] {
  const check = validateMockDefinition(withTls(tls));
  return check.ok ? [] : check.problems.map((p) => `${p.path}: ${p.message}`);
}

test('the three forms of TLS are accepted', () => {
  for (const tls of [
    { selfSigned: true },
    { selfSigned: true, hosts: ['mock.test', '*.mock.test', '192.168.1.5', 'fe80::1'] },
    { certFile: 'certs/server.pem', keyFile: 'certs/server.key' },
    { certFile: '/etc/mock/server.pem', keyFile: 'server.key', passphrase: 'secret' },
    { pfxFile: 'server.p12', passphrase: '' },
    { pfxFile: 'server.p12' },
  ]) assert.deepEqual(problemsOf(tls), [], JSON.stringify(tls));
});

test('no form, or more than one, says which forms there are', () => {
  assert.deepEqual(problemsOf({}), ['tls: TLS needs one of: "selfSigned": true (a certificate made when the mock starts), "certFile" and "keyFile" (PEM files), or "pfxFile" (a PKCS#12 file).']);
  assert.deepEqual(problemsOf({ selfSigned: true, pfxFile: 'a.p12' }), ['tls: TLS takes one form: "selfSigned", "certFile" with "keyFile", or "pfxFile"; it has "selfSigned" and "pfxFile". Keep one.']);
  assert.match(problemsOf({ keyFile: 'k', certFile: 'c', pfxFile: 'p' })[0]!, /it has "certFile"\/"keyFile" and "pfxFile"\. Keep one\./);
  assert.deepEqual(problemsOf(true), ['tls: The TLS settings must be an object ({ … }); it is true.']);
});

test('a certificate without its key, or a key without its certificate', () => {
  assert.deepEqual(problemsOf({ certFile: 'c.pem' }), ['tls: "certFile" needs "keyFile": the PEM file of the certificate\'s private key.']);
  assert.deepEqual(problemsOf({ keyFile: 'k.pem', passphrase: 'x' }), ['tls: "keyFile" needs "certFile": the PEM file of the certificate (and its chain) the key belongs to.']);
});

test('keys that do not go with the form, misspelt keys and bad values each get a problem at their path', () => {
  assert.deepEqual(problemsOf({ selfSigned: true, passphrase: 'x' }), ['tls.passphrase: "passphrase" opens an encrypted "keyFile" or a "pfxFile"; a self-signed certificate needs none. Remove it.']);
  assert.match(problemsOf({ pfxFile: 'a.p12', hosts: ['a.test'] })[0]!, /^tls\.hosts: "hosts" goes only with "selfSigned": true/);
  assert.deepEqual(problemsOf({ selfSigned: true, host: ['a.test'] }), ['tls.host: "host" is not a key of the TLS settings. Did you mean "hosts"? Allowed here: selfSigned, hosts, certFile, keyFile, pfxFile, passphrase.']);
  assert.match(problemsOf({ certfile: 'c', keyFile: 'k' }).join('\n'), /tls\.certfile: .*Did you mean "certFile"\?/);
  assert.deepEqual(problemsOf({ selfSigned: 'yes' }), ['tls.selfSigned: "selfSigned" only takes true (make a certificate when the mock starts); it is the string "yes". Write "selfSigned": true, or remove it.']);
  assert.deepEqual(problemsOf({ certFile: ' ', keyFile: 3 }), [
    'tls.certFile: "certFile" is empty: write the path of the file, relative to this definition file.',
    'tls.keyFile: "keyFile" must be a string (a file path, relative to this definition file); it is 3. Write "3" in quotes.',
  ]);
  assert.deepEqual(problemsOf({ selfSigned: true, hosts: ['ok.test', 'https://a.test', 7, '[::1]'] }), [
    'tls.hosts[1]: "https://a.test" is not a name a certificate can hold: write a DNS name ("mock.test", "*.mock.test") or an IP address ("192.168.1.5", "::1"), without a scheme or port.',
    'tls.hosts[2]: 7 is not a name a certificate can hold: write a DNS name ("mock.test", "*.mock.test") or an IP address ("192.168.1.5", "::1"), without a scheme or port.',
    'tls.hosts[3]: "[::1]" is not a name a certificate can hold: write a DNS name ("mock.test", "*.mock.test") or an IP address ("192.168.1.5", "::1"), without a scheme or port.',
  ]);
});

test('a misspelt "tls" at the top level is suggested', () => {
  const check = validateMockDefinition({ tsl: { selfSigned: true }, paths: [{ path: '/' }] });
  assert.match(check.ok ? '' : check.problems[0]!.message, /Did you mean "tls"\?/);
});
