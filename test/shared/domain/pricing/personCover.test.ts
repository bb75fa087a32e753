/**
 * 保全 (Shenzhen 保单补充): new hires join the policy in force each from their own
 * effective date, priced by the scheme's rule: remaining months to the policy's end, the
 * first month counted whole, a twelfth of the annual price per month (shenzhen.json notes).
 */
import { describe, expect, it } from 'vitest';
import { priceBatch, PricingError, type PricedPerson } from '../../../../shared/domain/pricing';
import { schemeById } from '../../../../shared/schemes';

const shenzhen = schemeById('shenzhen')!;
const policyPeriod = { start: '2025-01-01', end: '2025-12-31' };
const female: PricedPerson['facts'] = { socialSecurity: 'yes', gender: 'female', birthDate: '1990-05-01' };
const male: PricedPerson['facts'] = { socialSecurity: 'yes', gender: 'male', birthDate: '1988-03-01' };

function quote(persons: PricedPerson[], selection = [{ planCode: 'ZY', shares: 1 }], requestedStart?: string) {
  return priceBatch(shenzhen, {
    enrollmentType: 'supplementary',
    submissionDate: '2025-06-20',
    policyPeriod,
    selection,
    persons,
    ...(requestedStart ? { requestedStart } : {}),
  });
}

describe('each new hire priced from their own effective date to the policy end', () => {
  it.each<[string, string, { planCode: string; shares: number }[], PricedPerson['facts'], number, number]>([
    // 住院医疗 60 元/份: 5 元 a month.
    ['mid-month start counts the month whole', '2025-07-15', [{ planCode: 'ZY', shares: 1 }], male, 6, 3000],
    ['first of the month', '2025-07-01', [{ planCode: 'ZY', shares: 1 }], male, 6, 3000],
    ['last month only', '2025-12-31', [{ planCode: 'ZY', shares: 1 }], male, 1, 500],
    ['two shares', '2025-10-08', [{ planCode: 'ZY', shares: 2 }], male, 3, 3000],
    // 重大疾病 50 元/份: 50 × 5 / 12 = 20.833… → 20.83 元 (half up to the fen).
    ['a twelfth rounded to the fen', '2025-08-01', [{ planCode: 'ZJ', shares: 1 }], male, 5, 2083],
    // 女职工安康 30 元/份 only for women: a man takes 住院医疗 alone.
    ['gender-restricted plan for a woman', '2025-09-01', [{ planCode: 'ZY', shares: 1 }, { planCode: 'NZ', shares: 1 }], female, 4, 2000 + 1000],
    ['gender-restricted plan dropped for a man', '2025-09-01', [{ planCode: 'ZY', shares: 1 }, { planCode: 'NZ', shares: 1 }], male, 4, 2000],
  ])('%s', (_name, start, selection, facts, months, fen) => {
    const q = quote([{ id: 'p1', facts, coverStart: start }], selection);
    expect(q.totalFen).toBe(fen);
    expect(q.perPerson[0]!.totalFen).toBe(fen);
    expect(q.lines.every((l) => l.proRata.kind === 'monthly' && l.proRata.months === months)).toBe(true);
  });

  it('persons with different starts get lines of their own; the rest take the batch start', () => {
    const q = quote(
      [
        { id: 'a', facts: male, coverStart: '2025-07-15' },
        { id: 'b', facts: male, coverStart: '2025-07-02' },
        { id: 'c', facts: male, coverStart: '2025-12-01' },
        { id: 'd', facts: male },
      ],
      [{ planCode: 'ZY', shares: 1 }],
      '2025-10-01',
    );
    expect(q.lines.map((l) => [l.unitFen, l.persons, l.personIds])).toEqual([
      [1500, 1, ['d']],
      [500, 1, ['c']],
      [3000, 2, ['a', 'b']],
    ]);
    expect(q.totalFen).toBe(1500 + 6000 + 500);
    expect(q.cover).toEqual({ start: '2025-10-01', end: '2025-12-31' });
    expect(q.summary).toContain('按每人生效日期');
    expect(q.lines.map((l) => l.explanation)).toEqual([
      '住院医疗 60 元 × 3/12 个月（2025-10-01 至 2025-12-31）= 15 元 × 1 份 × 1 人 = 15 元',
      '住院医疗 60 元 × 1/12 个月 = 5 元 × 1 份 × 1 人 = 5 元',
      '住院医疗 60 元 × 6/12 个月 = 30 元 × 1 份 × 2 人 = 60 元',
    ]);
  });

  it('needs no batch start when every person has their own', () => {
    const q = quote([{ id: 'a', facts: male, coverStart: '2025-11-03' }]);
    expect(q.cover).toBeNull();
    expect(q.proRata).toEqual({ kind: 'monthly', months: 2 });
    expect(q.totalFen).toBe(1000);
  });

  it.each<[string, PricedPerson[], RegExp]>([
    ['a person without a start and no batch start', [{ id: 'a', facts: male }], /无法按月计算/],
    ['a start after the policy end', [{ id: 'a', facts: male, coverStart: '2026-01-05' }], /晚于保障结束日期 2025-12-31/],
  ])('refuses %s', (_name, persons, message) => {
    expect(() => quote(persons)).toThrow(PricingError);
    expect(() => quote(persons)).toThrow(message);
  });

  it('a whole-year scheme ignores no start: full price for the batch start, pro rata only through its rule', () => {
    const q = priceBatch(shenzhen, {
      enrollmentType: 'new',
      submissionDate: '2025-06-20',
      requestedStart: '2025-07-01',
      selection: [{ planCode: 'ZY', shares: 1 }],
      persons: [{ id: 'a', facts: male }],
    });
    expect(q.totalFen).toBe(6000);
    expect(q.proRata).toEqual({ kind: 'full' });
  });
});
