/**
 * The fonts one weight of text is set in, tried in order: the bundled font, then fallback
 * fonts for what it lacks (CJK Extension B and beyond: 𠮷 and the characters of some
 * minority names). A character none of them has is drawn as the bundled font's box and
 * reported. Fallback fonts are read only when a character needs them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CjkFont, type FontWeight } from './cjkFont';

/** A fallback font: a file, and in a collection (.ttc) the face by its PostScript name. */
export interface FallbackFont {
  path: string;
  face?: string;
}

/** A run of text drawn in one font: `font` indexes the chain (0 the bundled font), -1 none has it. */
export interface FontRun {
  font: number;
  text: string;
}

export class FontChain {
  private loaded: readonly CjkFont[] | null = null;
  private readonly found = new Map<number, number>();

  constructor(
    readonly primary: CjkFont,
    private readonly fallbacks: () => readonly FallbackFont[],
  ) {}

  /** The bundled font, then the fallbacks. */
  get fonts(): readonly CjkFont[] {
    if (!this.loaded) this.loaded = [this.primary, ...this.fallbacks().map((f) => CjkFont.load(f.path, f.face))];
    return this.loaded;
  }

  /** Which font of the chain draws `cp`; -1 when none does. */
  fontFor(cp: number): number {
    if (this.primary.has(cp)) return 0;
    let index = this.found.get(cp);
    if (index === undefined) {
      index = this.fonts.findIndex((f, i) => i > 0 && f.has(cp));
      this.found.set(cp, index);
    }
    return index;
  }

  has(cp: number): boolean {
    return this.fontFor(cp) >= 0;
  }

  widthOf(text: string, size: number): number {
    const width = this.primary.widthIfPresent(text, size);
    if (width >= 0) return width;
    let units = 0;
    for (const run of this.runs(text)) units += (run.font >= 0 ? this.fonts[run.font]! : this.primary).widthOf(run.text, 1000);
    return (units * size) / 1000;
  }

  /** `text` cut into runs by the font that draws them; one run when the bundled font has it all. */
  runs(text: string): FontRun[] {
    if (this.primary.widthIfPresent(text, 1) >= 0) return [{ font: 0, text }];
    const runs: FontRun[] = [];
    for (const ch of text) {
      const font = this.fontFor(ch.codePointAt(0)!);
      const last = runs[runs.length - 1];
      if (last && last.font === font) last.text += ch;
      else runs.push({ font, text: ch });
    }
    return runs;
  }
}

/**
 * Fonts the operating system ships for what the bundled font lacks, those present only:
 * Debian's Noto Sans CJK (fonts-noto-cjk: the bundled font's own design and weight, with the
 * Extension B characters of the Hong Kong, Taiwan and Japanese sets such as 𠮷), then
 * fonts-hanazono (花園明朝 A/B: every block through Extension F) and fonts-babelstone-han;
 * on Windows SimSun-ExtB.
 */
export function systemFallbackFonts(weight: FontWeight, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): FallbackFont[] {
  const notoWeight = weight === 'bold' ? 'Bold' : 'Regular';
  const candidates: FallbackFont[] =
    platform === 'win32'
      ? [{ path: join(env.WINDIR ?? 'C:\\Windows', 'Fonts', 'simsunb.ttf') }]
      : [
          { path: `/usr/share/fonts/opentype/noto/NotoSansCJK-${notoWeight}.ttc`, face: `NotoSansCJKsc-${notoWeight}` },
          { path: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf' },
          { path: '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf' },
          { path: '/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf' },
        ];
  return candidates.filter((f) => existsSync(f.path));
}

/** The chains a document is set in, one per weight. */
export type DocumentFonts = Readonly<Record<'regular' | 'bold', FontChain>>;
