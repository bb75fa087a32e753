/** Which rows of a fixed-row-height list to render: those in view, plus `overscan` on each side. */
export interface RowWindow {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
}

export function windowRange(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan: number): RowWindow {
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first, rowCount - 1) - overscan);
  const end = Math.min(rowCount, first + visible + overscan);
  return { start, end: Math.max(start, end) };
}

/** The scrollTop that brings `index` into view, or null when it is already in view. */
export function scrollTopFor(index: number, scrollTop: number, viewportHeight: number, rowHeight: number, headerHeight = 0): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  const viewTop = scrollTop;
  const viewBottom = scrollTop + viewportHeight - headerHeight;
  if (top < viewTop) return top;
  if (bottom > viewBottom) return bottom - (viewportHeight - headerHeight);
  return null;
}
