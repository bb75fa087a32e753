/**
 * CIDs, not glyph indices: a CID-keyed CFF font selects glyphs through its charset, and in
 * Noto Sans CJK the two differ. These tests pin down that the documents write CIDs the
 * embedded font program actually has.
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { generateConfirmation } from '../../../../electron/core/documents';
import { bundledFontFiles, CjkFont } from '../../../../electron/core/documents/font/cjkFont';
import { subsetFont } from '../../../../electron/core/documents/font/harfbuzzSubset';
import { readCff, tableBytes } from '../../../../electron/core/documents/font/openType';
import { makePersons, shanghaiExample, shanghai, SHANGHAI_UNIT } from './fixtures';

const regular = CjkFont.load(bundledFontFiles().regular);

describe('CFF charset', () => {
  it('the shipped font is CID-keyed (Adobe-Identity-0) and most of its CIDs are not its glyph indices', () => {
    const cff = readCff(tableBytes(regular.bytes, 'CFF '));
    expect(cff).toMatchObject({ cidKeyed: true, registry: 'Adobe', ordering: 'Identity', supplement: 0, numGlyphs: 30888 });
    let differing = 0;
    cff.gidToCid.forEach((cid, gid) => {
      if (cid !== gid) differing++;
    });
    expect(differing).toBeGreaterThan(10_000);
  });

  it('a HarfBuzz subset renumbers the glyphs but keeps each one’s CID', () => {
    const text = '缴费䶮A1';
    const cps = Array.from(text, (c) => c.codePointAt(0)!);
    const sub = readCff(tableBytes(subsetFont(regular.key, regular.bytes, cps), 'CFF '));
    expect(sub.numGlyphs).toBe(cps.length + 1);
    expect([...sub.gidToCid].sort((a, b) => a - b)).toEqual([0, ...cps.map((cp) => regular.cid(cp))].sort((a, b) => a - b));
    // The subset's glyph indices are 0..n, so writing them as CIDs would pick other glyphs.
    expect(cps.map((cp) => regular.cid(cp)).some((cid) => cid > cps.length)).toBe(true);
  });
});

function cidsShown(content: string): Map<string, Set<number>> {
  const shown = new Map<string, Set<number>>();
  let font = '';
  for (const m of content.matchAll(/\/(F\d) [\d.]+ Tf|<([0-9A-F]*)> Tj/g)) {
    if (m[1]) font = m[1];
    else {
      const set = shown.get(font) ?? new Set<number>();
      for (let i = 0; i < m[2]!.length; i += 4) set.add(parseInt(m[2]!.slice(i, i + 4), 16));
      shown.set(font, set);
    }
  }
  return shown;
}

describe('an embedded document font', () => {
  it('holds every CID the pages show, as a bare CID-keyed CFF program (FontFile3 /CIDFontType0C)', async () => {
    const persons = makePersons(300, 5);
    const { quote, batch } = shanghaiExample(persons);
    const pdf = await generateConfirmation({ scheme: shanghai, unit: SHANGHAI_UNIT, batch, quote, persons, number: { label: '确认书号', value: 'Q1' }, issuedOn: '2020-05-21', print: null });
    const doc = await PDFDocument.load(pdf.bytes);
    const ctx = doc.context;
    let checkedPages = 0;
    for (const page of doc.getPages()) {
      const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      const stream = ctx.lookup(page.node.get(PDFName.of('Contents')), PDFStream) as PDFRawStream;
      const shown = cidsShown(Buffer.from(inflateSync(stream.contents)).toString('latin1'));
      for (const [name, cids] of shown) {
        const type0 = ctx.lookup(fonts.get(PDFName.of(name)), PDFDict);
        const cidFont = ctx.lookup(type0.lookup(PDFName.of('DescendantFonts'), PDFArray).get(0), PDFDict);
        expect(cidFont.get(PDFName.of('Subtype'))).toBe(PDFName.of('CIDFontType0'));
        const descriptor = ctx.lookup(cidFont.get(PDFName.of('FontDescriptor')), PDFDict);
        const file = ctx.lookup(descriptor.get(PDFName.of('FontFile3')), PDFStream) as PDFRawStream;
        expect(file.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('CIDFontType0C'));
        const cff = readCff(inflateSync(file.contents));
        expect(cff.cidKeyed).toBe(true);
        const available = new Set(cff.gidToCid);
        for (const cid of cids) expect(available.has(cid)).toBe(true);
        expect(cids.has(0)).toBe(false);
      }
      checkedPages++;
    }
    expect(checkedPages).toBe(pdf.pages);
  });
});
