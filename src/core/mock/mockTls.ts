import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import { describeFileError, errorCode, errorMessage, SocketLensError } from '../errors';
import { DEFAULT_CERTIFICATE_HOSTS, generateSelfSignedCertificate, type SelfSignedCertificate } from '../tls/selfSignedCertificate';
import type { MockTls } from './mockDefinition';

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

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;
const DNS_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * Reads, checks or makes what the mock serves TLS with. Everything that can be checked before
 * listening is: files exist and hold what they should, the key matches the certificate, the
 * passphrase opens it. Throws `mock/tls` errors that name the field and the file.
 */
export async function loadMockTls(tls: MockTls, place: MockTlsPlace): Promise<MockTlsSetup> {
  if ('selfSigned' in tls) return selfSigned(tls.hosts ?? [], place.host);
  if ('pfxFile' in tls) return pkcs12(await readTlsFile('pfxFile', tls.pfxFile, place.baseDir), tls.passphrase);
  const [cert, key] = await Promise.all([readTlsFile('certFile', tls.certFile, place.baseDir), readTlsFile('keyFile', tls.keyFile, place.baseDir)]);
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
  return [...(DNS_NAME.test(hostname()) ? [hostname()] : []), ...addresses];
}

interface TlsFile {
  readonly field: 'certFile' | 'keyFile' | 'pfxFile';
  readonly path: string;
  readonly bytes: Buffer;
}

async function readTlsFile(field: TlsFile['field'], file: string, baseDir: string): Promise<TlsFile> {
  const path = resolve(baseDir, file);
  try {
    return { field, path, bytes: await readFile(path) };
  } catch (error) {
    throw tlsError(`tls.${field} is "${file}": ${path} ${describeFileError(error)}. Check the path; a relative one starts at the definition file's folder (${baseDir})`);
  }
}

function pemPair(cert: TlsFile, key: TlsFile, passphrase: string | undefined): MockTlsSetup {
  const certificates = pemBlocks(cert).filter((block) => block.type === 'CERTIFICATE');
  if (certificates.length === 0) throw notPem(cert, 'a certificate', key);
  if (!pemBlocks(key).some((block) => block.type.endsWith('PRIVATE KEY'))) throw notPem(key, 'a private key', cert);
  const options = { cert: cert.bytes, key: key.bytes, passphrase };
  secureContext(options, key, cert);
  const x509 = new X509Certificate(certificates[0]!.text);
  const certificate = { pem: certificates[0]!.text, fingerprint256: x509.fingerprint256, selfSigned: x509.issuer === x509.subject && x509.verify(x509.publicKey) };
  return { options, certificate };
}

function pkcs12(pfx: TlsFile, passphrase: string | undefined): MockTlsSetup {
  if (pemBlocks(pfx).length > 0) throw tlsError(`tls.pfxFile (${pfx.path}) is a PEM file, not PKCS#12. Give PEM files as "certFile" and "keyFile" instead, or a .p12/.pfx file here`);
  const options = { pfx: pfx.bytes, passphrase };
  secureContext(options, pfx);
  return { options, certificate: undefined };
}

/** Builds the context now, so a wrong key or passphrase is an error at start, not at each client's handshake. */
function secureContext(options: SecureContextOptions, file: TlsFile, cert?: TlsFile): void {
  try {
    createSecureContext(options);
  } catch (error) {
    throw loadError(error, file, cert, options.passphrase !== undefined);
  }
}

function loadError(error: unknown, file: TlsFile, cert: TlsFile | undefined, hasPassphrase: boolean): SocketLensError {
  const code = errorCode(error);
  const message = errorMessage(error);
  const passphrase = hasPassphrase ? 'the "passphrase" is wrong' : 'it needs "passphrase" in "tls"';
  if (file.field === 'pfxFile' && /mac verify failure|invalid password|bad decrypt/i.test(message)) return tlsError(`tls.pfxFile (${file.path}) could not be opened: ${passphrase}`);
  if (/BAD_DECRYPT|bad decrypt|bad password|interrupted or cancelled/i.test(`${code} ${message}`)) return tlsError(`tls.keyFile (${file.path}) is encrypted and ${passphrase}`);
  if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' && cert) return tlsError(`tls.keyFile (${file.path}) is not the private key of tls.certFile (${cert.path}). Give the key the certificate was made for`);
  return tlsError(`tls.${file.field} (${file.path})${cert ? ` with tls.certFile (${cert.path})` : ''} could not be loaded: ${message}${code ? ` (${code})` : ''}. Check that the files are complete and in PEM (or PKCS#12 for pfxFile)`);
}

function notPem(file: TlsFile, expected: string, other: TlsFile): SocketLensError {
  const blocks = pemBlocks(file);
  if (blocks.length > 0) return tlsError(`tls.${file.field} (${file.path}) holds ${blocks.map((b) => b.type).join(', ')}, not ${expected}. Did you swap "certFile" and "keyFile"? The other is ${other.path}`);
  // DER starts with an ASN.1 SEQUENCE (0x30).
  const der = file.bytes[0] === 0x30 ? ` It looks like binary DER: convert it with "openssl ${file.field === 'certFile' ? 'x509' : 'pkey'} -inform der -in ${file.path} -out ${file.field === 'certFile' ? 'cert' : 'key'}.pem".` : '';
  return tlsError(`tls.${file.field} (${file.path}) is not a PEM file: it should hold ${expected} between "-----BEGIN" and "-----END" lines.${der}`);
}

function pemBlocks(file: TlsFile): Array<{ type: string; text: string }> {
  return [...file.bytes.toString('latin1').matchAll(PEM_BLOCK)].map((m) => ({ type: m[1]!, text: `${m[0]}\n` }));
}

function tlsError(message: string): SocketLensError {
  return new SocketLensError('mock/tls', `The mock's TLS settings: ${message}${/[.?]$/.test(message) ? '' : '.'}`);
}
