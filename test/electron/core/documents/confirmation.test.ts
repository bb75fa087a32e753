import { describe, expect, it } from 'vitest';
import { generateConfirmation, type ConfirmationData } from '../../../../electron/core/documents';
import { maskDocumentNumber } from '../../../../shared/domain/scheme';
import { makePersons, qingdaoConfirmation, shanghai, shanghaiExample, SHANGHAI_UNIT } from './fixtures';
import { pdfPageTexts } from './pdfTools';

const squeeze = (s: string) => s.replace(/[ \u3000]+/g, ' ');
const compact = (s: string) => s.replace(/\s+/g, '');
const HEADER = /序号\s+姓名\s+证件号码\s+性别\s+保障项目/g;

function shanghaiConfirmation(count: number): ConfirmationData {
  const persons = makePersons(count, 11);
  const { quote, batch } = shanghaiExample(persons);
  return { scheme: shanghai, unit: SHANGHAI_UNIT, batch, quote, persons, number: { label: '确认书号', value: 'QR2020-000123' }, issuedOn: '2020-05-21', print: { count: 1, at: '2020-05-21T02:00:00Z' } };
}

describe('confirmation (参保确认书)', () => {
  it('lists all 1,000 persons exactly once, in order, over pages that each repeat the header and say 第 x 页 / 共 y 页', async () => {
    const data = shanghaiConfirmation(1000);
    const pdf = await generateConfirmation(data);
    const pages = pdfPageTexts(pdf.bytes);
    expect(pages.length).toBe(pdf.pages);
    expect(pdf.pages).toBeGreaterThan(20);

    const rows = new Map<number, string>();
    pages.forEach((page, i) => {
      expect(compact(page)).toContain(compact(`第 ${i + 1} 页 / 共 ${pdf.pages} 页`));
      const rowsHere = page.split('\n').filter((l) => /^\s*\d+\s+\S+\s+\d{4}\*{10}[\dX]{4}\s/.test(l));
      if (rowsHere.length > 0) expect(page.match(HEADER)?.length).toBe(1);
      for (const line of rowsHere) {
        const seq = Number(/^\s*(\d+)/.exec(line)![1]);
        expect(rows.has(seq)).toBe(false);
        rows.set(seq, line);
      }
      // Pages after the first carry the running header with the confirmation number.
      if (i > 0) expect(squeeze(page)).toContain('确认书号：QR2020-000123');
    });
    expect([...rows.keys()]).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    const plans = 'A0+B0+C0、A3、B3、C3';
    data.persons.forEach((p, i) => {
      const line = squeeze(rows.get(i + 1)!).trim();
      expect(line).toBe(`${i + 1} ${p.name} ${maskDocumentNumber(p.documentNumber, shanghai.masking)} ${p.gender === 'male' ? '男' : '女'} ${plans}`);
    });
  });

  it('masks ID numbers as the scheme says: the full number appears nowhere', async () => {
    const data = shanghaiConfirmation(60);
    const text = pdfPageTexts((await generateConfirmation(data)).bytes).join('\n');
    for (const p of data.persons) {
      expect(text).not.toContain(p.documentNumber);
      expect(text).toContain(`${p.documentNumber.slice(0, 4)}**********${p.documentNumber.slice(-4)}`);
    }
  });

  it('prints unit, numbers, cover, plans with the total in figures and capitals, waiting periods, the scheme’s paragraphs and the stamp area', async () => {
    const data = shanghaiConfirmation(4);
    const text = squeeze(pdfPageTexts((await generateConfirmation(data)).bytes).join('\n'));
    expect(text).toContain(shanghai.documents.confirmation!.title);
    expect(text).toMatch(/参保单位 上海申工精密机械有限公司工会委员会/);
    expect(text).toMatch(/确认书号 QR2020-000123 参保批次号 JS2020052000017/);
    expect(text).toMatch(/保障期限 2020年5月21日 至 2021年3月31日/);
    // pdftotext keeps or drops the spaces around a lone digit between hanzi as its heuristics decide.
    expect(compact(text)).toContain('参保人数共4人应缴金额4,780.00元');
    expect(text).toContain('合计（大写）：肆仟柒佰捌拾元整');
    // Instant enrollment: A0 and A3 30 days, B0 and B3 60 days, C plans none.
    expect(text).toContain('A0：30天免责期（2020年5月21日 至 2020年6月19日）');
    expect(text).toContain('B3：60天免责期（2020年5月21日 至 2020年7月19日）');
    expect(text).not.toMatch(/C[03]：\d+天免责期/);
    for (const p of shanghai.documents.confirmation!.paragraphs) expect(compact(text)).toContain(compact(p));
    expect(text).toContain('参保单位（盖章）：');
    expect(text).toContain('经办人（签字）：');
    expect(compact(text)).toContain('共4人');
  });

  it('Qingdao: shares column, the subsidy line and 壹仟伍佰元整; no waiting periods when the scheme sets none', async () => {
    const data = qingdaoConfirmation({}, { print: null });
    const persons = data.persons;
    const pdf = await generateConfirmation(data);
    const text = squeeze(pdfPageTexts(pdf.bytes).join('\n'));
    expect(text).toContain('职工互助保障活动参保确认书');
    expect(text).toMatch(/份数 人数 单价（元\/份） 金额（元）/);
    // Each person's activities with their shares.
    expect(text).toMatch(/住院医疗\(A方案\)\(会费95元\)×1份/);
    expect(text).toContain('应缴金额（大写）：壹仟伍佰元整');
    expect(text).not.toContain('免责期');
    for (const p of persons) expect(text).toContain(`${p.documentNumber.slice(0, 4)}**********${p.documentNumber.slice(-4)}`);
    expect(text).toContain('预览（非正式打印件）');
  });
});
