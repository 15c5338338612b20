import { LitElement, css, html } from 'lit';
import { modeInfo } from '../../src/shared/composer/composerModes';
import { savedMessageMode, splitReferences } from '../../src/shared/composer/savedMessageText';
import type { SavedMessageView, SavedMessagesView } from '../../src/shared/protocol';
import { drawerListStyles } from './drawerListStyles';

/**
 * The messages of the saved connection this one was opened from, as its file has them, with
 * their references shown, never their values. Fires `insert-saved` (load it into the composer)
 * and `send-saved` (send it now), each with the SavedMessageView.
 */
export class SavedMessageList extends LitElement {
  static override properties = { saved: { attribute: false }, disabled: { type: Boolean } };
  declare saved: SavedMessagesView | undefined;
  /** The connection is not open: messages can be loaded, not sent. */
  declare disabled: boolean;

  constructor() {
    super();
    this.saved = undefined;
    this.disabled = false;
  }

  static override styles = [
    drawerListStyles,
    css`
      :host { display: flex; flex-direction: column; gap: 4px; }
      .heading { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: var(--vscode-descriptionForeground); }
      .heading .connection { text-transform: none; letter-spacing: normal; color: var(--vscode-foreground); }
      .reference { color: var(--vscode-textPreformat-foreground, #d7ba7d); background: var(--vscode-textCodeBlock-background, #80808026); border-radius: 3px; padding: 0 2px; }
      .empty { color: var(--vscode-descriptionForeground); font-size: 12px; }
    `,
  ];

  override render() {
    const saved = this.saved;
    if (!saved) return html``;
    return html`
      <span class="heading" data-testid="saved-heading" title="Kept with the saved connection in its file; \${…} references are filled in by the extension when a message is sent">
        Saved messages · <span class="connection">${saved.connection}</span>
      </span>
      ${saved.messages.length === 0
        ? html`<span class="empty" data-testid="saved-messages-empty">"${saved.connection}" has no saved messages. Add { "name", "text" } to its "messages" in the saved-connections file.</span>`
        : html`<ul aria-label="Saved messages of ${saved.connection}">
            ${saved.messages.map((m) => this.renderMessage(m))}
          </ul>`}
    `;
  }

  private renderMessage(message: SavedMessageView) {
    return html`<li data-testid="saved-message">
      <span class="name">${message.name}</span><span class="mode">${modeInfo(savedMessageMode(message.text)).label}</span>
      <span class="text" title=${message.text}>${splitReferences(message.text).map((part, k) => (k % 2 === 1 ? html`<span class="reference">${part}</span>` : part))}</span>
      <button data-testid="saved-insert" aria-label="Load ${message.name} into the composer" title="Load into the composer to edit" @click=${() => this.fire('insert-saved', message)}>Insert</button>
      <button data-testid="saved-send" aria-label="Send ${message.name}" title=${this.disabled ? 'Connect to send' : 'Send now'} ?disabled=${this.disabled} @click=${() => this.fire('send-saved', message)}>Send</button>
    </li>`;
  }

  private fire(type: string, detail: SavedMessageView): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
