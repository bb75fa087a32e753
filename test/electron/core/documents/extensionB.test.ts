/**
 * Names beyond the bundled font (CJK Extension B and later) print from the fallback chain:
 * here Debian's fonts-hanazono (花園明朝 B), which CI installs. Every name comes back from
 * pdftotext exactly, and every extension character is inked as its own glyph, not as the
 * box a missing glyph leaves: the test fails on any missing glyph.
 */
import { describe, expect, it } from 'vitest';
import { generateConfirmation } from '../../../../electron/core/documents';
import { systemFallbackFonts } from '../../../../electron/core/documents/font/fontChain';
import { qingdaoConfirmation } from './fixtures';
import { darkPixels, differingPixels, pdfText, renderPages, wordBoxes } from './pdfTools';

/** Extension B (𠮷 𡈼 𨭆 𪚥), C (𪜀), D (𫝀) and E (𫠠), each after a common surname. */
const NAMES = ['吉𠮷', '王𡈼', '陈𨭆', '李𪚥', '张𪜀', '刘𫝀', '赵𫠠'];

const confirmation = () => qingdaoConfirmation(Object.fromEntries(NAMES.map((n, i) => [i, n])), { count: 12, seed: 9 });

describe('names from CJK Extension B and beyond', () => {
  it('finds the operating system’s fonts: Noto Sans CJK SC of the same weight, then 花園明朝', () => {
    expect(systemFallbackFonts('bold')).toEqual([
      { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
      { path: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf' },
      { path: '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf' },
    ]);
    expect(systemFallbackFonts('regular', { WINDIR: 'C:\\\\Windows' }, 'win32')).toEqual([]);
  });

  it('prints every name with its own glyphs, embeds only a subset of the fallback font, and extracts every name exactly', async () => {
    const pdf = await generateConfirmation(confirmation());
    expect(pdf.missingCharacters).toEqual([]);
    const text = pdfText(pdf.bytes);
    for (const name of NAMES) expect(text).toContain(name);
    const raw = Buffer.from(pdf.bytes).toString('latin1');
    // 𠮷 𡈼 𨭆 in the bundled font's own design (Noto Sans CJK SC); the rarer ones from 花園明朝 (TrueType).
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
    expect(raw).toContain('/CIDFontType2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+HanaMinB/);
    // A few glyphs of a 30 MB font.
    expect(pdf.bytes.length).toBeLessThan(250_000);

    // The same page without fallback fonts draws boxes where the extension characters stand.
    const boxed = await generateConfirmation(confirmation(), { fallbackFonts: [] });
    expect(boxed.missingCharacters).toHaveLength(NAMES.length);
    const dpi = 100;
    const [page] = renderPages(pdf.bytes, dpi, 1, 1);
    const [boxPage] = renderPages(boxed.bytes, dpi, 1, 1);
    const words = wordBoxes(pdf.bytes).words.filter((w) => w.page === 1);
    for (const name of NAMES) {
      const word = words.find((w) => w.text === name);
      expect(word, name).toBeDefined();
      const second = { ...word!, xMin: (word!.xMin + word!.xMax) / 2 };
      expect(darkPixels(page!, dpi, second), name).toBeGreaterThan(8);
      // Glyph and box differ: a missing glyph would render as the same box.
      const crop = (img: NonNullable<typeof page>) => {
        const s = dpi / 72;
        const [x0, y0, x1, y1] = [Math.floor(second.xMin * s), Math.floor(second.yMin * s), Math.ceil(second.xMax * s), Math.ceil(second.yMax * s)];
        const pixels = new Uint8Array((x1 - x0) * (y1 - y0));
        for (let y = y0; y < y1; y++) pixels.set(img.pixels.subarray(y * img.width + x0, y * img.width + x1), (y - y0) * (x1 - x0));
        return { width: x1 - x0, height: y1 - y0, pixels };
      };
      expect(differingPixels(crop(page!), crop(boxPage!)), name).toBeGreaterThan(10);
    }
  });
});
