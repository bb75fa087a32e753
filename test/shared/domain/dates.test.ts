import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, addMonths, ageOn, compareDates, coverMonths, daysBetween, fromDayNumber, fullMonthsBetween,
  isIsoDate, isWithin, parseIsoDate, toDayNumber, todayInChina,
} from '../../../shared/domain/dates';

describe('parseIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['20240101', false],
    ['2024-01-01T00:00:00Z', false],
  ])('%s valid: %s', (text, valid) => {
    expect(isIsoDate(text)).toBe(valid);
    expect(parseIsoDate(text) !== null).toBe(valid);
  });
});

describe('day arithmetic', () => {
  it('counts days across leap years', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(addDays('2020-03-31', 1)).toBe('2020-04-01');
    expect(addDays('2021-01-01', -1)).toBe('2020-12-31');
  });

  it('round-trips every day number', () => {
    fc.assert(fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (n) => {
      expect(toDayNumber(fromDayNumber(n))).toBe(n);
    }));
  });

  it('adds months with the day clamped', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-04-01', 12)).toBe('2025-04-01');
    expect(addMonths('2024-03-15', -3)).toBe('2023-12-15');
  });

  it('compares and tests membership', () => {
    expect(compareDates('2024-04-01', '2025-03-31')).toBe(-1);
    expect(isWithin('2025-03-31', { start: '2024-04-01', end: '2025-03-31' })).toBe(true);
    expect(isWithin('2025-04-01', { start: '2024-04-01', end: '2025-03-31' })).toBe(false);
  });
});

describe('ageOn (周岁)', () => {
  it.each([
    ['1965-04-01', '2025-03-31', 59],
    ['1965-04-01', '2025-04-01', 60],
    ['1970-06-15', '2025-06-14', 54],
    ['1970-06-15', '2025-06-15', 55],
    ['2000-02-29', '2023-02-28', 22],
    ['2000-02-29', '2023-03-01', 23],
    ['2000-02-29', '2024-02-29', 24],
  ])('born %s, on %s: %i', (birth, on, age) => expect(ageOn(birth, on)).toBe(age));
});

describe('months of cover', () => {
  it.each([
    // Suzhou off-season: a started month counts as a whole month of cover.
    ['2024-03-15', '2024-09-30', 7],
    ['2024-10-01', '2025-09-30', 12],
    ['2025-09-30', '2025-09-30', 1],
    ['2025-10-01', '2025-09-30', 0],
  ])('coverMonths(%s, %s) = %i', (s, e, n) => expect(coverMonths(s, e)).toBe(n));

  it.each([
    // Shanghai instant enrollment: half price when the cover is six months or less.
    ['2024-10-01', '2025-03-31', 6],
    ['2024-09-30', '2025-03-31', 6],
    ['2024-09-15', '2025-03-31', 6],
    ['2024-04-01', '2025-03-31', 12],
    ['2024-10-02', '2025-03-31', 5],
  ])('fullMonthsBetween(%s, %s) = %i', (s, e, n) => expect(fullMonthsBetween(s, e)).toBe(n));
});

describe('todayInChina', () => {
  it('uses UTC+8 whatever the machine zone', () => {
    expect(todayInChina(Date.UTC(2026, 10, 21, 15, 59))).toBe('2026-11-21');
    expect(todayInChina(Date.UTC(2026, 10, 21, 16, 0))).toBe('2026-11-22');
  });
});
