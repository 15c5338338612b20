import { css, html, nothing } from 'lit';
import type { ExtensionView, HandshakeView } from '../../src/shared/viewModels';

/** What the permessage-deflate parameters mean (RFC 7692 §7.1). */
const DEFLATE_PARAMS: Record<string, (value: string | undefined) => string> = {
  server_no_context_takeover: () => 'the server starts each message with a fresh compression context',
  client_no_context_takeover: () => 'the client starts each message with a fresh compression context',
  server_max_window_bits: (v) => `the server compresses with an LZ77 window of at most ${windowSize(v)}`,
  client_max_window_bits: (v) => (v === undefined ? 'the client can limit its window; the server may choose a size' : `the client compresses with an LZ77 window of at most ${windowSize(v)}`),
};

function windowSize(bits: string | undefined): string {
  const n = Number(bits);
  return Number.isInteger(n) ? `2^${n} = ${(2 ** n / 1024).toLocaleString('en')} KiB` : `${bits} bits`;
}

function meaning(extension: string, param: string, value: string | undefined): string {
  return extension === 'permessage-deflate' ? (DEFLATE_PARAMS[param]?.(value) ?? '') : '';
}

/** "permessage-deflate; client_max_window_bits": an offer written back as one line. */
export function extensionText(extensions: readonly ExtensionView[]): string {
  return extensions.map((e) => [e.name, ...e.params.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`))].join('; ')).join(', ');
}

function extensionRows(extension: ExtensionView) {
  const params = extension.params.length > 0 ? extension.params : [undefined];
  return params.map(
    (param, i) => html`<tr data-testid="extension-param">
      ${i === 0 ? html`<th scope="rowgroup" rowspan=${params.length}>${extension.name}</th>` : nothing}
      <td class="code">${param?.name ?? html`<span class="muted">no parameters</span>`}</td>
      <td class="code">${param ? (param.value ?? html`<span class="muted">(no value)</span>`) : nothing}</td>
      <td class="muted">${param ? meaning(extension.name, param.name, param.value) : nothing}</td>
    </tr>`,
  );
}

function renderExtensions(h: HandshakeView) {
  const offered = h.offeredExtensions?.length ? html`<p class="offer">Offered: <code>${extensionText(h.offeredExtensions)}</code></p>` : nothing;
  if (!h.extensionList) {
    // A mock's client, or an older host: only the header's text.
    return html`<p class="code">${h.extensions ?? html`<span class="muted">none</span>`}</p>${offered}`;
  }
  if (h.extensionList.length === 0) return html`<p class="muted">none</p>${offered}`;
  return html`
    <table class="grid extensions" data-testid="extensions">
      <thead><tr><th scope="col">Extension</th><th scope="col">Parameter</th><th scope="col">Value</th><th scope="col">Meaning</th></tr></thead>
      <tbody>${h.extensionList.map(extensionRows)}</tbody>
    </table>${offered}`;
}

function renderSubprotocol(h: HandshakeView) {
  const offered = h.offeredProtocols ?? [];
  const chosen = h.protocol ? html`<code class="chosen">${h.protocol}</code>` : html`<span class="muted">none</span>`;
  const note = offered.length === 0 ? 'the client offered none' : h.protocol ? `chosen from: ${offered.join(', ')}` : `the server chose none of: ${offered.join(', ')}`;
  return html`<p data-testid="subprotocol">${chosen} <span class="muted">— ${note}</span></p>`;
}

/** The subprotocol and extensions the 101 settled on (RFC 6455 §4.2.2, §9.1), beside what was offered. */
export function renderNegotiation(h: HandshakeView) {
  if (h.statusCode !== 101) return nothing;
  return html`
    <section aria-labelledby="negotiated-heading" data-testid="negotiated">
      <h3 id="negotiated-heading">Negotiated</h3>
      <h4>Subprotocol</h4>
      ${renderSubprotocol(h)}
      <h4>Extensions</h4>
      ${renderExtensions(h)}
    </section>`;
}

export const negotiationStyles = css`
  h4 { font-size: inherit; font-weight: 600; margin: 8px 0 4px; }
  section > p { margin: 0 0 4px; }
  .chosen { font-weight: 600; }
  .offer { color: var(--muted); margin-top: 6px; }
  .extensions th[scope='rowgroup'] { font-family: var(--mono); font-weight: 600; white-space: nowrap; }
  .extensions td.code { white-space: nowrap; }
`;
