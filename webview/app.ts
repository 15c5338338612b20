import { LitElement, css, html, nothing } from 'lit';
import type { ComposedRequest } from '../src/shared/composer/composeMessage';
import { EMPTY_COMPOSER_MEMORY, type ComposerMemory } from '../src/shared/composer/composerMemory';
import type { ComposerUpdateMessage, HostToWebviewMessage, ResultMessage } from '../src/shared/protocol';
import type { ConnectionView, MessageDetail } from '../src/shared/viewModels';
import { HostClient } from './hostClient';
import { MessageRows } from './messageRows';
import { readPanelState, type PanelState } from './panelState';

/** The panel of one connection: header, tabs for messages / handshake / lifecycle, composer. */
export class SocketLensApp extends LitElement {
  static override properties = { connection: { state: true }, composerError: { state: true }, sending: { state: true }, detail: { state: true }, detailError: { state: true }, composerHost: { state: true } };
  declare connection: ConnectionView | undefined;
  /** The close codes and the repeat's state, from the host. */
  declare composerHost: Omit<ComposerUpdateMessage, 'type'>;
  declare composerError: string;
  declare sending: boolean;
  /** The selected message in full, once the host answered. */
  declare detail: MessageDetail | undefined;
  declare detailError: string;

  private readonly rows = new MessageRows();
  private state: PanelState;
  private readonly host: HostClient;

  constructor() {
    super();
    this.connection = undefined;
    this.composerError = '';
    this.sending = false;
    this.detail = undefined;
    this.detailError = '';
    this.composerHost = { closeCodes: [] };
    this.host = new HostClient((message) => this.receive(message));
    this.state = readPanelState(this.host.getState());
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; height: 100vh; }
    vscode-tabs { flex: 1; min-height: 0; display: flex; flex-direction: column; }
    vscode-tab-panel { flex: 1 1 auto; min-height: 0; overflow: hidden; }
    socket-lens-handshake { height: 100%; box-sizing: border-box; }
    .lifecycle { height: 100%; overflow: auto; box-sizing: border-box; }
    .lifecycle h3 { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--vscode-descriptionForeground); margin: 14px 12px 0; font-weight: 600; }
    .messages { display: flex; flex-direction: column; height: 100%; min-height: 0; }
    socket-lens-message-list { flex: 1 1 50%; min-height: 80px; }
    socket-lens-message-detail { flex: 1 1 50%; min-height: 120px; }
    .error { margin: 8px 12px 0; padding: 8px 10px; border: 1px solid var(--vscode-inputValidation-errorBorder, #be1100); background: var(--vscode-inputValidation-errorBackground, #5a1d1d); white-space: pre-wrap; }
    .count { margin-left: 6px; }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.host.ready();
    void this.watchComposer();
    if (this.state.selected !== undefined) void this.loadDetail(this.state.selected);
  }

  override disconnectedCallback(): void {
    this.host.dispose();
    super.disconnectedCallback();
  }

  override render() {
    const c = this.connection;
    return html`
      <socket-lens-connection-header .connection=${c} @disconnect=${this.disconnect}></socket-lens-connection-header>
      ${c?.error ? html`<div class="error" role="alert" data-testid="connection-error">${c.error.message}</div>` : nothing}
      <vscode-tabs selected-index=${this.state.tab} @vsc-tabs-select=${this.selectTab}>
        <vscode-tab-header slot="header" data-testid="tab-messages">Messages<vscode-badge class="count" variant="counter">${this.rows.rows.length + this.rows.notShown}</vscode-badge></vscode-tab-header>
        <vscode-tab-panel>
          <div class="messages">
            <socket-lens-message-list .rows=${this.rows.rows} .notShown=${this.rows.notShown} .selectedId=${this.state.selected} @select=${this.selectMessage}></socket-lens-message-list>
            ${this.state.selected !== undefined
              ? html`<socket-lens-message-detail data-testid="detail" .detail=${this.detail} .error=${this.detailError} @close=${this.closeDetail} @keydown=${this.detailKey}></socket-lens-message-detail>`
              : nothing}
            <socket-lens-composer
              .value=${this.state.draft}
              .error=${this.composerError}
              .sending=${this.sending}
              .memory=${this.state.composer ?? EMPTY_COMPOSER_MEMORY}
              .closeCodes=${this.composerHost.closeCodes}
              .repeat=${this.composerHost.repeat}
              ?disabled=${c?.state !== 'open'}
              @send=${this.send}
              @stop-repeat=${this.stopRepeat}
              @draft=${this.saveDraft}
              @memory=${this.saveComposer}
            ></socket-lens-composer>
          </div>
        </vscode-tab-panel>
        <vscode-tab-header slot="header" data-testid="tab-handshake">Handshake${c?.handshake.statusCode ? html`<vscode-badge class="count" variant="counter">${c.handshake.statusCode}</vscode-badge>` : nothing}</vscode-tab-header>
        <vscode-tab-panel><socket-lens-handshake .handshake=${c?.handshake}></socket-lens-handshake></vscode-tab-panel>
        <vscode-tab-header slot="header" data-testid="tab-lifecycle">Lifecycle</vscode-tab-header>
        <vscode-tab-panel>
          <div class="lifecycle">
            <socket-lens-sequence .events=${c?.lifecycle ?? []} .close=${c?.close} .recordedBy=${c?.recordedBy ?? 'client'}></socket-lens-sequence>
            <h3>Events</h3>
            <socket-lens-lifecycle .events=${c?.lifecycle ?? []}></socket-lens-lifecycle>
          </div>
        </vscode-tab-panel>
      </vscode-tabs>
    `;
  }

  private receive(message: Exclude<HostToWebviewMessage, ResultMessage>): void {
    switch (message.type) {
      case 'host/snapshot':
        this.rows.reset(message.messages, message.connection.counters);
        this.connection = message.connection;
        break;
      case 'host/connection':
        this.connection = message.connection;
        break;
      case 'host/messages':
        this.rows.append(message.messages, message.counters);
        if (this.connection) this.connection = { ...this.connection, counters: message.counters };
        break;
      case 'host/composer':
        this.composerHost = { closeCodes: message.closeCodes, repeat: message.repeat };
        break;
    }
    this.requestUpdate();
  }

  private async send(event: CustomEvent<ComposedRequest>): Promise<void> {
    this.sending = true;
    this.composerError = '';
    try {
      await this.host.request(event.detail);
    } catch (error) {
      this.composerError = (error as Error).message;
    } finally {
      this.sending = false;
    }
  }

  private async stopRepeat(): Promise<void> {
    try {
      await this.host.request({ type: 'connection/stopRepeat' });
    } catch (error) {
      this.composerError = (error as Error).message;
    }
  }

  /** Asks for the close codes and the repeat's state; the host sends them again as the repeat changes. */
  private async watchComposer(): Promise<void> {
    try {
      await this.host.request({ type: 'composer/watch' });
    } catch (error) {
      this.composerError = (error as Error).message;
    }
  }

  private saveComposer(event: CustomEvent<ComposerMemory>): void {
    this.persist({ ...this.state, composer: event.detail });
  }

  private async disconnect(): Promise<void> {
    try {
      await this.host.request({ type: 'connection/disconnect', code: 1000, reason: '' });
    } catch (error) {
      this.composerError = (error as Error).message;
    }
  }

  private readonly selectMessage = (event: CustomEvent<number | null>): void => {
    // A CustomEvent's detail is null, not undefined, when there is none.
    const id = event.detail ?? undefined;
    this.persist({ ...this.state, selected: id });
    if (id !== undefined) void this.loadDetail(id);
    this.requestUpdate();
  };

  private readonly closeDetail = (): void => {
    this.persist({ ...this.state, selected: undefined });
    this.requestUpdate();
  };

  private readonly detailKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') this.closeDetail();
  };

  /** Fetches message `id` in full; an answer for a message no longer selected is dropped. */
  private async loadDetail(id: number): Promise<void> {
    this.detail = undefined;
    this.detailError = '';
    try {
      const detail = await this.host.request({ type: 'log/detail', id });
      if (this.state.selected === id) this.detail = detail;
    } catch (error) {
      if (this.state.selected === id) this.detailError = (error as Error).message;
    }
  }

  private saveDraft(event: CustomEvent<string>): void {
    this.persist({ ...this.state, draft: event.detail });
  }

  private selectTab(event: CustomEvent<{ selectedIndex: number }>): void {
    this.persist({ ...this.state, tab: event.detail.selectedIndex });
  }

  private persist(state: PanelState): void {
    this.state = state;
    this.host.setState(state);
  }
}
