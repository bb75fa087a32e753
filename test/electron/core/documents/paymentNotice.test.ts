import { describe, expect, it } from 'vitest';
import { generatePaymentNotice, type PaymentNoticeData } from '../../../../electron/core/documents';
import { priceBatch } from '../../../../shared/domain/pricing';
import { makePersons, one, qingdao, qingdaoExample, QINGDAO_UNIT, shanghai, shanghaiExample, SHANGHAI_UNIT, shenzhen, SHENZHEN_UNIT, suzhou, wuxi, WUXI_UNIT } from './fixtures';
import { pdfPageTexts, pdfText } from './pdfTools';

const print = { count: 1, at: '2025-09-19T10:30:00+08:00' };
/** pdftotext -layout pads with spaces; compare with runs of spaces squeezed. */
const squeeze = (s: string) => s.replace(/[ \u3000]+/g, ' ');

describe('payment notice (缴费通知单)', () => {
  it('Shanghai’s worked example: 4 persons, A0+B0+C0 at 180 with A3, B3, C3 → 4,780.00 (grouped), 肆仟柒佰捌拾元整, due 15 days after confirming', async () => {
    const persons = makePersons(4, 3);
    const { quote, batch } = shanghaiExample(persons);
    expect(quote.payableFen).toBe(478000);
    const pdf = await generatePaymentNotice({ scheme: shanghai, unit: SHANGHAI_UNIT, batch, quote, issuedOn: '2020-05-20', print });
    expect(pdf.pages).toBe(1);
    expect(pdf.missingCharacters).toEqual([]);
    const text = squeeze(pdfText(pdf.bytes));
    expect(text).toContain(shanghai.documents.paymentNotice.title);
    expect(text).toMatch(/A0\+B0\+C0（优惠价，原价 190\.00） 4 180\.00 720\.00/);
    expect(text).toMatch(/A3 4 330\.00 1,320\.00/);
    expect(text).toMatch(/B3 4 460\.00 1,840\.00/);
    expect(text).toMatch(/C3 4 225\.00 900\.00/);
    expect(text).toMatch(/合计 4,780\.00/);
    expect(text).toContain('合计（大写）：肆仟柒佰捌拾元整');
    expect(text).toContain('¥4,780.00');
    // Payee and account from the scheme, the remark from its template ({unitCode} {unitName}).
    expect(text).toMatch(/收款单位 上海市职工保障互助会/);
    expect(text).toMatch(/户名 上海市职工保障互助会/);
    expect(text).toMatch(/账号 31602300008022150/);
    expect(text).toMatch(/开户行 上海银行人民广场支行/);
    expect(text).toMatch(/转账备注 SG0012345 上海申工精密机械有限公司工会委员会/);
    // Instant enrollment: 15 days after 2020-05-20 (the fixed 5月26日 applies to central only).
    expect(text).toMatch(/缴费期限 2020年6月4日前/);
    for (const p of shanghai.documents.paymentNotice.paragraphs) expect(text).toContain(p);
    // pdftotext keeps or drops the spaces of short footer text as its spacing heuristics decide.
    expect(text.replace(/\s+/g, '')).toContain('第1页/共1页');
  });

  it('Qingdao’s subsidy example: 25 × 95 = 2375 less 875 = 1500.00, 壹仟伍佰元整, bank code and the monthly window', async () => {
    const persons = makePersons(25, 7);
    const { quote, batch } = qingdaoExample(persons);
    const pdf = await generatePaymentNotice({ scheme: qingdao, unit: QINGDAO_UNIT, batch, quote, issuedOn: '2025-09-19', print });
    const text = squeeze(pdfText(pdf.bytes));
    expect(text).toMatch(/住院医疗\(A方案\)\(会费95元\) 1 25 95\.00 2,375\.00/);
    expect(text).toMatch(/合计 2,375\.00/);
    expect(text).toMatch(/补贴：住院医疗\(A方案\)\(会费95元\) 35 元 × 25 人 = 875 元 -875\.00/);
    expect(text).toMatch(/应缴金额 1,500\.00/);
    expect(text).toContain('应缴金额（大写）：壹仟伍佰元整');
    expect(text).toMatch(/账号 232554192616 行号 104452000028/);
    expect(text).toMatch(/开户行 中国银行青岛市南支行/);
    expect(text).toMatch(/缴费时间 每月 1 日至 25 日；26日后缴费的单位/);
    expect(text).toMatch(/转账备注 青岛区测试单位1/);
    expect(text).toMatch(/缴费方式 转账、支票、支票倒存、电汇、国库支付/);
    // The cover is set by the association later.
    expect(text).toContain('以互助会确定的生效日期为准');
  });

  it('half price and monthly pro-rata: the charged unit price, and each line’s working under the table', async () => {
    const persons = makePersons(4, 1);
    const half = priceBatch(shanghai, { enrollmentType: 'instant', submissionDate: '2020-10-15', selection: one('A0', 'B0', 'C0', 'C3'), persons: persons.map((p) => ({ id: p.id, facts: { birthDate: '1980-01-01', gender: 'male', socialSecurity: 'yes' } })) });
    const halfText = squeeze(pdfText((await generatePaymentNotice({ scheme: shanghai, unit: SHANGHAI_UNIT, batch: { number: 'H1', enrollmentType: 'instant', cover: half.cover }, quote: half, issuedOn: '2020-10-15', print: null })).bytes));
    expect(halfText).toMatch(/A0\+B0\+C0（优惠价，原价 190\.00） 4 90\.00 360\.00/);
    expect(halfText).toMatch(/C3 4 112\.50 450\.00/);
    expect(halfText).toContain('合计（大写）：捌佰壹拾元整');
    for (const line of half.lines) expect(halfText).toContain(`※ ${line.explanation}`);

    const monthly = priceBatch(suzhou, { enrollmentType: 'instant', submissionDate: '2025-03-15', selection: one('YL'), persons: persons.map((p) => ({ id: p.id })) });
    expect(monthly.proRata.kind).toBe('monthly');
    const monthlyText = squeeze(pdfText((await generatePaymentNotice({ scheme: suzhou, unit: { name: '苏州某某有限公司工会' }, batch: { number: 'M1', enrollmentType: 'instant', cover: monthly.cover }, quote: monthly, issuedOn: '2025-03-15', print: null })).bytes));
    expect(monthlyText).toContain(`※ ${monthly.lines[0]!.explanation}`);
    expect(monthlyText).toContain(`¥${(monthly.payableFen / 100).toFixed(2)}`);
  });

  it('names the file after the document, unit and batch', async () => {
    const persons = makePersons(2, 1);
    const { quote, batch } = qingdaoExample(persons);
    const pdf = await generatePaymentNotice({ scheme: qingdao, unit: { name: '青岛/某单位' }, batch, quote, issuedOn: '2025-09-19', print: null });
    expect(pdf.fileName).toBe('缴费通知单-青岛_某单位-PRT2612.pdf');
  });

  it.each([
    ['Shanghai central, premium confirmed 2020-04-20: the earlier of +15 days and 5月26日', 'central', '2020-04-20', '2020年5月5日前'],
    ['Shanghai central, premium confirmed 2020-05-20: the fixed 5月26日 comes first', 'central', '2020-05-20', '2020年5月26日前'],
    ['Shanghai instant without a confirmation date: the rule in words', 'instant', undefined, '提交确认保费后 15 天内'],
    ['Shanghai central without a confirmation date: the fixed date alone, not two rules', 'central', undefined, '2020年5月26日前'],
  ] as const)('%s', async (_, type, confirmedOn, expected) => {
    const persons = makePersons(3, 2);
    const quote = priceBatch(shanghai, { enrollmentType: type, submissionDate: '2020-04-20', selection: one('C0'), persons: persons.map((p) => ({ id: p.id })) });
    const data: PaymentNoticeData = {
      scheme: shanghai,
      unit: SHANGHAI_UNIT,
      batch: { number: 'B1', enrollmentType: type, cover: quote.cover, ...(confirmedOn ? { premiumConfirmedOn: confirmedOn } : {}) },
      quote,
      issuedOn: '2020-04-20',
      print: null,
    };
    const text = squeeze(pdfText((await generatePaymentNotice(data)).bytes));
    expect(text).toContain(`缴费期限 ${expected}`);
    // One deadline: no second date or rule anywhere on the page.
    expect(text.match(/\d+年\d+月\d+日前|天内/g)).toHaveLength(1);
  });

  it('is never produced without an account to pay into', async () => {
    const persons = makePersons(3, 2);
    const { quote, batch } = shanghaiExample(persons);
    const { accountNumber: _n, ...payment } = shanghai.payment;
    const attempt = generatePaymentNotice({ scheme: { ...shanghai, payment }, unit: SHANGHAI_UNIT, batch, quote, issuedOn: '2020-05-20', print });
    await expect(attempt).rejects.toMatchObject({ code: 'DOCUMENT_NO_ACCOUNT', message: expect.stringContaining('收款账号') });
  });

  it.each([
    ['suzhou-2024', suzhou, one('YL'), 'renewal', '2024-09-20', ['账号 1102020209000317030', '开户行 工商银行苏州市道前支行']],
    ['wuxi-2023', wuxi, undefined, 'new', '2023-06-01', ['账号 32001617636052509910', '开户行 中国建设银行无锡分行营业部']],
    ['shenzhen', shenzhen, [{ planCode: 'ZY', shares: 2 }], 'new', '2025-03-01', ['账号 4000023009200712345', '转账备注 深圳市南山区某某电子有限公司工会委员会 SZ-1']],
  ] as const)('%s: the payee block comes from the scheme (the catalogue’s account where the manual prints none)', async (_, scheme, selection, type, date, expected) => {
    const persons = makePersons(10, 4);
    const chosen = selection ?? scheme.plans.slice(0, 1).map((p) => ({ planCode: p.code, shares: 1 }));
    const quote = priceBatch(scheme, { enrollmentType: type, submissionDate: date, selection: chosen, persons: persons.map((p) => ({ id: p.id })) });
    const unit = scheme === wuxi ? WUXI_UNIT : scheme === shenzhen ? SHENZHEN_UNIT : { name: '苏州某某有限公司工会' };
    const pdf = await generatePaymentNotice({ scheme, unit, batch: { number: 'SZ-1', enrollmentType: type, cover: quote.cover }, quote, issuedOn: date, print });
    const [page] = pdfPageTexts(pdf.bytes).map(squeeze);
    expect(page).toContain(scheme.documents.paymentNotice.title);
    expect(page).toContain(`收款单位 ${scheme.payment.payee}`);
    for (const e of expected) expect(page).toContain(e);
    expect(page).not.toContain('行号');
  });
});
