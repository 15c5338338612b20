import { isIP } from 'node:net';
import { describeValue, type Fields, has, joinPath, type ProblemList } from './definitionFields';
import { checkEach } from './validateMessages';

const TLS_KEYS = ['selfSigned', 'hosts', 'certFile', 'keyFile', 'pfxFile', 'passphrase'];
/** The three forms, each named by the key that starts it. */
const FORMS = ['selfSigned', 'certFile', 'pfxFile'] as const;
// A DNS name as a certificate holds it (RFC 6125 §6.4.3): labels, optionally a leading "*." wildcard.
const CERTIFICATE_NAME = /^(?:\*\.)?(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Whether a certificate can hold `name` as a DNS name (RFC 6125 §6.4.3), "*.example.com" included. */
export function isCertificateName(name: string): boolean {
  return CERTIFICATE_NAME.test(name);
}

/** A MockTls: exactly one form, the keys that go with it, and names a certificate can hold. */
export function checkTls(problems: ProblemList, value: unknown, path: string): void {
  const fields = problems.object(value, path, 'the TLS settings', TLS_KEYS);
  if (!fields) return;
  const form = checkForm(problems, fields, path);
  problems.onlyTrue(fields, path, 'selfSigned', 'make a certificate when the mock starts');
  for (const key of ['certFile', 'keyFile', 'pfxFile'] as const) checkFile(problems, fields, path, key);
  problems.string(fields, path, 'passphrase', 'opens an encrypted keyFile or pfxFile');
  if (form === 'selfSigned' && has(fields, 'passphrase')) problems.add(joinPath(path, 'passphrase'), '"passphrase" opens an encrypted "keyFile" or a "pfxFile"; a self-signed certificate needs none. Remove it.');
  if (form !== 'selfSigned' && has(fields, 'hosts')) problems.add(joinPath(path, 'hosts'), '"hosts" goes only with "selfSigned": true (the names a generated certificate is valid for); a certificate from a file has its own names. Remove it.');
  checkHosts(problems, fields, path);
}

/** Which form `fields` is, or undefined (reported) when it is none or several. */
function checkForm(problems: ProblemList, fields: Fields, path: string): (typeof FORMS)[number] | undefined {
  const present = FORMS.filter((form) => has(fields, form) || (form === 'certFile' && has(fields, 'keyFile')));
  if (present.length === 0) {
    problems.add(path, 'TLS needs one of: "selfSigned": true (a certificate made when the mock starts), "certFile" and "keyFile" (PEM files), or "pfxFile" (a PKCS#12 file).');
    return undefined;
  }
  if (present.length > 1) {
    const names = present.map((form) => (form === 'certFile' ? '"certFile"/"keyFile"' : `"${form}"`));
    problems.add(path, `TLS takes one form: "selfSigned", "certFile" with "keyFile", or "pfxFile"; it has ${names.join(' and ')}. Keep one.`);
    return undefined;
  }
  if (present[0] === 'certFile') checkPair(problems, fields, path);
  return present[0];
}

function checkPair(problems: ProblemList, fields: Fields, path: string): void {
  if (!has(fields, 'keyFile')) problems.add(path, '"certFile" needs "keyFile": the PEM file of the certificate\'s private key.');
  if (!has(fields, 'certFile')) problems.add(path, '"keyFile" needs "certFile": the PEM file of the certificate (and its chain) the key belongs to.');
}

function checkFile(problems: ProblemList, fields: Fields, path: string, key: 'certFile' | 'keyFile' | 'pfxFile'): void {
  const file = problems.string(fields, path, key, 'a file path, relative to this definition file');
  if (file !== undefined && file.trim() === '') problems.add(joinPath(path, key), `"${key}" is empty: write the path of the file, relative to this definition file.`);
}

function checkHosts(problems: ProblemList, fields: Fields, path: string): void {
  const hosts = problems.list(fields, path, 'hosts', 'names, e.g. ["mock.test", "192.168.1.5"]');
  checkEach(hosts, joinPath(path, 'hosts'), (host, at) => {
    if (typeof host === 'string' && (isCertificateName(host) || isIP(host) !== 0)) return;
    problems.add(at, `${typeof host === 'string' ? JSON.stringify(host) : describeValue(host)} is not a name a certificate can hold: write a DNS name ("mock.test", "*.mock.test") or an IP address ("192.168.1.5", "::1"), without a scheme or port.`);
  });
}
