import { describe, expect, it } from 'vitest';
import { generateStampedRoster, type DocumentPerson } from '../../../../electron/core/documents';
import { makePersons, shanghai, SHANGHAI_UNIT, wuxi, WUXI_UNIT } from './fixtures';
import { pdfPageTexts, wordBoxes } from './pdfTools';

const squeeze = (s: string) => s.replace(/[ \u3000]+/g, ' ');
const compact = (s: string) => s.replace(/\s+/g, '');

function wuxiPersons(count: number): DocumentPerson[] {
  return makePersons(count, 9).map((p, i) => ({
    ...p,
    values: { bankCard: `62284804025648${String(90000 + i).padStart(5, '0')}`, bankName: '无锡农村商业银行滨湖支行', phone: `139${String(10000000 + i * 7)}`, remark: i === 3 ? '新入职' : '' },
  }));
}

describe('stamped roster (参保花名册)', () => {
  it('Wuxi: the template’s title and columns, full numbers (Wuxi does not mask), landscape, 参保单位（盖章） on every page', async () => {
    const persons = wuxiPersons(120);
    const pdf = await generateStampedRoster({ scheme: wuxi, unit: WUXI_UNIT, batch: { number: 'WX2023-0456', enrollmentType: 'new', cover: null }, persons, issuedOn: '2023-06-01', print: { count: 3, at: '2023-06-01T08:00:00+08:00' } });
    const pages = pdfPageTexts(pdf.bytes);
    expect(pages.length).toBe(pdf.pages);
    expect(pdf.pages).toBeGreaterThan(2);
    expect(wordBoxes(pdf.bytes).pages[0]).toMatchObject({ width: 841.89, height: 595.28 });
    expect(pages[0]).toContain('无锡市职工互助互济会“三合一”项目参保花名册');
    const all = squeeze(pages.join('\n'));
    pages.forEach((page, i) => {
      if (/^\s*\d+\s+\S+\s+\d{17}[\dX]\s/m.test(page)) expect(page).toMatch(/序号\s+姓名\s+居民身份证号\(证件号码\)\s+社保卡银行卡号\s+开户行\s+手机号\s+备注/);
      expect(page).toContain('参保单位（盖章）：');
      expect(compact(page)).toContain(`第${i + 1}页/共${pdf.pages}页`);
      expect(page).toContain('第 3 次打印');
    });
    persons.forEach((p, i) => {
      expect(all).toContain(`${i + 1} ${p.name} ${p.documentNumber} ${p.values!.bankCard} 无锡农村商业银行滨湖支行 ${p.values!.phone}`);
    });
    expect(all).toMatch(/4 \S+ \d{17}[\dX] \d+ 无锡农村商业银行滨湖支行 \d{11} 新入职/);
  });

  it('masks ID and bank-card numbers where the scheme masks them (Shanghai’s template)', async () => {
    const persons = makePersons(8, 2).map((p) => ({ ...p, documentType: '身份证', values: { socialSecurity: '是' } }));
    const pdf = await generateStampedRoster({ scheme: shanghai, unit: SHANGHAI_UNIT, batch: { number: 'B9', enrollmentType: 'central', cover: null }, persons, issuedOn: '2020-04-10', print: null });
    const text = pdfPageTexts(pdf.bytes).join('\n');
    for (const p of persons) {
      expect(text).not.toContain(p.documentNumber);
      expect(text).toContain(`${p.documentNumber.slice(0, 4)}**********${p.documentNumber.slice(-4)}`);
    }
    // Long template headers wrap inside their cells; their first characters start the cell.
    for (const c of shanghai.roster.columns.filter((c) => c.inTemplate)) expect(compact(text)).toContain(compact(c.header).slice(0, 4));
    expect(compact(text)).not.toContain('单位社保号');
  });

  it('keeps the batch number in the running header however long the unit name, and never leaves the stamp box on a page without rows', async () => {
    const unit = { name: '无锡市滨湖区某某科技有限公司工会委员会暨无锡某某某某某某某某集团有限公司联合工会委员会（筹）' };
    // Around a page's worth of rows, so that the last rows and the stamp box fall near a page end.
    for (let count = 18; count <= 26; count++) {
      const pdf = await generateStampedRoster({ scheme: wuxi, unit, batch: { number: 'WX2023-0456', enrollmentType: 'new', cover: null }, persons: wuxiPersons(count), number: { label: '参保批次号', value: 'WX2023-0456' }, issuedOn: '2023-06-01', print: null });
      const pages = pdfPageTexts(pdf.bytes).map(squeeze);
      pages.slice(1).forEach((page) => expect(page).toContain('参保批次号：WX2023-0456'));
      const last = pages[pages.length - 1]!;
      expect(last).toContain('经办人（签字）：');
      expect(last, `${count} persons`).toMatch(new RegExp(`^ ?${count} \\S+ \\d{17}[\\dX]`, 'm'));
    }
  });
});
