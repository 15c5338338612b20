import { LitElement, css, html, nothing } from 'lit';
import type { MockBroadcastResult, MockHostToWebviewMessage, MockWebviewRequest } from '../../src/shared/mockProtocol';
import type { MockServerView } from '../../src/shared/mockViewModels';
import type { ClientDraft } from './clientActions';
import { readMockPanelState, type MockPanelState } from './mockPanelState';
import { MockRows } from './mockRows';
import { RequestChannel, type RequestBody } from '../requestChannel';

/** How often open clients' durations tick. */
const CLOCK_MS = 1000;
/** How long "Copied" stays on the Copy button. */
const COPIED_MS = 1500;

/** The panel of one mock server: header, client table, and sending to one client or to all. */
export class SocketLensMockApp extends LitElement {
  static override properties = {
    mock: { state: true },
    now: { state: true },
    clientBusy: { state: true },
    clientError: { state: true },
    clientNotice: { state: true },
    broadcastBusy: { state: true },
    broadcastError: { state: true },
    broadcastNotice: { state: true },
    copied: { state: true },
    panelError: { state: true },
  };
  declare mock: MockServerView | undefined;
  declare now: number;
  declare clientBusy: boolean;
  declare clientError: string;
  declare clientNotice: string;
  declare broadcastBusy: boolean;
  declare broadcastError: string;
  declare broadcastNotice: string;
  declare copied: boolean;
  /** An error that belongs to no section (copying the URL). */
  declare panelError: string;

  private readonly rows = new MockRows();
  private readonly host: RequestChannel<MockWebviewRequest, MockHostToWebviewMessage, MockBroadcastResult>;
  private state: MockPanelState;
  private clock: ReturnType<typeof setInterval> | undefined;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.mock = undefined;
    this.now = Date.now();
    this.clientBusy = false;
    this.clientError = '';
    this.clientNotice = '';
    this.broadcastBusy = false;
    this.broadcastError = '';
    this.broadcastNotice = '';
    this.copied = false;
    this.panelError = '';
    this.host = new RequestChannel((message) => this.receive(message));
    this.state = readMockPanelState(this.host.getState());
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; height: 100vh; }
    socket-lens-mock-clients { flex: 1 1 auto; min-height: 90px; }
    .composers { display: flex; flex-wrap: wrap; border-top: 1px solid var(--vscode-panel-border, #80808059); }
    .composers > * { flex: 1 1 380px; }
    .error { margin: 8px 12px 0; padding: 6px 10px; border: 1px solid var(--vscode-inputValidation-errorBorder, #be1100); background: var(--vscode-inputValidation-errorBackground, #5a1d1d); white-space: pre-wrap; }
    socket-lens-mock-client-actions { border-right: 1px solid var(--vscode-panel-border, #80808059); }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.host.ready();
    this.clock = setInterval(() => this.tick(), CLOCK_MS);
  }

  override disconnectedCallback(): void {
    clearInterval(this.clock);
    clearTimeout(this.copiedTimer);
    this.host.dispose();
    super.disconnectedCallback();
  }

  override render() {
    const selected = this.rows.get(this.state.selected);
    const running = this.mock?.state === 'running';
    return html`
      <socket-lens-mock-header .mock=${this.mock} ?copied=${this.copied} @copy-url=${this.copyUrl}></socket-lens-mock-header>
      ${this.panelError ? html`<div class="error" role="alert" data-testid="panel-error">${this.panelError}</div>` : nothing}
      <socket-lens-mock-clients .rows=${this.rows.rows} .selectedId=${selected?.id} .now=${this.now} @select=${this.select} @open-log=${this.openLog}></socket-lens-mock-clients>
      <div class="composers">
        <socket-lens-mock-client-actions .row=${selected} .running=${running} .draft=${this.state.client} ?busy=${this.clientBusy} .error=${this.clientError} .notice=${this.clientNotice}
          @draft=${this.saveClientDraft} @send-client=${this.sendToClient} @disconnect-client=${this.disconnect} @open-log=${this.openLog}></socket-lens-mock-client-actions>
        <socket-lens-mock-broadcast .openClients=${this.mock?.clientsNow ?? 0} .running=${running} .value=${this.state.broadcast} ?busy=${this.broadcastBusy} .error=${this.broadcastError} .notice=${this.broadcastNotice}
          @draft=${this.saveBroadcastDraft} @broadcast=${this.broadcast}></socket-lens-mock-broadcast>
      </div>
    `;
  }

  private receive(message: Exclude<MockHostToWebviewMessage, { type: 'host/result' }>): void {
    if (message.type === 'host/mockSnapshot') this.rows.reset(message.clients);
    else this.rows.apply(message.clients, message.removed);
    this.mock = message.mock;
    this.requestUpdate();
  }

  private tick(): void {
    if (this.rows.rows.some((r) => r.closedAt === undefined)) this.now = Date.now();
  }

  private readonly select = (event: CustomEvent<string | null>): void => {
    this.persist({ ...this.state, selected: event.detail ?? undefined });
    this.clientError = '';
    this.clientNotice = '';
    this.requestUpdate();
  };

  private readonly openLog = (event: CustomEvent<string>): void => {
    event.stopPropagation();
    void this.clientRequest({ type: 'mock/openLog', clientId: event.detail }, '');
  };

  private readonly sendToClient = (event: CustomEvent<ClientDraft>): void => {
    const clientId = this.state.selected;
    if (clientId === undefined) return;
    void this.clientRequest({ type: 'mock/sendText', clientId, text: event.detail.text }, `Sent to ${clientId}.`);
  };

  private readonly disconnect = (event: CustomEvent<ClientDraft>): void => {
    const clientId = this.state.selected;
    if (clientId === undefined) return;
    const code = event.detail.code.trim() === '' ? 1000 : Number(event.detail.code.trim());
    if (!Number.isInteger(code)) {
      this.clientError = `“${event.detail.code}” is not a close code. Use 1000 (normal), 1001, 1008, 1011 or 3000-4999.`;
      return;
    }
    void this.clientRequest({ type: 'mock/disconnect', clientId, code, reason: event.detail.reason }, `Closing ${clientId} with ${code}…`);
  };

  /** Sends a request about the selected client; its error (or `notice` once done) shows in the client section. */
  private async clientRequest(body: RequestBody<MockWebviewRequest>, notice: string): Promise<void> {
    this.clientBusy = true;
    this.clientError = '';
    this.clientNotice = '';
    try {
      await this.host.request(body);
      this.clientNotice = notice;
    } catch (error) {
      this.clientError = (error as Error).message;
    } finally {
      this.clientBusy = false;
    }
  }

  private readonly broadcast = async (event: CustomEvent<string>): Promise<void> => {
    this.broadcastBusy = true;
    this.broadcastError = '';
    this.broadcastNotice = '';
    try {
      const sent = (await this.host.request({ type: 'mock/broadcastText', text: event.detail }))?.sent ?? 0;
      this.broadcastNotice = sent === 0 ? 'No client is connected: nothing was sent.' : `Sent to ${sent} client${sent === 1 ? '' : 's'}.`;
    } catch (error) {
      this.broadcastError = (error as Error).message;
    } finally {
      this.broadcastBusy = false;
    }
  };

  private readonly copyUrl = async (): Promise<void> => {
    try {
      await this.host.request({ type: 'mock/copyUrl' });
      this.copied = true;
      clearTimeout(this.copiedTimer);
      this.copiedTimer = setTimeout(() => (this.copied = false), COPIED_MS);
      this.panelError = '';
    } catch (error) {
      this.panelError = (error as Error).message;
    }
  };

  private readonly saveClientDraft = (event: CustomEvent<ClientDraft>): void => {
    this.persist({ ...this.state, client: event.detail });
  };

  private readonly saveBroadcastDraft = (event: CustomEvent<string>): void => {
    this.persist({ ...this.state, broadcast: event.detail });
  };

  private persist(state: MockPanelState): void {
    this.state = state;
    this.host.setState(state);
  }
}
