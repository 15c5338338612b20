import { LitElement, css, html, nothing } from 'lit';
import type { RepeatView } from '../../src/shared/protocol';

/** The host's repeat: "Repeating every 500 ms · Stop" while it runs, how it ended after. Fires `stop-repeat`. */
export class RepeatStatus extends LitElement {
  static override properties = { repeat: { attribute: false } };
  declare repeat: RepeatView | undefined;

  constructor() {
    super();
    this.repeat = undefined;
  }

  static override styles = css`
    :host { display: contents; }
    .repeat { display: flex; gap: 6px; align-items: center; padding: 3px 8px; font-size: 12px; border-radius: 2px; color: var(--vscode-descriptionForeground); border: 1px solid var(--vscode-editorWidget-border, #454545); }
    .running { color: var(--vscode-foreground); border-color: var(--vscode-charts-blue, #3794ff); }
    button { background: none; border: none; padding: 0; font: inherit; color: var(--vscode-textLink-foreground, #4daafc); cursor: pointer; }
    button:hover { text-decoration: underline; }
    button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: 1px; }
  `;

  override render() {
    const r = this.repeat;
    if (!r) return nothing;
    if (r.running) {
      return html`<div class="repeat running" role="status" data-testid="repeat-status">
        <span>Repeating every ${r.everyMs} ms</span> · <button data-testid="repeat-stop" @click=${() => this.dispatchEvent(new CustomEvent('stop-repeat'))}>Stop</button>
      </div>`;
    }
    return html`<div class="repeat" role="status" data-testid="repeat-status">Repeat stopped after ${r.sent ?? 0} ${r.sent === 1 ? 'send' : 'sends'}${r.stoppedBecause ? `: ${r.stoppedBecause}` : ''}.</div>`;
  }
}
