import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  statutoryRetirementAge,
  retirementDate,
  hasReachedRetirementAge,
  addedRetirementMonths,
  formatRetirementAge,
  type RetirementBaseline,
} from '../../../shared/domain/retirementAge';
import { compareDates } from '../../../shared/domain/dates';

describe('statutoryRetirementAge', () => {
  const cases: [RetirementBaseline, string, number, number][] = [
    // men 60 → 63, +1 month per 4 birth months from 1965-01
    ['male60', '1960-06-15', 60, 0],
    ['male60', '1964-12-31', 60, 0],
    ['male60', '1965-01-01', 60, 1],
    ['male60', '1965-04-30', 60, 1],
    ['male60', '1965-05-01', 60, 2],
    ['male60', '1965-08-20', 60, 2],
    ['male60', '1965-09-01', 60, 3],
    ['male60', '1968-01-10', 60, 10],
    ['male60', '1969-01-10', 61, 1],
    ['male60', '1976-08-31', 62, 11],
    ['male60', '1976-09-01', 63, 0],
    ['male60', '1990-03-03', 63, 0],
    // women cadres 55 → 58 from 1970-01
    ['female55', '1969-12-31', 55, 0],
    ['female55', '1970-01-01', 55, 1],
    ['female55', '1970-04-15', 55, 1],
    ['female55', '1970-05-15', 55, 2],
    ['female55', '1981-08-01', 57, 11],
    ['female55', '1981-09-01', 58, 0],
    ['female55', '1995-01-01', 58, 0],
    // women workers 50 → 55, +1 month per 2 birth months from 1975-01
    ['female50', '1974-12-31', 50, 0],
    ['female50', '1975-01-01', 50, 1],
    ['female50', '1975-02-28', 50, 1],
    ['female50', '1975-03-01', 50, 2],
    ['female50', '1979-12-01', 52, 6],
    ['female50', '1984-10-01', 54, 11],
    ['female50', '1984-11-01', 55, 0],
    ['female50', '2000-05-05', 55, 0],
  ];
  it.each(cases)('%s born %s → %i years %i months', (baseline, birth, years, months) => {
    expect(statutoryRetirementAge(birth, baseline)).toEqual({ years, months });
  });

  it('never adds more than the cap and never goes down with a later birth', () => {
    const caps: Record<RetirementBaseline, number> = { male60: 36, female55: 36, female50: 60 };
    fc.assert(
      fc.property(
        fc.constantFrom<RetirementBaseline>('male60', 'female55', 'female50'),
        fc.integer({ min: 1940, max: 2010 }),
        fc.integer({ min: 1, max: 12 }),
        (baseline, year, month) => {
          const birth = `${year}-${String(month).padStart(2, '0')}-01`;
          const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
          const a = addedRetirementMonths(birth, baseline);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(caps[baseline]);
          expect(addedRetirementMonths(next, baseline)).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });

  it('rejects a malformed birth date', () => {
    expect(() => statutoryRetirementAge('1965-13-01', 'male60')).toThrow(/出生日期/);
  });
});

describe('retirementDate', () => {
  const cases: [RetirementBaseline, string, string][] = [
    ['male60', '1964-12-15', '2024-12-15'],
    ['male60', '1965-01-15', '2025-02-15'],
    ['male60', '1976-09-10', '2039-09-10'],
    ['female50', '1975-03-08', '2025-05-08'],
    ['female55', '1970-01-20', '2025-02-20'],
    // the 31st has no counterpart in February: reached on 1 March
    ['male60', '1965-01-31', '2025-03-01'],
    // a 29 February birth reaching its age in a common year
    ['male60', '1964-02-29', '2024-02-29'],
    ['female55', '1968-02-29', '2023-03-01'],
  ];
  it.each(cases)('%s born %s retires on %s', (baseline, birth, date) => {
    expect(retirementDate(birth, baseline)).toBe(date);
  });

  it('hasReachedRetirementAge turns true exactly on the retirement date', () => {
    expect(hasReachedRetirementAge('1965-01-15', 'male60', '2025-02-14')).toBe(false);
    expect(hasReachedRetirementAge('1965-01-15', 'male60', '2025-02-15')).toBe(true);
    expect(hasReachedRetirementAge('1975-03-08', 'female50', '2025-05-07')).toBe(false);
    expect(hasReachedRetirementAge('1975-03-08', 'female50', '2025-05-08')).toBe(true);
  });

  it('the retirement date is always after the birth date by at least the baseline', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<RetirementBaseline>('male60', 'female55', 'female50'),
        fc.integer({ min: 1950, max: 2000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (baseline, y, m, d) => {
          const birth = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const base = { male60: 60, female55: 55, female50: 50 }[baseline];
          const atBase = `${y + base}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(compareDates(retirementDate(birth, baseline), atBase)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('formatRetirementAge', () => {
  it.each([
    [{ years: 60, months: 0 }, '60周岁'],
    [{ years: 60, months: 3 }, '60周岁3个月'],
  ])('%o → %s', (age, text) => {
    expect(formatRetirementAge(age)).toBe(text);
  });
});
