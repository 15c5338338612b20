import { LitElement, css, html, nothing } from 'lit';
import type { LogFilterView, MessageKindView } from '../../src/shared/viewModels';

/** How long typing pauses before a text filter applies (Enter applies at once). */
const TYPING_DELAY_MS = 250;

const KIND_GROUPS: readonly { readonly label: string; readonly kinds: readonly MessageKindView[]; readonly title: string }[] = [
  { label: 'Text', kinds: ['text'], title: 'text messages' },
  { label: 'Binary', kinds: ['binary'], title: 'binary messages' },
  { label: 'Control', kinds: ['ping', 'pong', 'close'], title: 'ping, pong and close frames' },
];
const ALL_KINDS = KIND_GROUPS.flatMap((g) => g.kinds);

/**
 * The bar above the log: filter by direction, kind, text or regular expression, and JSON path;
 * how many messages match; pause and resume the display. Emits `filter` with the whole filter
 * and `pause` with whether the display should hold still.
 */
export class LogFilterBar extends LitElement {
  static override properties = {
    filter: { attribute: false },
    matchCount: { type: Number },
    total: { type: Number },
    error: { type: String },
    paused: { type: Boolean },
    waiting: { type: Number },
  };
  declare filter: LogFilterView;
  /** Messages that pass the filter (in the log now). */
  declare matchCount: number;
  /** Messages in the log now. */
  declare total: number;
  declare error: string;
  declare paused: boolean;
  /** Messages that arrived while paused. */
  declare waiting: number;
  private typing: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.filter = {};
    this.matchCount = 0;
    this.total = 0;
    this.error = '';
    this.paused = false;
    this.waiting = 0;
  }

  static override styles = css`
    :host { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 6px 12px; border-bottom: 1px solid var(--vscode-panel-border, #80808059); font-size: 12px; }
    .field { display: inline-flex; align-items: center; min-width: 160px; flex: 1 1 200px; background: var(--vscode-input-background, #3c3c3c); border: 1px solid var(--vscode-input-border, transparent); border-radius: 2px; }
    .field.json { flex: 1 1 160px; }
    .field:focus-within { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
    .field.invalid { border-color: var(--vscode-inputValidation-errorBorder, #be1100); }
    input { flex: 1; min-width: 0; border: none; outline: none; background: transparent; color: var(--vscode-input-foreground, inherit); font: inherit; font-family: var(--vscode-editor-font-family, monospace); padding: 3px 6px; }
    input::placeholder { color: var(--vscode-input-placeholderForeground, #a6a6a6); font-family: var(--vscode-font-family); }
    button { font: inherit; color: inherit; background: transparent; border: 1px solid transparent; border-radius: 3px; padding: 1px 6px; cursor: pointer; white-space: nowrap; }
    button:hover { background: var(--vscode-toolbar-hoverBackground, #5a5d5e50); }
    button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
    button[aria-pressed='true'] { background: var(--vscode-inputOption-activeBackground, #2489db82); border-color: var(--vscode-inputOption-activeBorder, #007acc); color: var(--vscode-inputOption-activeForeground, inherit); }
    .toggle { font-family: var(--vscode-editor-font-family, monospace); padding: 0 4px; margin-right: 2px; }
    .group { display: inline-flex; gap: 2px; }
    .count { color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; white-space: nowrap; }
    .pause[aria-pressed='true'] { background: var(--vscode-statusBarItem-warningBackground, #7a6400); color: var(--vscode-statusBarItem-warningForeground, #fff); border-color: transparent; }
    .error { flex-basis: 100%; color: var(--vscode-errorForeground, #f48771); }
  `;

  override render() {
    const f = this.filter;
    const filtered = isFiltering(f);
    return html`
      <span class="field ${this.error && f.text ? 'invalid' : ''}">
        <input data-testid="filter-text" aria-label="Filter messages by text" placeholder=${f.regex ? 'Filter by regular expression' : 'Filter by text'} .value=${f.text ?? ''} @input=${this.onText} @keydown=${this.onEnter} />
        <button class="toggle" data-testid="filter-case" title="Match case" aria-pressed=${String(f.ignoreCase === false)} @click=${this.toggleCase}>Aa</button>
        <button class="toggle" data-testid="filter-regex" title="Use regular expression" aria-pressed=${String(f.regex === true)} @click=${this.toggleRegex}>.*</button>
      </span>
      <span class="field json ${this.error && f.jsonPath ? 'invalid' : ''}">
        <input data-testid="filter-json" aria-label="Filter by JSON path" placeholder='JSON path: $.type == "trade"' .value=${f.jsonPath ?? ''} @input=${this.onJsonPath} @keydown=${this.onEnter} />
      </span>
      <span class="group" role="group" aria-label="Direction">
        ${this.directionButton(undefined, 'All', 'both directions')}${this.directionButton('in', '↓ In', 'received only')}${this.directionButton('out', '↑ Out', 'sent only')}
      </span>
      <span class="group" role="group" aria-label="Message types">
        ${KIND_GROUPS.map((g) => html`<button data-testid="filter-kind-${g.label.toLowerCase()}" title="Show ${g.title}" aria-pressed=${String(this.shows(g.kinds))} @click=${() => this.toggleKinds(g.kinds)}>${g.label}</button>`)}
      </span>
      <span class="count" data-testid="match-count" aria-live="polite">${filtered ? `${this.matchCount.toLocaleString()} of ${this.total.toLocaleString()} match` : `${this.total.toLocaleString()} message${this.total === 1 ? '' : 's'}`}</span>
      <button class="pause" data-testid="pause" aria-pressed=${String(this.paused)} title=${this.paused ? 'Show what arrived while paused' : 'Hold the display still; capture goes on'} @click=${this.togglePause}>
        ${this.paused ? `Resume${this.waiting > 0 ? ` (${this.waiting.toLocaleString()} new)` : ''}` : 'Pause'}
      </button>
      ${this.error ? html`<div class="error" role="alert" data-testid="filter-error">${this.error}</div>` : nothing}
    `;
  }

  override disconnectedCallback(): void {
    clearTimeout(this.typing);
    super.disconnectedCallback();
  }

  private directionButton(direction: LogFilterView['direction'], label: string, title: string) {
    return html`<button data-testid="filter-direction-${direction ?? 'all'}" title="Show ${title}" aria-pressed=${String(this.filter.direction === direction)} @click=${() => this.change({ direction })}>${label}</button>`;
  }

  private shows(kinds: readonly MessageKindView[]): boolean {
    return kinds.every((k) => (this.filter.kinds ?? ALL_KINDS).includes(k));
  }

  private toggleKinds(kinds: readonly MessageKindView[]): void {
    const current = this.filter.kinds ?? ALL_KINDS;
    const next = this.shows(kinds) ? current.filter((k) => !kinds.includes(k)) : [...current, ...kinds];
    this.change({ kinds: ALL_KINDS.every((k) => next.includes(k)) ? undefined : ALL_KINDS.filter((k) => next.includes(k)) });
  }

  private readonly onText = (event: Event): void => this.changeSoon({ text: (event.target as HTMLInputElement).value });
  private readonly onJsonPath = (event: Event): void => this.changeSoon({ jsonPath: (event.target as HTMLInputElement).value });
  private readonly toggleCase = (): void => this.change({ ignoreCase: this.filter.ignoreCase === false ? undefined : false });
  private readonly toggleRegex = (): void => this.change({ regex: this.filter.regex ? undefined : true });

  private readonly onEnter = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter') return;
    clearTimeout(this.typing);
    this.emit();
  };

  private readonly togglePause = (): void => {
    this.dispatchEvent(new CustomEvent<boolean>('pause', { detail: !this.paused }));
  };

  /** Typing: the filter applies once the typing pauses. */
  private changeSoon(change: Partial<LogFilterView>): void {
    this.filter = withChange(this.filter, change);
    clearTimeout(this.typing);
    this.typing = setTimeout(() => this.emit(), TYPING_DELAY_MS);
  }

  private change(change: Partial<LogFilterView>): void {
    clearTimeout(this.typing);
    this.filter = withChange(this.filter, change);
    this.emit();
  }

  private emit(): void {
    this.dispatchEvent(new CustomEvent<LogFilterView>('filter', { detail: this.filter }));
  }
}

/** True when the filter hides anything. */
export function isFiltering(filter: LogFilterView): boolean {
  return filter.direction !== undefined || filter.kinds !== undefined || !!filter.text || !!filter.jsonPath?.trim();
}

/** `filter` with `change` applied; fields set to undefined or '' are left out. */
function withChange(filter: LogFilterView, change: Partial<LogFilterView>): LogFilterView {
  const next: Record<string, unknown> = { ...filter, ...change };
  for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === '') delete next[key];
  return next as LogFilterView;
}
