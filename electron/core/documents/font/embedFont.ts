/**
 * Embeds a CJK font in a pdf-lib document as a Type0 font over a CIDFontType0 (a bare
 * CID-keyed CFF program, FontFile3 /CIDFontType0C), built with pdf-lib's object API; a
 * TrueType fallback font over a CIDFontType2 (FontFile2, glyph index = CID, kept in place
 * by the subsetter).
 *
 * pdf-lib's own `embedFont` is not used: with `subset: true` it runs fontkit's subsetter,
 * which breaks CJK fonts (pdf-lib #1232); with `subset: false` it writes glyph indices where
 * a CID-keyed CFF needs CIDs, embeds a whole OpenType file under the CFF-only subtype, and
 * gives the font a random name, so a reprint would not be byte-identical.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFName, PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { CjkFont } from './cjkFont';
import { subsetFont } from './harfbuzzSubset';
import { readCff, tableBytes } from './openType';

/** `subset`: only the glyphs used (what documents ship with); `full`: the whole font (for comparison tests). */
export type FontEmbedding = 'subset' | 'full';

/** Advance width most CJK glyphs have; only other widths are listed. */
const DEFAULT_WIDTH = 1000;

/** Six capital letters from the glyph set, as PDF subset font names start (`ABCDEF+Name`). */
function subsetTag(codePoints: readonly number[]): string {
  const digest = createHash('sha256').update(Uint32Array.from(codePoints)).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i]! % 26));
  return tag;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/** UTF-16BE hex of a code point, for the ToUnicode CMap. */
function utf16Hex(cp: number): string {
  if (cp < 0x10000) return hex4(cp);
  const v = cp - 0x10000;
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
}

function toUnicodeCMap(cidToCodePoint: ReadonlyMap<number, number>): string {
  const entries = [...cidToCodePoint.entries()].sort((a, b) => a[0] - b[0]);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([cid, cp]) => `<${hex4(cid)}> <${utf16Hex(cp)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CIDInit /ProcSet findresource /defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** The W array: only widths other than the default, in runs of consecutive CIDs. */
function widthsArray(cidWidths: ReadonlyMap<number, number>): (number | number[])[] {
  const cids = [...cidWidths.keys()].filter((cid) => cidWidths.get(cid) !== DEFAULT_WIDTH).sort((a, b) => a - b);
  const out: (number | number[])[] = [];
  let run: number[] = [];
  let runStart = -2;
  let prev = -2;
  for (const cid of cids) {
    if (cid !== prev + 1) {
      if (run.length) out.push(runStart, run);
      run = [];
      runStart = cid;
    }
    run.push(cidWidths.get(cid)!);
    prev = cid;
  }
  if (run.length) out.push(runStart, run);
  return out;
}

/**
 * Embeds `font` for the code points `used` (those it has) and returns the Type0 font's
 * reference. The caller draws text as 2-byte CIDs from `font.cid`.
 */
export function embedCidFont(doc: PDFDocument, font: CjkFont, used: ReadonlySet<number>, embedding: FontEmbedding, options: { transient?: boolean } = {}): PDFRef {
  const context = doc.context;
  const present = [...used].filter((cp) => font.has(cp)).sort((a, b) => a - b);
  const cidWidths = new Map<number, number>([[0, font.notdefWidth]]);
  const cidToCodePoint = new Map<number, number>();
  for (const cp of present) {
    const cid = font.cid(cp);
    cidWidths.set(cid, font.advance(cp));
    if (!cidToCodePoint.has(cid)) cidToCodePoint.set(cid, cp);
  }

  const truetype = font.outline === 'truetype';
  let program: Uint8Array;
  let baseName: string;
  if (embedding === 'subset') {
    const subset = subsetFont(font.key, font.bytes, present, { retainGlyphIds: truetype, faceIndex: font.faceIndex, transient: options.transient ?? false });
    program = truetype ? subset : tableBytes(subset, 'CFF ');
    if (!truetype) {
      // hb-subset keeps each glyph's CID; check that every CID the text uses is there.
      const kept = new Set(readCff(program).gidToCid);
      const lost = [...cidToCodePoint.keys()].filter((cid) => !kept.has(cid));
      if (lost.length > 0) throw new Error(`font subset lacks CIDs ${lost.slice(0, 5).join(', ')}`);
    }
    baseName = `${subsetTag(present)}+${font.postscriptName}`;
  } else {
    program = truetype ? font.bytes : tableBytes(font.bytes, 'CFF ', font.faceIndex);
    baseName = font.postscriptName;
  }

  // A whole font is megabytes and only made for comparisons: compress it fast.
  const fontFile = context.register(
    context.stream(deflateSync(program, { level: embedding === 'full' ? 1 : 9 }), { Filter: 'FlateDecode', ...(truetype ? { Length1: program.length } : { Subtype: 'CIDFontType0C' }) }),
  );
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: baseName,
      // Symbolic: the glyphs are addressed by CID, not by a standard encoding.
      Flags: 4,
      FontBBox: [...font.bbox],
      ItalicAngle: 0,
      Ascent: font.ascent,
      Descent: font.descent,
      CapHeight: font.capHeight,
      StemV: 80,
      ...(truetype ? { FontFile2: fontFile } : { FontFile3: fontFile }),
    }),
  );
  const cff = font.cff;
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: truetype ? 'CIDFontType2' : 'CIDFontType0',
      BaseFont: baseName,
      CIDSystemInfo: cff
        ? { Registry: PDFString.of(cff.registry), Ordering: PDFString.of(cff.ordering), Supplement: cff.supplement }
        : { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: DEFAULT_WIDTH,
      W: widthsArray(cidWidths),
      ...(truetype ? { CIDToGIDMap: 'Identity' } : {}),
    }),
  );
  const toUnicode = context.register(context.stream(deflateSync(Buffer.from(toUnicodeCMap(cidToCodePoint), 'latin1'), { level: 9 }), { Filter: 'FlateDecode' }));
  return context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: PDFName.of(`${baseName}-Identity-H`),
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
}
