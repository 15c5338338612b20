import { css, html, nothing } from 'lit';
import type { CertificateView, TlsView } from '../../src/shared/viewModels';

const DAY_MS = 86_400_000;
/** A certificate closer than this to its end is flagged, as renewals are due by then. */
const SOON_DAYS = 14;

/** Node's verification codes (OpenSSL X509_V_ERR_* names and its own), said as the reason. */
const AUTHORIZATION_ERRORS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server’s certificate is self-signed and is not one of the trusted certificates',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends at a root CA that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the issuer of the server’s certificate is unknown: the server may not send its intermediate certificates, or its CA is not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer of a certificate in the chain is unknown',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of a certificate in the chain is not among the trusted CAs: add the CA, or have the server send its intermediates',
  CERT_HAS_EXPIRED: 'a certificate in the chain has expired',
  CERT_NOT_YET_VALID: 'a certificate in the chain is not valid yet (check this machine’s clock)',
  CERT_REVOKED: 'a certificate in the chain has been revoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not name this host in its subject alternative names',
};

export function describeAuthorizationError(code: string | undefined): string {
  if (!code) return 'the chain was not verified';
  const reason = AUTHORIZATION_ERRORS[code];
  return reason ? `${reason} (${code})` : code;
}

/** "expires in 42 days", "expired 3 days ago", "not valid until …", and whether to warn. */
export function validityNote(cert: CertificateView, now: number): { text: string; level: 'ok' | 'warn' | 'bad' } | undefined {
  if (cert.validToTime === undefined) return undefined;
  if (cert.validFromTime !== undefined && now < cert.validFromTime) return { text: `not valid yet: starts in ${days(cert.validFromTime - now)}`, level: 'bad' };
  const left = cert.validToTime - now;
  if (left < 0) return { text: `expired ${days(-left)} ago`, level: 'bad' };
  const text = left < DAY_MS ? 'expires today' : `expires in ${days(left)}`;
  return { text, level: left < SOON_DAYS * DAY_MS ? 'warn' : 'ok' };
}

function days(ms: number): string {
  const n = Math.floor(ms / DAY_MS);
  return n === 1 ? '1 day' : `${n.toLocaleString('en')} days`;
}

/** "CN=example.com" of a distinguished name, or the whole name without one. */
export function commonName(distinguished: string): string {
  return /(?:^|, )CN=([^,]+)/.exec(distinguished)?.[1] ?? distinguished;
}

function role(certs: readonly CertificateView[], i: number): string {
  const cert = certs[i]!;
  const selfSigned = cert.subject === cert.issuer;
  if (i === 0) return selfSigned ? 'Server · self-signed' : 'Server';
  return selfSigned ? 'Root CA' : 'Intermediate CA';
}

function renderCertificate(certs: readonly CertificateView[], i: number, now: number) {
  const cert = certs[i]!;
  const note = validityNote(cert, now);
  const names = cert.subjectAltName?.split(', ') ?? [];
  return html`<li>
    <details class="cert" data-testid="certificate" open>
      <summary><span class="role">${role(certs, i)}</span> <span class="cn">${commonName(cert.subject)}</span>
        ${note ? html`<span class="pill ${note.level}" data-testid="certificate-validity">${note.text}</span>` : nothing}</summary>
      <dl class="fields">
        <dt>Subject</dt><dd>${cert.subject}</dd>
        <dt>Issuer</dt><dd>${cert.issuer}</dd>
        <dt>Valid</dt><dd>${cert.validFrom} — ${cert.validTo}</dd>
        ${names.length > 0 ? html`<dt>Alt names</dt><dd class="names">${names.map((n) => html`<code>${n}</code>`)}</dd>` : nothing}
        ${cert.serialNumber ? html`<dt>Serial</dt><dd>${cert.serialNumber}</dd>` : nothing}
        <dt>SHA-256</dt><dd data-testid="certificate-fingerprint">${cert.fingerprint256}</dd>
      </dl>
    </details>
  </li>`;
}

/** The TLS session and the chain the server presented, leaf to root, each with what matters. */
export function renderTls(tls: TlsView | undefined, now: number) {
  if (!tls) return nothing;
  return html`
    <section aria-labelledby="tls-heading">
      <h3 id="tls-heading">TLS</h3>
      <dl class="fields" data-testid="tls">
        <dt>Protocol</dt><dd>${tls.protocol}</dd>
        <dt>Cipher</dt><dd>${tls.cipher}</dd>
        ${tls.alpnProtocol ? html`<dt>ALPN</dt><dd>${tls.alpnProtocol}</dd>` : nothing}
        <dt>Verified</dt><dd class=${tls.authorized ? 'ok' : 'bad'} data-testid="tls-verified">${tls.authorized ? '✓ chain trusted' : `✗ ${describeAuthorizationError(tls.authorizationError)}`}</dd>
      </dl>
      <h4>Certificate chain <span class="muted">(${tls.certificates.length}, server first)</span></h4>
      <ol class="chain">${tls.certificates.map((_, i) => renderCertificate(tls.certificates, i, now))}</ol>
    </section>`;
}

export const certificateStyles = css`
  .fields { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 3px 16px; margin: 0; }
  .fields dt { color: var(--muted); }
  .fields dd { margin: 0; font-family: var(--mono); word-break: break-all; }
  .chain { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; max-width: 880px; }
  .chain li + li .cert { margin-left: 18px; }
  .cert { border: 1px solid var(--border); border-radius: 4px; background: var(--vscode-editorWidget-background, transparent); }
  .cert summary { cursor: pointer; padding: 6px 10px; display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
  .cert summary:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
  .cert[open] summary { border-bottom: 1px solid var(--border); }
  .cert .fields { padding: 8px 10px; }
  .role { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
  .cn { font-weight: 600; }
  .names { display: flex; flex-wrap: wrap; gap: 4px; }
  .names code { font-family: var(--mono); padding: 0 4px; border-radius: 3px; background: var(--vscode-textCodeBlock-background, #80808026); }
  .pill { margin-left: auto; font-size: 11px; padding: 1px 8px; border-radius: 9px; border: 1px solid currentColor; }
  .pill.warn { color: var(--vscode-editorWarning-foreground, #cca700); }
`;
