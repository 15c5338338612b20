import { LitElement, css, html, nothing } from 'lit';
import { MAX_CLOSE_REASON_BYTES } from '../../src/shared/composer/composerLimits';
import { utf8ByteLength } from '../../src/shared/composer/payloadEncoding';
import type { CloseCodeView } from '../../src/shared/protocol';

/** The select's value for a code typed by hand. */
const OTHER = 'other';

/**
 * A close code, picked from the registry by name ("1000 Normal Closure") or typed (3000-4999),
 * and a reason with its UTF-8 byte count. Fires `close-change` with `{ code, reason }` as typed.
 */
export class CloseCodePicker extends LitElement {
  static override properties = {
    codes: { attribute: false },
    code: { type: String },
    reason: { type: String },
    disabled: { type: Boolean },
    codeInvalid: { type: Boolean },
    reasonInvalid: { type: Boolean },
    custom: { state: true },
  };
  declare codes: readonly CloseCodeView[];
  declare code: string;
  declare reason: string;
  declare disabled: boolean;
  declare codeInvalid: boolean;
  declare reasonInvalid: boolean;
  /** The person chose "Other code…": the text field shows even for a registered code. */
  declare custom: boolean;

  constructor() {
    super();
    this.codes = [];
    this.code = '1000';
    this.reason = '';
    this.disabled = false;
    this.codeInvalid = false;
    this.reasonInvalid = false;
    this.custom = false;
  }

  static override styles = css`
    :host { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 6px 10px; align-items: center; }
    label { color: var(--vscode-descriptionForeground); font-size: 12px; }
    .code { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    vscode-single-select { width: 280px; }
    .custom { width: 90px; }
    .reason { display: flex; gap: 8px; align-items: center; }
    .reason vscode-textfield { flex: 1; }
    .count { color: var(--vscode-descriptionForeground); font-size: 12px; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .over { color: var(--vscode-errorForeground, #f48771); }
    .meaning { grid-column: 2; color: var(--vscode-descriptionForeground); font-size: 12px; }
  `;

  override render() {
    const known = this.codes.find((c) => String(c.code) === this.code.trim());
    const custom = this.custom || !known;
    const bytes = utf8ByteLength(this.reason);
    return html`
      <label for="code">Close code</label>
      <div class="code">
        <vscode-single-select id="code" data-testid="close-code" aria-label="Close code" position="above" .value=${custom ? OTHER : String(known!.code)} ?disabled=${this.disabled} ?invalid=${!custom && this.codeInvalid} @change=${this.pick}>
          ${this.codes.map((c) => html`<vscode-option value=${String(c.code)} ?disabled=${!c.sendable} description=${c.meaning}>${c.code} ${c.name}${c.sendable ? '' : ' (not sendable)'}</vscode-option>`)}
          <vscode-option value=${OTHER} description="3000-3999: registered with IANA; 4000-4999: private use">Other code…</vscode-option>
        </vscode-single-select>
        ${custom ? html`<vscode-textfield class="custom" data-testid="close-code-custom" aria-label="Custom close code" placeholder="4000" .value=${this.code} ?invalid=${this.codeInvalid} ?disabled=${this.disabled} @input=${this.typeCode}></vscode-textfield>` : nothing}
      </div>
      ${known && !custom ? html`<span class="meaning">${known.meaning}</span>` : nothing}
      <label for="reason">Reason</label>
      <div class="reason">
        <vscode-textfield id="reason" data-testid="close-reason" placeholder="Optional; {{variables}} allowed" .value=${this.reason} ?invalid=${this.reasonInvalid} ?disabled=${this.disabled} @input=${this.typeReason}></vscode-textfield>
        <span class="count ${bytes > MAX_CLOSE_REASON_BYTES ? 'over' : ''}" title="RFC 6455 §5.5: a close reason is at most ${MAX_CLOSE_REASON_BYTES} bytes of UTF-8">${bytes}/${MAX_CLOSE_REASON_BYTES} bytes</span>
      </div>
    `;
  }

  private pick(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.custom = value === OTHER;
    this.changed(this.custom ? (this.codes.some((c) => String(c.code) === this.code.trim()) ? '4000' : this.code) : value, this.reason);
  }

  private typeCode(event: Event): void {
    this.changed((event.target as HTMLInputElement).value, this.reason);
  }

  private typeReason(event: Event): void {
    this.changed(this.code, (event.target as HTMLInputElement).value);
  }

  private changed(code: string, reason: string): void {
    this.code = code;
    this.reason = reason;
    this.dispatchEvent(new CustomEvent('close-change', { detail: { code, reason } }));
  }
}
