import { css, html, nothing } from 'lit';
import type { HandshakeView, HeaderListView } from '../../src/shared/viewModels';

/** A start line and headers as HTTP/1.1 writes them (RFC 9112 §2.1): CRLF after each line, a blank line at the end. */
export function rawHttp(startLine: string, headers: HeaderListView, body?: string): string {
  return `${[startLine, ...headers.map(([name, value]) => `${name}: ${value}`)].join('\r\n')}\r\n\r\n${body ?? ''}`;
}

export function rawRequest(h: HandshakeView): string | undefined {
  return h.requestLine === undefined ? undefined : rawHttp(h.requestLine, h.requestHeaders);
}

export function rawResponse(h: HandshakeView): string | undefined {
  return h.statusLine === undefined ? undefined : rawHttp(h.statusLine, h.responseHeaders, h.responseBody);
}

/** Header lines in a table: name and value, in the order and case they crossed the wire. */
export function renderHeaders(headers: HeaderListView) {
  if (headers.length === 0) return html`<p class="muted">no headers</p>`;
  // "Name: value" also as text, so a copied selection reads like the request.
  return html`<table class="headers">
    <tbody>${headers.map(([name, value]) => html`<tr><th scope="row">${name}:</th> <td>${value}</td></tr>`)}</tbody>
  </table>`;
}

/** A section's heading with its copy button, which says when it has copied. */
export function renderHeading(id: string, title: string, copy: { label: string; copied: boolean; onCopy: () => void } | undefined) {
  return html`<div class="heading">
    <h3 id=${id}>${title}</h3>
    ${copy
      ? html`<button class="icon" data-testid="copy-${id}" aria-label="Copy the ${title.toLowerCase()} as HTTP text" title="Copy the ${title.toLowerCase()} as HTTP text" @click=${copy.onCopy}>${copy.copied ? '✓ Copied' : copy.label}</button>`
      : nothing}
  </div>`;
}

export const httpStyles = css`
  .heading { display: flex; align-items: baseline; gap: 8px; margin: 18px 0 6px; }
  .heading h3 { margin: 0; }
  .line { font-family: var(--mono); font-weight: 600; margin: 0 0 4px; word-break: break-all; }
  .headers { border-collapse: collapse; font-family: var(--mono); width: 100%; }
  .headers th { text-align: left; font-weight: normal; color: var(--vscode-symbolIcon-propertyForeground, var(--vscode-textLink-foreground)); white-space: nowrap; padding: 1px 12px 1px 0; vertical-align: top; width: 1%; }
  .headers td { padding: 1px 0; word-break: break-all; }
  .headers tr:hover { background: var(--vscode-list-hoverBackground, #80808014); }
  .body { margin: 8px 0 0; padding: 6px 8px; font-family: var(--mono); white-space: pre-wrap; word-break: break-all; background: var(--vscode-textCodeBlock-background, #80808026); border-radius: 3px; }
  .icon { background: none; border: 1px solid transparent; color: var(--vscode-textLink-foreground, var(--vscode-foreground)); cursor: pointer; padding: 1px 6px; border-radius: 3px; font: inherit; font-size: 12px; }
  .icon:hover { background: var(--vscode-toolbar-hoverBackground, #5a5d5e50); }
  .icon:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
`;
