import { LitElement, css, html, nothing } from 'lit';
import type { Snippet } from '../../src/shared/composer/composerMemory';
import { modeInfo } from '../../src/shared/composer/composerModes';
import { drawerListStyles } from './drawerListStyles';

/**
 * The saved snippets of this connection: save what is in the composer under a name, insert one,
 * delete one. Fires `save-snippet` (name), `insert-snippet` and `delete-snippet` (a Snippet).
 */
export class SnippetList extends LitElement {
  static override properties = { snippets: { attribute: false }, name: { state: true }, canSave: { type: Boolean } };
  declare snippets: readonly Snippet[];
  declare name: string;
  /** Whether there is a message to save. */
  declare canSave: boolean;

  constructor() {
    super();
    this.snippets = [];
    this.name = '';
    this.canSave = false;
  }

  static override styles = [
    drawerListStyles,
    css`
      :host { display: flex; flex-direction: column; gap: 6px; }
      .save { display: flex; gap: 8px; align-items: center; }
      .save vscode-textfield { flex: 1; max-width: 320px; }
      .empty { color: var(--vscode-descriptionForeground); font-size: 12px; }
    `,
  ];

  override render() {
    return html`
      <div class="save">
        <vscode-textfield data-testid="snippet-name" aria-label="Snippet name" placeholder="Name for the current message" .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} @keydown=${this.saveOnEnter}></vscode-textfield>
        <vscode-button data-testid="snippet-save" secondary ?disabled=${!this.canSave || this.name.trim() === ''} @click=${this.save}>Save snippet</vscode-button>
      </div>
      ${this.snippets.length === 0
        ? html`<span class="empty">No snippets yet. Name the current message and save it to reuse it on this connection.</span>`
        : html`<ul aria-label="Snippets">
            ${this.snippets.map(
              (s) => html`<li data-testid="snippet">
                <span class="name">${s.name}</span><span class="mode">${modeInfo(s.mode).label}</span><span class="text" title=${s.text}>${s.text}</span>
                <button data-testid="snippet-insert" aria-label="Insert ${s.name}" @click=${() => this.fire('insert-snippet', s)}>Insert</button>
                <button data-testid="snippet-delete" aria-label="Delete ${s.name}" @click=${() => this.fire('delete-snippet', s)}>Delete</button>
              </li>`,
            )}
          </ul>`}
      ${nothing}
    `;
  }

  private saveOnEnter(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) this.save();
  }

  private save(): void {
    const name = this.name.trim();
    if (!name || !this.canSave) return;
    this.fire('save-snippet', name);
    this.name = '';
  }

  private fire(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
