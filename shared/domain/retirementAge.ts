/**
 * Statutory retirement age (法定退休年龄) after the gradual reform in force since 2025-01-01
 * (全国人大常委会《关于实施渐进式延迟法定退休年龄的决定》).
 *
 * Three baselines: men 60, women cadres 55, women workers 50. The age rises with the birth
 * month: men 60→63 and women 55→58 by one month per four birth months (from births in
 * 1965-01 and 1970-01), women 50→55 by one month per two birth months (from births in
 * 1975-01). People born before the start keep the old age.
 */
import { daysInMonth, formatIsoDate, compareDates, parseIsoDate, type IsoDate } from './dates';

/** 男职工 60 / 女干部 55 / 女工人 50: the pre-reform baseline a person belongs to. */
export type RetirementBaseline = 'male60' | 'female55' | 'female50';

export const RETIREMENT_BASELINES: readonly RetirementBaseline[] = ['male60', 'female55', 'female50'];

export interface RetirementAge {
  years: number;
  months: number; // 0..11
}

interface ReformRule {
  baseYears: number;
  /** First birth month affected, as year and month. */
  startYear: number;
  startMonth: number;
  /** Birth months per added month of age. */
  birthMonthsPerStep: number;
  maxAddedMonths: number;
}

const RULES: Record<RetirementBaseline, ReformRule> = {
  male60: { baseYears: 60, startYear: 1965, startMonth: 1, birthMonthsPerStep: 4, maxAddedMonths: 36 },
  female55: { baseYears: 55, startYear: 1970, startMonth: 1, birthMonthsPerStep: 4, maxAddedMonths: 36 },
  female50: { baseYears: 50, startYear: 1975, startMonth: 1, birthMonthsPerStep: 2, maxAddedMonths: 60 },
};

function parseBirth(birthDate: IsoDate) {
  const p = parseIsoDate(birthDate);
  if (!p) throw new RangeError(`出生日期格式应为 YYYY-MM-DD: ${birthDate}`);
  return p;
}

/** Months added to the baseline for someone born in the given month (0 before the reform's start). */
export function addedRetirementMonths(birthDate: IsoDate, baseline: RetirementBaseline): number {
  const rule = RULES[baseline];
  const b = parseBirth(birthDate);
  const monthsSinceStart = (b.year - rule.startYear) * 12 + (b.month - rule.startMonth);
  if (monthsSinceStart < 0) return 0;
  return Math.min(rule.maxAddedMonths, Math.floor(monthsSinceStart / rule.birthMonthsPerStep) + 1);
}

export function statutoryRetirementAge(birthDate: IsoDate, baseline: RetirementBaseline): RetirementAge {
  const total = RULES[baseline].baseYears * 12 + addedRetirementMonths(birthDate, baseline);
  return { years: Math.floor(total / 12), months: total % 12 };
}

/**
 * The date on which the statutory retirement age is reached. When the birth day does not
 * exist in the target month (born on the 31st, or on 29 February), the age is reached on
 * the 1st of the following month, as `ageOn` counts a 29 February birthday.
 */
export function retirementDate(birthDate: IsoDate, baseline: RetirementBaseline): IsoDate {
  const b = parseBirth(birthDate);
  const age = statutoryRetirementAge(birthDate, baseline);
  const index = b.year * 12 + (b.month - 1) + age.years * 12 + age.months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  if (b.day <= daysInMonth(year, month)) return formatIsoDate({ year, month, day: b.day });
  return month === 12 ? formatIsoDate({ year: year + 1, month: 1, day: 1 }) : formatIsoDate({ year, month: month + 1, day: 1 });
}

export function hasReachedRetirementAge(birthDate: IsoDate, baseline: RetirementBaseline, on: IsoDate): boolean {
  return compareDates(on, retirementDate(birthDate, baseline)) >= 0;
}

/** "60周岁" or "60周岁3个月", as the age is written in notices. */
export function formatRetirementAge(age: RetirementAge): string {
  return age.months === 0 ? `${age.years}周岁` : `${age.years}周岁${age.months}个月`;
}
