import type { DetailedPeerCertificate, PeerCertificate, TLSSocket } from 'node:tls';
import type { CertificateInfo, TlsInfo } from './connectionTypes';

/** Longest chain reported; real chains have 2-4 certificates. */
const MAX_CHAIN = 10;

/** What the TLS handshake settled on, and the certificate chain the server presented (leaf first). */
export function readTlsInfo(socket: TLSSocket): TlsInfo {
  const certificates: CertificateInfo[] = [];
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert && Object.keys(cert).length > 0 && certificates.length < MAX_CHAIN) {
    certificates.push(describeCertificate(cert));
    const issuer: DetailedPeerCertificate | undefined = cert.issuerCertificate;
    // A self-signed root is its own issuer.
    if (!issuer || issuer === cert || issuer.fingerprint256 === cert.fingerprint256) break;
    cert = issuer;
  }
  const alpn = socket.alpnProtocol;
  return {
    protocol: socket.getProtocol() ?? 'TLS',
    cipher: socket.getCipher()?.name ?? 'unknown',
    alpnProtocol: typeof alpn === 'string' ? alpn : undefined,
    authorized: socket.authorized,
    authorizationError: socket.authorizationError ? String(socket.authorizationError) : undefined,
    certificates,
  };
}

function describeCertificate(cert: PeerCertificate): CertificateInfo {
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    subjectAltName: cert.subjectaltname || undefined,
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
  };
}

/** "CN=example.com, O=Example": a subject or issuer as one line; several values of a key joined with "+". */
export function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

/** "CN=example.com" or the whole name when it has no common name. */
export function commonName(distinguished: string): string {
  return /(?:^|, )CN=([^,]+)/.exec(distinguished)?.[1] ?? distinguished;
}
