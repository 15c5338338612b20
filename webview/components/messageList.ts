import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { MessageSummary } from '../../src/shared/viewModels';
import { messageListStyles } from './messageListStyles';
import { renderMessageRow, type TimeColumn } from './messageRow';
import { rowGeometry, scrollTopFor, type RowGeometry } from './virtualRows';

/** Distance from the bottom, in pixels, within which the list keeps following new messages. */
const FOLLOW_THRESHOLD_PX = 24;

/** The rows a list shows: positions `first` to `end` of the host's log, those fetched so far by `rowAt`. */
export interface ListRows {
  readonly first: number;
  readonly end: number;
  /** Changes whenever the rows or bounds change. */
  readonly version: number;
  /** Changes when positions start over (a new filter): positions from before name other rows. */
  readonly epoch: number;
  rowAt(position: number): MessageSummary | undefined;
}

const NO_ROWS: ListRows = { first: 0, end: 0, version: 0, epoch: 0, rowAt: () => undefined };

/**
 * The message log, virtualized: only the rows in view exist, so a million entries scroll like
 * ten. Rows not yet fetched show as placeholders, and the list asks for them with a `range`
 * event. It follows new messages while scrolled to the bottom; selecting a row (click, or
 * Up/Down/Home/End/PgUp/PgDn with the list focused) stops the following; a "new messages" button
 * brings it back.
 */
export class MessageList extends LitElement {
  static override properties = { rows: { attribute: false }, selectedId: { attribute: false }, origin: { attribute: false }, relativeTime: { state: true }, unseen: { state: true }, scrollPos: { state: true } };
  /** When the connection began (its first lifecycle event), for times relative to it. */
  declare origin: number | undefined;
  /** The time column shows the time since `origin` instead of the clock. */
  declare relativeTime: boolean;
  declare rows: ListRows;
  declare selectedId: number | undefined;
  /** Rows that arrived while the list was not following. */
  declare unseen: number;
  /** The scroller's scrollTop, as last drawn. */
  declare scrollPos: number;
  private follow = true;
  private lastEnd = 0;
  private lastFirst = 0;
  private lastEpoch = 0;
  /** The selected row's position, when the selection was made here (ids do not say where a row is). */
  private selectedPosition: number | undefined;
  private rowPx = 22;
  private viewportPx = 0;
  private geometry: RowGeometry = { scrollHeight: 0, firstRow: 0, rowCount: 0, top: 0 };
  private readonly resizeObserver = new ResizeObserver(() => this.measure());
  /**
   * The scroller's scrollTop when last drawn or scrolled. A scrollTop that has moved since, with
   * `scrollPos` unchanged, is a user's scroll whose event has not run yet.
   */
  private drawnScrollTop = 0;

  constructor() {
    super();
    this.rows = NO_ROWS;
    this.selectedId = undefined;
    this.unseen = 0;
    this.scrollPos = 0;
    this.origin = undefined;
    this.relativeTime = false;
  }

  static override styles = messageListStyles;

  private get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector('.scroller');
  }

  override render() {
    const { first, end } = this.rows;
    const total = end - first;
    this.geometry = rowGeometry(total, this.rowPx, this.viewportPx, this.scrollPos);
    const { firstRow, rowCount } = this.geometry;
    const visible = [];
    for (let i = firstRow; i < firstRow + rowCount; i++) visible.push(this.renderPosition(first + i));
    return html`
      <div class="row head" role="row"><span><button class="time-mode" data-testid="time-mode" title=${this.relativeTime ? 'Time since the connection began; click for the clock' : 'Clock time; click for the time since the connection began'} @click=${this.toggleTime}>${this.relativeTime ? 'Time +s' : 'Time'}</button></span><span title="↓ received, ↑ sent"></span><span>Type</span><span class="size">Size</span><span>Data</span></div>
      <div class="scroller" role="table" aria-label="Messages" aria-rowcount=${total} tabindex="0" @keydown=${this.onKey} @click=${this.onClick} @scroll=${this.onScroll}>
        ${total === 0 ? html`<div class="empty">No messages yet. Messages sent and received appear here.</div>` : nothing}
        <div class="spacer"></div>
        <div class="rows" role="rowgroup">${visible}</div>
      </div>
      ${this.unseen > 0 ? html`<button class="new" data-testid="new-messages" @click=${this.resume}>↓ ${this.unseen.toLocaleString()} new message${this.unseen === 1 ? '' : 's'}</button>` : nothing}
    `;
  }

  private renderPosition(position: number) {
    const m = this.rows.rowAt(position);
    if (!m) return html`<div class="row loading" role="row" data-pos=${position} aria-rowindex=${position - this.rows.first + 1}><span></span><span></span><span></span><span></span><span>…</span></div>`;
    const selected = m.id === this.selectedId;
    const time: TimeColumn = this.relativeTime && this.origin !== undefined ? { mode: 'relative', origin: this.origin } : { mode: 'clock' };
    return renderMessageRow(m, position, position - this.rows.first + 1, selected, time);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    this.resizeObserver.disconnect();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A changed scrollPos is this list moving the view itself: that wins.
    if (!changed.has('scrollPos')) this.takeUnreportedScroll();
    const { first, end, epoch } = this.rows;
    if (epoch !== this.lastEpoch) {
      // New positions (a new filter): show its newest rows, and forget where the selection was.
      this.lastEpoch = epoch;
      this.lastEnd = end;
      this.lastFirst = first;
      this.selectedPosition = undefined;
      this.unseen = 0;
      this.follow = true;
      return;
    }
    const added = end - this.lastEnd;
    if (!this.follow && added > 0 && this.lastEnd > 0) this.unseen += added;
    // Evicted rows leave from the top: move the view up with them, so what is in view stays.
    const evicted = first - this.lastFirst;
    if (!this.follow && evicted > 0 && this.lastEnd > 0) this.scrollPos = Math.max(0, this.scrollPos - evicted * this.rowPx);
    this.lastEnd = end;
    this.lastFirst = first;
  }

  protected override updated(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const { scrollHeight, firstRow, rowCount, top } = this.geometry;
    (scroller.querySelector('.spacer') as HTMLElement).style.height = `${scrollHeight}px`;
    (scroller.querySelector('.rows') as HTMLElement).style.transform = `translateY(${top}px)`;
    if (this.follow) {
      const bottom = Math.max(0, scrollHeight - this.viewportPx);
      if (Math.abs(scroller.scrollTop - bottom) > 1) scroller.scrollTop = bottom;
      if (this.scrollPos !== scroller.scrollTop) this.scrollPos = scroller.scrollTop;
    } else if (Math.abs(scroller.scrollTop - this.scrollPos) > 1) {
      scroller.scrollTop = this.scrollPos;
    }
    this.drawnScrollTop = scroller.scrollTop;
    this.resolveSelection();
    this.dispatchEvent(new CustomEvent('range', { detail: { from: this.rows.first + firstRow, to: this.rows.first + firstRow + rowCount } }));
  }

  protected override firstUpdated(): void {
    this.measure();
  }

  /** Reads the row height (it follows the editor font size) and the viewport height. */
  private measure(): void {
    const head = this.renderRoot.querySelector<HTMLElement>('.head');
    const scroller = this.scroller;
    if (!head || !scroller) return;
    const rowPx = head.getBoundingClientRect().height || this.rowPx;
    const viewportPx = scroller.clientHeight;
    if (rowPx !== this.rowPx || viewportPx !== this.viewportPx) {
      this.rowPx = rowPx;
      this.viewportPx = viewportPx;
      this.requestUpdate();
    }
  }

  private readonly onScroll = (): void => {
    const scroller = this.scroller!;
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= FOLLOW_THRESHOLD_PX;
    // A selected row holds the view still, even at the bottom.
    this.follow = atBottom && this.selectedId === undefined;
    if (atBottom) this.unseen = 0;
    this.scrollPos = scroller.scrollTop;
    this.drawnScrollTop = scroller.scrollTop;
  };

  /**
   * The scroll event runs in the next frame, so a message handled in between would draw the old
   * position and put the scroller back there (to the bottom, when following): the user's scroll
   * would be lost. Take it now instead, unless this list moved the view itself since.
   */
  private takeUnreportedScroll(): void {
    const scroller = this.scroller;
    if (scroller && Math.abs(scroller.scrollTop - this.drawnScrollTop) > 1) this.onScroll();
  }

  private readonly onClick = (event: MouseEvent): void => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-pos]');
    if (!row) return;
    this.selectedPosition = Number(row.dataset['pos']);
    if (row.dataset['id'] !== undefined) this.select(Number(row.dataset['id']));
  };

  private readonly onKey = (event: KeyboardEvent): void => {
    const { first, end } = this.rows;
    if (end <= first) return;
    if (event.key === 'Escape' && this.selectedId !== undefined) {
      event.preventDefault();
      this.selectedPosition = undefined;
      return this.select(undefined);
    }
    const at = this.selectedPosition ?? (this.selectedId === undefined ? undefined : this.positionOfSelected());
    const page = Math.max(1, Math.floor(this.viewportPx / this.rowPx) - 1);
    const fromTop = first + this.geometry.firstRow;
    const target: Record<string, number> = {
      ArrowDown: at === undefined ? fromTop : at + 1,
      ArrowUp: at === undefined ? end - 1 : at - 1,
      Home: first,
      End: end - 1,
      PageDown: (at ?? fromTop) + page,
      PageUp: (at ?? fromTop) - page,
    };
    if (!(event.key in target)) return;
    event.preventDefault();
    this.moveTo(Math.min(end - 1, Math.max(first, target[event.key]!)));
  };

  /** Selects the row at `position` (now, or once it is fetched) and scrolls it into view. */
  private moveTo(position: number): void {
    this.selectedPosition = position;
    const row = this.rows.rowAt(position);
    if (row) this.select(row.id);
    else this.follow = false;
    this.reveal(position - this.rows.first);
  }

  private reveal(index: number): void {
    const { firstRow } = this.geometry;
    const fullRows = Math.max(1, Math.floor(this.viewportPx / this.rowPx));
    if (index >= firstRow + 1 && index < firstRow + fullRows) return;
    const total = this.rows.end - this.rows.first;
    this.scrollPos = scrollTopFor(index, index < firstRow + 1 ? 0 : 1, total, this.rowPx, this.viewportPx);
  }

  /** A row selected by keyboard before it was fetched becomes the selection once it arrives. */
  private resolveSelection(): void {
    if (this.selectedPosition === undefined) return;
    const row = this.rows.rowAt(this.selectedPosition);
    if (row && row.id !== this.selectedId) this.select(row.id);
  }

  private positionOfSelected(): number | undefined {
    const { firstRow, rowCount } = this.geometry;
    for (let i = firstRow; i < firstRow + rowCount; i++) {
      if (this.rows.rowAt(this.rows.first + i)?.id === this.selectedId) return this.rows.first + i;
    }
    return undefined;
  }

  /** Selects a row (undefined: none) and tells the app; a selection stops the following. */
  select(id: number | undefined): void {
    this.selectedId = id;
    if (id !== undefined) this.follow = false;
    this.dispatchEvent(new CustomEvent<number | null>('select', { detail: id ?? null }));
  }

  private readonly toggleTime = (): void => {
    this.relativeTime = !this.relativeTime;
  };

  private readonly resume = (): void => {
    if (this.selectedId !== undefined) {
      this.selectedPosition = undefined;
      this.select(undefined);
    }
    this.unseen = 0;
    this.follow = true;
    this.requestUpdate();
  };
}
