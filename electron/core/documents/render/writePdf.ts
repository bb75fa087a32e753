/**
 * Writes laid-out pages as a PDF with pdf-lib: one content stream per page, the fonts
 * subset to the characters used, fixed metadata and a trailer ID derived from the input.
 *
 * Reprints: the print count and print time (and a preview's watermark) live only in one
 * Form XObject (the print stamp) drawn on every page. Its stream is stored uncompressed and
 * padded to a fixed length, and the fonts always carry the characters any stamp may use, so
 * two prints of a document have the same length and differ only inside that stream.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';
import { parseIsoDate, type IsoDate } from '../../../../shared/domain/dates';
import type { CjkFont, FontWeight } from '../font/cjkFont';
import { embedCidFont, type FontEmbedding } from '../font/embedFont';
import type { DocumentFonts } from '../font/fontChain';
import type { Page, PageSize, TextStyle } from '../layout/page';

export interface PrintStampLayout {
  text: string;
  x: number;
  baseline: number;
  style: TextStyle;
}

export interface DocumentLayout {
  pageSize: PageSize;
  pages: readonly Page[];
  stamp: PrintStampLayout;
  /** A preview's diagonal mark across every page (预览 非正式打印件); prints have none. */
  watermark?: string;
}

export interface PdfMetadata {
  title: string;
  subject: string;
  author: string;
  /** The document's date: its creation and modification date, so a reprint keeps them. */
  date: IsoDate;
  /** What makes this document this document (kind, scheme, unit, batch): hashed into the trailer ID. */
  identity: string;
}

export interface WrittenPdf {
  bytes: Uint8Array;
  pages: number;
  /** Characters the font lacks, in order of first use; each is drawn as a box. */
  missingCharacters: string[];
}

/** Byte length the print stamp's content stream is padded to. */
export const STAMP_STREAM_LENGTH = 512;
/** First line of the print stamp's stream, so tests can find it. */
export const STAMP_MARKER = '% print stamp';

const FONT_RESOURCE: Readonly<Record<FontWeight, string>> = { regular: 'F1', bold: 'F2' };
const STAMP_RESOURCE = 'PS';
const WATERMARK_STATE = 'WM';

function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Midnight at the start of `date` in China (UTC+8). */
function chinaMidnight(date: IsoDate): Date {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`日期格式应为 YYYY-MM-DD: ${date}`);
  return new Date(Date.UTC(p.year, p.month - 1, p.day) - 8 * 3600 * 1000);
}

class HexCache {
  private readonly cache = new Map<string, string>();
  constructor(private readonly font: CjkFont) {}
  of(text: string): string {
    let hex = this.cache.get(text);
    if (hex === undefined) {
      hex = this.font.hex(text);
      this.cache.set(text, hex);
    }
    return hex;
  }
}

/** The font a run of a text op is drawn in: a character no font has in the bundled font (its box). */
function fontOf(fonts: DocumentFonts, weight: FontWeight, index: number): CjkFont {
  const chain = fonts[weight];
  return index <= 0 ? chain.primary : chain.fonts[index]!;
}

function pageContent(page: Page, height: number, fonts: DocumentFonts, resources: ReadonlyMap<CjkFont, string>, hex: (font: CjkFont) => HexCache): string {
  const out: string[] = [];
  const y = (top: number) => num(height - top);
  for (const op of page.ops) {
    if (op.kind === 'fill') out.push(`${num(op.gray)} g ${num(op.x)} ${y(op.y + op.h)} ${num(op.w)} ${num(op.h)} re f`);
  }
  let state = '';
  for (const op of page.ops) {
    if (op.kind !== 'line') continue;
    const next = `${num(op.lineWidth)} w ${num(op.gray)} G [${(op.dash ?? []).map(num).join(' ')}] 0 d`;
    if (next !== state) {
      out.push(next);
      state = next;
    }
    out.push(`${num(op.x1)} ${y(op.y1)} m ${num(op.x2)} ${y(op.y2)} l S`);
  }
  out.push('0 g BT');
  let current = '';
  // Td moves relative to the previous line's start, which keeps a roster's numbers short and repetitive.
  let lx = 0;
  let ly = 0;
  for (const op of page.ops) {
    if (op.kind !== 'text') continue;
    const x = Math.round(op.x * 100) / 100;
    const yy = Math.round((height - op.baseline) * 100) / 100;
    const runs = fonts[op.style.weight].runs(op.text);
    // Each Tj moves the pen by the text's width: a run in a fallback font follows on from the one before.
    const shown = runs.map((run) => {
      const font = fontOf(fonts, op.style.weight, run.font);
      const f = `/${resources.get(font)!} ${num(op.style.size)} Tf`;
      const change = f !== current ? `${f} ` : '';
      current = f;
      return `${change}<${hex(font).of(run.text)}> Tj`;
    });
    out.push(`${num(x - lx)} ${num(yy - ly)} Td ${shown.join(' ')}`);
    lx = x;
    ly = yy;
  }
  out.push('ET', `/${STAMP_RESOURCE} Do`);
  return out.join('\n');
}

const WATERMARK_SIZE = 46;
const WATERMARK_GRAY = 0.55;

/** The watermark centred on the page along its diagonal, half transparent, drawn over the content. */
function watermarkContent(text: string, size: PageSize, regular: CjkFont): string {
  const angle = Math.atan2(size.height, size.width);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const half = regular.widthOf(text, WATERMARK_SIZE) / 2;
  const lift = WATERMARK_SIZE * 0.35;
  // Start so that the text's middle sits at the page's centre.
  const x = size.width / 2 - half * cos + lift * sin;
  const y = size.height / 2 - half * sin - lift * cos;
  return `q /${WATERMARK_STATE} gs ${num(WATERMARK_GRAY)} g BT /${FONT_RESOURCE.regular} ${WATERMARK_SIZE} Tf ${cos.toFixed(4)} ${sin.toFixed(4)} ${(-sin).toFixed(4)} ${cos.toFixed(4)} ${num(x)} ${num(y)} Tm <${regular.hex(text)}> Tj ET Q\n`;
}

function stampContent(stamp: PrintStampLayout, watermark: string | undefined, size: PageSize, regular: CjkFont): string {
  const content = `${STAMP_MARKER}\nBT /${FONT_RESOURCE.regular} ${num(stamp.style.size)} Tf 1 0 0 1 ${num(stamp.x)} ${num(size.height - stamp.baseline)} Tm <${regular.hex(stamp.text)}> Tj ET\n${watermark ? watermarkContent(watermark, size, regular) : ''}`;
  if (content.length > STAMP_STREAM_LENGTH) throw new Error('print stamp too long');
  return content.padEnd(STAMP_STREAM_LENGTH, ' ');
}

export interface WriteOptions {
  fonts: DocumentFonts;
  embedding: FontEmbedding;
  /** Characters every subset carries (those of any print stamp), so the fonts do not change between prints. */
  alwaysEmbedded: string;
}

export async function writePdf(layout: DocumentLayout, meta: PdfMetadata, options: WriteOptions): Promise<WrittenPdf> {
  const { fonts } = options;
  // Code points drawn in each font of each chain; the bundled fonts' sets hold the missing characters too (their box).
  const used = new Map<CjkFont, Set<number>>([
    [fonts.regular.primary, new Set()],
    [fonts.bold.primary, new Set()],
  ]);
  const seen: Record<FontWeight, Set<number>> = { regular: new Set(), bold: new Set() };
  const missing = new Set<string>();
  const note = (weight: FontWeight, text: string) => {
    const chain = fonts[weight];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (seen[weight].has(cp)) continue;
      seen[weight].add(cp);
      const index = chain.fontFor(cp);
      if (index < 0) missing.add(ch);
      const font = index <= 0 ? chain.primary : chain.fonts[index]!;
      let set = used.get(font);
      if (!set) used.set(font, (set = new Set()));
      set.add(cp);
    }
  };
  for (const page of layout.pages) for (const op of page.ops) if (op.kind === 'text') note(op.style.weight, op.text);
  note('regular', layout.stamp.text);
  if (layout.watermark) note('regular', layout.watermark);
  const regularSet = used.get(fonts.regular.primary)!;
  for (let cp = 0x20; cp < 0x7f; cp++) regularSet.add(cp);
  for (const ch of options.alwaysEmbedded) regularSet.add(ch.codePointAt(0)!);

  const doc = await PDFDocument.create({ updateMetadata: false });
  const context = doc.context;
  // The bundled fonts are F1 and F2; fallback fonts (loaded only when a character needed one) X1, X2 … in the order first used.
  const resources = new Map<CjkFont, string>([
    [fonts.bold.primary, FONT_RESOURCE.bold],
    [fonts.regular.primary, FONT_RESOURCE.regular],
  ]);
  for (const font of used.keys()) if (!resources.has(font)) resources.set(font, `X${resources.size - 1}`);
  const fontDict: Record<string, PDFRef> = {};
  for (const [font, set] of used) {
    const bundled = font === fonts.regular.primary || font === fonts.bold.primary;
    if (font === fonts.regular.primary || set.size > 0) fontDict[resources.get(font)!] = embedCidFont(doc, font, set, options.embedding, { transient: !bundled });
  }
  const fontRefs = { regular: fontDict[FONT_RESOURCE.regular]! };

  const { width, height } = layout.pageSize;
  const stampRef = context.register(
    context.stream(stampContent(layout.stamp, layout.watermark, layout.pageSize, fonts.regular.primary), {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, width, height],
      // The transparency is there on prints too, so a print differs from its preview only in the stamp's stream.
      Resources: { Font: { [FONT_RESOURCE.regular]: fontRefs.regular! }, ExtGState: { [WATERMARK_STATE]: { Type: 'ExtGState', ca: 0.35 } } },
    }),
  );

  const caches = new Map<CjkFont, HexCache>();
  const hex = (font: CjkFont) => {
    let cache = caches.get(font);
    if (!cache) caches.set(font, (cache = new HexCache(font)));
    return cache;
  };
  for (const page of layout.pages) {
    const pdfPage = doc.addPage([width, height]);
    const content = context.register(context.stream(deflateSync(Buffer.from(pageContent(page, height, fonts, resources, hex), 'latin1'), { level: 9 }), { Filter: 'FlateDecode' }));
    pdfPage.node.set(PDFName.of('Contents'), content);
    pdfPage.node.set(PDFName.of('Resources'), context.obj({ Font: fontDict, XObject: { [STAMP_RESOURCE]: stampRef } }));
  }

  const date = chinaMidnight(meta.date);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setCreator('互助保障工作台');
  doc.setProducer('互助保障工作台 (pdf-lib)');
  doc.setLanguage('zh-CN');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  const id = createHash('sha256').update(meta.identity).digest('hex').slice(0, 32).toUpperCase();
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);

  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false });
  return { bytes, pages: layout.pages.length, missingCharacters: [...missing] };
}
