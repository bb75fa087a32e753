/**
 * The CJK font the documents are set in: Noto Sans S Chinese (Noto Sans CJK SC, OFL-1.1),
 * shipped by the npm package `@embedpdf/fonts-sc` as OpenType/CFF files, Regular and Bold.
 * It covers GB 2312 and all of CJK Unified Ideographs and Extension A (27,500+ hanzi),
 * which is where most rare characters of names (生僻字 such as 䶮) live. Characters beyond
 * (Extension B and later, e.g. 𠮷) come from fallback fonts (fontChain.ts), which may be
 * TrueType: their glyph index serves as CID.
 *
 * Metrics and CIDs come from the full font, so layout and the content streams do not depend
 * on the subset; the subset only has to contain the same CIDs (checked when embedding).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { hasTable, readCff, tableBytes, type CffInfo } from './openType';

export type FontWeight = 'regular' | 'bold';
export const FONT_WEIGHTS: readonly FontWeight[] = ['regular', 'bold'];

/** Paths of the font files, one per weight. */
export type FontFiles = Readonly<Record<FontWeight, string>>;

const BUNDLED_FILE_NAMES: Readonly<Record<FontWeight, string>> = {
  regular: 'NotoSansHans-Regular.otf',
  bold: 'NotoSansHans-Bold.otf',
};

/** The font files inside the installed `@embedpdf/fonts-sc` package. */
export function bundledFontFiles(): FontFiles {
  // The package exports only its index, so find its folder from there.
  const main = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  const fontsDir = join(dirname(main), '..', 'fonts');
  return { regular: join(fontsDir, BUNDLED_FILE_NAMES.regular), bold: join(fontsDir, BUNDLED_FILE_NAMES.bold) };
}

/** Where the face with PostScript name `face` stands in the collection. */
function faceIndexOf(bytes: Uint8Array, face: string, path: string): number {
  const fonts = (fontkit.create(bytes) as unknown as { fonts?: { postscriptName: string }[] }).fonts;
  const index = fonts?.findIndex((f) => f.postscriptName === face) ?? -1;
  if (index < 0) throw new Error(`${path} has no face ${face}`);
  return index;
}

interface GlyphInfo {
  cid: number;
  /** Advance width in 1/1000 em. */
  width: number;
  present: boolean;
}

export class CjkFont {
  /** Font metrics in 1/1000 em, as a PDF font descriptor wants them. */
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly bbox: readonly [number, number, number, number];
  readonly postscriptName: string;
  /** The CID-keyed CFF's charset and registry; null for a TrueType font (glyph index = CID). */
  readonly cff: CffInfo | null;
  /** Advance of the .notdef box shown for a character the font lacks. */
  readonly notdefWidth: number;

  private readonly face: ReturnType<typeof fontkit.create>;
  private readonly scale: number;
  private readonly glyphs = new Map<number, GlyphInfo>();
  // Flat caches for the Basic Multilingual Plane: measuring a 10,000-row roster hits them a million times.
  private readonly bmpWidth = new Float64Array(0x10000).fill(NaN);
  private readonly bmpHex: (string | undefined)[] = new Array<string | undefined>(0x10000);
  /** 1 present, 0 absent, -1 not looked up yet. */
  private readonly bmpPresent = new Int8Array(0x10000).fill(-1);

  private constructor(
    /** Identifies the font for the subsetter's cache. */
    readonly key: string,
    readonly bytes: Uint8Array,
    /** The face within a collection (.ttc / .otc); 0 for a single font. */
    readonly faceIndex: number,
  ) {
    const created = fontkit.create(bytes) as ReturnType<typeof fontkit.create> & { fonts?: ReturnType<typeof fontkit.create>[] };
    this.face = created.fonts ? created.fonts[faceIndex]! : created;
    this.scale = 1000 / this.face.unitsPerEm;
    this.ascent = Math.round(this.face.ascent * this.scale);
    this.descent = Math.round(this.face.descent * this.scale);
    this.capHeight = Math.round((this.face.capHeight || this.face.ascent) * this.scale);
    const b = this.face.bbox;
    this.bbox = [b.minX, b.minY, b.maxX, b.maxY].map((v) => Math.round(v * this.scale)) as unknown as readonly [number, number, number, number];
    this.postscriptName = (this.face.postscriptName ?? 'CJKFont').replace(/[^A-Za-z0-9-]/g, '');
    this.cff = hasTable(bytes, 'CFF ', faceIndex) ? readCff(tableBytes(bytes, 'CFF ', faceIndex)) : null;
    this.notdefWidth = Math.round(this.face.getGlyph(0).advanceWidth * this.scale);
  }

  private static readonly loaded = new Map<string, CjkFont>();

  /** The font in `path` (in a collection, the face named `face`), read and parsed once per process. */
  static load(path: string, face?: string): CjkFont {
    const key = face ? `${path}#${face}` : path;
    let font = CjkFont.loaded.get(key);
    if (!font) {
      // A Buffer as read: fontkit copies anything else byte by byte.
      const bytes = readFileSync(path);
      font = new CjkFont(key, bytes, face ? faceIndexOf(bytes, face, path) : 0);
      CjkFont.loaded.set(key, font);
    }
    return font;
  }

  private glyph(cp: number): GlyphInfo {
    let info = this.glyphs.get(cp);
    if (!info) {
      const present = this.face.hasGlyphForCodePoint(cp);
      const g = this.face.glyphForCodePoint(cp);
      const cid = !present ? 0 : this.cff ? (this.cff.gidToCid[g.id] ?? 0) : g.id;
      info = { cid, width: Math.round(g.advanceWidth * this.scale), present };
      this.glyphs.set(cp, info);
      if (cp < 0x10000) {
        this.bmpWidth[cp] = info.width;
        this.bmpPresent[cp] = present ? 1 : 0;
        this.bmpHex[cp] = info.cid.toString(16).toUpperCase().padStart(4, '0');
      }
    }
    return info;
  }

  has(cp: number): boolean {
    if (cp < 0x10000) {
      const known = this.bmpPresent[cp]!;
      if (known >= 0) return known === 1;
    }
    return this.glyph(cp).present;
  }

  /** `truetype`: glyf outlines, embedded as CIDFontType2; `cff`: CID-keyed CFF (CIDFontType0). */
  get outline(): 'cff' | 'truetype' {
    return this.cff ? 'cff' : 'truetype';
  }

  /** The CID that shows `cp`; 0 (.notdef, a box) when the font lacks it. */
  cid(cp: number): number {
    return this.glyph(cp).cid;
  }

  /** Advance width of `cp` in 1/1000 em (the .notdef box's width when missing). */
  advance(cp: number): number {
    return this.glyph(cp).width;
  }

  /** The CIDs showing `text`, as the body of a PDF hex string (4 hex digits a character). */
  hex(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        out += this.glyph(text.codePointAt(i)!).cid.toString(16).toUpperCase().padStart(4, '0');
        i++;
        continue;
      }
      let hex = this.bmpHex[unit];
      if (hex === undefined) {
        this.glyph(unit);
        hex = this.bmpHex[unit]!;
      }
      out += hex;
    }
    return out;
  }

  /** Width of `text` at `size` points; -1 if the font lacks any of its characters (one pass, for the fallback chain). */
  widthIfPresent(text: string, size: number): number {
    let units = 0;
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        cp = text.codePointAt(i)!;
        i++;
      }
      if (cp < 0x10000) {
        const known = this.bmpPresent[cp]!;
        if (known === 0) return -1;
        if (known === 1) {
          units += this.bmpWidth[cp]!;
          continue;
        }
      }
      const info = this.glyph(cp);
      if (!info.present) return -1;
      units += info.width;
    }
    return (units * size) / 1000;
  }

  /** Width of `text` at `size` points (a character the font lacks counts as its box). */
  widthOf(text: string, size: number): number {
    const width = this.widthIfPresent(text, size);
    if (width >= 0) return width;
    let units = 0;
    for (const ch of text) units += this.glyph(ch.codePointAt(0)!).width;
    return (units * size) / 1000;
  }
}
