import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import type { SocketLensError } from '../errors';
import { checkPem, identityProblem, pemBlocks, readTlsFile, type TlsFile, tlsSettingsError } from '../tls/tlsFiles';

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
  if (ca) options.ca = [...defaultRoots(), ...caCertificates(ca)];
  if (cert && key) {
    const swapped = `; did you swap ${name('certFile')} and ${name('keyFile')}?`;
    checkPem(cert, 'CERTIFICATE', 'the client certificate', swapped);
    checkPem(key, 'PRIVATE KEY', 'the client private key', swapped);
    Object.assign(options, { cert: cert.bytes, key: key.bytes });
  }
  if (pfx) {
    if (pemBlocks(pfx.bytes).length > 0) throw configError(`${pfx.label} is a PEM file, not PKCS#12. Set ${name('certFile')} and ${name('keyFile')} to PEM files instead, or give a .p12/.pfx file`);
    options.pfx = pfx.bytes;
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

async function readSetting(path: string | undefined, name: string): Promise<TlsFile | undefined> {
  if (!path) return undefined;
  const bytes = await readTlsFile(path, (why) => configError(`${name} points to ${path}, which ${why}. Check the path`), 'directory');
  return { code: 'connection/tls-config', label: `${name} (${path})`, path, bytes };
}

/** A CA file may hold a bundle: every certificate in it must parse. */
function caCertificates(file: TlsFile): string[] {
  checkPem(file, 'CERTIFICATE', 'CA certificates');
  const blocks = pemBlocks(file.bytes).filter((b) => b.type === 'CERTIFICATE');
  return blocks.map((block, index) => {
    try {
      new X509Certificate(block.text);
    } catch {
      throw configError(`${file.label}: certificate ${index + 1} of ${blocks.length} is damaged and cannot be parsed. Export the CA certificate again`);
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

/** Builds the secure context now, so a bad key or passphrase is reported before connecting. */
function checkClientIdentity(options: TlsConnectionOptions, settings: TlsSettings, name: (key: keyof TlsSettings) => string): void {
  const problem = identityProblem({ cert: options.cert, key: options.key, pfx: options.pfx, passphrase: options.passphrase });
  if (problem === undefined) return;
  const [pfx, cert, key] = (['pfxFile', 'certFile', 'keyFile'] as const).map((setting) => `${name(setting)} (${settings[setting]})`);
  const passphrase = `the passphrase ${settings.passphrase ? 'is wrong' : `is missing: set ${name('passphrase')}`}`;
  if (problem.kind === 'pfx-passphrase') throw configError(`${pfx} could not be opened: ${passphrase}`);
  if (problem.kind === 'key-passphrase') throw configError(`${key} is encrypted and ${passphrase}`);
  if (problem.kind === 'key-mismatch') throw configError(`${key} is not the private key of ${cert}. Use the key the certificate was issued for`);
  throw configError(`${settings.pfxFile ? pfx : `${cert} or ${key}`} could not be loaded: ${problem.reason}. Check that the file is complete and in the right format`);
}

function configError(message: string): SocketLensError {
  return tlsSettingsError('connection/tls-config', message);
}
