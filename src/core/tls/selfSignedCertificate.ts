import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { bitString, boolean, explicit, implicitPrimitive, octetString, oid, sequence, setOf, smallInteger, unsignedInteger, utf8String, x509Time } from './der';
import { ipAddressBytes } from './ipAddressBytes';

export interface SelfSignedOptions {
  /** DNS names and IP addresses (v4 or v6) the certificate is valid for. Default localhost, 127.0.0.1, ::1. */
  readonly hosts?: readonly string[];
  /** Subject and issuer common name. Default "Socket Lens mock server". */
  readonly commonName?: string;
  /** Days it stays valid from now. Default 30. */
  readonly validDays?: number;
  /** The time "now" is; for tests. */
  readonly now?: Date;
}

/** A certificate and its private key in PEM, and the certificate's SHA-256 fingerprint as Node writes it ("AB:CD:…"). */
export interface SelfSignedCertificate {
  readonly cert: string;
  readonly key: string;
  readonly fingerprint256: string;
}

export const DEFAULT_CERTIFICATE_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];
const DAY_MS = 24 * 60 * 60 * 1000;
// Back-dated an hour so a client whose clock is a little behind still accepts it.
const CLOCK_SKEW_MS = 60 * 60 * 1000;

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

/**
 * A self-signed X.509 v3 server certificate made with Node's crypto alone (RFC 5280): an EC
 * P-256 key, signed with ECDSA SHA-256. An end-entity certificate (not a CA) that people and
 * clients trust by trusting the certificate itself: pass its PEM as a client's CA.
 */
export function generateSelfSignedCertificate(options: SelfSignedOptions = {}): SelfSignedCertificate {
  const hosts = uniqueHosts(options.hosts ?? DEFAULT_CERTIFICATE_HOSTS);
  const validDays = options.validDays ?? 30;
  if (!(validDays > 0 && validDays <= 3650)) throw new RangeError(`validDays must be from 1 to 3650, not ${validDays}`);
  const now = options.now ?? new Date();
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const tbs = tbsCertificate({
    name: options.commonName ?? 'Socket Lens mock server',
    notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
    notAfter: new Date(now.getTime() + validDays * DAY_MS),
    publicKey,
    hosts,
  });
  // crypto.sign with an EC key gives the DER ECDSA-Sig-Value that X.509 wants (RFC 5758 §3.2).
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, signatureAlgorithm(), bitString(signature));
  return {
    cert: pem('CERTIFICATE', der),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint256: fingerprint(der),
  };
}

interface TbsFields {
  readonly name: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: KeyObject;
  readonly hosts: readonly string[];
}

/** RFC 5280 §4.1: the signed part of the certificate. */
function tbsCertificate(fields: TbsFields): Buffer {
  const name = distinguishedName(fields.name);
  const spki = fields.publicKey.export({ type: 'spki', format: 'der' });
  return sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serialNumber()),
    signatureAlgorithm(),
    name, // issuer
    sequence(x509Time(fields.notBefore), x509Time(fields.notAfter)),
    name, // subject
    spki,
    explicit(3, sequence(...extensions(spki, fields.hosts))),
  );
}

/** RFC 5280 §4.1.2.2: positive, at most 20 bytes; 16 random bytes (the top bit cleared, the next set) keep it so. */
function serialNumber(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  return serial;
}

function signatureAlgorithm(): Buffer {
  // RFC 5758 §3.2: ecdsa-with-SHA256 has no parameters, not even NULL.
  return sequence(oid(OID.ecdsaWithSha256));
}

function distinguishedName(commonName: string): Buffer {
  return sequence(setOf(sequence(oid(OID.commonName), utf8String(commonName))));
}

function extensions(spki: Buffer, hosts: readonly string[]): Buffer[] {
  return [
    // RFC 5280 §4.2.1.9: not a CA.
    extension(OID.basicConstraints, true, sequence()),
    // §4.2.1.3: digitalSignature only (bit 0), as for any ECDHE server key.
    extension(OID.keyUsage, true, bitString(Uint8Array.of(0x80), 7)),
    extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))),
    extension(OID.subjectAltName, false, sequence(...hosts.map(generalName))),
    extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(spki))),
  ];
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** §4.2.1.6: iPAddress [7] for an IP address, dNSName [2] otherwise. */
function generalName(host: string): Buffer {
  const ip = ipAddressBytes(host);
  if (ip) return implicitPrimitive(7, ip);
  // IA5String content under the [2] tag; an internationalised name goes in its xn-- form.
  if (!/^[\x21-\x7e]+$/.test(host)) throw new RangeError(`"${host}" is not a DNS name a certificate can hold: write it in ASCII (xn-- form for international names)`);
  return implicitPrimitive(2, Buffer.from(host.toLowerCase(), 'ascii'));
}

/** §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(spki: Buffer): Buffer {
  // A P-256 SPKI ends with the 65-byte uncompressed point (04 || X || Y), the BIT STRING's content.
  const point = spki.subarray(spki.length - 65);
  return createHash('sha1').update(point).digest();
}

/** Each name once: DNS names compared without case, IP addresses by their bytes ("::1" is "0:0::1"). */
function uniqueHosts(hosts: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const host of hosts.map((h) => h.trim()).filter((h) => h !== '')) {
    const ip = ipAddressBytes(host);
    const key = ip ? `ip:${Buffer.from(ip).toString('hex')}` : `dns:${host.toLowerCase()}`;
    if (!byKey.has(key)) byKey.set(key, host);
  }
  return [...byKey.values()];
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function fingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}
