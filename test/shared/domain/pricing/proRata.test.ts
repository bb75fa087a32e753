import { describe, it, expect } from 'vitest';
import { proRataFor, scalePrice, PricingError } from '../../../../shared/domain/pricing';

describe('proRataFor', () => {
  it.each([
    [{ kind: 'full' as const }, null, { kind: 'full' }],
    [{ kind: 'halfIfShort' as const, maxMonths: 6 }, { start: '2020-10-01', end: '2021-03-31' }, { kind: 'half', maxMonths: 6 }],
    [{ kind: 'halfIfShort' as const, maxMonths: 6 }, { start: '2020-09-30', end: '2021-03-31' }, { kind: 'full' }],
    [{ kind: 'monthly' as const }, { start: '2025-03-15', end: '2025-09-30' }, { kind: 'monthly', months: 7 }],
    [{ kind: 'monthly' as const }, { start: '2025-09-30', end: '2025-09-30' }, { kind: 'monthly', months: 1 }],
  ])('%j over %j → %j', (mode, cover, expected) => {
    expect(proRataFor(mode, cover)).toEqual(expected);
  });

  it('refuses to guess without a cover', () => {
    expect(() => proRataFor({ kind: 'halfIfShort', maxMonths: 6 }, null)).toThrow(PricingError);
    expect(() => proRataFor({ kind: 'monthly' }, null)).toThrow(/无法按月计算/);
  });
});

describe('scalePrice', () => {
  const cover = { start: '2025-03-15', end: '2025-09-30' };
  it.each([
    [22500, undefined, { kind: 'half' as const, maxMonths: 6 }, 11250],
    [3000, 250, { kind: 'monthly' as const, months: 7 }, 1750],
    [1500, 125, { kind: 'monthly' as const, months: 7 }, 875],
    [6000, undefined, { kind: 'monthly' as const, months: 7 }, 3500],
    // a twelfth rounded half up to the fen: 95 × 5 / 12 = 39.583…
    [9500, undefined, { kind: 'monthly' as const, months: 5 }, 3958],
    // never more than the annual price
    [3000, 300, { kind: 'monthly' as const, months: 12 }, 3000],
    [33000, undefined, { kind: 'full' as const }, 33000],
  ])('%i fen (monthly %s) with %j → %i', (annual, monthly, proRata, unit) => {
    expect(scalePrice(annual, monthly, proRata, cover).unitFen).toBe(unit);
  });
});
