import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateConfirmation, generatePaymentNotice } from '../../../../electron/core/documents';
import { bundledFontFiles, CjkFont } from '../../../../electron/core/documents/font/cjkFont';
import { FontChain } from '../../../../electron/core/documents/font/fontChain';
import { Flow } from '../../../../electron/core/documents/layout/flow';
import { A4_PORTRAIT, LayoutError, Page, type TextOp } from '../../../../electron/core/documents/layout/page';
import { drawTable } from '../../../../electron/core/documents/layout/table';
import { wrapText } from '../../../../electron/core/documents/layout/textWrap';
import { Typesetter } from '../../../../electron/core/documents/layout/typesetter';
import { loadScheme } from '../../../../shared/domain/scheme';
import { priceBatch } from '../../../../shared/domain/pricing';
import { BUILT_IN_SCHEME_FILES } from '../../../../shared/schemes';
import { makePersons, shanghaiExample, shanghai } from './fixtures';
import { pdfText, wordBoxes } from './pdfTools';

/** Hanzi and full-width marks 10 wide, everything else 5. */
const width = (t: string) => Array.from(t).reduce((w, c) => w + (c.charCodeAt(0) > 0xff ? 10 : 5), 0);

describe('wrapText', () => {
  it.each([
    ['fits on one line', '一二三', 30, ['一二三']],
    ['hanzi break anywhere', '一二三四五六七', 30, ['一二三', '四五六', '七']],
    ['a number stays whole', '账号232554192616行号', 60, ['账号', '232554192616', '行号']],
    ['a run wider than a line is cut', 'ABCDEFGHIJKLMNOPQRST', 50, ['ABCDEFGHIJ', 'KLMNOPQRST']],
    ['no line starts with a closing mark: the previous character comes along', '一二三，四五', 30, ['一二', '三，四', '五']],
    ['closing marks in a row stay together', '一二三）。四', 30, ['一二', '三）。', '四']],
    ['no line ends with an opening mark', '一二（三四五', 30, ['一二', '（三四', '五']],
    ['spaces at a break are dropped', '一二 三四', 25, ['一二', '三四']],
    ['explicit line breaks are kept', '一\n二三', 100, ['一', '二三']],
  ])('%s', (_, text, max, lines) => {
    expect(wrapText(text, max, width)).toEqual(lines);
  });

  it('never makes a line wider than the limit (unless one character is) and loses no character', () => {
    const alphabet = fc.constantFrom(...Array.from('一二三四五六七八九十，。、（）《》：；“”ABCxyz0123456789-./ '));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')), fc.integer({ min: 10, max: 120 }), (text, max) => {
        const lines = wrapText(text, max, width);
        for (const line of lines) if (Array.from(line).length > 1) expect(width(line)).toBeLessThanOrEqual(max);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
    );
  });
});

describe('page margins', () => {
  it('refuses to draw outside the content box', () => {
    const page = new Page(A4_PORTRAIT, { left: 42, top: 42, right: 553.28, bottom: 807.89 });
    expect(() => page.text(500, 100, '超出右边距的文字', { size: 10, weight: 'regular' }, 80)).toThrow(LayoutError);
    expect(() => page.line(40, 100, 100, 100)).toThrow(LayoutError);
    expect(() => page.fill(42, 800, 10, 10, 0.9)).toThrow(LayoutError);
    page.text(42, 100, '边距内', { size: 10, weight: 'regular' }, 30);
    expect(page.ops).toHaveLength(1);
  });

  it('wraps a 100-character unit name, and every word of the notice stays inside the margins', async () => {
    const unitName = `${'青岛市市北区职工服务中心暨某某精密机械制造股份有限公司'.repeat(3)}（ABCDE1234567890）第一分公司联合工会委员会`.slice(0, 100);
    expect(Array.from(unitName)).toHaveLength(100);
    const persons = makePersons(4, 3);
    const { quote, batch } = shanghaiExample(persons);
    const pdf = await generatePaymentNotice({ scheme: shanghai, unit: { name: unitName, insuranceCode: 'SG0012345' }, batch, quote, issuedOn: '2020-05-20', print: { count: 1, at: '2020-05-20T10:00:00+08:00' } });
    const { pages, words } = wordBoxes(pdf.bytes);
    expect(words.length).toBeGreaterThan(50);
    for (const w of words) {
      const page = pages[w.page - 1]!;
      expect(w.xMin).toBeGreaterThanOrEqual(42 - 0.5);
      expect(w.xMax).toBeLessThanOrEqual(page.width - 42 + 0.5);
      expect(w.yMin).toBeGreaterThanOrEqual(42 - 0.5);
      expect(w.yMax).toBeLessThanOrEqual(page.height - 34 + 0.5);
    }
    // The name is there whole (over several lines, twice: the payer and the transfer remark).
    const compact = pdfText(pdf.bytes).replace(/\s+/g, '');
    expect(compact.split(unitName).length - 1).toBe(2);
  });

  it('wraps long plan names in the price table and the roster', async () => {
    const file = structuredClone(BUILT_IN_SCHEME_FILES['shanghai-2020']) as { plans: { code: string; shortName?: string; name: string }[] };
    for (const plan of file.plans) plan.shortName = `${plan.code} 职工住院医疗及重大疾病与意外伤害综合互助保障计划（含附加身故保障）`;
    const scheme = loadScheme(file);
    const persons = makePersons(40, 8);
    const quote = priceBatch(scheme, { enrollmentType: 'central', submissionDate: '2020-04-20', selection: [{ planCode: 'A0', shares: 1 }, { planCode: 'A3', shares: 1 }], persons: persons.map((p) => ({ id: p.id })) });
    const pdf = await generateConfirmation({ scheme, unit: { name: '某单位' }, batch: { number: 'B1', enrollmentType: 'central', cover: quote.cover }, quote, persons, number: { label: '确认书号', value: 'Q1' }, issuedOn: '2020-04-20', print: null });
    const { pages, words } = wordBoxes(pdf.bytes);
    for (const w of words) {
      expect(w.xMax).toBeLessThanOrEqual(pages[w.page - 1]!.width - 42 + 0.5);
      expect(w.yMax).toBeLessThanOrEqual(pages[w.page - 1]!.height - 34 + 0.5);
    }
    expect(pdf.pages).toBeGreaterThan(1);
  });
});

describe('tables across pages', () => {
  const fonts = { regular: new FontChain(CjkFont.load(bundledFontFiles().regular), () => []), bold: new FontChain(CjkFont.load(bundledFontFiles().bold), () => []) };
  const flowFor = () => new Flow(new Typesetter(fonts), { size: A4_PORTRAIT, margins: { top: 42, right: 42, bottom: 34, left: 42 }, footerHeight: 22 });
  const texts = (page: Page) => page.ops.filter((o): o is TextOp => o.kind === 'text');

  it('never cuts a row, and repeats the header at the top of every page', () => {
    const flow = flowFor();
    flow.space(200);
    // Rows of three lines each, every line naming its row.
    const rows = Array.from({ length: 150 }, (_, i) => [`R${i}`, `姓名${i}`, `第${i}行甲\n第${i}行乙\n第${i}行丙`]);
    drawTable(flow, rows, { columns: [{ weight: 1 }, { weight: 2 }, { weight: 3 }], header: ['编号', '姓名', '保障项目'] });
    expect(flow.pages.length).toBeGreaterThan(3);
    const pageOf = new Map<string, Set<number>>();
    flow.pages.forEach((page, p) => {
      const ops = texts(page);
      expect(ops.filter((o) => o.text === '保障项目')).toHaveLength(1);
      const headerTop = Math.min(...ops.map((o) => o.baseline));
      expect(ops.find((o) => o.text === '保障项目')!.baseline).toBe(headerTop);
      for (const o of ops) {
        const m = /^第(\d+)行/.exec(o.text) ?? /^(?:R|姓名)(\d+)$/.exec(o.text);
        if (m) {
          const seen = pageOf.get(m[1]!) ?? new Set<number>();
          seen.add(p);
          pageOf.set(m[1]!, seen);
        }
      }
    });
    expect(pageOf.size).toBe(150);
    for (const pagesOfRow of pageOf.values()) expect(pagesOfRow.size).toBe(1);
    const allLines = flow.pages.flatMap((p) => texts(p).map((o) => o.text)).filter((t) => /^第\d+行/.test(t));
    expect(allLines).toHaveLength(450);
  });

  it('cuts only a row taller than a whole page, continuing it under the repeated header', () => {
    const flow = flowFor();
    const huge = Array.from({ length: 120 }, (_, i) => `第${i + 1}行`).join('\n');
    drawTable(flow, [['1', huge], ['2', '短']], { columns: [{ weight: 1 }, { weight: 5 }], header: ['序号', '内容'] });
    expect(flow.pages.length).toBe(3);
    const lines = flow.pages.flatMap((p) => texts(p).map((o) => o.text)).filter((t) => /^第\d+行$/.test(t));
    expect(lines).toEqual(Array.from({ length: 120 }, (_, i) => `第${i + 1}行`));
    for (const page of flow.pages) expect(texts(page).filter((o) => o.text === '内容')).toHaveLength(1);
  });
});
