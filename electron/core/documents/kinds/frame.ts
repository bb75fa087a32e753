/**
 * What every document shares: the page frame (margins, running header, footer with page
 * numbers and the print stamp), the title, ruled label/value grids and the stamp and
 * signature area.
 */
import { CjkFont, bundledFontFiles, type FontWeight } from '../font/cjkFont';
import { FontChain, systemFallbackFonts, type DocumentFonts } from '../font/fontChain';
import { Flow, LINE_SPACING } from '../layout/flow';
import { A4_PORTRAIT, ASCENT, DESCENT, LayoutError, type Page, type PageSize, type TextStyle } from '../layout/page';
import { drawTable, type TableCell, type TableRow } from '../layout/table';
import { Typesetter } from '../layout/typesetter';
import { LABELS, PREVIEW_STAMP, PREVIEW_WATERMARK, pageNumber, printStamp } from '../messages';
import type { DocumentLayout } from '../render/writePdf';
import type { GenerateOptions, PrintStamp } from '../types';
import { chinaTime, cleanText } from '../format';

const MARGINS = { top: 42, right: 42, bottom: 34, left: 42 };
const FOOTER_HEIGHT = 22;
const FOOTER_STYLE: TextStyle = { size: 8, weight: 'regular' };
const RUNNING_STYLE: TextStyle = { size: 8.5, weight: 'regular' };
const LABEL_FILL = 0.95;
const SIGNATURE_BOX_HEIGHT = 104;
/** What a table before the stamp box keeps with its last row: the total line, the box, and the line under it. */
export const SIGNATURE_BLOCK_HEIGHT = SIGNATURE_BOX_HEIGHT + 56;

/** The bundled font of each weight, then the fallbacks for what it lacks (of that weight where the system has one). */
export function loadFonts(options: GenerateOptions): DocumentFonts {
  const files = options.fontFiles ?? bundledFontFiles();
  const fallbacks = (weight: FontWeight) => () => options.fallbackFonts ?? systemFallbackFonts(weight);
  return { regular: new FontChain(CjkFont.load(files.regular), fallbacks('regular')), bold: new FontChain(CjkFont.load(files.bold), fallbacks('bold')) };
}

export interface FrameOptions {
  pageSize?: PageSize;
  /**
   * The running header on pages after the first: `left`, and at the right `right` (cut to fit)
   * followed by `keep` (the document's number: printed whole, however long the rest).
   */
  running?: { left: string; right?: string; keep?: string };
  /** Printed at the left of every page's footer (the stamped roster: where to stamp). */
  footerLeft?: string;
}

/** A grid row: label/value pairs; a pair alone on its row spans the full width. */
export type FieldRow = readonly (readonly [label: string, value: string])[];

export class DocumentFrame {
  readonly flow: Flow;
  readonly typesetter: Typesetter;

  constructor(
    fonts: DocumentFonts,
    private readonly frame: FrameOptions = {},
  ) {
    this.typesetter = new Typesetter(fonts);
    const running = frame.running;
    this.flow = new Flow(this.typesetter, {
      size: frame.pageSize ?? A4_PORTRAIT,
      margins: MARGINS,
      footerHeight: FOOTER_HEIGHT,
      ...(running
        ? {
            continuationHeader: {
              height: RUNNING_STYLE.size * LINE_SPACING + 10,
              draw: (page, flow) => {
                const lineHeight = RUNNING_STYLE.size * LINE_SPACING;
                const half = flow.width / 2 - 6;
                flow.textLine(this.fit(running.left, half, RUNNING_STYLE), RUNNING_STYLE, flow.left, flow.left + half, flow.y, 'left');
                const keep = running.keep ?? '';
                const room = half - this.typesetter.width(keep, RUNNING_STYLE) - (running.right && keep ? this.typesetter.width('　', RUNNING_STYLE) : 0);
                const right = [running.right && room > 0 ? this.fit(running.right, room, RUNNING_STYLE) : '', keep].filter((t) => t !== '').join('　');
                if (right) flow.textLine(right, RUNNING_STYLE, flow.right - half, flow.right, flow.y, 'right');
                page.line(flow.left, flow.y + lineHeight + 2, flow.right, flow.y + lineHeight + 2, 0.5, 0.4);
              },
            },
          }
        : {}),
    });
  }

  /** `text` cut with … to fit `width` (for one-line footers and running headers). */
  fit(text: string, width: number, style: TextStyle): string {
    if (this.typesetter.width(text, style) <= width) return text;
    const chars = Array.from(text);
    while (chars.length > 0 && this.typesetter.width(`${chars.join('')}…`, style) > width) chars.pop();
    return `${chars.join('')}…`;
  }

  title(text: string, subtitle?: string): void {
    this.flow.paragraph(cleanText(text), { size: 17, weight: 'bold', align: 'center', gapAfter: subtitle ? 2 : 10 });
    if (subtitle) this.flow.paragraph(cleanText(subtitle), { size: 10, align: 'center', gapAfter: 10 });
  }

  /** A ruled grid of labels (shaded) and values, two pairs a row where the row says so. */
  fields(rows: readonly FieldRow[], options: { gapAfter?: number } = {}): void {
    const tableRows: TableRow[] = rows
      .filter((r) => r.length > 0)
      .map((pairs) => {
        const cells: TableCell[] = [];
        for (const [label, value] of pairs) {
          cells.push({ text: label, fill: LABEL_FILL, align: 'center' });
          cells.push({ text: cleanText(value), ...(pairs.length === 1 ? { span: 3 } : {}) });
        }
        return { cells };
      });
    drawTable(this.flow, tableRows, { columns: [{ weight: 1.25 }, { weight: 2.45 }, { weight: 1.25 }, { weight: 2.45 }], size: 9.5, paddingY: 4 });
    this.flow.space(options.gapAfter ?? 12);
  }

  /** The scheme's fixed paragraphs, each indented two characters. */
  paragraphs(texts: readonly string[], size = 10.5): void {
    for (const text of texts) this.flow.paragraph(cleanText(text), { size, firstIndent: size * 2, gapAfter: size * 0.35 });
    this.flow.space(8);
  }

  /** Where the unit stamps and the handler signs, kept on one page. */
  signatureArea(left: string = LABELS.stampUnit): void {
    const flow = this.flow;
    const height = SIGNATURE_BOX_HEIGHT;
    flow.space(6);
    flow.ensure(height);
    const top = flow.y;
    const mid = flow.left + flow.width * 0.55;
    flow.page.rect(flow.left, top, flow.width, height, 0.6);
    flow.page.line(mid, top, mid, top + height, 0.6);
    const style: TextStyle = { size: 10.5, weight: 'regular' };
    const lh = style.size * LINE_SPACING;
    flow.textLine(left, style, flow.left + 10, mid - 10, top + 10);
    flow.textLine(LABELS.handlerSign, style, mid + 10, flow.right - 10, top + 10);
    flow.textLine(LABELS.phone, style, mid + 10, flow.right - 10, top + 10 + lh * 1.8);
    flow.textLine(LABELS.signDate, style, mid + 10, flow.right - 10, top + height - 10 - lh);
    flow.y = top + height;
    flow.space(8);
  }

  /** Draws every page's footer and returns the finished layout. */
  finish(print: PrintStamp | null): DocumentLayout {
    const flow = this.flow;
    const pages = flow.pages;
    const size = flow.options.size;
    const footerTop = size.height - flow.options.margins.bottom - FOOTER_HEIGHT;
    const lineHeight = FOOTER_STYLE.size * LINE_SPACING;
    const textTop = footerTop + FOOTER_HEIGHT - lineHeight;
    // The page number is centred; the footer text on the left and the print stamp on the right keep clear of its widest form.
    const numbers = pages.map((_, i) => pageNumber(i + 1, pages.length));
    const numberHalf = Math.max(...numbers.map((n) => this.typesetter.width(n, FOOTER_STYLE))) / 2;
    const centre = (flow.left + flow.right) / 2;
    const baseline = textTop + (lineHeight - FOOTER_STYLE.size) / 2 + ASCENT * FOOTER_STYLE.size;
    const text = (page: Page, t: string, x: number) => page.text(x, baseline, t, FOOTER_STYLE, this.typesetter.width(t, FOOTER_STYLE));
    pages.forEach((page, i) => {
      page.line(flow.left, footerTop + 4, flow.right, footerTop + 4, 0.4, 0.5);
      const number = numbers[i]!;
      text(page, number, centre - this.typesetter.width(number, FOOTER_STYLE) / 2);
      if (this.frame.footerLeft) text(page, this.fit(this.frame.footerLeft, centre - numberHalf - 8 - flow.left, FOOTER_STYLE), flow.left);
    });
    const stampText = print ? printStamp(print.count, chinaTime(print.at)) : PREVIEW_STAMP;
    const stampWidth = this.typesetter.width(stampText, FOOTER_STYLE);
    const stamp = { text: stampText, x: flow.right - stampWidth, baseline, style: FOOTER_STYLE };
    if (stamp.x < centre + numberHalf + 8) throw new LayoutError('print stamp would overlap the page number');
    // The stamp is drawn outside the pages' op lists; check it like any text.
    pages[0]?.check(stamp.x, baseline - ASCENT * FOOTER_STYLE.size, flow.right, baseline + DESCENT * FOOTER_STYLE.size, 'print stamp');
    return { pageSize: size, pages, stamp, ...(print ? {} : { watermark: PREVIEW_WATERMARK }) };
  }
}
