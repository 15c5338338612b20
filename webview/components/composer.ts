import { LitElement, css, html, nothing } from 'lit';

/** Compose and send a text message. Ctrl/Cmd+Enter sends; the text stays for resending. */
export class MessageComposer extends LitElement {
  static override properties = {
    disabled: { type: Boolean },
    value: { type: String },
    error: { type: String },
    sending: { state: true },
  };
  declare disabled: boolean;
  declare value: string;
  declare error: string;
  declare sending: boolean;

  constructor() {
    super();
    this.disabled = false;
    this.value = '';
    this.error = '';
    this.sending = false;
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; gap: 6px; padding: 8px 12px; border-top: 1px solid var(--vscode-panel-border, #80808059); }
    .row { display: flex; gap: 8px; align-items: flex-end; }
    vscode-textarea { flex: 1; font-family: var(--vscode-editor-font-family, monospace); }
    .hint { color: var(--vscode-descriptionForeground); font-size: 12px; }
    .error { color: var(--vscode-errorForeground, #f48771); }
  `;

  override render() {
    return html`
      <div class="row">
        <vscode-textarea
          data-testid="composer"
          rows="3"
          resize="vertical"
          placeholder=${this.disabled ? 'Connect to send messages' : 'Message text — Ctrl+Enter to send'}
          .value=${this.value}
          ?disabled=${this.disabled}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
        ></vscode-textarea>
        <vscode-button data-testid="send" ?disabled=${this.disabled || this.sending} @click=${this.send}>Send</vscode-button>
      </div>
      ${this.error ? html`<div class="error" role="alert" data-testid="composer-error">${this.error}</div>` : nothing}
    `;
  }

  private onInput(event: Event): void {
    this.value = (event.target as HTMLTextAreaElement).value;
    this.dispatchEvent(new CustomEvent('draft', { detail: this.value }));
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.send();
    }
  }

  private send(): void {
    if (this.disabled || this.sending) return;
    this.dispatchEvent(new CustomEvent('send', { detail: this.value, bubbles: true, composed: true }));
  }
}
