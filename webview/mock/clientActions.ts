import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { LitElement, html, nothing } from 'lit';
import type { MockClientRowView } from '../../src/shared/mockViewModels';
import { composerStyles, isSendKey } from './composerStyles';
import { describeClientState } from './mockRows';

export interface ClientDraft {
  readonly text: string;
  readonly code: string;
  readonly reason: string;
}

/**
 * What can be done to the selected client: open its log, send it a text message (Ctrl+Enter),
 * disconnect it with a close code (1000 unless changed) and a reason. Errors show here, inline.
 */
export class ClientActions extends LitElement {
  static override properties = { row: { attribute: false }, running: { attribute: false }, draft: { attribute: false }, busy: { type: Boolean }, error: { type: String }, notice: { type: String } };
  declare row: MockClientRowView | undefined;
  /** The mock still runs (the default). A property only: a boolean attribute could not turn it off. */
  declare running: boolean;
  declare draft: ClientDraft;
  declare busy: boolean;
  declare error: string;
  declare notice: string;

  constructor() {
    super();
    this.row = undefined;
    this.running = true;
    this.draft = { text: '', code: '1000', reason: '' };
    this.busy = false;
    this.error = '';
    this.notice = '';
  }

  static override styles = composerStyles;

  override render() {
    const r = this.row;
    if (!r) return html`<h2>Client</h2><div class="hint" data-testid="no-selection">Select a client in the table (↑/↓) to send to it, disconnect it or open its log (Enter).</div>`;
    const live = this.live;
    return html`
      <h2>Client <span class="what"><span class="mono" data-testid="selected-client">${r.id}</span> · ${r.path} · ${describeClientState(r)}</span><span class="spacer"></span>
        <vscode-button secondary data-testid="open-log" ?disabled=${!r.logAvailable} title=${r.logAvailable ? 'Open its messages, handshake and lifecycle (Enter in the table)' : 'Its log is no longer kept'} @click=${this.openLog}>Open Log</vscode-button>
      </h2>
      <div class="row">
        <vscode-textarea data-testid="client-message" rows="2" resize="vertical" aria-label="Message to ${r.id}"
          placeholder=${live ? `Text to ${r.id} — Ctrl+Enter to send` : this.running ? 'This client is not connected' : 'The mock has stopped'}
          .value=${this.draft.text} ?disabled=${!live} @input=${this.onText} @keydown=${this.onKey}></vscode-textarea>
        <vscode-button data-testid="send-client" ?disabled=${!live || this.busy} @click=${this.send}>Send</vscode-button>
      </div>
      <div class="row fields">
        <label for="code">Close code</label>
        <vscode-textfield id="code" class="code" data-testid="close-code" inputmode="numeric" .value=${this.draft.code} ?disabled=${!live} @input=${this.onCode}></vscode-textfield>
        <label for="reason">Reason</label>
        <vscode-textfield id="reason" class="reason" data-testid="close-reason" placeholder="optional" .value=${this.draft.reason} ?disabled=${!live} @input=${this.onReason}></vscode-textfield>
        <vscode-button secondary data-testid="disconnect-client" ?disabled=${!live || this.busy} @click=${this.disconnect}>Disconnect</vscode-button>
      </div>
      ${this.error ? html`<div class="error" role="alert" data-testid="client-error">${this.error}</div>` : nothing}
      ${this.notice && !this.error ? html`<div class="notice" role="status" data-testid="client-notice">${this.notice}</div>` : nothing}
    `;
  }

  /** The selected client can be sent to and disconnected: it is open, on a mock still running. */
  private get live(): boolean {
    return this.running && this.row?.state === 'open';
  }

  private onText(event: Event): void {
    this.patchDraft({ text: (event.target as HTMLTextAreaElement).value });
  }

  private onCode(event: Event): void {
    this.patchDraft({ code: (event.target as HTMLInputElement).value });
  }

  private onReason(event: Event): void {
    this.patchDraft({ reason: (event.target as HTMLInputElement).value });
  }

  private patchDraft(patch: Partial<ClientDraft>): void {
    this.draft = { ...this.draft, ...patch };
    this.emit('draft', this.draft);
  }

  private onKey(event: KeyboardEvent): void {
    if (!isSendKey(event)) return;
    event.preventDefault();
    this.send();
  }

  private send(): void {
    if (this.live && !this.busy) this.emit('send-client', this.draft);
  }

  private disconnect(): void {
    if (this.live && !this.busy) this.emit('disconnect-client', this.draft);
  }

  private openLog(): void {
    if (this.row) this.emit('open-log', this.row.id);
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
