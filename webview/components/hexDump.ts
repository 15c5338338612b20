import { LitElement, css, html, nothing } from 'lit';

const ROW = 16;
/** Rows rendered at most (64 KiB); the rest of a payload is counted, not drawn. */
export const MAX_HEX_ROWS = 4096;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const EMPTY = new Uint8Array(0);

/** Bytes as lower-case hex pairs separated by spaces ("00 ff 1a"), as copied from a dump. */
export function hexPairs(bytes: Uint8Array): string {
  const pairs: string[] = new Array<string>(bytes.length);
  for (let k = 0; k < bytes.length; k++) pairs[k] = HEX[bytes[k]!]!;
  return pairs.join(' ');
}

/** A payload as a classic hex dump: offset, 16 bytes in two groups of 8, and their ASCII. */
export class HexDump extends LitElement {
  static override properties = { bytes: { attribute: false } };
  declare bytes: Uint8Array;

  constructor() {
    super();
    this.bytes = EMPTY;
  }

  static override styles = css`
    :host { display: block; padding: 8px 12px; overflow: auto; }
    .dump { font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); line-height: 1.5; white-space: pre; }
    .head, .off, .muted { color: var(--vscode-descriptionForeground, #9d9d9d); }
    .head { user-select: none; }
    ::highlight(socket-lens-hex-byte) { background-color: var(--vscode-list-activeSelectionBackground, #04395e); color: var(--vscode-list-activeSelectionForeground, inherit); text-decoration: underline var(--vscode-contrastActiveBorder, transparent); }
    p.muted { margin: 6px 0 0; font-style: italic; }
  `;

  override render() {
    const bytes = this.bytes ?? EMPTY;
    if (bytes.length === 0) return html`<p class="muted" data-testid="hex-empty">No payload (0 bytes).</p>`;
    const shown = Math.min(bytes.length, MAX_HEX_ROWS * ROW);
    const width = Math.max(4, (bytes.length - 1).toString(16).length);
    const rows = [];
    for (let start = 0; start < shown; start += ROW) rows.push(row(bytes, start, Math.min(start + ROW, shown), width));
    const hidden = bytes.length - shown;
    return html`
      <div class="dump" @pointermove=${this.hover} @pointerleave=${unhover}><div class="head" aria-hidden="true">${' '.repeat(width)}  ${HEX.slice(0, 8).join(' ')}  ${HEX.slice(8, 16).join(' ')}</div>${rows}</div>
      ${hidden > 0 ? html`<p class="muted" data-testid="hex-not-shown">${hidden.toLocaleString('en-US')} more bytes are not shown (the first ${shown.toLocaleString('en-US')} of ${bytes.length.toLocaleString('en-US')} are).</p>` : nothing}`;
  }

  /**
   * Lights up the hovered byte's hex and ASCII characters with a CSS custom highlight: a row is
   * three text columns, not an element per byte, so that 4096 rows lay out quickly.
   */
  private hover = (e: PointerEvent) => {
    const column = (e.target as Element).closest('.hex, .ascii');
    const row = column?.parentElement;
    if (!column || !row) return unhover();
    const rect = column.getBoundingClientRect();
    const char = Math.floor(((e.clientX - rect.left) / rect.width) * (column.textContent ?? '').length);
    const index = column.classList.contains('hex') ? (char < 24 ? Math.floor(char / 3) : char > 24 ? 8 + Math.floor((char - 25) / 3) : -1) : char;
    const count = row.querySelector('.ascii')!.textContent!.length;
    if (index < 0 || index >= count) return unhover();
    const hexAt = index * 3 + (index >= 8 ? 1 : 0);
    CSS.highlights.set(HIGHLIGHT, new Highlight(textRange(row.querySelector('.hex')!, hexAt, 2), textRange(row.querySelector('.ascii')!, index, 1)));
  };
}

const HIGHLIGHT = 'socket-lens-hex-byte';

function unhover() {
  CSS.highlights.delete(HIGHLIGHT);
}

/** The range of `length` characters from `offset` in the text of `element`, across its text nodes. */
function textRange(element: Element, offset: number, length: number): Range {
  const range = document.createRange();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const size = node.textContent!.length;
    if (offset < size) {
      range.setStart(node, offset);
      range.setEnd(node, Math.min(size, offset + length));
      break;
    }
    offset -= size;
  }
  return range;
}

/** One row: the hex column as one text, the ASCII column as runs, non-printable runs muted. */
function row(bytes: Uint8Array, start: number, end: number, width: number) {
  let hex = '';
  const ascii = [];
  let run = '';
  let runPrintable = true;
  for (let i = start; i < end; i++) {
    hex += i - start === 8 ? `  ${HEX[bytes[i]!]}` : i > start ? ` ${HEX[bytes[i]!]}` : HEX[bytes[i]!];
    const b = bytes[i]!;
    const printable = b >= 0x20 && b <= 0x7e;
    if (printable !== runPrintable && run) {
      ascii.push(runPrintable ? run : html`<span class="muted">${run}</span>`);
      run = '';
    }
    runPrintable = printable;
    run += printable ? String.fromCharCode(b) : '.';
  }
  ascii.push(runPrintable ? run : html`<span class="muted">${run}</span>`);
  return html`<div class="row" data-testid="hex-row"><span class="off">${start.toString(16).padStart(width, '0')}</span>  <span class="hex">${hex.padEnd(ROW * 3, ' ')}</span>  <span class="ascii">${ascii}</span></div>`;
}
