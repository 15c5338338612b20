import type { Socket } from 'node:net';
import type { DetailedPeerCertificate, PeerCertificate, TLSSocket } from 'node:tls';
import { errorCode, errorMessage, SocketLensError } from '../errors';
import { distinguishedName } from './tlsInfo';
import type { TlsSettingNames } from './tlsOptions';

/** What describeTlsFailure knows besides the error, to say what to change. */
export interface TlsFailureContext {
  /** `host:port` the client connected to. */
  readonly where?: string;
  /** How the TLS settings are called where the person sets them. */
  readonly names?: TlsSettingNames;
  /** A client certificate was configured (certFile/keyFile or pfxFile). */
  readonly clientCertificate?: boolean;
}

type FailureKind =
  | 'self-signed'
  | 'untrusted-root'
  | 'unknown-issuer'
  | 'expired'
  | 'not-yet-valid'
  | 'revoked'
  | 'wrong-name'
  | 'not-tls'
  | 'client-cert-required'
  | 'client-cert-rejected'
  | 'handshake-failure'
  | 'version'
  | 'unrecognized-name'
  | 'reset-after-handshake';

// Verification results (OpenSSL X509_V_ERR_* names) and Node's own codes.
const BY_CODE: Readonly<Record<string, FailureKind>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'untrusted-root',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown-issuer',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown-issuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown-issuer',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  CERT_REVOKED: 'revoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrong-name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'not-tls',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'not-tls',
  ERR_SSL_HTTP_REQUEST: 'not-tls',
};

// Alerts the server sent (RFC 8446 §6.2), recognised in the code or, for EPROTO, the message.
const BY_TEXT: ReadonlyArray<[RegExp, FailureKind]> = [
  [/wrong[ _]version[ _]number|packet[ _]length[ _]too[ _]long/i, 'not-tls'],
  [/certificate[ _]required/i, 'client-cert-required'],
  [/alert[ _](unknown[ _]ca|bad[ _]certificate|certificate[ _]unknown|unsupported[ _]certificate|certificate[ _]revoked|certificate[ _]expired|access[ _]denied)/i, 'client-cert-rejected'],
  [/alert[ _]handshake[ _]failure/i, 'handshake-failure'],
  [/alert[ _]protocol[ _]version|unsupported[ _]protocol|no[ _]protocols[ _]available/i, 'version'],
  [/unrecognized[ _]name/i, 'unrecognized-name'],
];

const TLS_ERROR = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_)/;

/** Whether `error` came from TLS (verification, alerts, a server not speaking TLS) rather than TCP or ws. */
export function isTlsFailure(error: unknown): boolean {
  const { code, message } = codeAndMessage(error);
  return TLS_ERROR.test(code) || (code === 'EPROTO' && /SSL routines|alert/i.test(message));
}

/**
 * Keeps the server's certificate chain the moment the handshake delivers it, before Node checks
 * it. When verification fails Node destroys the socket without 'secureConnect', and a destroyed
 * socket no longer has a certificate to give, so this is the one chance to read it. It relies on
 * TLSSocket's 'secure' event, which fires right before Node's own check (pinned by a test).
 *
 * Call it synchronously as soon as the socket exists — with ws, in `finishRequest`:
 * `request.once('socket', (s) => peer = watchPeerCertificate(s))` — and, on failure, pass
 * `peer()` to describeTlsFailure. A plain TCP socket (ws:) yields undefined.
 */
export function watchPeerCertificate(socket: Socket | TLSSocket): () => DetailedPeerCertificate | undefined {
  if (!('getPeerCertificate' in socket)) return () => undefined;
  let captured: DetailedPeerCertificate | undefined;
  socket.prependOnceListener('secure', () => {
    const certificate = socket.getPeerCertificate(true);
    if (certificate && Object.keys(certificate).length > 0) captured = certificate;
  });
  return () => captured;
}

/**
 * Turns a TLS error from Node into a `connection/tls` error that names the certificate at fault
 * (subject, issuer, validity, names) and says what to do. `peerCertificate` comes from
 * watchPeerCertificate; for host-name errors Node attaches it to the error itself.
 */
export function describeTlsFailure(error: unknown, peerCertificate?: PeerCertificate, context: TlsFailureContext = {}): SocketLensError {
  const { code, message } = codeAndMessage(error);
  const attached = typeof error === 'object' && error && 'cert' in error ? (error.cert as PeerCertificate) : undefined;
  const certificate = usable(peerCertificate) ?? usable(attached);
  const kind = classify(code, message, certificate);
  const failed = `TLS handshake${context.where ? ` with ${context.where}` : ''} failed${code ? ` (${code})` : ''}`;
  if (!kind) return new SocketLensError('connection/tls', `${failed}: ${message.replace(/\.$/, '')}. Check that the server speaks TLS on this port and how it is configured.`);
  return new SocketLensError('connection/tls', `${failed}. ${explain(kind, certificate, error, context)}`);
}

function classify(code: string, message: string, certificate: PeerCertificate | undefined): FailureKind | undefined {
  const known = BY_CODE[code] ?? BY_TEXT.find(([pattern]) => pattern.test(`${code} ${message}`))?.[1];
  if (known) return known;
  // TLS 1.3 lets the client finish before the server judges its certificate, so a refusal can
  // arrive as a plain reset once the server's certificate is already known.
  if ((code === 'ECONNRESET' || code === 'EPIPE') && certificate) return 'reset-after-handshake';
  return undefined;
}

function explain(kind: FailureKind, certificate: PeerCertificate | undefined, error: unknown, context: TlsFailureContext): string {
  const name = (key: keyof TlsSettingNames) => context.names?.[key] ?? key;
  // The problem first, then the certificate it is about, then what to do.
  const about = certificate ? ` Certificate: ${describePeerCertificate(certificate)}.` : '';
  const testing = `use ${name('insecure')} only for testing`;
  const identity = `set ${name('certFile')} and ${name('keyFile')}, or ${name('pfxFile')} and ${name('passphrase')}`;
  switch (kind) {
    case 'self-signed':
      return `The server's certificate is self-signed and not trusted.${about}${fingerprint(certificate)} If you trust it, add this certificate with ${name('caFile')}; ${testing}.`;
    case 'untrusted-root':
      return `The server's certificate chains up to a root CA that is not trusted: ${root(certificate)}.${about} If you trust that CA, add its certificate with ${name('caFile')}; ${testing}.`;
    case 'unknown-issuer':
      return `The server's certificate was issued by a CA that is not trusted, or the server did not send the intermediate certificates that lead to a trusted one.${about} For a private or company CA, add its certificate with ${name('caFile')}; for a public CA, the server must send its intermediates; ${testing}.`;
    case 'expired':
      return `The server's certificate has expired${certificate ? ` (on ${certificate.valid_to})` : ''}.${about} The server must renew it; if the date looks wrong, check this computer's clock; ${testing}.`;
    case 'not-yet-valid':
      return `The server's certificate is not valid yet${certificate ? ` (from ${certificate.valid_from})` : ''}.${about} Check this computer's clock; ${testing}.`;
    case 'revoked':
      return `The server's certificate has been revoked by its CA.${about} Do not trust this server until it has a new certificate.`;
    case 'wrong-name': {
      const host = typeof error === 'object' && error && 'host' in error ? `"${String(error.host)}"` : 'the host name';
      return `The server's certificate is not valid for ${host}.${about} Connect with a name the certificate lists, or set ${name('serverName')} to the name the server should present; ${testing}.`;
    }
    case 'not-tls':
      return 'The server did not answer in TLS: it probably speaks plain HTTP/WebSocket on this port. Use ws:// instead of wss://, or check the port.';
    case 'client-cert-required':
      return `The server requires a client certificate (mutual TLS) and ${context.clientCertificate ? 'did not get one it could use' : 'none was given'}: ${identity}.`;
    case 'client-cert-rejected':
      return 'The server rejected the client certificate. Check that it was issued by a CA the server trusts, has not expired, and is meant for client authentication.';
    case 'handshake-failure':
      return context.clientCertificate
        ? 'The server refused the handshake: it may not accept the client certificate, or it shares no TLS version or cipher with Socket Lens.'
        : `The server refused the handshake: most often it requires a client certificate (${identity}); otherwise it shares no TLS version or cipher with Socket Lens.`;
    case 'version':
      return 'The server and Socket Lens share no TLS version. Check which versions the server allows (Node supports TLS 1.2 and 1.3).';
    case 'unrecognized-name':
      return `The server does not recognise the name sent in SNI. Check the host name, or set ${name('serverName')} to the name the server expects.`;
    case 'reset-after-handshake':
      return context.clientCertificate
        ? 'The server closed the connection right after the handshake. It may have rejected the client certificate: check that a CA the server trusts issued it.'
        : `The server closed the connection right after the handshake. If it requires a client certificate, ${identity}.`;
  }
}

/** `"CN=localhost" issued by "CN=Test CA", valid Jan 1 2020 … to Dec 31 2020 …, for DNS:localhost, IP Address:127.0.0.1`. */
export function describePeerCertificate(certificate: PeerCertificate): string {
  const names = certificate.subjectaltname ? `, for ${certificate.subjectaltname}` : '';
  return `"${distinguishedName(certificate.subject)}" issued by "${distinguishedName(certificate.issuer)}", valid ${certificate.valid_from} to ${certificate.valid_to}${names}`;
}

function root(certificate: PeerCertificate | undefined): string {
  let current = certificate as DetailedPeerCertificate | undefined;
  // A self-signed root is its own issuer; the bound stops a malformed chain from looping.
  for (let depth = 0; current?.issuerCertificate && current.issuerCertificate !== current && depth < 10; depth++) {
    if (current.issuerCertificate.fingerprint256 === current.fingerprint256) break;
    current = current.issuerCertificate;
  }
  return current ? `"${distinguishedName(current.subject)}"` : 'unknown';
}

/** Lets a person check, out of band, that a certificate is the one they mean to trust. */
function fingerprint(certificate: PeerCertificate | undefined): string {
  return certificate?.fingerprint256 ? ` SHA-256 fingerprint: ${certificate.fingerprint256}; compare it before trusting.` : '';
}

function usable(certificate: PeerCertificate | undefined): PeerCertificate | undefined {
  return certificate && Object.keys(certificate).length > 0 ? certificate : undefined;
}

function codeAndMessage(error: unknown): { code: string; message: string } {
  return { code: errorCode(error), message: errorMessage(error) };
}
