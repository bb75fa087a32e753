import { describe, it, expect } from 'vitest';
import { builtInSchemes, schemeById, BUILT_IN_SCHEME_FILES } from '../../../shared/schemes';
import { loadScheme, findPlan, combosOf, type Scheme } from '../../../shared/domain/scheme';

function scheme(id: string): Scheme {
  const s = schemeById(id);
  if (!s) throw new Error(`missing ${id}`);
  return s;
}

function price(id: string, code: string): number | undefined {
  return findPlan(scheme(id), code)?.priceFen;
}

describe('built-in schemes', () => {
  it('all five load and validate, one per seed manual', () => {
    const ids = builtInSchemes().map((s) => s.id).sort();
    expect(ids).toEqual(['qingdao-2025', 'shanghai-2020', 'shenzhen', 'suzhou-2024', 'wuxi-2023']);
    for (const [id, file] of Object.entries(BUILT_IN_SCHEME_FILES)) expect(loadScheme(file).id).toBe(id);
  });

  it('the loaded schemes are frozen, so no caller can alter them for the others', () => {
    const sh = scheme('shanghai-2020');
    expect(() => {
      (sh.plans[0] as { priceFen: number }).priceFen = 1;
    }).toThrow(TypeError);
    expect(findPlan(sh, 'A0')!.priceFen).toBe(12000);
  });

  it('schemeById returns undefined for an unknown id', () => {
    expect(schemeById('beijing-2030')).toBeUndefined();
  });

  it('every scheme records the choices made where its manual is silent', () => {
    for (const s of builtInSchemes()) expect(s.notes.length).toBeGreaterThan(0);
  });

  // Shanghai 2020 一览表: 保障费 per person per year.
  it.each([
    ['A0', 12000], ['A1', 13500], ['A2', 23000], ['A3', 33000],
    ['B0', 5500], ['B1', 10000], ['B2', 23500], ['B3', 46000],
    ['C0', 1500], ['C1', 4000], ['C2', 7500], ['C3', 22500],
  ])('Shanghai %s costs %i fen', (code, fen) => {
    expect(price('shanghai-2020', code)).toBe(fen);
  });

  it('Shanghai: combo A0+B0+C0 190 → 180 yuan, one share each, 5,000 rows per file, 75% ratio', () => {
    const sh = scheme('shanghai-2020');
    const [combo] = combosOf(sh);
    expect(combo?.planCodes).toEqual(['A0', 'B0', 'C0']);
    expect(combo?.priceFen).toBe(18000);
    expect(['A0', 'B0', 'C0'].reduce((s, c) => s + price('shanghai-2020', c)!, 0)).toBe(19000);
    expect(sh.plans.every((p) => p.shares.max === 1)).toBe(true);
    expect(sh.roster.rowLimitPerFile).toBe(5000);
    expect(sh.unitRules).toContainEqual(expect.objectContaining({ kind: 'socialSecurityRatio', minPercent: 75 }));
    expect(sh.coverageYear).toEqual({ start: '2020-04-01', end: '2021-03-31' });
    expect(sh.payment.accountNumber).toBe('31602300008022150');
    expect(sh.payment.deadlines).toContainEqual(expect.objectContaining({ kind: 'daysAfterConfirmation', days: 15 }));
  });

  it('Shanghai: A0 only with social security; all plans limited to women 55 / men 60 with the over-age exception', () => {
    const sh = scheme('shanghai-2020');
    expect(findPlan(sh, 'A0')!.eligibility.socialSecurity).toBe('required');
    for (const p of sh.plans) {
      expect(p.eligibility.ageLimit?.limit).toEqual({ kind: 'fixedAges', male: 60, female: 55 });
      expect(p.eligibility.ageLimit?.overAgeException).toEqual({ requireSocialSecurity: true, requireMedicalInService: true, requireCommitment: true });
      if (p.code !== 'A0') expect(p.eligibility.socialSecurity).toBe('either');
    }
  });

  it.each([
    ['A0', 30], ['A2', 30], ['B0', 60], ['B3', 60], ['C0', undefined], ['C3', undefined],
  ])('Shanghai %s: instant waiting period %s days, none for central', (code, days) => {
    const plan = findPlan(scheme('shanghai-2020'), code)!;
    expect(plan.waitingPeriods.find((w) => w.enrollmentTypes.includes('instant'))?.days).toBe(days);
    expect(plan.waitingPeriods.some((w) => w.enrollmentTypes.includes('central'))).toBe(false);
  });

  it('Suzhou 2024: 30 and 15 yuan a year, 2.5 and 1.25 a month, women-only plan, 2-month waiting for new units', () => {
    const sz = scheme('suzhou-2024');
    expect(sz.plans.map((p) => [p.code, p.priceFen, p.monthlyPriceFen])).toEqual([['YL', 3000, 250], ['NZ', 1500, 125]]);
    expect(findPlan(sz, 'NZ')!.eligibility.genders).toEqual(['female']);
    expect(findPlan(sz, 'YL')!.eligibility.genders).toBeUndefined();
    for (const p of sz.plans) {
      expect(p.waitingPeriods).toEqual([expect.objectContaining({ enrollmentTypes: ['new', 'instant'], months: 2 })]);
    }
    expect(sz.coverageYear).toEqual({ start: '2024-10-01', end: '2025-09-30' });
    expect(sz.unitRules.map((r) => r.kind).sort()).toEqual(['minPersonsForNewPolicy', 'noMidYearChanges', 'oneRenewalPerYear']);
    expect(sz.unitRules).toContainEqual(expect.objectContaining({ kind: 'minPersonsForNewPolicy', minPersons: 10 }));
    expect(sz.payment.accountNumber).toBe('1102020209000317030');
  });

  it('Wuxi 2023: template with title row, instruction row and serial column; renewal reminders 30 days before, 10 after', () => {
    const wx = scheme('wuxi-2023');
    expect(wx.roster.template.titleRows).toEqual(['无锡市职工互助互济会“三合一”项目参保花名册']);
    expect(wx.roster.template.instructionRowLabel).toBe('说明');
    expect(wx.roster.template.serialNumberHeader).toBe('序号');
    expect(wx.roster.columns.map((c) => c.header)).toEqual(['姓名', '居民身份证号(证件号码)', '社保卡银行卡号', '开户行', '手机号', '备注']);
    expect(wx.roster.columns.find((c) => c.key === 'documentNumber')?.instruction).toBe('必填，X要大写');
    expect(wx.renewalReminder).toMatchObject({ daysBefore: 30, daysAfter: 10, dayOfMonth: 1 });
  });

  it('Qingdao 2025: activities with per-share fees, head counts, fee sources, subsidies, 1st–25th payment window', () => {
    const qd = scheme('qingdao-2025');
    expect(qd.plans.map((p) => [p.name, p.priceFen, p.priceUnit])).toEqual([
      ['住院医疗(A方案)(会费95元)', 9500, 'share'],
      ['职工重疾(会费36元)', 3600, 'share'],
      ['在职职工重大疾病(35重+25轻)(会费70元)', 7000, 'share'],
      ['在职职工意外伤害(会费20元)', 2000, 'share'],
      ['女工特病2025版(标准版)(会费25元)', 2500, 'share'],
    ]);
    expect(qd.feeSources.map((f) => f.name)).toEqual(['工会经费', '行政经费', '会员自付']);
    expect(qd.subsidies.kinds.map((k) => k.name)).toEqual(['补贴', '赠险']);
    expect(qd.unitRules).toContainEqual(expect.objectContaining({ kind: 'headCountsRequired', counts: ['inService', 'femaleInService'] }));
    expect(qd.payment.monthlyWindow).toMatchObject({ firstDay: 1, lastDay: 25 });
    expect(qd.payment).toMatchObject({ accountNumber: '232554192616', bankCode: '104452000028' });
    expect(qd.selectionScope).toBe('person');
  });

  it('Shenzhen: shares per plan, supplementary enrollment joining the policy in force', () => {
    const sz = scheme('shenzhen');
    expect(sz.plans.every((p) => p.priceUnit === 'share' && p.shares.max > 1)).toBe(true);
    expect(sz.enrollmentTypes.find((t) => t.type === 'supplementary')).toMatchObject({ coverStart: 'requested', coverEnd: 'policyEnd' });
    expect(sz.documents.earlyInvoiceCommitment).toBeDefined();
    expect(sz.documents.enrollmentNotice).toBeDefined();
  });

  it('every roster requires name and document number, each key once', () => {
    for (const s of builtInSchemes()) {
      expect(new Set(s.roster.columns.map((c) => c.key)).size).toBe(s.roster.columns.length);
      expect(s.roster.columns.some((c) => c.key === 'documentNumber' && c.required)).toBe(true);
      expect(s.roster.columns.some((c) => c.key === 'name' && c.required)).toBe(true);
    }
  });
});
