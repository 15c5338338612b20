import { LitElement, css, html } from 'lit';
import { BUILT_IN_VARIABLES, parseVariableTable } from '../../src/shared/composer/variables';

/** The composer's variables: `name=value` lines, and the built-ins listed. Fires `variables-change` (text). */
export class VariableTable extends LitElement {
  static override properties = { value: { type: String } };
  declare value: string;

  constructor() {
    super();
    this.value = '';
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; gap: 4px; }
    vscode-textarea { width: 100%; font-family: var(--vscode-editor-font-family, monospace); }
    .help { color: var(--vscode-descriptionForeground); font-size: 12px; }
    code { font-family: var(--vscode-editor-font-family, monospace); }
    .error { color: var(--vscode-errorForeground, #f48771); font-size: 12px; }
  `;

  override render() {
    const { values, errors } = parseVariableTable(this.value);
    return html`
      <vscode-textarea data-testid="variables" aria-label="Variables, one name=value per line" rows="3" resize="vertical" placeholder="user=ada&#10;room=lobby" .value=${this.value} ?invalid=${errors.length > 0} @input=${this.edit}></vscode-textarea>
      ${errors.map((e) => html`<span class="error" role="alert" data-testid="variables-error">${e}</span>`)}
      <span class="help">
        ${values.size} defined. Write <code>{{name}}</code> in a message to insert one. Built-ins:
        ${Object.entries(BUILT_IN_VARIABLES).map(([name, b], k) => html`${k ? ', ' : ''}<code title=${b.describe}>{{${name}}}</code>`)}.
      </span>
    `;
  }

  private edit(event: Event): void {
    this.value = (event.target as HTMLTextAreaElement).value;
    this.dispatchEvent(new CustomEvent('variables-change', { detail: this.value }));
  }
}
