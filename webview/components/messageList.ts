import { LitElement, css, html, nothing } from 'lit';
import { formatBytes, formatClockTime } from '../../src/shared/format';
import type { MessageSummary } from '../../src/shared/viewModels';

/** Distance from the bottom, in pixels, within which the list keeps following new messages. */
const FOLLOW_THRESHOLD_PX = 24;

/**
 * The message log: newest last, following new messages while scrolled to the bottom. Selecting a
 * row (click, or Up/Down/Home/End with the list focused) stops the following; a "new messages"
 * button brings it back.
 */
export class MessageList extends LitElement {
  static override properties = { rows: { attribute: false }, notShown: { type: Number }, selectedId: { attribute: false }, unseen: { state: true } };
  declare rows: readonly MessageSummary[];
  declare notShown: number;
  declare selectedId: number | undefined;
  /** Rows that arrived while the list was not following. */
  declare unseen: number;
  private follow = true;
  private lastRowCount = 0;

  constructor() {
    super();
    this.rows = [];
    this.notShown = 0;
    this.selectedId = undefined;
    this.unseen = 0;
  }

  static override styles = css`
    :host { display: block; overflow: auto; min-height: 0; font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); }
    .row { display: grid; grid-template-columns: 8.5em 1.5em 4.5em 6em minmax(0, 1fr); border-bottom: 1px solid var(--vscode-editorWidget-border, #80808026); }
    .row:hover { background: var(--vscode-list-hoverBackground); }
    .row > span { padding: 2px 8px; white-space: nowrap; }
    .head { position: sticky; top: 0; background: var(--vscode-editor-background); color: var(--vscode-descriptionForeground); font-family: var(--vscode-font-family); font-size: 11px; text-transform: uppercase; z-index: 1; }
    .head:hover { background: var(--vscode-editor-background); }
    .time, .size { color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
    .size { text-align: right; }
    .dir { text-align: center; font-weight: 700; }
    .in .dir { color: var(--vscode-charts-blue, #3794ff); }
    .out .dir { color: var(--vscode-charts-green, #89d185); }
    .kind { color: var(--vscode-descriptionForeground); }
    .ping .kind, .pong .kind { color: var(--vscode-charts-purple, #b180d7); }
    .preview { overflow: hidden; text-overflow: ellipsis; }
    .binary .preview { color: var(--vscode-charts-orange, #d18616); }
    .more { color: var(--vscode-descriptionForeground); }
    .badge { display: inline-block; margin-right: 6px; padding: 0 4px; border-radius: 3px; font-size: 11px; line-height: 16px; font-family: var(--vscode-font-family); background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
    .badge.error { background: var(--vscode-inputValidation-errorBackground, #5a1d1d); color: var(--vscode-errorForeground, #f48771); }
    .badge.warning { background: var(--vscode-inputValidation-warningBackground, #352a05); color: var(--vscode-editorWarning-foreground, #cca700); }
    .close .kind { color: var(--vscode-charts-red, #f14c4c); }
    .notice, .empty { padding: 6px 12px; color: var(--vscode-descriptionForeground); font-family: var(--vscode-font-family); }
    .row:not(.head) { cursor: default; }
    .row[aria-selected='true'] { background: var(--vscode-list-inactiveSelectionBackground, #37373d); }
    :host(:focus-within) .row[aria-selected='true'] { background: var(--vscode-list-activeSelectionBackground, #04395e); color: var(--vscode-list-activeSelectionForeground, inherit); }
    [role='table']:focus { outline: none; }
    [role='table']:focus-visible .row[aria-selected='true'], [role='table']:focus-visible:not(:has([aria-selected='true'])) .head { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
    .new { position: sticky; bottom: 8px; display: block; margin: 0 auto; width: max-content; padding: 3px 12px; border: none; border-radius: 12px; cursor: pointer; font: inherit; font-family: var(--vscode-font-family); font-size: 12px; background: var(--vscode-button-background, #0078d4); color: var(--vscode-button-foreground, #fff); box-shadow: 0 1px 4px #0006; }
    .new:hover { background: var(--vscode-button-hoverBackground, #026ec1); }
  `;

  override render() {
    return html`
      ${this.notShown > 0 ? html`<div class="notice" data-testid="not-shown">${this.notShown.toLocaleString()} earlier messages are not shown here (kept in the session log or counted as evicted).</div>` : nothing}
      ${this.rows.length === 0
        ? html`<div class="empty">No messages yet. Messages sent and received appear here.</div>`
        : html`<div role="table" aria-label="Messages" tabindex="0" @keydown=${this.onKey} @click=${this.onClick}>
            <div class="row head" role="row"><span>Time</span><span title="↓ received, ↑ sent"></span><span>Type</span><span class="size">Size</span><span>Data</span></div>
            ${this.rows.map((m) => this.renderRow(m))}
          </div>`}
      ${this.unseen > 0 ? html`<button class="new" data-testid="new-messages" @click=${this.resume}>↓ ${this.unseen.toLocaleString()} new message${this.unseen === 1 ? '' : 's'}</button>` : nothing}
    `;
  }

  private renderRow(m: MessageSummary) {
    return html`<div class="row ${m.direction} ${m.kind}" role="row" data-testid="message" data-id=${m.id} data-direction=${m.direction} aria-selected=${m.id === this.selectedId ? 'true' : 'false'}>
      <span class="time" title=${new Date(m.time).toISOString()}>${formatClockTime(m.time)}</span>
      <span class="dir" title=${m.direction === 'in' ? 'received' : 'sent'}>${m.direction === 'in' ? '↓' : '↑'}</span>
      <span class="kind">${m.kind}</span>
      <span class="size" title=${sizeTitle(m)}>${formatBytes(m.size)}</span>
      <span class="preview" title=${m.truncated ? 'preview; the message is longer' : ''}>${this.renderBadges(m)}${m.preview}${m.truncated ? html`<span class="more">…</span>` : nothing}</span>
    </div>`;
  }

  /** What the wire adds to a row: violations, fragments, compression, round-trip time, delivery. */
  private renderBadges(m: MessageSummary) {
    const badges = [];
    if (m.violations.length > 0) {
      const errors = m.violations.some((v) => v.closeCode !== null);
      const title = m.violations.map((v) => `RFC ${v.rfc.includes('§') ? v.rfc : `6455 §${v.rfc}`}${v.closeCode === null ? ' (warning)' : ` → ${v.closeCode}`}: ${v.message}`).join('\n');
      badges.push(html`<span class="badge ${errors ? 'error' : 'warning'}" data-testid="violation" title=${title}>${errors ? '✗' : '⚠'} §${m.violations[0]!.rfc.replace(/^.*§/, '')}</span>`);
    }
    if (m.undelivered) badges.push(html`<span class="badge error" data-testid="undelivered" title=${m.undelivered}>not delivered</span>`);
    if (m.frames > 1) badges.push(html`<span class="badge" data-testid="fragments" title="sent as ${m.frames} frames">${m.frames} frames</span>`);
    if (m.compressed) badges.push(html`<span class="badge" title="permessage-deflate">deflate</span>`);
    if (m.rttMs !== undefined) badges.push(html`<span class="badge" data-testid="rtt" title="time since the matching ping">${formatMs(m.rttMs)}</span>`);
    return badges;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('scroll', this.onScroll, { passive: true });
  }

  override disconnectedCallback(): void {
    this.removeEventListener('scroll', this.onScroll);
    super.disconnectedCallback();
  }

  protected override willUpdate(): void {
    const added = this.rows.length - this.lastRowCount;
    if (!this.follow && added > 0) this.unseen += added;
    this.lastRowCount = this.rows.length;
  }

  protected override updated(): void {
    if (this.follow) this.scrollTop = this.scrollHeight;
  }

  private readonly onScroll = (): void => {
    const atBottom = this.scrollHeight - this.scrollTop - this.clientHeight <= FOLLOW_THRESHOLD_PX;
    // A selected row holds the view still, even at the bottom.
    this.follow = atBottom && this.selectedId === undefined;
    if (atBottom) this.unseen = 0;
  };

  private readonly onClick = (event: MouseEvent): void => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-id]');
    if (row) this.select(Number(row.dataset['id']));
  };

  private readonly onKey = (event: KeyboardEvent): void => {
    const rows = this.rows;
    if (rows.length === 0) return;
    const at = this.selectedId === undefined ? -1 : rows.findIndex((m) => m.id === this.selectedId);
    const page = Math.max(1, Math.floor(this.clientHeight / 22) - 1);
    const target: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at < 0 ? rows.length - 1 : at - 1, Home: 0, End: rows.length - 1, PageDown: at + page, PageUp: at - page };
    if (event.key === 'Escape' && this.selectedId !== undefined) {
      event.preventDefault();
      return this.select(undefined);
    }
    if (!(event.key in target)) return;
    event.preventDefault();
    const index = Math.min(rows.length - 1, Math.max(0, target[event.key]!));
    this.select(rows[index]!.id);
    void this.updateComplete.then(() => this.renderRoot.querySelector(`[data-id="${rows[index]!.id}"]`)?.scrollIntoView({ block: 'nearest' }));
  };

  /** Selects a row (undefined: none) and tells the app; a selection stops the following. */
  select(id: number | undefined): void {
    this.selectedId = id;
    this.follow = id === undefined && this.scrollHeight - this.scrollTop - this.clientHeight <= FOLLOW_THRESHOLD_PX;
    this.dispatchEvent(new CustomEvent<number | null>('select', { detail: id ?? null }));
  }

  private readonly resume = (): void => {
    if (this.selectedId !== undefined) this.select(undefined);
    this.unseen = 0;
    this.follow = true;
    this.scrollTop = this.scrollHeight;
  };
}

function sizeTitle(m: MessageSummary): string {
  if (m.wireSize === undefined || m.wireSize === m.size) return `${m.size.toLocaleString()} bytes`;
  return `${m.size.toLocaleString()} bytes; ${m.wireSize.toLocaleString()} on the wire${m.compressed ? ' (compressed)' : ''}`;
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`;
}
