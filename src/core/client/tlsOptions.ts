import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as tls from 'node:tls';
import { describeFileError, errorCode, errorMessage, SocketLensError } from '../errors';

/** What a person configures about TLS for a wss: connection. Paths are used as given (resolve them first). */
export interface TlsSettings {
  /** Skip verifying the server certificate. For testing only. */
  readonly insecure?: boolean;
  /** PEM file with one or more CA certificates to trust in addition to Node's default roots. */
  readonly caFile?: string;
  /** Client certificate (PEM) for mutual TLS; needs `keyFile`. */
  readonly certFile?: string;
  /** Private key (PEM) of `certFile`; encrypted keys need `passphrase`. */
  readonly keyFile?: string;
  /** Client certificate and key as PKCS#12 (.p12/.pfx); instead of `certFile` and `keyFile`. */
  readonly pfxFile?: string;
  /** Passphrase of `pfxFile` or of an encrypted `keyFile`. A secret: never log or store it. */
  readonly passphrase?: string;
  /** Name to send as SNI and to check the certificate against, instead of the URL's host. */
  readonly serverName?: string;
}

/** How each setting is called where the person set it (e.g. `socketLens.tls.caFile`, `--ca`), for messages. */
export type TlsSettingNames = { readonly [K in keyof TlsSettings]?: string };

/**
 * Options for `tls.connect`, and so for ws's ClientOptions (spread them in). Holds the passphrase
 * and key: do not log it.
 */
export interface TlsConnectionOptions {
  rejectUnauthorized: boolean;
  /** Node's default roots plus the CA file's certificates; absent when no CA file is set. */
  ca?: string[];
  cert?: Buffer;
  key?: Buffer;
  pfx?: Buffer;
  passphrase?: string;
  servername?: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

/**
 * Reads and checks the files of `settings` and returns the options to connect with. Everything
 * that can be checked before connecting is: files exist and are PEM or PKCS#12, cert and key
 * come as a pair and match, passphrases are right. Throws `connection/tls-config` errors.
 */
export async function loadTlsOptions(settings: TlsSettings, names: TlsSettingNames = {}): Promise<TlsConnectionOptions> {
  const name = (key: keyof TlsSettings) => names[key] ?? key;
  checkCombination(settings, name);
  const [ca, cert, key, pfx] = await Promise.all([
    readSetting(settings.caFile, name('caFile')),
    readSetting(settings.certFile, name('certFile')),
    readSetting(settings.keyFile, name('keyFile')),
    readSetting(settings.pfxFile, name('pfxFile')),
  ]);
  const options: TlsConnectionOptions = { rejectUnauthorized: settings.insecure !== true };
  if (ca) options.ca = [...defaultRoots(), ...caCertificates(ca, name('caFile'), settings.caFile!)];
  if (cert && key) {
    checkPem(cert, 'CERTIFICATE', name('certFile'), settings.certFile!, `the client certificate; did you swap ${name('certFile')} and ${name('keyFile')}?`);
    checkPem(key, 'PRIVATE KEY', name('keyFile'), settings.keyFile!, `the client private key; did you swap ${name('certFile')} and ${name('keyFile')}?`);
    Object.assign(options, { cert, key });
  }
  if (pfx) {
    if (pemBlocks(pfx).length > 0) throw configError(`${name('pfxFile')} (${settings.pfxFile}) is a PEM file, not PKCS#12. Set ${name('certFile')} and ${name('keyFile')} to PEM files instead, or give a .p12/.pfx file`);
    options.pfx = pfx;
  }
  if (settings.passphrase !== undefined && (pfx || key)) options.passphrase = settings.passphrase;
  if (settings.serverName?.trim()) options.servername = settings.serverName.trim();
  if (options.cert || options.pfx) checkClientIdentity(options, settings, name);
  return options;
}

function checkCombination(settings: TlsSettings, name: (key: keyof TlsSettings) => string): void {
  const { certFile, keyFile, pfxFile } = settings;
  if (pfxFile && (certFile || keyFile)) {
    throw configError(`Both ${name('pfxFile')} and ${certFile ? name('certFile') : name('keyFile')} are set. Give the client certificate either as a PKCS#12 file (${name('pfxFile')}) or as PEM files (${name('certFile')} and ${name('keyFile')}), not both`);
  }
  if (certFile && !keyFile) throw configError(`${name('certFile')} is set but ${name('keyFile')} is not. A client certificate needs its private key: set ${name('keyFile')} to the key's PEM file`);
  if (keyFile && !certFile) throw configError(`${name('keyFile')} is set but ${name('certFile')} is not. Set ${name('certFile')} to the client certificate's PEM file`);
}

async function readSetting(path: string | undefined, name: string): Promise<Buffer | undefined> {
  if (!path) return undefined;
  try {
    return await readFile(path);
  } catch (error) {
    throw configError(`${name} points to ${path}, which ${describeFileError(error, 'directory')}. Check the path`);
  }
}

/** A CA file may hold a bundle: every certificate in it must parse. */
function caCertificates(file: Buffer, name: string, path: string): string[] {
  const blocks = pemBlocks(file).filter((b) => b.type === 'CERTIFICATE');
  if (blocks.length === 0) throw notPem(name, path, 'CA certificates', file);
  return blocks.map((block, index) => {
    try {
      new X509Certificate(block.text);
    } catch {
      throw configError(`${name} (${path}): certificate ${index + 1} of ${blocks.length} is damaged and cannot be parsed. Export the CA certificate again`);
    }
    return block.text;
  });
}

/** Node's trusted roots: passing `ca` replaces them, and a CA file should add to them, not narrow them. */
function defaultRoots(): string[] {
  // Node ≥ 22.15 also reports NODE_EXTRA_CA_CERTS here; older Node knows only the bundled roots.
  const withExtra = (tls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
  return withExtra ? withExtra('default') : [...tls.rootCertificates];
}

function checkPem(file: Buffer, type: 'CERTIFICATE' | 'PRIVATE KEY', name: string, path: string, expected: string): void {
  const blocks = pemBlocks(file);
  if (blocks.some((b) => b.type === type || (type === 'PRIVATE KEY' && b.type.endsWith('PRIVATE KEY')))) return;
  if (blocks.length > 0) throw configError(`${name} (${path}) holds ${blocks.map((b) => b.type).join(', ')}, not ${expected}`);
  throw notPem(name, path, expected.replace(/;.*/, ''), file);
}

function notPem(name: string, path: string, expected: string, file: Buffer): SocketLensError {
  // DER starts with an ASN.1 SEQUENCE (0x30); PKCS#12 is DER too.
  const der = file[0] === 0x30 ? `. It looks like binary DER; convert it with "openssl x509 -inform der -in ${path} -out cert.pem" (or "openssl pkey" for a key)` : '';
  return configError(`${name} (${path}) is not a PEM file: it should contain ${expected} between "-----BEGIN" and "-----END" lines${der}`);
}

function pemBlocks(file: Buffer): Array<{ type: string; text: string }> {
  return [...file.toString('latin1').matchAll(PEM_BLOCK)].map((m) => ({ type: m[1]!, text: `${m[0]}\n` }));
}

/** Builds the secure context now, so a bad key or passphrase is reported before connecting. */
function checkClientIdentity(options: TlsConnectionOptions, settings: TlsSettings, name: (key: keyof TlsSettings) => string): void {
  try {
    tls.createSecureContext({ cert: options.cert, key: options.key, pfx: options.pfx, passphrase: options.passphrase });
  } catch (error) {
    throw describeIdentityError(error, settings, name);
  }
}

function describeIdentityError(error: unknown, settings: TlsSettings, name: (key: keyof TlsSettings) => string): SocketLensError {
  const code = errorCode(error);
  const message = errorMessage(error);
  const given = settings.passphrase ? 'is wrong' : `is missing: set ${name('passphrase')}`;
  if (settings.pfxFile && /mac verify failure|invalid password|bad decrypt/i.test(message)) {
    return configError(`${name('pfxFile')} (${settings.pfxFile}) could not be opened: the passphrase ${given}`);
  }
  if (/BAD_DECRYPT|bad decrypt|bad password|interrupted or cancelled/i.test(`${code} ${message}`)) {
    return configError(`${name('keyFile')} (${settings.keyFile}) is encrypted and the passphrase ${given}`);
  }
  if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH') {
    return configError(`${name('keyFile')} (${settings.keyFile}) is not the private key of ${name('certFile')} (${settings.certFile}). Use the key the certificate was issued for`);
  }
  const file = settings.pfxFile ? `${name('pfxFile')} (${settings.pfxFile})` : `${name('certFile')} (${settings.certFile}) or ${name('keyFile')} (${settings.keyFile})`;
  return configError(`${file} could not be loaded: ${message}${code ? ` (${code})` : ''}. Check that the file is complete and in the right format`);
}

function configError(message: string): SocketLensError {
  return new SocketLensError('connection/tls-config', `TLS settings: ${message}${/[.?]$/.test(message) ? '' : '.'}`);
}
