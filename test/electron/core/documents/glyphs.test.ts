/**
 * The glyphs must render, not just extract: pdf-lib's fontkit subsetting of CJK fonts loses
 * glyphs while pdftotext still reads the text perfectly (pdf-lib #1232), so these tests look
 * at rendered pixels.
 */
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../../electron/core/coreError';
import { bundledFontFiles, generateConfirmation, generatePaymentNotice } from '../../../../electron/core/documents';
import { CjkFont } from '../../../../electron/core/documents/font/cjkFont';
import { embedCidFont } from '../../../../electron/core/documents/font/embedFont';
import { subsetFont } from '../../../../electron/core/documents/font/harfbuzzSubset';
import { makePersons, qingdaoConfirmation, shanghaiExample, shanghai, SHANGHAI_UNIT } from './fixtures';
import { darkPixels, differingPixels, pdfText, renderPages, wordBoxes } from './pdfTools';

const DPI = 50;

describe('glyphs render', () => {
  it('every page of a subset document renders pixel for pixel like the same document with the whole font embedded', async () => {
    const persons = makePersons(4, 3);
    const { quote, batch } = shanghaiExample(persons);
    const cases = [
      await Promise.all([
        generatePaymentNotice({ scheme: shanghai, unit: SHANGHAI_UNIT, batch, quote, issuedOn: '2020-05-20', print: null }),
        generatePaymentNotice({ scheme: shanghai, unit: SHANGHAI_UNIT, batch, quote, issuedOn: '2020-05-20', print: null }, { embedding: 'full' }),
      ]),
      await Promise.all([generateConfirmation(qingdaoConfirmation({ 0: '刘䶮' })), generateConfirmation(qingdaoConfirmation({ 0: '刘䶮' }), { embedding: 'full' })]),
    ];
    for (const [subset, full] of cases) {
      expect(subset.bytes.length).toBeLessThan(120_000);
      expect(full.bytes.length).toBeGreaterThan(5_000_000);
      const a = renderPages(subset.bytes, DPI);
      const b = renderPages(full.bytes, DPI);
      expect(a.length).toBe(subset.pages);
      a.forEach((page, i) => {
        // Text is there (a page of this kind has thousands of dark pixels at 50 dpi)…
        expect(darkPixels(page, DPI)).toBeGreaterThan(2000);
        // …and it is the same text the whole font draws.
        expect(differingPixels(page, b[i]!)).toBe(0);
      });
    }
  });

  it('the pixel comparison catches lost glyphs: pdf-lib’s fontkit subset of the same font renders differently, though its text extracts perfectly', async () => {
    const sample = '缴费通知单 收款账户名称：中国职工保险互助会青岛办事处 肆仟柒佰捌拾元整';
    const draw = async (subset: boolean) => {
      const doc = await PDFDocument.create();
      doc.registerFontkit(fontkit);
      const font = await doc.embedFont(readFileSync(bundledFontFiles().regular), { subset });
      doc.addPage([595.28, 841.89]).drawText(sample, { x: 40, y: 780, size: 14, font });
      return doc.save();
    };
    const broken = await draw(true);
    const whole = await draw(false);
    expect(pdfText(broken)).toContain(sample);
    const [a] = renderPages(broken, DPI);
    const [b] = renderPages(whole, DPI);
    expect(darkPixels(b!, DPI)).toBeGreaterThan(300);
    expect(differingPixels(a!, b!)).toBeGreaterThan(300);
  });

  it('the renderer picks glyphs by CID through the font’s charset: the glyph indices pdf-lib would write show nothing', async () => {
    const font = CjkFont.load(bundledFontFiles().regular);
    const text = '缴费通知单收款账户名称中国职工保险互助会';
    const cps = Array.from(text, (c) => c.codePointAt(0)!);
    const subset = fontkit.create(Buffer.from(subsetFont(font.key, font.bytes, [...new Set(cps)].sort((a, b) => a - b))));
    const draw = async (code: (cp: number) => number) => {
      const doc = await PDFDocument.create();
      const ref = embedCidFont(doc, font, new Set(cps), 'subset');
      const page = doc.addPage([400, 100]);
      const hex = cps.map((cp) => code(cp).toString(16).padStart(4, '0')).join('');
      page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(`BT /F1 16 Tf 10 50 Td <${hex}> Tj ET`)));
      page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { F1: ref } }));
      return doc.save();
    };
    const [byCid] = renderPages(await draw((cp) => font.cid(cp)), 72);
    const [byGlyphIndex] = renderPages(await draw((cp) => subset.glyphForCodePoint(cp).id), 72);
    expect(darkPixels(byCid!, 72)).toBeGreaterThan(500);
    expect(darkPixels(byGlyphIndex!, 72)).toBeLessThan(darkPixels(byCid!, 72) / 10);
  });

  it('renders a rare name character from CJK Extension A (䶮 U+4DAE), and extracts it', async () => {
    const pdf = await generateConfirmation(qingdaoConfirmation({ 0: '刘䶮', 1: '刘' }));
    expect(pdf.missingCharacters).toEqual([]);
    expect(pdfText(pdf.bytes)).toContain('刘䶮');
    const dpi = 100;
    const [page] = renderPages(pdf.bytes, dpi, 1, 1);
    const words = wordBoxes(pdf.bytes).words.filter((w) => w.page === 1);
    const rare = words.find((w) => w.text === '刘䶮')!;
    const plain = words.find((w) => w.text === '刘')!;
    const secondHalf = { ...rare, xMin: (rare.xMin + rare.xMax) / 2 };
    // The cell after 刘 is blank in the row without 䶮, and inked where 䶮 stands.
    expect(darkPixels(page!, dpi, { ...plain, xMin: plain.xMax, xMax: plain.xMax + (rare.xMax - rare.xMin) / 2 })).toBe(0);
    expect(darkPixels(page!, dpi, secondHalf)).toBeGreaterThan(15);
  });

  it('reports a character no font has (𠮷 U+20BB7 without fallback fonts) and prints a visible box in its place', async () => {
    const data = qingdaoConfirmation({ 0: '吉𠮷' });
    const pdf = await generateConfirmation(data, { fallbackFonts: [] });
    expect(pdf.missingCharacters).toEqual(['𠮷']);
    const dpi = 100;
    const [page] = renderPages(pdf.bytes, dpi, 1, 1);
    const ji = wordBoxes(pdf.bytes).words.find((w) => w.page === 1 && w.text === '吉')!;
    const box = { ...ji, xMin: ji.xMax + 0.5, xMax: ji.xMax + (ji.xMax - ji.xMin) - 0.5 };
    expect(darkPixels(page!, dpi, box)).toBeGreaterThan(10);

    const refused = generateConfirmation(data, { onMissingCharacters: 'refuse', fallbackFonts: [] });
    await expect(refused).rejects.toBeInstanceOf(CoreError);
    await expect(refused).rejects.toMatchObject({ code: 'DOCUMENT_MISSING_GLYPHS', message: expect.stringContaining('𠮷（U+20BB7）') });
  });
});
