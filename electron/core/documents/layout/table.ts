/**
 * Ruled tables that break across pages cleanly: a row is never cut unless it alone is taller
 * than a page, and the header row is drawn again at the top of every page the table reaches.
 */
import type { FontWeight } from '../font/cjkFont';
import type { Align, Flow } from './flow';
import { LINE_SPACING } from './flow';
import { LayoutError, type TextStyle } from './page';

export interface TableColumn {
  /** Relative width; the table fills the flow's width. */
  weight: number;
  align?: Align;
}

export interface TableCell {
  text: string;
  /** Columns this cell spans (default 1). */
  span?: number;
  weight?: FontWeight;
  align?: Align;
  /** Background gray of this cell. */
  fill?: number;
}

export interface TableRowSpec {
  cells: readonly (string | TableCell)[];
  /** Background gray (0 black … 1 white). */
  fill?: number;
  weight?: FontWeight;
}

export type TableRow = readonly string[] | TableRowSpec;

export interface TableOptions {
  columns: readonly TableColumn[];
  /** Drawn first and again at the top of each further page. */
  header?: TableRow;
  size?: number;
  paddingX?: number;
  paddingY?: number;
  /** Height of what follows the table and must share a page with its last row (a stamp box never stands alone). */
  keepWithLast?: number;
}

interface PlacedCell {
  left: number;
  right: number;
  lines: string[];
  style: TextStyle;
  align: Align;
  fill: number | undefined;
}

const HEADER_FILL = 0.92;
const LINE_WIDTH = 0.5;

export function drawTable(flow: Flow, rows: Iterable<TableRow>, options: TableOptions): void {
  const size = options.size ?? 9.5;
  const padX = options.paddingX ?? 4;
  const padY = options.paddingY ?? 2.5;
  const lineHeight = size * LINE_SPACING;
  const totalWeight = options.columns.reduce((s, c) => s + c.weight, 0);
  const edges: number[] = [flow.left];
  for (const c of options.columns) edges.push(edges[edges.length - 1]! + (flow.width * c.weight) / totalWeight);
  edges[edges.length - 1] = flow.right;

  const place = (row: TableRow, defaultWeight: FontWeight, defaultAlign?: Align): { cells: PlacedCell[]; fill: number | undefined; edges: number[] } => {
    const spec: TableRowSpec = Array.isArray(row) ? { cells: row as readonly string[] } : (row as TableRowSpec);
    const cells: PlacedCell[] = [];
    const rowEdges = [edges[0]!];
    let col = 0;
    for (const raw of spec.cells) {
      const cell: TableCell = typeof raw === 'string' ? { text: raw } : raw;
      const span = Math.max(1, Math.min(cell.span ?? 1, options.columns.length - col));
      const left = edges[col]!;
      const right = edges[col + span]!;
      const style: TextStyle = { size, weight: cell.weight ?? spec.weight ?? defaultWeight };
      const align = cell.align ?? defaultAlign ?? options.columns[col]?.align ?? 'left';
      cells.push({ left, right, style, align, fill: cell.fill, lines: flow.typesetter.wrap(cell.text, right - left - 2 * padX, style) });
      rowEdges.push(right);
      col += span;
      if (col >= options.columns.length) break;
    }
    return { cells, fill: spec.fill, edges: rowEdges };
  };

  // Vertical rules are drawn once per run of rows that share their column edges.
  let runTop = flow.y;
  let runEdges: number[] | null = null;
  const closeRun = () => {
    if (runEdges && flow.y > runTop) for (const x of runEdges) flow.page.line(x, runTop, x, flow.y, LINE_WIDTH);
    runEdges = null;
  };
  const sameEdges = (a: number[] | null, b: number[]) => a !== null && a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) < 0.01);

  const drawPiece = (placed: ReturnType<typeof place>, lineCount: number, firstLine: number) => {
    const height = lineCount * lineHeight + 2 * padY;
    if (!sameEdges(runEdges, placed.edges)) {
      closeRun();
      runTop = flow.y;
      runEdges = placed.edges;
    }
    if (placed.fill !== undefined) flow.page.fill(flow.left, flow.y, flow.width, height, placed.fill);
    for (const cell of placed.cells) if (cell.fill !== undefined) flow.page.fill(cell.left, flow.y, cell.right - cell.left, height, cell.fill);
    for (const cell of placed.cells) {
      for (let k = 0; k < lineCount; k++) {
        const text = cell.lines[firstLine + k];
        if (text === undefined) break;
        flow.textLine(text, cell.style, cell.left + padX, cell.right - padX, flow.y + padY + k * lineHeight, cell.align);
      }
    }
    flow.y += height;
    flow.page.line(flow.left, flow.y, flow.right, flow.y, LINE_WIDTH);
  };

  const header = options.header ? place(options.header, 'bold', 'center') : null;
  if (header && header.fill === undefined) header.fill = HEADER_FILL;
  const headerHeight = header ? Math.max(1, ...header.cells.map((c) => c.lines.length)) * lineHeight + 2 * padY : 0;

  const startSegment = () => {
    flow.page.line(flow.left, flow.y, flow.right, flow.y, LINE_WIDTH);
    runTop = flow.y;
    if (header) drawPiece(header, Math.max(1, ...header.cells.map((c) => c.lines.length)), 0);
  };
  const breakPage = () => {
    closeRun();
    flow.newPage();
    startSegment();
  };
  /** Lines of a row that fit under the header on a fresh page. */
  const pageCapacity = Math.floor((flow.bottom - flow.freshPageTop - headerHeight - 2 * padY) / lineHeight);
  if (pageCapacity < 1) throw new LayoutError('表格的表头占满了整页');

  const iterator = rows[Symbol.iterator]();
  let next = iterator.next();
  // Keep the header with the first row (a row taller than a page: with its first line).
  const firstPlaced = next.done ? null : place(next.value, 'regular');
  const firstLines = firstPlaced ? Math.min(pageCapacity, Math.max(1, ...firstPlaced.cells.map((c) => c.lines.length))) : 1;
  flow.ensure(headerHeight + firstLines * lineHeight + 2 * padY);
  startSegment();

  let placedNext = firstPlaced;
  const keep = options.keepWithLast ?? 0;
  while (!next.done) {
    const placed = placedNext ?? place(next.value, 'regular');
    const upcoming = iterator.next();
    const lines = Math.max(1, ...placed.cells.map((c) => c.lines.length));
    // The last row takes what must follow it along, if the two fit on a fresh page together.
    const tail = upcoming.done && lines * lineHeight + 2 * padY + keep <= flow.bottom - flow.freshPageTop - headerHeight ? keep : 0;
    let done = 0;
    while (done < lines) {
      const left = lines - done;
      const fits = Math.floor((flow.remaining - tail - 2 * padY) / lineHeight);
      if (left <= fits) {
        drawPiece(placed, left, done);
        done = lines;
      } else if (done === 0 && lines <= pageCapacity) {
        // Move the row to the next page rather than cut it.
        breakPage();
      } else if (fits >= 1) {
        // Taller than a whole page: cut it here and continue under the header on the next page.
        drawPiece(placed, fits, done);
        done += fits;
        breakPage();
      } else {
        breakPage();
      }
    }
    next = upcoming;
    placedNext = null;
  }
  closeRun();
}
