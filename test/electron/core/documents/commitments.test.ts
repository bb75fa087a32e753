import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../../electron/core/coreError';
import { generateEarlyInvoiceCommitment, generateOverAgeCommitment } from '../../../../electron/core/documents';
import { offeredKinds } from '../../../../shared/domain/documents';
import { priceBatch } from '../../../../shared/domain/pricing';
import { makePersons, qingdao, QINGDAO_UNIT, shanghai, shanghaiExample, SHANGHAI_UNIT, shenzhen, SHENZHEN_UNIT } from './fixtures';
import { pdfText } from './pdfTools';

const squeeze = (s: string) => s.replace(/[ \u3000]+/g, ' ');
const compact = (s: string) => s.replace(/\s+/g, '');
const print = { count: 1, at: '2020-05-20T09:00:00+08:00' };

describe('over-age commitment (超龄人员承诺书)', () => {
  it('Shanghai: addressed to the association, lists each kept person (masked) with 医保享受在职待遇, then the scheme’s wording', async () => {
    const persons = makePersons(5, 21).map((p) => ({ ...p, documentType: '身份证' }));
    const { batch } = shanghaiExample(persons);
    const pdf = await generateOverAgeCommitment({ scheme: shanghai, unit: SHANGHAI_UNIT, batch, persons, issuedOn: '2020-05-20', print });
    const text = squeeze(pdfText(pdf.bytes));
    expect(text).toContain('致：上海市职工保障互助会');
    expect(text).toMatch(/序号 姓名 证件类型 证件号码 性别 出生日期 医保享受在职待遇/);
    persons.forEach((p, i) => {
      expect(text).toContain(`${i + 1} ${p.name} 身份证 ${p.documentNumber.slice(0, 4)}**********${p.documentNumber.slice(-4)}`);
      expect(text).not.toContain(p.documentNumber);
    });
    expect(compact(text)).toContain(compact(shanghai.documents.overAgeCommitment!.paragraphs[0]!));
    expect(compact(text)).toContain('医保享受在职待遇');
    expect(text).toContain('参保单位（盖章）：');
  });

  it('refuses, naming what is missing, for a scheme without that wording', async () => {
    expect(offeredKinds(qingdao)).not.toContain('overAgeCommitment');
    expect(offeredKinds(shanghai)).toContain('overAgeCommitment');
    const persons = makePersons(1, 1);
    const attempt = generateOverAgeCommitment({ scheme: qingdao, unit: QINGDAO_UNIT, batch: { number: 'X', enrollmentType: 'new', cover: null }, persons, issuedOn: '2025-09-19', print });
    await expect(attempt).rejects.toBeInstanceOf(CoreError);
    await expect(attempt).rejects.toMatchObject({ code: 'DOCUMENT_TEXT_MISSING', message: expect.stringContaining('超龄人员承诺书') });
  });
});

describe('early-invoice commitment (提前开票承诺书)', () => {
  it('Shenzhen: the scheme’s wording, the unit, its credit code, the amount in figures and capitals, invoice title and e-mail', async () => {
    const persons = makePersons(12, 5);
    const quote = priceBatch(shenzhen, { enrollmentType: 'new', submissionDate: '2025-03-01', selection: [{ planCode: 'ZY', shares: 1 }], persons: persons.map((p) => ({ id: p.id })) });
    expect(quote.payableFen).toBe(72000);
    const pdf = await generateEarlyInvoiceCommitment({
      scheme: shenzhen,
      unit: SHENZHEN_UNIT,
      batch: { number: 'SZ-2025-000321', enrollmentType: 'new', cover: quote.cover },
      quote,
      invoice: { email: 'ghfin@example.cn' },
      issuedOn: '2025-03-01',
      print,
    });
    const text = squeeze(pdfText(pdf.bytes));
    expect(text).toContain('提前开票承诺书');
    expect(text).toContain('致：深圳市职工互助会');
    for (const p of shenzhen.documents.earlyInvoiceCommitment!.paragraphs) expect(compact(text)).toContain(compact(p));
    expect(text).toMatch(/统一社会信用代码 91440300MA5DXX4U0L/);
    expect(text).toContain('¥720.00（大写：柒佰贰拾元整）');
    expect(text).toMatch(/发票抬头 深圳市南山区某某电子有限公司工会委员会/);
    expect(text).toMatch(/接收邮箱 ghfin@example\.cn/);
    expect(offeredKinds(shanghai)).not.toContain('earlyInvoiceCommitment');
  });
});
