import { LitElement, css, html, nothing } from 'lit';
import { describeFailure, hasFailed, lastAttemptOpened, statusTextOf } from '../../src/shared/connectionOutcome';
import { formatBytes, formatCount, formatRate } from '../../src/shared/format';
import type { ConnectionView } from '../../src/shared/viewModels';
import { RateMeter } from '../rateMeter';
import { formatMs } from './messageRow';

/** How often the rates repaint when no message arrives (they fall to 0). */
const RATE_REFRESH_MS = 1000;

const STATE_LABEL: Record<ConnectionView['state'], string> = {
  connecting: 'Connecting…',
  open: 'Open',
  closing: 'Closing…',
  closed: 'Closed',
};

/** The bar at the top: state, URL, counters, rates, the last ping's round trip, Disconnect and Reconnect (for a live conversation). */
export class ConnectionHeader extends LitElement {
  static override properties = { connection: { attribute: false } };
  declare connection: ConnectionView | undefined;
  private readonly meter = new RateMeter();
  private refresh: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.refresh = setInterval(() => this.requestUpdate(), RATE_REFRESH_MS);
  }

  override disconnectedCallback(): void {
    clearInterval(this.refresh);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    const c = this.connection;
    if (changed.has('connection') && c) this.meter.sample(performance.now(), c.counters.messagesIn, c.counters.messagesOut);
  }

  static override styles = css`
    :host { display: flex; align-items: center; gap: 12px; padding: 8px 12px; border-bottom: 1px solid var(--vscode-panel-border, #80808059); flex-wrap: wrap; }
    .state { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; white-space: nowrap; }
    .dot { width: 9px; height: 9px; border-radius: 50%; background: var(--vscode-disabledForeground, #888); }
    .open .dot { background: var(--vscode-testing-iconPassed, #73c991); }
    .connecting .dot, .closing .dot { background: var(--vscode-editorWarning-foreground, #cca700); }
    .failed .dot { background: var(--vscode-errorForeground, #f48771); }
    .url { font-family: var(--vscode-editor-font-family, monospace); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1 1 80px; min-width: 0; }
    .counters { color: var(--vscode-descriptionForeground); white-space: nowrap; font-variant-numeric: tabular-nums; }
    .close { color: var(--vscode-descriptionForeground); white-space: nowrap; }
  `;

  override render() {
    const c = this.connection;
    if (!c) return html`<span class="state">Loading…</span>`;
    const failed = hasFailed(c);
    const { messagesIn, messagesOut, bytesIn, bytesOut, lastRttMs } = c.counters;
    const rate = this.meter.rates(performance.now());
    // A mock's client connects from elsewhere, and a session read back from a file from nowhere.
    const live = c.readOnly === undefined;
    const client = c.recordedBy !== 'server' && live;
    return html`
      <span class="state ${failed ? 'failed' : c.state}" data-testid="state"><span class="dot"></span>${failed ? failureText(c) : live ? STATE_LABEL[c.state] : 'Read-only'}</span>
      <span class="url" title=${c.url} data-testid="url">${c.url}</span>
      ${c.close && lastAttemptOpened(c.lifecycle) ? html`<span class="close" data-testid="close-info">${describeClose(c.close)}</span>` : nothing}
      <span class="counters" data-testid="counters" title="messages and bytes received (↓) and sent (↑)">
        ↓ ${formatCount(messagesIn)} · ${formatBytes(bytesIn)} &nbsp; ↑ ${formatCount(messagesOut)} · ${formatBytes(bytesOut)}
      </span>
      ${c.state === 'closed' ? nothing : html`<span class="counters" data-testid="rate" title="messages per second over the last 2 seconds, received (↓) and sent (↑)">↓ ${formatRate(rate.in)} ↑ ${formatRate(rate.out)}</span>`}
      ${lastRttMs !== undefined ? html`<span class="counters" data-testid="ping-rtt" title="round trip of the last ping: ping sent to pong received">ping ${formatMs(lastRttMs)}</span>` : nothing}
      ${client ? html`<vscode-button secondary ?disabled=${c.state === 'connecting'} @click=${this.reconnect} data-testid="reconnect" title="Close if open, then connect again with the same options">Reconnect</vscode-button>` : nothing}
      ${live ? html`<vscode-button secondary ?disabled=${c.state !== 'open'} @click=${this.disconnect} data-testid="disconnect">Disconnect</vscode-button>` : nothing}
    `;
  }

  private reconnect(): void {
    this.dispatchEvent(new CustomEvent('reconnect', { bubbles: true, composed: true }));
  }

  private disconnect(): void {
    this.dispatchEvent(new CustomEvent('disconnect', { bubbles: true, composed: true }));
  }
}

/** "Failed · 404 Not Found" when the server refused the upgrade, as the Connections view says it; the error under the bar says the rest. */
function failureText(c: ConnectionView): string {
  return describeFailure({ statusCode: c.handshake.statusCode, statusText: statusTextOf(c.handshake.statusLine), close: c.close, lifecycle: c.lifecycle }, 'Failed');
}

function describeClose(close: NonNullable<ConnectionView['close']>): string {
  const who = close.initiatedBy === 'none' ? 'TCP dropped, no close frame' : `closed by ${close.initiatedBy}`;
  const clean = close.initiatedBy !== 'none' && !close.wasClean ? ' (not clean)' : '';
  const tcp = describeTcpEnd(close.tcpClosedFirstBy);
  return `${close.code}${close.reason ? ` “${close.reason}”` : ''} · ${who}${clean}${tcp}`;
}

function describeTcpEnd(first: NonNullable<ConnectionView['close']>['tcpClosedFirstBy']): string {
  if (first === 'both') return ' · TCP ended by both at once';
  return first === 'client' || first === 'server' ? ` · TCP ended by ${first}` : '';
}
