import { css, html, nothing } from 'lit';
import type { HandshakeView } from '../../src/shared/viewModels';

/** RFC 6455 §1.3: the GUID the server appends to the client's key before hashing. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

type Accept = NonNullable<HandshakeView['accept']>;

/** The Accept check step by step (RFC 6455 §4.2.2), and whether the client may go on (§4.1). */
export function renderAccept(accept: Accept | undefined) {
  if (!accept) return nothing;
  return html`
    <section aria-labelledby="accept-heading" data-testid="accept">
      <h3 id="accept-heading">Sec-WebSocket-Accept check</h3>
      <dl class="steps">
        <dt>Sec-WebSocket-Key</dt><dd data-testid="accept-key">${accept.key}</dd>
        <dt><span class="op" aria-hidden="true">+</span> GUID</dt><dd class="muted" data-testid="accept-guid">${WEBSOCKET_GUID}</dd>
        ${accept.sha1Hex ? html`<dt><span class="op" aria-hidden="true">→</span> SHA-1 (hex)</dt><dd data-testid="accept-sha1">${accept.sha1Hex}</dd>` : nothing}
        <dt><span class="op" aria-hidden="true">→</span> base64 = expected</dt><dd data-testid="accept-expected">${accept.expected}</dd>
        <dt>Sec-WebSocket-Accept</dt><dd data-testid="accept-received" class=${accept.received === undefined ? 'bad' : ''}>${accept.received ?? '(missing from the response)'}</dd>
      </dl>
      <p class="verdict ${accept.valid ? 'ok' : 'bad'}" data-testid="accept-result">${accept.valid ? '✓ matches (RFC 6455 §4.2.2): the server really answered this WebSocket handshake' : verdictWhenWrong(accept)}</p>
    </section>`;
}

function verdictWhenWrong(accept: Accept): string {
  const what = accept.received === undefined ? 'the response has no Sec-WebSocket-Accept' : 'does not match the expected value';
  return `✗ ${what}: the client must fail the connection (RFC 6455 §4.1)`;
}

export const acceptStyles = css`
  .steps { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 3px 16px; margin: 0; }
  .steps dt { color: var(--muted); white-space: nowrap; }
  .steps dd { margin: 0; font-family: var(--mono); word-break: break-all; }
  .op { display: inline-block; width: 1.1em; color: var(--muted); font-family: var(--mono); }
  .verdict { margin: 8px 0 0; font-weight: 600; }
`;
