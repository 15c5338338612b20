/**
 * Where rows go in a virtual list too long for the browser to scroll natively: Chromium stops
 * growing an element at about 33 million pixels, so past MAX_SCROLL_PX the scrollbar maps onto
 * the rows proportionally instead of one pixel per pixel.
 */
export const MAX_SCROLL_PX = 8_000_000;

export interface RowGeometry {
  /** Height of the scrollable content. */
  readonly scrollHeight: number;
  /** Index of the first row in view. */
  readonly firstRow: number;
  /** Rows to draw from `firstRow`. */
  readonly rowCount: number;
  /** Where the first drawn row's top goes, in content pixels. */
  readonly top: number;
}

export function rowGeometry(rows: number, rowPx: number, viewportPx: number, scrollTop: number): RowGeometry {
  const contentPx = rows * rowPx;
  const scrollHeight = Math.min(contentPx, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, scrollHeight - viewportPx);
  const scale = maxScroll > 0 ? (contentPx - viewportPx) / maxScroll : 1;
  const virtualTop = Math.min(Math.max(0, scrollTop), maxScroll) * scale;
  const firstRow = Math.min(Math.floor(virtualTop / rowPx), Math.max(0, rows - 1));
  const rowCount = Math.max(0, Math.min(rows - firstRow, Math.ceil(viewportPx / rowPx) + 1));
  return { scrollHeight, firstRow, rowCount, top: scrollTop + (firstRow * rowPx - virtualTop) };
}

/** The scrollTop that puts row `index` at the top of the view (at `align` 0) or the bottom (1). */
export function scrollTopFor(index: number, align: 0 | 1, rows: number, rowPx: number, viewportPx: number): number {
  const contentPx = rows * rowPx;
  const scrollHeight = Math.min(contentPx, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, scrollHeight - viewportPx);
  const scale = maxScroll > 0 ? (contentPx - viewportPx) / maxScroll : 1;
  const virtualTop = align === 0 ? index * rowPx : (index + 1) * rowPx - viewportPx;
  return Math.min(maxScroll, Math.max(0, virtualTop / scale));
}
