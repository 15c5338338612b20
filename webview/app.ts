import { LitElement, css, html, nothing } from 'lit';
import type { ComposedRequest } from '../src/shared/composer/composeMessage';
import { EMPTY_COMPOSER_MEMORY, type ComposerMemory } from '../src/shared/composer/composerMemory';
import type { ComposerUpdateMessage, HostToWebviewMessage, ResultMessage } from '../src/shared/protocol';
import { connectionStart } from '../src/shared/lifecycleWindow';
import type { ConnectionView, LogFilterView, MessageDetail, MessageSummary } from '../src/shared/viewModels';
import { ConversationFeed } from './conversationFeed';
import { HostClient } from './hostClient';
import { LogSync } from './logSync';
import { readPanelState, type PanelState } from './panelState';
import { readOnlyNote, readOnlyNoteStyles } from './components/readOnlyNote';

/** The index of the Lifecycle tab. */
const LIFECYCLE_TAB = 2;

/** The panel of one connection: header, tabs for messages / handshake / lifecycle, composer. */
export class SocketLensApp extends LitElement {
  static override properties = { saveNote: { state: true }, conversation: { state: true }, connection: { state: true }, composerError: { state: true }, sending: { state: true }, detail: { state: true }, detailError: { state: true }, filterError: { state: true }, composerHost: { state: true } };
  declare connection: ConnectionView | undefined;
  /** The close codes, the repeat's state and the saved messages, from the host. */
  declare composerHost: Omit<ComposerUpdateMessage, 'type'>;
  declare composerError: string;
  declare sending: boolean;
  /** The selected message in full, once the host answered. */
  declare detail: MessageDetail | undefined;
  declare detailError: string;
  /** Why the host refused the last filter. */
  declare filterError: string;
  /** What became of the last Save of a payload. */
  declare saveNote: string;
  /** The messages the sequence diagram draws; fetched while the Lifecycle tab is open. */
  declare conversation: readonly MessageSummary[];

  private readonly sync: LogSync;
  private readonly conversationFeed: ConversationFeed;
  private state: PanelState;
  private readonly host: HostClient;

  constructor() {
    super();
    this.connection = undefined;
    this.composerError = '';
    this.sending = false;
    this.detail = undefined;
    this.detailError = '';
    this.filterError = '';
    this.conversation = [];
    this.saveNote = '';
    this.composerHost = { closeCodes: [] };
    this.host = new HostClient((message) => this.receive(message));
    this.sync = new LogSync(this.host, () => this.requestUpdate());
    this.conversationFeed = new ConversationFeed(this.host, (messages) => (this.conversation = messages));
    this.state = readPanelState(this.host.getState());
  }

  static override styles = [readOnlyNoteStyles, css`
    :host { display: flex; flex-direction: column; height: 100vh; }
    vscode-tabs { flex: 1; min-height: 0; display: flex; flex-direction: column; }
    vscode-tab-panel { flex: 1 1 auto; min-height: 0; overflow: hidden; }
    socket-lens-handshake { height: 100%; box-sizing: border-box; }
    .lifecycle { height: 100%; overflow: auto; box-sizing: border-box; }
    .lifecycle h3 { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--vscode-descriptionForeground); margin: 14px 12px 0; font-weight: 600; }
    .messages { display: flex; flex-direction: column; height: 100%; min-height: 0; }
    socket-lens-message-list { flex: 1 1 50%; min-height: 80px; }
    .evicted { padding: 3px 12px; font-size: 12px; color: var(--vscode-descriptionForeground); border-bottom: 1px solid var(--vscode-panel-border, #80808059); }
    socket-lens-message-detail { flex: 1 1 50%; min-height: 120px; }
    .error { margin: 8px 12px 0; padding: 8px 10px; border: 1px solid var(--vscode-inputValidation-errorBorder, #be1100); background: var(--vscode-inputValidation-errorBackground, #5a1d1d); white-space: pre-wrap; }
    .count { margin-left: 6px; }
  `];

  override connectedCallback(): void {
    super.connectedCallback();
    this.host.ready(this.state.filter ?? {});
    void this.watchComposer();
    if (this.state.selected !== undefined) void this.loadDetail(this.state.selected);
  }

  override disconnectedCallback(): void {
    this.conversationFeed.dispose();
    this.host.dispose();
    super.disconnectedCallback();
  }

  override render() {
    const c = this.connection;
    const log = this.sync.window;
    return html`
      <socket-lens-connection-header .connection=${c} @disconnect=${this.disconnect} @reconnect=${this.reconnect}></socket-lens-connection-header>
      ${c?.error ? html`<div class="error" role="alert" data-testid="connection-error">${c.error.message}</div>` : nothing}
      <vscode-tabs selected-index=${this.state.tab} @vsc-tabs-select=${this.selectTab}>
        <vscode-tab-header slot="header" data-testid="tab-messages">Messages<vscode-badge class="count" variant="counter">${c ? (c.counters.messagesIn + c.counters.messagesOut).toLocaleString() : 0}</vscode-badge></vscode-tab-header>
        <vscode-tab-panel>
          <div class="messages">
            <socket-lens-log-filter
              .filter=${this.state.filter ?? {}}
              .matchCount=${log.liveEnd - log.first}
              .total=${c ? c.counters.messagesIn + c.counters.messagesOut - c.counters.evicted : 0}
              .error=${this.filterError}
              ?paused=${log.paused}
              .waiting=${log.waiting}
              @filter=${this.changeFilter}
              @pause=${this.pause}
            ></socket-lens-log-filter>
            ${c && c.counters.evicted > 0
              ? html`<div class="evicted" data-testid="evicted">${c.counters.evicted.toLocaleString()} older messages were evicted to keep the log within its byte budget (socketLens.logBudget).</div>`
              : nothing}
            <socket-lens-message-list .rows=${{ first: log.first, end: log.end, version: log.version, epoch: log.epoch, rowAt: (p: number) => log.rowAt(p) }} .selectedId=${this.state.selected} .origin=${c && connectionStart(c)} @select=${this.selectMessage} @range=${this.showRange}></socket-lens-message-list>
            ${this.state.selected !== undefined
              ? html`<socket-lens-message-detail data-testid="detail" .detail=${this.detail} .error=${this.detailError} .saveNote=${this.saveNote} @save=${this.savePayload} @close=${this.closeDetail} @keydown=${this.detailKey}></socket-lens-message-detail>`
              : nothing}
            ${c?.readOnly ? readOnlyNote(c.readOnly) : html`<socket-lens-composer
              .value=${this.state.draft}
              .error=${this.composerError}
              .sending=${this.sending}
              .memory=${this.state.composer ?? EMPTY_COMPOSER_MEMORY}
              .closeCodes=${this.composerHost.closeCodes}
              .repeat=${this.composerHost.repeat}
              .saved=${this.composerHost.saved}
              ?disabled=${c?.state !== 'open'}
              @send=${this.send}
              @send-saved=${this.sendSaved}
              @stop-repeat=${this.stopRepeat}
              @draft=${this.saveDraft}
              @memory=${this.saveComposer}
            ></socket-lens-composer>`}
          </div>
        </vscode-tab-panel>
        <vscode-tab-header slot="header" data-testid="tab-handshake">Handshake${c?.handshake.statusCode ? html`<vscode-badge class="count" variant="counter">${c.handshake.statusCode}</vscode-badge>` : nothing}</vscode-tab-header>
        <vscode-tab-panel><socket-lens-handshake .handshake=${c?.handshake}></socket-lens-handshake></vscode-tab-panel>
        <vscode-tab-header slot="header" data-testid="tab-lifecycle">Lifecycle</vscode-tab-header>
        <vscode-tab-panel>
          <div class="lifecycle">
            <socket-lens-sequence .events=${c?.lifecycle ?? []} .earlier=${c?.lifecycleEarlier} .messages=${this.conversation} .close=${c?.close} .recordedBy=${c?.recordedBy ?? 'client'}></socket-lens-sequence>
            <h3>Events</h3>
            <socket-lens-lifecycle .events=${c?.lifecycle ?? []} .earlier=${c?.lifecycleEarlier}></socket-lens-lifecycle>
          </div>
        </vscode-tab-panel>
      </vscode-tabs>
    `;
  }

  private receive(message: Exclude<HostToWebviewMessage, ResultMessage>): void {
    switch (message.type) {
      case 'host/snapshot':
        this.sync.reset(message.log);
        this.persist({ ...this.state, filter: message.filter });
        this.connection = message.connection;
        break;
      case 'host/connection':
        this.connection = message.connection;
        break;
      case 'host/messages':
        this.sync.window.take(message.log);
        if (this.connection) this.connection = { ...this.connection, counters: message.counters };
        break;
      case 'host/composer':
        this.composerHost = { closeCodes: message.closeCodes, repeat: message.repeat, saved: message.saved };
        break;
    }
    if (this.state.tab === LIFECYCLE_TAB) this.conversationFeed.refresh();
    this.requestUpdate();
  }

  private send(event: CustomEvent<ComposedRequest>): Promise<void> {
    return this.carryOut(event.detail);
  }

  /** A saved message by name: the host has its text and fills in its references. */
  private sendSaved(event: CustomEvent<string>): Promise<void> {
    return this.carryOut({ type: 'composer/sendSaved', name: event.detail });
  }

  /** Sends what the composer asked for; its error shows under the composer. */
  private async carryOut(request: ComposedRequest | { readonly type: 'composer/sendSaved'; readonly name: string }): Promise<void> {
    this.sending = true;
    this.composerError = '';
    try {
      await this.host.request(request);
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

  private readonly reconnect = async (): Promise<void> => {
    try {
      await this.host.request({ type: 'connection/reconnect' });
    } catch (error) {
      this.composerError = (error as Error).message;
    }
  };

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

  private readonly savePayload = async (event: CustomEvent<number>): Promise<void> => {
    try {
      const { savedTo } = await this.host.request({ type: 'log/savePayload', id: event.detail }, { waitsForUser: true });
      this.saveNote = savedTo ? `Saved to ${savedTo}` : '';
    } catch (error) {
      this.saveNote = (error as Error).message;
    }
  };

  /** Fetches message `id` in full; an answer for a message no longer selected is dropped. */
  private async loadDetail(id: number): Promise<void> {
    this.detail = undefined;
    this.saveNote = '';
    this.detailError = '';
    try {
      const detail = await this.host.request({ type: 'log/detail', id });
      if (this.state.selected === id) this.detail = detail;
    } catch (error) {
      if (this.state.selected === id) this.detailError = (error as Error).message;
    }
  }

  private readonly showRange = (event: CustomEvent<{ from: number; to: number }>): void => this.sync.show(event.detail.from, event.detail.to);

  private readonly changeFilter = async (event: CustomEvent<LogFilterView>): Promise<void> => {
    const filter = event.detail;
    this.persist({ ...this.state, filter });
    try {
      if (await this.sync.filter(filter, () => this.state.filter)) this.filterError = '';
    } catch (error) {
      if (this.state.filter === filter) this.filterError = (error as Error).message;
    }
    this.requestUpdate();
  };

  private readonly pause = (event: CustomEvent<boolean>): void => {
    this.sync.window.pause(event.detail);
    this.requestUpdate();
  };

  private saveDraft(event: CustomEvent<string>): void {
    this.persist({ ...this.state, draft: event.detail });
  }

  private selectTab(event: CustomEvent<{ selectedIndex: number }>): void {
    this.persist({ ...this.state, tab: event.detail.selectedIndex });
    if (event.detail.selectedIndex === LIFECYCLE_TAB) this.conversationFeed.refreshNow();
  }

  private persist(state: PanelState): void {
    this.state = state;
    this.host.setState(state);
  }
}
