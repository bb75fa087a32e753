import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { priceBatch, PricingError, type PricedPerson, type PricingInput } from '../../../../shared/domain/pricing';
import type { PersonFacts, PlanChoice } from '../../../../shared/domain/eligibility';
import { fenToChineseCapitals } from '../../../../shared/domain/money';
import { loadScheme, type Scheme } from '../../../../shared/domain/scheme';
import { schemeById, BUILT_IN_SCHEME_FILES } from '../../../../shared/schemes';

const shanghai = schemeById('shanghai-2020')!;
const suzhou = schemeById('suzhou-2024')!;
const qingdao = schemeById('qingdao-2025')!;
const shenzhen = schemeById('shenzhen')!;

const one = (...codes: string[]): PlanChoice[] => codes.map((planCode) => ({ planCode, shares: 1 }));
const insured: PersonFacts = { birthDate: '1980-06-01', gender: 'male', socialSecurity: 'yes' };
const persons = (n: number, prefix = 'p', facts?: PersonFacts, selection?: PlanChoice[]): PricedPerson[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, ...(facts ? { facts } : {}), ...(selection ? { selection } : {}) }));
const lineTable = (q: ReturnType<typeof priceBatch>) => q.lines.map((l) => [l.label, l.persons, l.amountFen]);

function variant(id: string, mutate: (file: any) => void): Scheme {
  const file = structuredClone(BUILT_IN_SCHEME_FILES[id]) as any;
  mutate(file);
  return loadScheme(file);
}

describe('Shanghai 2020', () => {
  it('the manual’s instant-enrollment premium: 4 insured persons, A0+B0+C0 with A3, B3, C3 → 720 + 1320 + 1840 + 900 = 4780 yuan', () => {
    const q = priceBatch(shanghai, {
      enrollmentType: 'instant',
      submissionDate: '2020-05-20',
      selection: one('A0', 'B0', 'C0', 'A3', 'B3', 'C3'),
      persons: persons(4, 'p', insured),
    });
    expect(q.cover).toEqual({ start: '2020-05-21', end: '2021-03-31' });
    expect(q.proRata).toEqual({ kind: 'full' });
    expect(lineTable(q)).toEqual([
      ['A0+B0+C0', 4, 72000],
      ['A3', 4, 132000],
      ['B3', 4, 184000],
      ['C3', 4, 90000],
    ]);
    expect(q.lines.map((l) => l.explanation)).toEqual([
      'A0+B0+C0 优惠价 180 元 × 4 人 = 720 元（原价 190 元）',
      'A3 330 元 × 4 人 = 1320 元',
      'B3 460 元 × 4 人 = 1840 元',
      'C3 225 元 × 4 人 = 900 元',
    ]);
    expect(q.lines[0]).toMatchObject({ kind: 'combo', listUnitFen: 19000, unitFen: 18000 });
    expect(q.totalFen).toBe(478000);
    expect(q.payableFen).toBe(478000);
    expect(fenToChineseCapitals(q.payableFen)).toBe('肆仟柒佰捌拾元整');
    expect(q.perPerson.map((p) => p.totalFen)).toEqual([119500, 119500, 119500, 119500]);
    expect(q.summary).toBe('会费合计 4780 元');
  });

  it('the manual’s central premium table: 7 insured persons take the combo, the one without social security pays B0 and C0 singly → 9450 yuan (the voucher’s 保费 9450 = receipts 9000 + 450)', () => {
    const q = priceBatch(shanghai, {
      enrollmentType: 'central',
      submissionDate: '2020-04-20',
      selection: one('A0', 'B0', 'C0', 'A3', 'B3', 'C3'),
      persons: [...persons(7, 's', insured), ...persons(1, 'n', { birthDate: '1990-03-07', gender: 'male', socialSecurity: 'no' })],
    });
    expect(lineTable(q)).toEqual([
      ['A0+B0+C0', 7, 126000],
      ['A3', 8, 264000],
      ['B0', 1, 5500],
      ['B3', 8, 368000],
      ['C0', 1, 1500],
      ['C3', 8, 180000],
    ]);
    expect(q.totalFen).toBe(945000);
    expect(q.totalFen).toBe(900000 + 45000);
    const n1 = q.perPerson.find((p) => p.personId === 'n1')!;
    expect(n1.totalFen).toBe(108500);
    expect(n1.dropped.map((d) => d.planCode)).toEqual(['A0']);
    expect(q.planTotals.find((t) => t.planCode === 'A0')).toMatchObject({ persons: 7 });
    // the combo is apportioned to its plans by list price: 180 × 120/190 etc., summing back exactly
    const comboParts = ['A0', 'B0', 'C0'].map((c) => q.planTotals.find((t) => t.planCode === c)!.amountFen);
    expect(comboParts.reduce((a, b) => a + b, 0)).toBe(126000 + 5500 + 1500);
  });

  describe('instant enrollment at half price when the cover is six months or less', () => {
    it.each([
      ['2020-10-15', { start: '2020-10-16', end: '2021-03-31' }, 'half', 239000],
      ['2020-09-30', { start: '2020-10-01', end: '2021-03-31' }, 'half', 239000],
      ['2020-09-29', { start: '2020-09-30', end: '2021-03-31' }, 'full', 478000],
      ['2021-03-01', { start: '2021-03-02', end: '2021-03-31' }, 'half', 239000],
    ])('submitted %s, cover %j → %s, %i fen', (submissionDate, cover, kind, total) => {
      const q = priceBatch(shanghai, { enrollmentType: 'instant', submissionDate, selection: one('A0', 'B0', 'C0', 'A3', 'B3', 'C3'), persons: persons(4) });
      expect(q.cover).toEqual(cover);
      expect(q.proRata.kind).toBe(kind);
      expect(q.totalFen).toBe(total);
    });

    it('explains the half price on every line, combo at 90 yuan, C3 at 112.50', () => {
      const q = priceBatch(shanghai, { enrollmentType: 'instant', submissionDate: '2020-10-15', selection: one('A0', 'B0', 'C0', 'C3'), persons: persons(4) });
      expect(q.lines.map((l) => l.explanation)).toEqual([
        'A0+B0+C0 优惠价 180 元 × 1/2（保障期 2020-10-16 至 2021-03-31 不超过6个月，半价）= 90 元 × 4 人 = 360 元（原价 190 元）',
        'C3 225 元 × 1/2（保障期 2020-10-16 至 2021-03-31 不超过6个月，半价）= 112.50 元 × 4 人 = 450 元',
      ]);
      expect(q.summary).toBe('会费合计 810 元（保障期 2020-10-16 至 2021-03-31 不超过6个月，按半价收取）');
    });

    it('central enrollment is never halved', () => {
      const q = priceBatch(shanghai, { enrollmentType: 'central', submissionDate: '2020-05-11', selection: one('C0'), persons: persons(2) });
      expect(q.totalFen).toBe(3000);
    });
  });

  it('no combo when one of its plans is missing', () => {
    const q = priceBatch(shanghai, { enrollmentType: 'central', submissionDate: '2020-04-20', selection: one('A0', 'B0'), persons: persons(3) });
    expect(lineTable(q)).toEqual([['A0', 3, 36000], ['B0', 3, 16500]]);
  });

  it('a person eligible for nothing is listed as unpriced', () => {
    const q = priceBatch(shanghai, {
      enrollmentType: 'central',
      submissionDate: '2020-04-20',
      selection: one('A0'),
      persons: [{ id: 'x', facts: { birthDate: '1990-01-01', gender: 'female', socialSecurity: 'no' } }, { id: 'y', facts: insured }],
    });
    expect(q.unpricedPersonIds).toEqual(['x']);
    expect(q.totalFen).toBe(12000);
  });
});

describe('Suzhou 2024 monthly pro-rata for off-season new units (2.5 and 1.25 yuan a month)', () => {
  const women: PersonFacts = { gender: 'female', socialSecurity: 'unknown' };
  const men: PersonFacts = { gender: 'male', socialSecurity: 'unknown' };
  const roster = [...persons(5, 'w', women), ...persons(7, 'm', men)];

  it('applied 2025-03-15: 7 months to 30 September; the women’s plan for the 5 women only', () => {
    const q = priceBatch(suzhou, { enrollmentType: 'instant', submissionDate: '2025-03-15', selection: one('YL', 'NZ'), persons: roster });
    expect(q.cover).toEqual({ start: '2025-03-15', end: '2025-09-30' });
    expect(q.proRata).toEqual({ kind: 'monthly', months: 7 });
    expect(q.lines.map((l) => [l.label, l.unitFen, l.persons, l.amountFen])).toEqual([
      ['大病医疗互助保障', 1750, 12, 21000],
      ['女职工特种保障', 875, 5, 4375],
    ]);
    expect(q.lines[0]!.explanation).toBe('大病医疗互助保障 2.50 元/月 × 7 个月（2025-03-15 至 2025-09-30）= 17.50 元 × 12 人 = 210 元');
    expect(q.totalFen).toBe(25375);
    expect(q.perPerson.find((p) => p.personId === 'm1')!.dropped[0]!.refusals[0]!.code).toBe('genderNotAllowed');
  });

  it.each([
    ['2024-10-01', 12, 3000, 1500],
    ['2024-10-31', 12, 3000, 1500],
    ['2024-11-01', 11, 2750, 1375],
    ['2025-08-31', 2, 500, 250],
  ])('applied %s → %i months, %i and %i fen per person', (submissionDate, months, yl, nz) => {
    const q = priceBatch(suzhou, { enrollmentType: 'instant', submissionDate, selection: one('YL', 'NZ'), persons: persons(1, 'w', women) });
    expect(q.proRata).toEqual({ kind: 'monthly', months });
    expect(q.perPerson[0]!.items.map((i) => i.amountFen)).toEqual([yl, nz]);
  });

  it('September renewal and new enrollment pay the full 30 and 15 yuan', () => {
    for (const type of ['renewal', 'new'] as const) {
      const q = priceBatch(suzhou, { enrollmentType: type, submissionDate: '2024-09-20', selection: one('YL', 'NZ'), persons: roster });
      expect(q.totalFen).toBe(12 * 3000 + 5 * 1500);
    }
  });
});

describe('Qingdao 2025: shares, fee sources, subsidies, head counts', () => {
  it('the manual’s invoice example: 8 persons × 2 shares × 25 yuan = 400, invoiced as 80 union funds + 320 self-pay', () => {
    const q = priceBatch(qingdao, {
      enrollmentType: 'new',
      submissionDate: '2025-10-30',
      persons: persons(8, 'w', undefined, [{ planCode: 'NGTB-25', shares: 2 }]),
      feeSplits: [{ source: 'unionFunds', planCode: 'NGTB-25', perPersonFen: 1000 }],
      remainderFeeSource: 'memberSelfPay',
    });
    expect(q.cover).toBeNull();
    expect(q.lines.map((l) => l.explanation)).toEqual(['女工特病2025版(标准版)(会费25元) 25 元/份 × 2 份 × 8 人 = 400 元']);
    expect(q.totalFen).toBe(40000);
    expect(q.feeSources.map((f) => [f.name, f.amountFen])).toEqual([['工会经费', 8000], ['会员自付', 32000]]);
    expect(q.feeSources[0]!.parts[0]!.explanation).toBe('工会经费：女工特病2025版(标准版)(会费25元) 人均 10 元 × 8 人 = 80 元');
    expect(q.feeSources[1]!.parts[0]!.explanation).toBe('会员自付：其余应缴会费 320 元');
    expect(q.unassignedFen).toBe(0);
  });

  it('the manual’s subsidy example: 25 × 95 = 2375 less 875 = 1500, with 职工重疾 25 × 36 = 900, 2400 from administrative funds', () => {
    const q = priceBatch(qingdao, {
      enrollmentType: 'new',
      submissionDate: '2025-09-19',
      persons: persons(25, 'p', undefined, one('ZYYL-A95', 'ZDJB-36')),
      grants: [{ kind: 'subsidy', planCode: 'ZYYL-A95', perPersonFen: 3500 }],
      remainderFeeSource: 'adminFunds',
    });
    expect(q.planTotals.map((t) => [t.label, t.amountFen, t.subsidyFen, t.payableFen])).toEqual([
      ['住院医疗(A方案)(会费95元)', 237500, 87500, 150000],
      ['职工重疾(会费36元)', 90000, 0, 90000],
    ]);
    expect(q.subsidies.map((s) => s.explanation)).toEqual(['补贴：住院医疗(A方案)(会费95元) 35 元 × 25 人 = 875 元']);
    expect(q.totalFen).toBe(327500);
    expect(q.subsidyTotalFen).toBe(87500);
    expect(q.payableFen).toBe(240000);
    expect(q.feeSources.map((f) => [f.name, f.amountFen])).toEqual([['行政经费', 240000]]);
    expect(q.summary).toBe('会费合计 3275 元，补贴 875 元，应缴 2400 元');
  });

  it('the manual’s first invoicing screen: 意外 20 × 4 + 重疾(35重+25轻) 70 × 4 = 360, all left to invoice', () => {
    const q = priceBatch(qingdao, { enrollmentType: 'new', submissionDate: '2025-10-30', persons: persons(4, 'p', undefined, one('YWSH-20', 'ZDJB35-70')) });
    expect(q.planTotals.map((t) => [t.persons, t.payableFen])).toEqual([[4, 28000], [4, 8000]]);
    expect(q.payableFen).toBe(36000);
    expect(q.unassignedFen).toBe(36000);
    expect(q.feeSources).toEqual([]);
  });

  it('head-count-only lines (无名单) are priced with the named persons', () => {
    const q = priceBatch(qingdao, {
      enrollmentType: 'new',
      submissionDate: '2025-10-30',
      persons: persons(2, 'p', undefined, one('YWSH-20')),
      headCountLines: [{ planCode: 'YWSH-20', shares: 1, headCount: 3, newEmploymentForm: true }],
    });
    expect(q.lines.map((l) => l.explanation)).toEqual([
      '在职职工意外伤害(会费20元) 20 元/份 × 1 份 × 2 人 = 40 元',
      '在职职工意外伤害(会费20元) 20 元/份 × 1 份 × 3 人 = 60 元（无名单）',
    ]);
    expect(q.lines[1]!.headCountOnly).toBe(true);
    expect(q.totalFen).toBe(10000);
    expect(q.planTotals[0]!.persons).toBe(5);
  });

  it('a standing subsidy rule for new-employment-form persons', () => {
    const scheme = variant('qingdao-2025', (f) =>
      f.subsidies.rules.push({ code: 'xyt', name: '新业态补贴', kind: 'subsidy', planCodes: ['YWSH-20'], perPersonFen: 1000, newEmploymentFormOnly: true }),
    );
    const q = priceBatch(scheme, {
      enrollmentType: 'new',
      submissionDate: '2025-10-30',
      persons: [
        { id: 'a', selection: one('YWSH-20'), facts: { socialSecurity: 'no', newEmploymentForm: true } },
        { id: 'b', selection: one('YWSH-20'), facts: { socialSecurity: 'yes' } },
      ],
      headCountLines: [{ planCode: 'YWSH-20', shares: 1, headCount: 3, newEmploymentForm: true }],
    });
    expect(q.subsidies.map((s) => [s.origin, s.amountFen, s.explanation])).toEqual([
      ['scheme', 4000, '补贴：新业态补贴，在职职工意外伤害(会费20元) 10 元 × 4 人 = 40 元'],
    ]);
    expect(q.payableFen).toBe(10000 - 4000);
  });

  it('a batch-wide gift is spread over the plans in proportion to what remains', () => {
    const q = priceBatch(qingdao, {
      enrollmentType: 'new',
      submissionDate: '2025-10-30',
      persons: persons(4, 'p', undefined, one('YWSH-20', 'ZDJB35-70')),
      grants: [{ kind: 'gift', amountFen: 9000 }],
    });
    expect(q.planTotals.map((t) => t.subsidyFen)).toEqual([7000, 2000]);
    expect(q.subsidies[0]!.explanation).toBe('赠险：本批次 90 元');
    expect(q.payableFen).toBe(27000);
  });
});

describe('Shenzhen supplementary enrollment (保全) priced by remaining months', () => {
  it('joins a policy in force from 2025-06-15 to 2026-03-31: 10 months of 12', () => {
    const q = priceBatch(shenzhen, {
      enrollmentType: 'supplementary',
      submissionDate: '2025-06-10',
      requestedStart: '2025-06-15',
      policyPeriod: { start: '2025-04-01', end: '2026-03-31' },
      selection: [{ planCode: 'ZY', shares: 2 }],
      persons: persons(3),
    });
    expect(q.proRata).toEqual({ kind: 'monthly', months: 10 });
    expect(q.lines[0]!.explanation).toBe('住院医疗 60 元 × 10/12 个月（2025-06-15 至 2026-03-31）= 50 元 × 2 份 × 3 人 = 300 元');
    expect(q.totalFen).toBe(30000);
  });
});

describe('refused input', () => {
  const base: PricingInput = { enrollmentType: 'new', submissionDate: '2025-10-30', persons: persons(2, 'p', undefined, one('YWSH-20')) };
  it.each([
    ['an unknown plan', { ...base, persons: [{ id: 'a', selection: one('XX-1') }] }, /保障项目 XX-1 不在方案 qingdao-2025 中/],
    ['too many shares', { ...base, persons: [{ id: 'a', selection: [{ planCode: 'NGTB-25', shares: 9 }] }] }, /份数须在1至5份之间（当前9份）/],
    ['the same person twice', { ...base, persons: [{ id: 'a' }, { id: 'a' }] }, /人员 a 重复/],
    ['a fee split above the plan', { ...base, feeSplits: [{ source: 'unionFunds', planCode: 'YWSH-20', perPersonFen: 2500 }] }, /超过其应缴会费 40 元/],
    ['an unknown fee source', { ...base, feeSplits: [{ source: 'lottery', amountFen: 100 }] }, /会费来源 lottery 不在方案/],
    ['an unknown subsidy kind', { ...base, grants: [{ kind: 'cash', amountFen: 100 }] }, /补贴类型 cash 不在方案/],
    ['a subsidy above the premium', { ...base, grants: [{ kind: 'subsidy', planCode: 'YWSH-20', perPersonFen: 3000 }] }, /超过在职职工意外伤害\(会费20元\)尚需缴纳的会费 40 元/],
    ['a head count of zero', { ...base, headCountLines: [{ planCode: 'YWSH-20', shares: 1, headCount: 0 }] }, /人数须为正整数/],
    ['an enrollment type the scheme lacks', { ...base, enrollmentType: 'central' as const }, /不办理集中参保/],
  ] as [string, PricingInput, RegExp][])('%s', (_n, input, message) => {
    expect(() => priceBatch(qingdao, input)).toThrow(PricingError);
    expect(() => priceBatch(qingdao, input)).toThrow(message);
  });

  it('fee sources on a scheme without them', () => {
    expect(() =>
      priceBatch(shanghai, { enrollmentType: 'central', submissionDate: '2020-04-20', selection: one('C0'), persons: persons(1), feeSplits: [{ source: 'unionFunds', amountFen: 1 }] }),
    ).toThrow(/不区分会费来源/);
  });

  it('monthly pricing without a known start', () => {
    expect(() =>
      priceBatch(shenzhen, { enrollmentType: 'supplementary', submissionDate: '2025-06-10', policyPeriod: { start: '2025-04-01', end: '2026-03-31' }, selection: one('ZY'), persons: persons(1) }),
    ).toThrow(/保障期尚未确定，无法按月计算保费/);
  });
});

describe('invariants', () => {
  it('lines, persons, plans, subsidies and fee sources always add up', () => {
    const planArb = fc.constantFrom('ZYYL-A95', 'ZDJB-36', 'ZDJB35-70', 'YWSH-20');
    const personArb = fc.uniqueArray(fc.record({ planCode: planArb, shares: fc.integer({ min: 1, max: 5 }) }), { selector: (c) => c.planCode, minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(personArb, { minLength: 1, maxLength: 30 }),
        fc.array(fc.record({ planCode: planArb, shares: fc.integer({ min: 1, max: 5 }), headCount: fc.integer({ min: 1, max: 50 }) }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 300 }),
        (selections, headCountLines, subsidyPerPerson, unionPerPerson) => {
          const q = priceBatch(qingdao, {
            enrollmentType: 'new',
            submissionDate: '2025-10-30',
            persons: selections.map((selection, i) => ({ id: `p${i}`, selection })),
            headCountLines,
          });
          const lineSum = q.lines.reduce((s, l) => s + l.amountFen, 0);
          expect(lineSum).toBe(q.totalFen);
          const personSum = q.perPerson.reduce((s, p) => s + p.totalFen, 0);
          const headCountSum = q.lines.filter((l) => l.headCountOnly).reduce((s, l) => s + l.amountFen, 0);
          expect(personSum + headCountSum).toBe(q.totalFen);
          expect(q.planTotals.reduce((s, t) => s + t.amountFen, 0)).toBe(q.totalFen);

          // a capped batch-wide subsidy and a per-person union share never break the sums
          const gift = Math.min(subsidyPerPerson * 100, q.totalFen);
          const q2 = priceBatch(qingdao, {
            enrollmentType: 'new',
            submissionDate: '2025-10-30',
            persons: selections.map((selection, i) => ({ id: `p${i}`, selection })),
            headCountLines,
            grants: [{ kind: 'gift', amountFen: gift }],
            feeSplits: [{ source: 'unionFunds', amountFen: Math.min(unionPerPerson * 10, q.totalFen - gift) }],
            remainderFeeSource: 'memberSelfPay',
          });
          expect(q2.subsidyTotalFen).toBe(gift);
          expect(q2.payableFen).toBe(q2.totalFen - gift);
          expect(q2.planTotals.reduce((s, t) => s + t.payableFen, 0)).toBe(q2.payableFen);
          expect(q2.feeSources.reduce((s, f) => s + f.amountFen, 0) + q2.unassignedFen).toBe(q2.payableFen);
          expect(q2.unassignedFen).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
