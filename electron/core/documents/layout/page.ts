/**
 * A laid-out page: drawing operations in points, measured from the page's top-left corner
 * (the PDF writer flips y). Every operation is checked against the page's content box when
 * it is added, so nothing can be drawn outside the margins.
 */
import type { FontWeight } from '../font/cjkFont';

export interface PageSize {
  width: number;
  height: number;
}

/** A4 in points (210 × 297 mm). */
export const A4_PORTRAIT: PageSize = { width: 595.28, height: 841.89 };
export const A4_LANDSCAPE: PageSize = { width: 841.89, height: 595.28 };

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface TextStyle {
  size: number;
  weight: FontWeight;
}

/** How far a glyph reaches above and below the baseline, in em (Noto Sans CJK: 0.88 and 0.12). */
export const ASCENT = 0.88;
export const DESCENT = 0.12;

export interface TextOp {
  kind: 'text';
  x: number;
  baseline: number;
  style: TextStyle;
  text: string;
  width: number;
}

export interface LineOp {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth: number;
  gray: number;
  dash?: readonly number[];
}

export interface FillOp {
  kind: 'fill';
  x: number;
  y: number;
  w: number;
  h: number;
  gray: number;
}

export type DrawOp = TextOp | LineOp | FillOp;

/** Rounding slack: a line drawn exactly on the margin is inside. */
const EPSILON = 0.01;

export class LayoutError extends Error {
  override name = 'LayoutError';
}

export class Page {
  readonly ops: DrawOp[] = [];

  constructor(
    readonly size: PageSize,
    /** Everything drawn stays inside this box (the page less its margins). */
    readonly content: Box,
  ) {}

  /** Throws unless the box lies inside the content box. */
  check(left: number, top: number, right: number, bottom: number, what: string): void {
    const c = this.content;
    if (left < c.left - EPSILON || right > c.right + EPSILON || top < c.top - EPSILON || bottom > c.bottom + EPSILON) {
      throw new LayoutError(`${what} would be drawn outside the margins: [${left.toFixed(1)}, ${top.toFixed(1)}, ${right.toFixed(1)}, ${bottom.toFixed(1)}]`);
    }
  }

  /** Text whose baseline starts at (x, baseline); `width` is its measured advance. */
  text(x: number, baseline: number, text: string, style: TextStyle, width: number): void {
    if (text === '') return;
    this.check(x, baseline - ASCENT * style.size, x + width, baseline + DESCENT * style.size, `text "${text.slice(0, 20)}"`);
    this.ops.push({ kind: 'text', x, baseline, style, text, width });
  }

  line(x1: number, y1: number, x2: number, y2: number, lineWidth = 0.5, gray = 0, dash?: readonly number[]): void {
    this.check(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2), 'line');
    this.ops.push({ kind: 'line', x1, y1, x2, y2, lineWidth, gray, ...(dash ? { dash } : {}) });
  }

  fill(x: number, y: number, w: number, h: number, gray: number): void {
    this.check(x, y, x + w, y + h, 'fill');
    this.ops.push({ kind: 'fill', x, y, w, h, gray });
  }

  /** The outline of a rectangle, as four lines. */
  rect(x: number, y: number, w: number, h: number, lineWidth = 0.5, gray = 0, dash?: readonly number[]): void {
    this.line(x, y, x + w, y, lineWidth, gray, dash);
    this.line(x + w, y, x + w, y + h, lineWidth, gray, dash);
    this.line(x + w, y + h, x, y + h, lineWidth, gray, dash);
    this.line(x, y + h, x, y, lineWidth, gray, dash);
  }
}
