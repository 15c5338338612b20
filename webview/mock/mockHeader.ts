import { LitElement, css, html, nothing } from 'lit';
import type { MockServerView } from '../../src/shared/mockViewModels';

/**
 * The bar at the top of a mock's panel: state, name, URL (with Copy) and its counters. The URL is
 * the one Copy gives: the forwarded one in a remote window, with where the mock listens beside it.
 */
export class MockHeader extends LitElement {
  static override properties = { mock: { attribute: false }, copied: { type: Boolean } };
  declare mock: MockServerView | undefined;
  /** Shows "Copied" on the button for a moment. */
  declare copied: boolean;

  constructor() {
    super();
    this.mock = undefined;
    this.copied = false;
  }

  static override styles = css`
    :host { display: flex; align-items: center; gap: 6px 14px; padding: 8px 12px; border-bottom: 1px solid var(--vscode-panel-border, #80808059); flex-wrap: wrap; }
    .state { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; white-space: nowrap; }
    .dot { width: 9px; height: 9px; border-radius: 50%; background: var(--vscode-disabledForeground, #888); }
    .running .dot { background: var(--vscode-testing-iconPassed, #73c991); }
    .name { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 30ch; }
    .address { display: inline-flex; flex-direction: column; gap: 2px; flex: 1 1 260px; min-width: 0; }
    .line { display: flex; align-items: center; gap: 6px; min-width: 0; }
    .url { font-family: var(--vscode-editor-font-family, monospace); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
    .more { display: flex; gap: 4px 14px; flex-wrap: wrap; min-width: 0; font-size: 0.92em; color: var(--vscode-descriptionForeground); }
    .local, .paths { font-family: var(--vscode-editor-font-family, monospace); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; max-width: 100%; }
    .counters { display: inline-flex; gap: 14px; color: var(--vscode-descriptionForeground); white-space: nowrap; font-variant-numeric: tabular-nums; }
    .counters b { color: var(--vscode-foreground); font-weight: 600; }
  `;

  override render() {
    const m = this.mock;
    if (!m) return html`<span class="state">Loading…</span>`;
    return html`
      <span class="state ${m.state}" data-testid="mock-state"><span class="dot"></span>${m.state === 'running' ? 'Running' : 'Stopped'}</span>
      <span class="name" title=${m.name} data-testid="mock-name">${m.name}</span>
      <span class="address">
        <span class="line">
          <span class="url" title=${m.reachableUrl ? `${m.reachableUrl}\non this machine: ${m.url}` : m.url} data-testid="mock-url">${m.reachableUrl ?? m.url}</span>
          <vscode-button secondary data-testid="copy-url" title="Copy the URL" @click=${this.copy}>${this.copied ? 'Copied' : 'Copy'}</vscode-button>
        </span>
        ${m.reachableUrl || m.otherPaths.length > 0
          ? html`<span class="more">
              ${m.reachableUrl ? html`<span class="local" data-testid="mock-local-url" title="Where the mock listens, on the machine where the workspace is; the URL above is forwarded to it">on this machine: ${m.url}</span>` : nothing}
              ${m.otherPaths.length > 0 ? html`<span class="paths" data-testid="mock-paths" title="The mock serves these paths at the same address too">also ${m.otherPaths.join(' ')}</span>` : nothing}
            </span>`
          : nothing}
      </span>
      <span class="counters" data-testid="mock-counters">
        <span title="clients connected now, and since the mock started"><b data-testid="clients-now">${m.clientsNow}</b> connected · ${m.clientsTotal} in all</span>
        <span title="messages from clients (↓) and to clients (↑), since the mock started">↓ ${m.messagesIn.toLocaleString()} &nbsp;↑ ${m.messagesOut.toLocaleString()}</span>
      </span>
      ${m.state === 'stopped' ? html`<span class="counters" role="status" data-testid="stopped-note">Stopped: start it again to reach clients.</span>` : nothing}
    `;
  }

  private copy(): void {
    this.dispatchEvent(new CustomEvent('copy-url', { bubbles: true, composed: true }));
  }
}
