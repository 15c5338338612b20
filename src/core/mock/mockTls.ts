import { X509Certificate } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import type { SecureContextOptions } from 'node:tls';
import type { SocketLensError } from '../errors';
import { DEFAULT_CERTIFICATE_HOSTS, generateSelfSignedCertificate, type SelfSignedCertificate } from '../tls/selfSignedCertificate';
import { checkPem, identityProblem, pemBlocks, readTlsFile, type TlsFile, tlsSettingsError } from '../tls/tlsFiles';
import type { MockTls } from './mockDefinition';
import { isCertificateName } from './validateTls';

/** The certificate a mock serves, so people can be told how to trust it. */
export interface MockCertificate {
  /** The server certificate in PEM (of a certFile, the first certificate). */
  readonly pem: string;
  /** SHA-256 fingerprint ("AB:CD:…"), as browsers and `openssl x509 -fingerprint -sha256` show it. */
  readonly fingerprint256: string;
  /** Its own issuer, so clients trust it only when told to trust this very certificate. */
  readonly selfSigned: boolean;
}

/** What a mock serves TLS with. */
export interface MockTlsSetup {
  /** For https.createServer. Holds the private key and passphrase: never log it. */
  readonly options: SecureContextOptions;
  /** Absent for a PKCS#12 file: Node shows its certificate only to a client. */
  readonly certificate: MockCertificate | undefined;
}

export interface MockTlsPlace {
  /** Relative file paths start here: the definition file's folder. */
  readonly baseDir: string;
  /** The address the mock binds, which a self-signed certificate names too. */
  readonly host: string;
}

/**
 * Reads, checks or makes what the mock serves TLS with. Everything that can be checked before
 * listening is: files exist and hold what they should, the key matches the certificate, the
 * passphrase opens it. Throws `mock/tls` errors that name the field and the file.
 */
export async function loadMockTls(tls: MockTls, place: MockTlsPlace): Promise<MockTlsSetup> {
  if ('selfSigned' in tls) return selfSigned(tls.hosts ?? [], place.host);
  if ('pfxFile' in tls) return pkcs12(await readMockTlsFile('pfxFile', tls.pfxFile, place.baseDir), tls.passphrase);
  const [cert, key] = await Promise.all([readMockTlsFile('certFile', tls.certFile, place.baseDir), readMockTlsFile('keyFile', tls.keyFile, place.baseDir)]);
  return pemPair(cert, key, tls.passphrase);
}

function selfSigned(extraHosts: readonly string[], host: string): MockTlsSetup {
  let generated: SelfSignedCertificate;
  try {
    generated = generateSelfSignedCertificate({ hosts: [...DEFAULT_CERTIFICATE_HOSTS, ...boundNames(host), ...extraHosts] });
  } catch (error) {
    throw tlsError(`no self-signed certificate could be made for ${host}: ${(error as Error).message}`);
  }
  return { options: { cert: generated.cert, key: generated.key }, certificate: { pem: generated.cert, fingerprint256: generated.fingerprint256, selfSigned: true } };
}

/** The names clients reach the bound address by: itself, or on every interface this machine's name and addresses. */
function boundNames(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []).map((i) => i.address);
  return [...(isCertificateName(hostname()) ? [hostname()] : []), ...addresses];
}

async function readMockTlsFile(field: 'certFile' | 'keyFile' | 'pfxFile', file: string, baseDir: string): Promise<TlsFile> {
  const path = resolve(baseDir, file);
  const bytes = await readTlsFile(path, (why) => tlsError(`tls.${field} is "${file}": ${path} ${why}. Check the path; a relative one starts at the definition file's folder (${baseDir})`));
  return { code: 'mock/tls', label: `tls.${field} (${path})`, path, bytes };
}

function pemPair(cert: TlsFile, key: TlsFile, passphrase: string | undefined): MockTlsSetup {
  const swapped = (other: TlsFile) => `. Did you swap "certFile" and "keyFile"? The other is ${other.path}`;
  checkPem(cert, 'CERTIFICATE', 'a certificate', swapped(key));
  checkPem(key, 'PRIVATE KEY', 'a private key', swapped(cert));
  const certificates = pemBlocks(cert.bytes).filter((block) => block.type === 'CERTIFICATE');
  const options = { cert: cert.bytes, key: key.bytes, passphrase };
  secureContext(options, key, cert);
  const x509 = new X509Certificate(certificates[0]!.text);
  const certificate = { pem: certificates[0]!.text, fingerprint256: x509.fingerprint256, selfSigned: x509.issuer === x509.subject && x509.verify(x509.publicKey) };
  return { options, certificate };
}

function pkcs12(pfx: TlsFile, passphrase: string | undefined): MockTlsSetup {
  if (pemBlocks(pfx.bytes).length > 0) throw tlsError(`${pfx.label} is a PEM file, not PKCS#12. Give PEM files as "certFile" and "keyFile" instead, or a .p12/.pfx file here`);
  const options = { pfx: pfx.bytes, passphrase };
  secureContext(options, pfx);
  return { options, certificate: undefined };
}

/** Builds the context now, so a wrong key or passphrase is an error at start, not at each client's handshake. */
function secureContext(options: SecureContextOptions, file: TlsFile, cert?: TlsFile): void {
  const problem = identityProblem(options);
  if (problem === undefined) return;
  const passphrase = options.passphrase !== undefined ? 'the "passphrase" is wrong' : 'it needs "passphrase" in "tls"';
  if (problem.kind === 'pfx-passphrase') throw tlsError(`${file.label} could not be opened: ${passphrase}`);
  if (problem.kind === 'key-passphrase') throw tlsError(`${file.label} is encrypted and ${passphrase}`);
  if (problem.kind === 'key-mismatch' && cert) throw tlsError(`${file.label} is not the private key of ${cert.label}. Give the key the certificate was made for`);
  throw tlsError(`${file.label}${cert ? ` with ${cert.label}` : ''} could not be loaded: ${problem.reason}. Check that the files are complete and in PEM (or PKCS#12 for pfxFile)`);
}

function tlsError(message: string): SocketLensError {
  return tlsSettingsError('mock/tls', message);
}
