import { LitElement, css, html } from 'lit';
import { formatClockTime, formatRelativeTime } from '../../src/shared/format';
import type { LifecycleEventView } from '../../src/shared/viewModels';

const LABEL: Record<string, string> = {
  connecting: 'Connecting',
  redirect: 'Redirected',
  'proxy-connecting': 'Proxy',
  'proxy-tcp-connected': 'Proxy TCP connected',
  'proxy-connected': 'Proxy tunnel open',
  'dns-resolved': 'DNS resolved',
  'tcp-connected': 'TCP connected',
  'tls-established': 'TLS established',
  'upgrade-sent': 'GET Upgrade sent',
  'upgrade-response': 'Upgrade response',
  open: 'WebSocket open',
  'close-sent': 'Close frame sent',
  'close-received': 'Close frame received',
  'protocol-violation': 'Protocol violation',
  'tcp-fin-received': 'FIN received',
  'tcp-fin-sent': 'FIN sent',
  'tcp-aborted': 'TCP aborted',
  'tcp-closed': 'TCP closed',
  closed: 'Closed',
  'keepalive-missed': 'Keep-alive missed',
  fault: 'Fault injected',
  'reconnect-scheduled': 'Reconnect scheduled',
  'reconnect-gave-up': 'Reconnect gave up',
  'reconnect-cancelled': 'Reconnect cancelled',
  error: 'Error',
};

/** The connection's life in order, timed from the first event. */
export class LifecycleList extends LitElement {
  static override properties = { events: { attribute: false } };
  declare events: readonly LifecycleEventView[];

  constructor() {
    super();
    this.events = [];
  }

  static override styles = css`
    :host { display: block; padding: 8px 12px; overflow: auto; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: max-content max-content max-content 1fr; gap: 3px 14px; }
    li { display: contents; }
    .time, .rel { font-variant-numeric: tabular-nums; color: var(--vscode-descriptionForeground); font-family: var(--vscode-editor-font-family, monospace); }
    .kind { font-weight: 600; }
    .error .kind, .error .detail, .protocol-violation .kind { color: var(--vscode-errorForeground, #f48771); }
    .tcp-fin-received .kind, .tcp-fin-sent .kind, .tcp-closed .kind, .tcp-aborted .kind, .dns-resolved .kind { font-weight: 400; }
    .detail { font-family: var(--vscode-editor-font-family, monospace); word-break: break-word; }
  `;

  override render() {
    const origin = this.events[0]?.time ?? 0;
    return html`<ol data-testid="lifecycle">
      ${this.events.map(
        (e) => html`<li class=${e.kind}>
          <span class="time">${formatClockTime(e.time)}</span>
          <span class="rel">${formatRelativeTime(e.time, origin)}</span>
          <span class="kind">${LABEL[e.kind] ?? e.kind}</span>
          <span class="detail">${e.detail ?? ''}</span>
        </li>`,
      )}
    </ol>`;
  }
}
