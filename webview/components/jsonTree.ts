import { LitElement, css, html, nothing, type PropertyValues } from 'lit';

type Key = string | number;
/** A visible row: a value (with the key it has in its parent) or a container's "… N more". */
interface Item {
  id: string;
  path: Key[];
  depth: number;
  parent: number;
  value?: unknown;
  size?: number;
  expanded?: boolean;
  more?: number;
}

/** Children shown per container until its "… N more" row is used; each use shows up to REVEAL more. */
export const CHILDREN_SHOWN = 200;
const REVEAL = 5000;
/** Containers above this depth start expanded (the root is depth 0). */
const EXPANDED_DEPTH = 2;
/** Rows drawn at most, however much is expanded. */
const MAX_ITEMS = 10_000;
const MAX_STRING = 500;
const INDENT = html`<span class="indent"></span>`;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.a[0]["b c"]`: the JSONPath of a value, by keys (strings) and array indexes (numbers). */
export function jsonPathOf(path: readonly Key[]): string {
  let text = '$';
  for (const k of path) text += typeof k === 'number' ? `[${k}]` : IDENTIFIER.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
  return text;
}

/** Parsed JSON as a collapsible, keyboard-driven tree, like VS Code's debug variables view. */
export class JsonTree extends LitElement {
  static override properties = { value: { attribute: false } };
  declare value: unknown;
  private expanded = new Map<string, boolean>();
  private limits = new Map<string, number>();
  private depth = EXPANDED_DEPTH;
  private items: Item[] = [];
  private focusId = '';
  private moveFocus = false;

  static override styles = css`
    :host { display: block; padding: 4px 0; overflow: auto; font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); }
    .tools { display: flex; gap: 12px; padding: 0 12px 4px; font-family: var(--vscode-font-family, sans-serif); }
    .tools button { background: none; border: none; padding: 0; font: inherit; cursor: pointer; color: var(--vscode-textLink-foreground, #4daafc); }
    .tools button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); }
    [role='treeitem'] { padding-left: 8px; line-height: 22px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; cursor: default; outline: none; }
    [role='treeitem']:hover { background: var(--vscode-list-hoverBackground, rgba(128, 128, 128, .1)); }
    [role='treeitem']:focus-visible, [role='treeitem']:focus { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
    .indent { display: inline-block; width: 16px; }
    .twisty { display: inline-block; width: 16px; color: var(--vscode-foreground, inherit); }
    .key { color: var(--vscode-debugTokenExpression-name, #c586c0); }
    .string { color: var(--vscode-debugTokenExpression-string, #ce9178); }
    .number { color: var(--vscode-debugTokenExpression-number, #b5cea8); }
    .boolean, .null { color: var(--vscode-debugTokenExpression-boolean, #4e94ce); }
    .muted, .more { color: var(--vscode-descriptionForeground, #9d9d9d); }
    .more { cursor: pointer; }
  `;

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('value')) {
      this.expanded.clear();
      this.limits.clear();
      this.depth = EXPANDED_DEPTH;
      this.focusId = '';
    }
    this.items = this.flatten();
    if (!this.items.some((item) => item.id === this.focusId)) this.focusId = this.items[0]?.id ?? '';
  }

  override updated() {
    if (!this.moveFocus) return;
    this.moveFocus = false;
    this.renderRoot.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  }

  override render() {
    if (this.value === undefined) return nothing;
    const truncated = this.items.length >= MAX_ITEMS;
    return html`
      ${typeof this.value === 'object' && this.value !== null
        ? html`<div class="tools"><button data-testid="expand-all" @click=${() => this.setAll(Infinity)}>Expand all</button><button data-testid="collapse-all" @click=${() => this.setAll(0)}>Collapse all</button></div>`
        : nothing}
      <div role="tree" aria-label="JSON" @click=${this.onClick} @keydown=${this.onKeyDown}>${this.items.map((item) => this.renderItem(item))}</div>
      ${truncated ? html`<div class="muted" data-testid="tree-truncated">Showing the first ${MAX_ITEMS.toLocaleString('en-US')} rows; collapse some to see the rest.</div>` : nothing}`;
  }

  private renderItem(item: Item) {
    const key = item.path.at(-1);
    // Indentation as spans, not a style attribute: the panel's CSP forbids inline styles.
    const common = { tabindex: item.id === this.focusId ? 0 : -1, level: item.depth + 1, indent: Array.from({ length: item.depth }, () => INDENT) };
    if (item.more !== undefined) {
      return html`<div role="treeitem" class="more" data-id=${item.id} data-testid="more" tabindex=${common.tabindex} aria-level=${common.level}>${common.indent}<span class="twisty"></span>… ${item.more.toLocaleString('en-US')} more</div>`;
    }
    return html`<div role="treeitem" data-id=${item.id} tabindex=${common.tabindex} aria-level=${common.level} aria-expanded=${item.size === undefined ? nothing : String(item.expanded)} title=${jsonPathOf(item.path)}
      >${common.indent}<span class="twisty" aria-hidden="true">${item.size === undefined ? '' : item.expanded ? '▾' : '▸'}</span>${key === undefined ? nothing : html`<span class="key">${typeof key === 'string' && !IDENTIFIER.test(key) ? JSON.stringify(key) : key}</span>: `}${renderValue(item)}</div>`;
  }

  private flatten(): Item[] {
    const items: Item[] = [];
    const visit = (value: unknown, path: Key[], depth: number, parent: number) => {
      if (items.length >= MAX_ITEMS) return;
      const id = JSON.stringify(path);
      const keys = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : undefined;
      const size = Array.isArray(value) ? value.length : keys?.length;
      const expanded = size !== undefined && (this.expanded.get(id) ?? depth < this.depth);
      const index = items.push({ id, path, depth, parent, value, size, expanded }) - 1;
      if (!expanded) return;
      const limit = Math.min(size, this.limits.get(id) ?? CHILDREN_SHOWN);
      for (let i = 0; i < limit; i++) {
        const k = keys ? keys[i]! : i;
        visit((value as Record<Key, unknown>)[k], [...path, k], depth + 1, index);
      }
      if (size > limit && items.length < MAX_ITEMS) items.push({ id: `${id}…`, path, depth: depth + 1, parent: index, more: size - limit });
    };
    if (this.value !== undefined) visit(this.value, [], 0, -1);
    return items;
  }

  private setAll(depth: number) {
    this.depth = depth;
    this.expanded.clear();
    this.requestUpdate();
  }

  /** Toggles a container, or shows more of one from its "… N more" row. */
  private activate(index: number) {
    const item = this.items[index]!;
    if (item.more !== undefined) {
      const container = this.items[item.parent]!;
      this.limits.set(container.id, (this.limits.get(container.id) ?? CHILDREN_SHOWN) + REVEAL);
      this.items = this.flatten();
      this.focusId = this.items[index]?.id ?? '';
    } else if (item.size !== undefined) {
      this.expanded.set(item.id, !item.expanded);
    }
    this.requestUpdate();
  }

  private focusAt(index: number) {
    const item = this.items[index];
    if (!item) return;
    this.focusId = item.id;
    this.moveFocus = true;
    this.requestUpdate();
  }

  private onClick = (e: MouseEvent) => {
    const row = (e.target as Element).closest<HTMLElement>('[role="treeitem"]');
    if (!row || getSelection()?.toString()) return;
    const index = this.items.findIndex((item) => item.id === row.dataset.id);
    this.focusAt(index);
    this.activate(index);
  };

  private onKeyDown = (e: KeyboardEvent) => {
    const index = this.items.findIndex((item) => item.id === this.focusId);
    const item = this.items[index];
    if (!item) return;
    switch (e.key) {
      case 'ArrowDown': this.focusAt(index + 1); break;
      case 'ArrowUp': this.focusAt(index - 1); break;
      case 'Home': this.focusAt(0); break;
      case 'End': this.focusAt(this.items.length - 1); break;
      case 'ArrowRight':
        if (item.size !== undefined && !item.expanded) this.activate(index);
        else if (item.expanded && item.size) this.focusAt(index + 1);
        break;
      case 'ArrowLeft':
        if (item.expanded) this.activate(index);
        else this.focusAt(item.parent);
        break;
      case 'Enter':
      case ' ':
        this.activate(index);
        break;
      default:
        return;
    }
    e.preventDefault();
  };
}

function renderValue(item: Item) {
  const { value, size } = item;
  if (size !== undefined) {
    const count = Array.isArray(value) ? `${size} ${size === 1 ? 'item' : 'items'}` : `${size} ${size === 1 ? 'key' : 'keys'}`;
    return item.expanded ? html`<span class="muted">${count}</span>` : html`${Array.isArray(value) ? '[…]' : '{…}'} <span class="muted">${count}</span>`;
  }
  if (typeof value === 'string') {
    const text = value.length > MAX_STRING ? `${JSON.stringify(value.slice(0, MAX_STRING)).slice(0, -1)}…"` : JSON.stringify(value);
    return html`<span class="string">${text}</span>`;
  }
  return html`<span class=${value === null ? 'null' : typeof value}>${String(value)}</span>`;
}
