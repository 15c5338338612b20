import { LitElement, css, html, nothing } from 'lit';
import { copyText } from '../clipboard';
import type { HandshakeView } from '../../src/shared/viewModels';
import { acceptStyles, renderAccept } from './acceptCheck';
import { certificateStyles, renderTls } from './certificateChain';
import { renderTiming, timingStyles } from './handshakeTiming';
import { httpStyles, rawRequest, rawResponse, renderHeaders, renderHeading } from './httpMessage';
import { negotiationStyles, renderNegotiation } from './negotiationView';

type Copied = 'request' | 'response';
type CopyOutcome = { readonly what: Copied; readonly ok: boolean };
/** How long a copy button says "Copied". */
const COPIED_MS = 1500;

/**
 * The opening handshake: how long each step took, the request as sent and the response as
 * received (copyable as HTTP), the Accept check spelled out, what was negotiated, and TLS.
 */
export class HandshakeDetails extends LitElement {
  static override properties = { handshake: { attribute: false }, copied: { state: true } };
  declare handshake: HandshakeView | undefined;
  declare copied: CopyOutcome | undefined;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;

  static override styles = [
    css`
      :host {
        display: block; padding: 4px 16px 16px; overflow: auto;
        --mono: var(--vscode-editor-font-family, monospace);
        --muted: var(--vscode-descriptionForeground, #9d9d9d);
        --border: var(--vscode-editorWidget-border, #80808059);
      }
      section { max-width: 1100px; }
      h3 { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 18px 0 6px; }
      .ok { color: var(--vscode-testing-iconPassed, #73c991); }
      .bad { color: var(--vscode-errorForeground, #f48771); }
      .muted { color: var(--muted); }
      .code, code { font-family: var(--mono); }
      .grid { border-collapse: collapse; width: 100%; max-width: 880px; }
      .grid th, .grid td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid var(--border); vertical-align: top; }
      .grid thead th { font-weight: normal; color: var(--muted); }
      .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    `,
    timingStyles,
    httpStyles,
    acceptStyles,
    negotiationStyles,
    certificateStyles,
  ];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.copiedTimer);
  }

  override render() {
    const h = this.handshake;
    if (!h?.requestLine) return html`<p class="muted">The handshake has not started yet.</p>`;
    return html`
      ${renderTiming(h.timing)}
      ${this.renderRequest(h)}
      ${this.renderResponse(h)}
      ${renderAccept(h.accept)}
      ${renderNegotiation(h)}
      ${renderTls(h.tls, Date.now())}
    `;
  }

  private renderRequest(h: HandshakeView) {
    return html`<section aria-labelledby="request" data-testid="request">
      ${renderHeading('request', 'Request', this.copyButton('request', rawRequest(h)))}
      <p class="line">${h.requestLine}</p>
      ${renderHeaders(h.requestHeaders)}
    </section>`;
  }

  private renderResponse(h: HandshakeView) {
    if (!h.statusLine) {
      return html`<section aria-labelledby="response">${renderHeading('response', 'Response', undefined)}<p class="muted">Waiting for the server's response…</p></section>`;
    }
    return html`<section aria-labelledby="response" data-testid="response">
      ${renderHeading('response', 'Response', this.copyButton('response', rawResponse(h)))}
      <p class="line ${h.statusCode === 101 ? 'ok' : 'bad'}">${h.statusLine}</p>
      ${renderHeaders(h.responseHeaders)}
      ${h.responseBody ? html`<pre class="body">${h.responseBody}</pre>` : nothing}
    </section>`;
  }

  private copyButton(what: Copied, text: string | undefined) {
    if (text === undefined) return undefined;
    const failed = this.copied?.what === what && !this.copied.ok;
    return { label: failed ? 'Copy failed: select the text instead' : 'Copy as HTTP', copied: this.copied?.what === what && this.copied.ok, onCopy: () => void this.copy(what, text) };
  }

  private async copy(what: Copied, text: string): Promise<void> {
    this.copied = { what, ok: await copyText(text) };
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => (this.copied = undefined), COPIED_MS);
  }
}
