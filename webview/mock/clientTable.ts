import { LitElement, css, html, nothing } from 'lit';
import { formatClockTime } from '../../src/shared/format';
import type { MockClientRowView } from '../../src/shared/mockViewModels';
import { describeClientState, formatDuration } from './mockRows';

const COLUMNS = ['Client', 'Remote address', 'Path', 'Subprotocol', 'Connected', 'Duration', '↓ In', '↑ Out', 'State'] as const;

/**
 * The clients of a mock, one row each, oldest first. One tab stop: Up/Down/Home/End/PageUp/
 * PageDown select a row, Enter opens its log, Escape clears the selection; a double click opens
 * the log too.
 */
export class ClientTable extends LitElement {
  static override properties = { rows: { attribute: false }, selectedId: { attribute: false }, now: { type: Number } };
  declare rows: readonly MockClientRowView[];
  declare selectedId: string | undefined;
  /** The clock the open clients' durations are measured to. */
  declare now: number;

  constructor() {
    super();
    this.rows = [];
    this.selectedId = undefined;
    this.now = Date.now();
  }

  static override styles = css`
    :host { display: block; overflow: auto; min-height: 0; }
    .grid { min-width: 920px; }
    .grid:focus { outline: none; }
    .row { display: grid; grid-template-columns: 6.5em minmax(11em, 1fr) minmax(4.5em, 1fr) minmax(6.5em, .7fr) 8em 7em 5em 5em minmax(14em, 1.6fr); border-bottom: 1px solid var(--vscode-editorWidget-border, #80808026); cursor: default; }
    .row > span { padding: 3px 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .row:not(.head):hover { background: var(--vscode-list-hoverBackground); }
    .head { position: sticky; top: 0; z-index: 1; background: var(--vscode-editor-background); color: var(--vscode-descriptionForeground); font-size: 11px; text-transform: uppercase; }
    .id, .remote, .path, .num, .time { font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); }
    .num, .duration, .right { text-align: right; font-variant-numeric: tabular-nums; }
    .time, .remote { color: var(--vscode-descriptionForeground); }
    .none { color: var(--vscode-descriptionForeground); }
    .state-open .state { color: var(--vscode-testing-iconPassed, #73c991); }
    .state-closing .state { color: var(--vscode-editorWarning-foreground, #cca700); }
    .state-closed { color: var(--vscode-disabledForeground, #8b8b8b); }
    .state-closed .state { color: var(--vscode-descriptionForeground); }
    /* High contrast themes mark the selection with a border, not a colour. */
    .row[aria-selected='true'] { outline: 1px dotted var(--vscode-contrastActiveBorder, transparent); outline-offset: -1px; }
    .row[aria-selected='true'] { background: var(--vscode-list-inactiveSelectionBackground, #37373d); color: var(--vscode-list-inactiveSelectionForeground, inherit); }
    :host(:focus-within) .row[aria-selected='true'] { background: var(--vscode-list-activeSelectionBackground, #04395e); color: var(--vscode-list-activeSelectionForeground, inherit); }
    .grid:focus-visible .row[aria-selected='true'], .grid:focus-visible:not(:has([aria-selected='true'])) .head { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
    .empty { padding: 10px 12px; color: var(--vscode-descriptionForeground); }
  `;

  override render() {
    if (this.rows.length === 0) return html`<div class="empty" data-testid="no-clients">No client has connected yet. Connect to the mock's URL and its clients appear here.</div>`;
    return html`<div class="grid" role="grid" aria-label="Clients" aria-rowcount=${this.rows.length + 1} tabindex="0"
        aria-activedescendant=${this.selectedId === undefined ? nothing : `row-${this.selectedId}`}
        @keydown=${this.onKey} @click=${this.onClick} @dblclick=${this.onDoubleClick}>
      <div class="row head" role="row">${COLUMNS.map((c, i) => html`<span role="columnheader" class=${i >= 5 && i <= 7 ? 'right' : ''}>${c}</span>`)}</div>
      ${this.rows.map((row) => this.renderRow(row))}
    </div>`;
  }

  private renderRow(r: MockClientRowView) {
    const end = r.closedAt ?? this.now;
    return html`<div class="row state-${r.state}" role="row" id="row-${r.id}" data-testid="client-row" data-id=${r.id} data-state=${r.state} aria-selected=${r.id === this.selectedId ? 'true' : 'false'}>
      <span role="gridcell" class="id">${r.id}</span>
      <span role="gridcell" class="remote" title=${r.remote}>${r.remote}</span>
      <span role="gridcell" class="path" title=${r.path}>${r.path}</span>
      <span role="gridcell" class=${r.protocol ? '' : 'none'}>${r.protocol ?? '—'}</span>
      <span role="gridcell" class="time" title=${new Date(r.connectedAt).toLocaleString()}>${formatClockTime(r.connectedAt).slice(0, 8)}</span>
      <span role="gridcell" class="duration" data-testid="duration">${formatDuration(end - r.connectedAt)}</span>
      <span role="gridcell" class="num" data-testid="messages-in">${r.messagesIn.toLocaleString()}</span>
      <span role="gridcell" class="num" data-testid="messages-out">${r.messagesOut.toLocaleString()}</span>
      <span role="gridcell" class="state" data-testid="client-state" title=${stateTitle(r)}>${describeClientState(r)}</span>
    </div>`;
  }

  private readonly onClick = (event: MouseEvent): void => {
    const id = rowId(event);
    if (id !== undefined) this.select(id);
  };

  private readonly onDoubleClick = (event: MouseEvent): void => {
    const id = rowId(event);
    if (id !== undefined) this.emit('open-log', id);
  };

  private readonly onKey = (event: KeyboardEvent): void => {
    const rows = this.rows;
    if (event.key === 'Enter' && this.selectedId !== undefined) {
      event.preventDefault();
      return this.emit('open-log', this.selectedId);
    }
    if (event.key === 'Escape' && this.selectedId !== undefined) {
      event.preventDefault();
      return this.select(undefined);
    }
    const at = this.selectedId === undefined ? -1 : rows.findIndex((r) => r.id === this.selectedId);
    const page = Math.max(1, Math.floor(this.clientHeight / 24) - 1);
    const target: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at < 0 ? rows.length - 1 : at - 1, Home: 0, End: rows.length - 1, PageDown: at + page, PageUp: at - page };
    if (!(event.key in target) || rows.length === 0) return;
    event.preventDefault();
    const row = rows[Math.min(rows.length - 1, Math.max(0, target[event.key]!))]!;
    this.select(row.id);
    void this.updateComplete.then(() => this.renderRoot.querySelector(`[data-id="${CSS.escape(row.id)}"]`)?.scrollIntoView({ block: 'nearest' }));
  };

  private select(id: string | undefined): void {
    this.selectedId = id;
    this.emit('select', id ?? null);
  }

  private emit(type: 'select' | 'open-log', detail: string | null): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

function rowId(event: MouseEvent): string | undefined {
  return (event.target as HTMLElement).closest<HTMLElement>('[data-id]')?.dataset['id'];
}

function stateTitle(r: MockClientRowView): string {
  if (!r.close) return describeClientState(r);
  return `${describeClientState(r)}${r.close.wasClean ? '' : ' (not a clean close)'}; closed at ${new Date(r.closedAt ?? r.connectedAt).toLocaleTimeString()}`;
}
