import { LitElement, html, nothing } from 'lit';
import { composerStyles, isSendKey } from './composerStyles';

/** "Send to all": a text message to every open client of the mock, and how many it reached. */
export class BroadcastComposer extends LitElement {
  static override properties = { openClients: { type: Number }, running: { attribute: false }, value: { type: String }, busy: { type: Boolean }, error: { type: String }, notice: { type: String } };
  declare openClients: number;
  /** The mock still runs (the default). A property only: a boolean attribute could not turn it off. */
  declare running: boolean;
  declare value: string;
  declare busy: boolean;
  declare error: string;
  declare notice: string;

  constructor() {
    super();
    this.openClients = 0;
    this.running = true;
    this.value = '';
    this.busy = false;
    this.error = '';
    this.notice = '';
  }

  static override styles = composerStyles;

  override render() {
    const n = this.openClients;
    return html`
      <h2>All clients <span class="what" data-testid="open-clients">${n} connected</span></h2>
      <div class="row">
        <vscode-textarea data-testid="broadcast-message" rows="2" resize="vertical" aria-label="Message to every connected client"
          placeholder=${this.running ? 'Text to every connected client — Ctrl+Enter to send' : 'The mock has stopped'}
          .value=${this.value} ?disabled=${!this.running} @input=${this.onInput} @keydown=${this.onKey}></vscode-textarea>
        <vscode-button data-testid="send-all" ?disabled=${!this.running || this.busy} @click=${this.send}>Send to All</vscode-button>
      </div>
      ${this.error ? html`<div class="error" role="alert" data-testid="broadcast-error">${this.error}</div>` : nothing}
      ${this.notice && !this.error ? html`<div class="notice" role="status" data-testid="broadcast-result">${this.notice}</div>` : nothing}
    `;
  }

  private onInput(event: Event): void {
    this.value = (event.target as HTMLTextAreaElement).value;
    this.dispatchEvent(new CustomEvent('draft', { detail: this.value }));
  }

  private onKey(event: KeyboardEvent): void {
    if (!isSendKey(event)) return;
    event.preventDefault();
    this.send();
  }

  private send(): void {
    if (this.running && !this.busy) this.dispatchEvent(new CustomEvent('broadcast', { detail: this.value, bubbles: true, composed: true }));
  }
}
