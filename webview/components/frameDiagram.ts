import { LitElement, css, html, nothing, unsafeCSS, type PropertyValues } from 'lit';
import { formatBytes, formatClockTime } from '../../src/shared/format';
import type { FrameView, ViolationView } from '../../src/shared/viewModels';
import { ROW_BITS, frameLayout, frameSummary, violationLabel, type FieldSegment, type FrameLayout } from './frameFields';

const BIT_NUMBERS = Array.from({ length: ROW_BITS }, (_, i) => i);
const MAX_ROWS = 5;

/**
 * Grid placement as classes (c3 s7 r2: from column 3, 7 columns wide, row 2): the panel's CSP
 * refuses style attributes, and lit's styleMap writes one on first render.
 */
const PLACEMENT = unsafeCSS(
  [
    ...BIT_NUMBERS.map((i) => `.c${i + 1} { grid-column-start: ${i + 1}; } .s${i + 1} { grid-column-end: span ${i + 1}; }`),
    ...Array.from({ length: MAX_ROWS }, (_, i) => `.r${i + 1} { grid-row: ${i + 1}; }`),
  ].join('\n'),
);

function place(row: number, column: number, span: number): string {
  return `r${row + 1} c${column + 1} s${span}`;
}

/** One frame's base header drawn as RFC 6455 §5.2 draws it: 32 bits a row, each field its real width. */
export class FrameDiagram extends LitElement {
  static override properties = { frame: { attribute: false } };
  declare frame: FrameView | undefined;

  static override styles = [PLACEMENT, css`
    :host { display: block; padding: 6px 0 10px; font-size: 12px; }
    .ruler, .diagram { display: grid; grid-template-columns: repeat(${ROW_BITS}, minmax(22px, 1fr)); column-gap: 1px; max-width: 900px; }
    .ruler { padding: 0 1px; color: var(--vscode-descriptionForeground); font-family: var(--vscode-editor-font-family, monospace); font-size: 11px; line-height: 1.3; user-select: none; }
    .ruler span { text-align: center; }
    .ruler .tens { grid-row: 1; text-align: left; padding-left: 5px; }
    .ruler .units { grid-row: 2; }
    .ruler .octet { border-left: 1px solid var(--vscode-editorWidget-border, #80808080); }
    .diagram { row-gap: 1px; padding: 1px; background: var(--vscode-contrastBorder, var(--vscode-editorWidget-border, #80808080)); }
    .field { display: grid; grid-template-columns: subgrid; grid-template-rows: auto 1fr auto; padding: 3px 0 2px; min-width: 0; background: var(--vscode-editor-background, #1e1e1e); color: var(--vscode-foreground); }
    .name, .value { grid-column: 1 / -1; text-align: center; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; padding: 0 2px; }
    .name { color: var(--vscode-descriptionForeground); font-size: 11px; }
    .value { font-family: var(--vscode-editor-font-family, monospace); font-weight: 600; align-self: center; }
    .bits { display: contents; }
    .bit { grid-row: 3; text-align: center; font-family: var(--vscode-editor-font-family, monospace); font-size: 11px; color: var(--vscode-descriptionForeground); }
    .flag .name { writing-mode: vertical-lr; text-orientation: upright; letter-spacing: -1px; justify-self: center; padding: 0; line-height: 1; }
    .flag .bit { grid-row: 2 / 4; align-self: center; font-size: 14px; font-weight: 600; }
    .flag.clear .bit { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); font-weight: 400; }
    .flag.set { background: color-mix(in srgb, var(--vscode-charts-blue, #3794ff) 28%, var(--vscode-editor-background, #1e1e1e)); }
    .flag.set .name, .flag.set .bit { color: var(--vscode-foreground); }
    /* High contrast themes draw borders, not fills: a set flag also gets a dashed frame there. */
    .flag.set { outline: 1px dashed var(--vscode-contrastBorder, transparent); outline-offset: -3px; }
    .continued .name { font-style: italic; }
    .field.error, .field.warning { box-shadow: inset 0 0 0 2px var(--sev); background: color-mix(in srgb, var(--sev) 22%, var(--vscode-editor-background, #1e1e1e)); }
    .error { --sev: var(--vscode-errorForeground, #f48771); }
    .warning { --sev: var(--vscode-editorWarning-foreground, #cca700); }
    .field.error .name, .field.error .value, .field.error .bit, .field.warning .name, .field.warning .value, .field.warning .bit { color: var(--sev); }
    .payload { display: flex; align-items: center; justify-content: center; padding: 4px; background: var(--vscode-editor-background, #1e1e1e); color: var(--vscode-descriptionForeground); font-style: italic; white-space: nowrap; overflow: hidden; }
    ul { list-style: none; margin: 8px 0 0; padding: 0; }
    li { margin: 2px 0; }
    li.error, li.warning { box-shadow: none; background: none; color: var(--sev); }
    .summary { margin-top: 6px; color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
  `];

  override render() {
    const f = this.frame;
    if (!f) return nothing;
    const layout = frameLayout(f);
    return html`
      <div class="ruler" aria-hidden="true">
        ${[0, 1, 2, 3].map((t) => html`<span class="tens ${place(0, t * 10, t === 3 ? 2 : 10)}">${t}</span>`)}
        ${BIT_NUMBERS.map((i) => html`<span class="units ${i % 8 === 0 && i > 0 ? 'octet' : ''}">${i % 10}</span>`)}
      </div>
      <div class="diagram" role="group" aria-label=${frameSummary(f)} data-testid="frame-header">
        ${layout.segments.map((s) => this.renderSegment(s))}
        ${this.renderPayload(f, layout)}
      </div>
      ${f.violations.length ? html`<ul data-testid="frame-violations">${f.violations.map(renderViolation)}</ul>` : nothing}
      <div class="summary" data-testid="frame-summary">
        Frame #${f.index} · offset ${f.offset.toLocaleString('en-US')} · header ${f.headerLength} B · payload ${payloadSize(f.payloadLength)} · ${formatClockTime(f.time)}
      </div>
    `;
  }

  private renderSegment(s: FieldSegment) {
    const { field } = s;
    const classes = ['field', place(s.row, s.column, s.span), field.key, field.flag ? 'flag' : '', field.flag ? (field.set ? 'set' : 'clear') : '', field.severity ?? '', s.continued ? 'continued' : ''];
    return html`<div
      class=${classes.filter(Boolean).join(' ')}
      data-field=${field.key}
      title=${field.title}
    >
      <span class="name">${s.continued ? `${field.name} (continued)` : field.name}</span>
      ${field.flag || s.continued ? nothing : html`<span class="value" data-testid="value">${field.value}</span>`}
      <span class="bits" aria-hidden="true">${[...s.bits].map((b) => html`<span class="bit">${b}</span>`)}</span>
    </div>`;
  }

  private renderPayload(f: FrameView, layout: FrameLayout) {
    const where = place(layout.rows - 1, layout.payloadColumn, ROW_BITS - layout.payloadColumn);
    const text = f.payloadLength === 0 ? 'no payload' : `Payload data (${payloadSize(f.payloadLength)}) …`;
    return html`<div class="payload ${where}" title="The payload follows the header">${text}</div>`;
  }
}

function renderViolation(v: ViolationView) {
  const error = v.closeCode !== null;
  return html`<li class=${error ? 'error' : 'warning'} data-testid="frame-violation">${error ? '✗' : '⚠'} ${violationLabel(v)}: ${v.message}</li>`;
}

function payloadSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${bytes.toLocaleString('en-US')} B (${formatBytes(bytes)})`;
}

const FIRST_SECTIONS = 100;

/** A message's frames, one collapsible section each; the first open. */
export class FrameList extends LitElement {
  static override properties = { frames: { attribute: false }, expanded: { state: true }, showAll: { state: true } };
  declare frames: readonly FrameView[];
  declare expanded: ReadonlySet<number>;
  declare showAll: boolean;

  constructor() {
    super();
    this.frames = [];
    this.expanded = new Set();
    this.showAll = false;
  }

  static override styles = css`
    :host { display: block; padding: 8px 12px; overflow: auto; }
    .muted { color: var(--vscode-descriptionForeground); margin: 0; }
    h4 { margin: 0; font-size: inherit; font-weight: 400; }
    button.heading { display: flex; gap: 8px; align-items: baseline; width: 100%; padding: 3px 4px; border: none; background: none; color: var(--vscode-foreground); font: inherit; text-align: left; cursor: pointer; }
    button.heading:hover { background: var(--vscode-list-hoverBackground); }
    button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
    .chevron { width: 1em; color: var(--vscode-descriptionForeground); }
    .index { font-weight: 600; }
    .meta { color: var(--vscode-descriptionForeground); }
    .error { color: var(--vscode-errorForeground, #f48771); }
    .warning { color: var(--vscode-editorWarning-foreground, #cca700); }
    .body { padding-left: 22px; }
    button.more { margin: 6px 0 0 4px; padding: 3px 10px; border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; background: var(--vscode-button-secondaryBackground, #3a3d41); color: var(--vscode-button-secondaryForeground, #cccccc); font: inherit; cursor: pointer; }
    button.more:hover { background: var(--vscode-button-secondaryHoverBackground, #45494e); }
  `;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('frames')) {
      this.expanded = new Set(this.frames.length ? [0] : []);
      this.showAll = false;
    }
  }

  override render() {
    if (this.frames.length === 0) return html`<p class="muted" data-testid="no-frames">The tap did not see this message's frames.</p>`;
    const shown = this.showAll ? this.frames : this.frames.slice(0, FIRST_SECTIONS);
    const rest = this.frames.length - shown.length;
    return html`
      ${shown.map((f, i) => this.renderSection(f, i))}
      ${rest > 0 ? html`<button class="more" data-testid="more-frames" @click=${() => (this.showAll = true)}>… ${rest.toLocaleString('en-US')} more frames</button>` : nothing}
    `;
  }

  private renderSection(f: FrameView, i: number) {
    const open = this.expanded.has(i);
    const errors = f.violations.filter((v) => v.closeCode !== null).length;
    const warnings = f.violations.length - errors;
    return html`<section data-testid="frame-section">
      <h4><button class="heading" aria-expanded=${open ? 'true' : 'false'} aria-controls="frame-${i}" @click=${() => this.toggle(i)}>
        <span class="chevron" aria-hidden="true">${open ? '▾' : '▸'}</span>
        <span class="index">Frame #${f.index}</span>
        <span>${f.opcodeName}</span>
        <span class="meta">${formatBytes(f.payloadLength)}${f.fin ? '' : ' · more follow'}${f.masked ? ' · masked' : ''}</span>
        ${errors ? html`<span class="error">✗ ${errors}</span>` : nothing}
        ${warnings ? html`<span class="warning">⚠ ${warnings}</span>` : nothing}
      </button></h4>
      <div class="body" id="frame-${i}" ?hidden=${!open}>
        ${open ? html`<socket-lens-frame-diagram .frame=${f}></socket-lens-frame-diagram>` : nothing}
      </div>
    </section>`;
  }

  private toggle(i: number) {
    const next = new Set(this.expanded);
    if (!next.delete(i)) next.add(i);
    this.expanded = next;
  }
}
