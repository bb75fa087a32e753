/**
 * Top-to-bottom layout over as many pages as needed: titles, paragraphs, tables whose
 * header repeats on every page, and blocks kept together (the stamp and signature area).
 * The footer band at the bottom of each page is left free for page numbers and the print
 * stamp, which are drawn once the page count is known.
 */
import type { FontWeight } from '../font/cjkFont';
import { Page, type PageSize, type TextStyle, ASCENT } from './page';
import type { Typesetter } from './typesetter';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface FlowOptions {
  size: PageSize;
  margins: Margins;
  /** Height kept free at the bottom of every page for the footer. */
  footerHeight: number;
  /** The running header of pages after the first: its height, and how to draw it at the top of a page. */
  continuationHeader?: { height: number; draw: (page: Page, flow: Flow) => void };
}

export type Align = 'left' | 'center' | 'right';

/** Line height as a multiple of the font size. */
export const LINE_SPACING = 1.45;

export class Flow {
  readonly pages: Page[] = [];
  /** The cursor: where the next block starts, from the page top. */
  y = 0;
  /** Where content started on the current page. */
  private pageTop = 0;

  constructor(
    readonly typesetter: Typesetter,
    readonly options: FlowOptions,
  ) {
    this.newPage();
  }

  get page(): Page {
    return this.pages[this.pages.length - 1]!;
  }

  get left(): number {
    return this.options.margins.left;
  }

  get right(): number {
    return this.options.size.width - this.options.margins.right;
  }

  get width(): number {
    return this.right - this.left;
  }

  /** The lowest y a block may reach (above the footer band). */
  get bottom(): number {
    return this.options.size.height - this.options.margins.bottom - this.options.footerHeight;
  }

  get remaining(): number {
    return this.bottom - this.y;
  }

  newPage(): Page {
    const { size, margins } = this.options;
    const page = new Page(size, { left: margins.left, top: margins.top, right: size.width - margins.right, bottom: size.height - margins.bottom });
    this.pages.push(page);
    this.y = margins.top;
    const header = this.options.continuationHeader;
    if (this.pages.length > 1 && header) {
      header.draw(page, this);
      this.y += header.height;
    }
    this.pageTop = this.y;
    return page;
  }

  /** Where content starts on a page after the first. */
  get freshPageTop(): number {
    return this.options.margins.top + (this.options.continuationHeader?.height ?? 0);
  }

  /** Starts a new page unless `height` still fits on this one (or this page is still empty). */
  ensure(height: number): void {
    if (height > this.remaining && this.y > this.pageTop) this.newPage();
  }

  space(height: number): void {
    this.y = Math.min(this.y + height, this.bottom);
  }

  /** Draws one line of text in the box [left, right] at the line whose top is `top`. */
  textLine(text: string, style: TextStyle, left: number, right: number, top: number, align: Align = 'left'): void {
    const width = this.typesetter.width(text, style);
    const lineHeight = style.size * LINE_SPACING;
    const baseline = top + (lineHeight - style.size) / 2 + ASCENT * style.size;
    const x = align === 'left' ? left : align === 'right' ? right - width : left + (right - left - width) / 2;
    this.page.text(Math.max(left, x), baseline, text, style, width);
  }

  /**
   * Wrapped text across the full width (or `indent`ed), breaking pages between lines.
   * `firstIndent` indents only the first line (the Chinese two-character paragraph indent).
   */
  paragraph(text: string, options: { size?: number; weight?: FontWeight; align?: Align; indent?: number; firstIndent?: number; gapAfter?: number } = {}): void {
    const style: TextStyle = { size: options.size ?? 10.5, weight: options.weight ?? 'regular' };
    const lineHeight = style.size * LINE_SPACING;
    const left = this.left + (options.indent ?? 0);
    const firstIndent = options.firstIndent ?? 0;
    const ts = this.typesetter;
    // The first line is narrower by the indent: wrap it alone, then the rest at full width.
    let lines: string[];
    if (firstIndent > 0) {
      const first = ts.wrap(text, this.right - left - firstIndent, style)[0] ?? '';
      const rest = text.slice(first.length).replace(/^ +/, '');
      lines = [first, ...(rest ? ts.wrap(rest, this.right - left, style) : [])];
    } else {
      lines = ts.wrap(text, this.right - left, style);
    }
    lines.forEach((line, i) => {
      this.ensure(lineHeight);
      this.textLine(line, style, left + (i === 0 ? firstIndent : 0), this.right, this.y, options.align ?? 'left');
      this.y += lineHeight;
    });
    this.space(options.gapAfter ?? style.size * 0.5);
  }

  /** A heading kept with at least `keepWith` points of what follows. */
  heading(text: string, options: { size?: number; align?: Align; keepWith?: number } = {}): void {
    const size = options.size ?? 12;
    this.ensure(size * LINE_SPACING + (options.keepWith ?? size * 4));
    this.paragraph(text, { size, weight: 'bold', align: options.align ?? 'left', gapAfter: size * 0.3 });
  }
}
