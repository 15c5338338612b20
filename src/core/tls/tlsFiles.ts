import { readFile } from 'node:fs/promises';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import { describeFileError, errorCode, errorMessage, SocketLensError } from '../errors';

/** What TLS files belong to: a connection's settings or a mock's definition. */
export type TlsErrorCode = 'connection/tls-config' | 'mock/tls';

const SETTINGS: Readonly<Record<TlsErrorCode, string>> = { 'connection/tls-config': 'TLS settings', 'mock/tls': "The mock's TLS settings" };

/** A problem with TLS settings or their files: "TLS settings: …." or "The mock's TLS settings: …." */
export function tlsSettingsError(code: TlsErrorCode, message: string): SocketLensError {
  return new SocketLensError(code, `${SETTINGS[code]}: ${message}${/[.?]$/.test(message) ? '' : '.'}`);
}

/** A certificate, key or PKCS#12 file as read, and how messages name it. */
export interface TlsFile {
  readonly code: TlsErrorCode;
  /** The setting and the path, e.g. `certFile (/etc/client.pem)`, `tls.keyFile (/srv/mock/key.pem)`. */
  readonly label: string;
  readonly path: string;
  readonly bytes: Buffer;
}

/**
 * Reads a certificate, key or PKCS#12 file. When it cannot, throws `unreadable(why)`, `why`
 * following the path: "does not exist", "is a folder, not a file", "cannot be read (…)".
 */
export async function readTlsFile(path: string, unreadable: (why: string) => Error, folder?: 'folder' | 'directory'): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw unreadable(describeFileError(error, folder));
  }
}

export interface PemBlock {
  /** What the BEGIN line names: CERTIFICATE, PRIVATE KEY, ENCRYPTED PRIVATE KEY, … */
  readonly type: string;
  readonly text: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

export function pemBlocks(bytes: Buffer): PemBlock[] {
  return [...bytes.toString('latin1').matchAll(PEM_BLOCK)].map((m) => ({ type: m[1]!, text: `${m[0]}\n` }));
}

/**
 * Throws unless `file` holds a PEM block of `type` (for a key, any "… PRIVATE KEY"): an error that
 * names the blocks it holds instead, followed by `swapped` (the hint that two files were swapped),
 * or says it is not PEM at all, with the openssl command that converts it when it looks like DER.
 */
export function checkPem(file: TlsFile, type: 'CERTIFICATE' | 'PRIVATE KEY', expected: string, swapped = ''): void {
  const blocks = pemBlocks(file.bytes);
  if (blocks.some((b) => b.type === type || (type === 'PRIVATE KEY' && b.type.endsWith('PRIVATE KEY')))) return;
  if (blocks.length > 0) throw tlsSettingsError(file.code, `${file.label} holds ${blocks.map((b) => b.type).join(', ')}, not ${expected}${swapped}`);
  // DER starts with an ASN.1 SEQUENCE (0x30); PKCS#12 is DER too.
  const [command, out] = type === 'CERTIFICATE' ? ['x509', 'cert'] : ['pkey', 'key'];
  const der = file.bytes[0] === 0x30 ? `. It looks like binary DER; convert it with "openssl ${command} -inform der -in ${file.path} -out ${out}.pem"` : '';
  throw tlsSettingsError(file.code, `${file.label} is not a PEM file: it should contain ${expected} between "-----BEGIN" and "-----END" lines${der}`);
}

/** Why a certificate and key, or a PKCS#12 file, give no secure context. */
export interface IdentityProblem {
  /**
   * The passphrase did not open the PKCS#12 file or the encrypted key (it is wrong or missing),
   * the key is not the certificate's, or something else.
   */
  readonly kind: 'pfx-passphrase' | 'key-passphrase' | 'key-mismatch' | 'other';
  /** Node's words: "message (CODE)". */
  readonly reason: string;
}

/** Builds the secure context now, so a wrong key or passphrase is found before any handshake. */
export function identityProblem(options: SecureContextOptions): IdentityProblem | undefined {
  try {
    createSecureContext(options);
    return undefined;
  } catch (error) {
    const code = errorCode(error);
    const message = errorMessage(error);
    return { kind: identityProblemKind(code, message, options.pfx !== undefined), reason: `${message}${code ? ` (${code})` : ''}` };
  }
}

function identityProblemKind(code: string, message: string, pkcs12: boolean): IdentityProblem['kind'] {
  if (pkcs12 && /mac verify failure|invalid password|bad decrypt/i.test(message)) return 'pfx-passphrase';
  if (/BAD_DECRYPT|bad decrypt|bad password|interrupted or cancelled/i.test(`${code} ${message}`)) return 'key-passphrase';
  if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' && !pkcs12) return 'key-mismatch';
  return 'other';
}
