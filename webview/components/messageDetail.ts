import { LitElement, css, html, nothing } from 'lit';
import { copyText } from '../clipboard';
import { formatBytes, formatClockTime } from '../../src/shared/format';
import type { MessageDetail } from '../../src/shared/viewModels';
import { hexPairs } from './hexDump';

type PayloadTab = 'text' | 'json' | 'hex' | 'frames';

/** The payload of a detail, decoded once per detail. */
interface Decoded {
  readonly bytes: Uint8Array;
  /** The payload as text, for text messages and close reasons; undefined for binary, never forced. */
  readonly text?: string;
  /** The parsed JSON when the text is JSON. */
  readonly json?: { readonly value: unknown };
}

/**
 * The selected message in full: its payload as text, as a JSON tree, as a hex dump, and its
 * frames with their header bits. Binary stays binary: it has no text view.
 */
const COPY_LABELS = { no: 'Copy', yes: 'Copied', failed: 'Copy failed' } as const;

export class MessageDetailView extends LitElement {
  static override properties = { detail: { attribute: false }, error: { type: String }, saveNote: { type: String }, tab: { state: true }, copied: { state: true } };
  /** What became of the last Save: where the payload went, or why it could not. */
  declare saveNote: string;
  declare detail: MessageDetail | undefined;
  declare error: string;
  declare tab: PayloadTab | undefined;
  declare copied: 'no' | 'yes' | 'failed';
  private decodedFor: MessageDetail | undefined;
  private decodedValue: Decoded | undefined;

  constructor() {
    super();
    this.detail = undefined;
    this.error = '';
    this.tab = undefined;
    this.copied = 'no';
    this.saveNote = '';
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; min-height: 0; border-top: 1px solid var(--vscode-panel-border, #80808059); }
    .bar { display: flex; align-items: center; gap: 10px; padding: 4px 8px 4px 12px; font-size: 12px; color: var(--vscode-descriptionForeground); flex-wrap: wrap; }
    .bar strong { color: var(--vscode-foreground); font-weight: 600; }
    .spacer { flex: 1; }
    .note { padding: 2px 12px 4px; font-size: 12px; color: var(--vscode-descriptionForeground); overflow-wrap: anywhere; }
    .tabs { display: flex; gap: 2px; padding: 0 8px; border-bottom: 1px solid var(--vscode-panel-border, #80808059); }
    .tabs button { background: none; border: none; border-bottom: 1px solid transparent; color: var(--vscode-descriptionForeground); padding: 4px 10px; font: inherit; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; cursor: pointer; margin-bottom: -1px; }
    .tabs button[aria-selected='true'] { color: var(--vscode-foreground); border-bottom-color: var(--vscode-focusBorder, #0078d4); }
    .tabs button:focus-visible, .icon:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
    .body { flex: 1; min-height: 0; overflow: auto; padding: 6px 12px; }
    pre { margin: 0; font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); white-space: pre-wrap; word-break: break-all; user-select: text; }
    .muted { color: var(--vscode-descriptionForeground); }
    .error { color: var(--vscode-errorForeground, #f48771); padding: 8px 12px; }
    .icon { background: none; border: none; color: var(--vscode-foreground); cursor: pointer; padding: 2px 6px; border-radius: 3px; font: inherit; font-size: 12px; }
    .icon:hover { background: var(--vscode-toolbar-hoverBackground, #5a5d5e50); }
    .cut { margin-top: 6px; }
  `;

  override render() {
    if (this.error) return html`<div class="error" role="alert" data-testid="detail-error">${this.error}</div>`;
    const d = this.detail;
    if (!d) return html`<div class="bar"><span class="muted">Loading the message…</span></div>`;
    const decoded = this.decoded(d);
    const tabs = availableTabs(d, decoded);
    const tab = this.tab && tabs.includes(this.tab) ? this.tab : tabs[0]!;
    const s = d.summary;
    return html`
      <div class="bar" data-testid="detail-bar">
        <strong>#${s.id}</strong>
        <span>${s.direction === 'in' ? '↓ received' : '↑ sent'} ${s.kind}</span>
        <span title=${new Date(s.time).toISOString()}>${formatClockTime(s.time)}</span>
        <span data-testid="detail-size">${sizeText(d)}</span>
        ${s.undelivered ? html`<span class="error" title=${s.undelivered}>not delivered</span>` : nothing}
        <span class="spacer"></span>
        <button class="icon" data-testid="copy-payload" title="Copy the payload (${decoded.text !== undefined ? 'as text' : 'as hex'})" @click=${() => this.copy(decoded)}>${COPY_LABELS[this.copied]}</button>
        <button class="icon" data-testid="save-payload" title="Save the whole payload to a file${d.payloadCut ? ' (the view shows only its start; the file gets all of it)' : ''}" @click=${() => this.dispatchEvent(new CustomEvent('save', { detail: s.id }))}>Save…</button>
        <button class="icon" title="Close the detail view (Escape)" aria-label="Close the detail view" @click=${() => this.dispatchEvent(new CustomEvent('close'))}>✕</button>
      </div>
      ${this.saveNote ? html`<div class="note" role="status" data-testid="save-note">${this.saveNote}</div>` : nothing}
      <div class="tabs" role="tablist" @keydown=${(e: KeyboardEvent) => this.moveTab(e, tabs, tab)}>
        ${tabs.map((t) => html`<button role="tab" data-testid="detail-tab-${t}" aria-selected=${t === tab ? 'true' : 'false'} tabindex=${t === tab ? 0 : -1} @click=${() => (this.tab = t)}>${TAB_LABELS[t]}${t === 'frames' ? ` (${d.frames.length})` : ''}</button>`)}
      </div>
      <div class="body" role="tabpanel" data-testid="detail-body">${this.renderTab(tab, d, decoded)}</div>
    `;
  }

  private renderTab(tab: PayloadTab, d: MessageDetail, decoded: Decoded) {
    const cut = d.payloadCut ? html`<p class="muted cut">Only the first ${formatBytes(decoded.bytes.byteLength)} of ${formatBytes(d.summary.size)} are shown here.</p>` : nothing;
    switch (tab) {
      case 'text':
        return html`<pre data-testid="detail-text">${decoded.text}</pre>${cut}`;
      case 'json':
        return html`<socket-lens-json-tree data-testid="detail-json" .value=${decoded.json?.value}></socket-lens-json-tree>`;
      case 'hex':
        return html`<socket-lens-hex-dump data-testid="detail-hex" .bytes=${decoded.bytes}></socket-lens-hex-dump>${cut}`;
      case 'frames':
        return html`<socket-lens-frame-list data-testid="detail-frames" .frames=${d.frames}></socket-lens-frame-list>`;
    }
  }

  private decoded(d: MessageDetail): Decoded {
    if (this.decodedFor !== d || !this.decodedValue) {
      this.decodedFor = d;
      this.decodedValue = decode(d);
    }
    return this.decodedValue;
  }

  private moveTab(event: KeyboardEvent, tabs: readonly PayloadTab[], current: PayloadTab): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    this.tab = tabs[(tabs.indexOf(current) + step + tabs.length) % tabs.length];
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('[role="tab"][aria-selected="true"]')?.focus());
  }

  private async copy(decoded: Decoded): Promise<void> {
    this.copied = (await copyText(decoded.text ?? hexPairs(decoded.bytes))) ? 'yes' : 'failed';
    setTimeout(() => (this.copied = 'no'), 1200);
  }
}

const TAB_LABELS: Record<PayloadTab, string> = { text: 'Text', json: 'JSON', hex: 'Hex', frames: 'Frames' };

/** Text first for text, hex first for binary (which has no text view); JSON when the text parses. */
function availableTabs(d: MessageDetail, decoded: Decoded): PayloadTab[] {
  const tabs: PayloadTab[] = [];
  if (decoded.json) tabs.push('json');
  if (decoded.text !== undefined) tabs.push('text');
  tabs.push('hex');
  if (d.frames.length > 0) tabs.push('frames');
  return tabs;
}

function decode(d: MessageDetail): Decoded {
  const binary = atob(d.payloadBase64);
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  const kind = d.summary.kind;
  if (kind === 'close') return { bytes, text: d.close?.code === undefined ? '(no status code)' : `${d.close.code}${d.close.reason ? ` ${d.close.reason}` : ''}` };
  if (kind !== 'text') return { bytes };
  // A cut payload may end inside a character: decode leniently.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return { bytes, text, ...(d.payloadCut ? {} : parseJson(text)) };
}

function parseJson(text: string): { json?: { value: unknown } } {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return {};
  try {
    return { json: { value: JSON.parse(text) as unknown } };
  } catch {
    return {};
  }
}

function sizeText(d: MessageDetail): string {
  const s = d.summary;
  const wire = s.wireSize !== undefined && s.wireSize !== s.size ? `; ${formatBytes(s.wireSize)} on the wire${s.compressed ? ' (compressed)' : ''}` : '';
  return `${formatBytes(s.size)}${wire}`;
}
