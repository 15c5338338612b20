import { LitElement, css, html, nothing } from 'lit';
import type { HandshakeView, HeaderListView, TlsView } from '../../src/shared/viewModels';

/** The opening handshake: request as sent, response as received, and the Accept check. */
export class HandshakeDetails extends LitElement {
  static override properties = { handshake: { attribute: false } };
  declare handshake: HandshakeView | undefined;

  static override styles = css`
    :host { display: block; padding: 8px 12px; overflow: auto; }
    h3 { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--vscode-descriptionForeground); margin: 14px 0 6px; }
    h3:first-child { margin-top: 0; }
    pre { margin: 0; font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); white-space: pre-wrap; word-break: break-all; }
    .line { font-weight: 600; }
    .name { color: var(--vscode-symbolIcon-propertyForeground, var(--vscode-textLink-foreground)); }
    .ok { color: var(--vscode-testing-iconPassed, #73c991); }
    .bad { color: var(--vscode-errorForeground, #f48771); }
    .muted { color: var(--vscode-descriptionForeground); }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
    dt { color: var(--vscode-descriptionForeground); }
    dd { margin: 0; font-family: var(--vscode-editor-font-family, monospace); word-break: break-all; }
  `;

  override render() {
    const h = this.handshake;
    if (!h?.requestLine) return html`<p class="muted">The handshake has not started yet.</p>`;
    return html`
      <h3>Request</h3>
      <pre data-testid="request"><span class="line">${h.requestLine}</span>
${headerLines(h.requestHeaders)}</pre>
      <h3>Response</h3>
      ${h.statusLine
        ? html`<pre data-testid="response"><span class="line ${h.statusCode === 101 ? 'ok' : 'bad'}">${h.statusLine}</span>
${headerLines(h.responseHeaders)}${h.responseBody ? `\n${h.responseBody}` : ''}</pre>`
        : html`<p class="muted">Waiting for the server's response…</p>`}
      ${h.accept ? this.renderAccept(h.accept) : nothing}
      ${h.statusCode === 101 ? this.renderNegotiated(h) : nothing}
      ${h.tls ? this.renderTls(h.tls) : nothing}
    `;
  }

  private renderTls(tls: TlsView) {
    return html`
      <h3>TLS</h3>
      <dl data-testid="tls">
        <dt>protocol</dt><dd>${tls.protocol}</dd>
        <dt>cipher</dt><dd>${tls.cipher}</dd>
        ${tls.alpnProtocol ? html`<dt>ALPN</dt><dd>${tls.alpnProtocol}</dd>` : nothing}
        <dt>verified</dt><dd class=${tls.authorized ? 'ok' : 'bad'}>${tls.authorized ? '✓ chain trusted' : `✗ ${tls.authorizationError ?? 'not verified'}`}</dd>
      </dl>
      ${tls.certificates.map(
        (cert, i) => html`
          <h3>${i === 0 ? 'Server certificate' : `Issuer ${i}`}</h3>
          <dl data-testid="certificate">
            <dt>subject</dt><dd>${cert.subject}</dd>
            <dt>issuer</dt><dd>${cert.issuer}</dd>
            <dt>valid</dt><dd>${cert.validFrom} — ${cert.validTo}</dd>
            ${cert.subjectAltName ? html`<dt>alt names</dt><dd>${cert.subjectAltName}</dd>` : nothing}
            <dt>SHA-256</dt><dd>${cert.fingerprint256}</dd>
          </dl>`,
      )}`;
  }

  private renderAccept(accept: NonNullable<HandshakeView['accept']>) {
    return html`
      <h3>Sec-WebSocket-Accept check</h3>
      <dl data-testid="accept">
        <dt>key</dt><dd>${accept.key}</dd>
        <dt>expected</dt><dd>base64(SHA-1(key + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11)) = ${accept.expected}</dd>
        <dt>received</dt><dd>${accept.received ?? '(missing)'}</dd>
        <dt>result</dt><dd class=${accept.valid ? 'ok' : 'bad'}>${accept.valid ? '✓ matches (RFC 6455 §4.2.2)' : '✗ does not match (RFC 6455 §4.1)'}</dd>
      </dl>`;
  }

  private renderNegotiated(h: HandshakeView) {
    return html`
      <h3>Negotiated</h3>
      <dl data-testid="negotiated">
        <dt>subprotocol</dt><dd>${h.protocol ?? '(none)'}</dd>
        <dt>extensions</dt><dd>${h.extensions ?? '(none)'}</dd>
      </dl>`;
  }
}

function headerLines(headers: HeaderListView) {
  return headers.map(([name, value]) => html`<span class="name">${name}</span>: ${value}\n`);
}
