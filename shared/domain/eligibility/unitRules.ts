/**
 * Unit-level rules (Shanghai's 75% social-security ratio, Qingdao's head counts, Suzhou's
 * renewal and new-policy limits), evaluated on facts about the unit's batch.
 */
import {
  ENROLLMENT_TYPE_LABELS,
  HEAD_COUNT_LABELS,
  type EnrollmentType,
  type HeadCountKey,
  type Scheme,
  type UnitRule,
  type UnitRuleKind,
} from '../scheme';

export interface SocialSecurityGroup {
  /** The unit's social-security code (单位社保号); Shanghai checks the ratio per code. */
  code: string;
  /** In-service insured staff of this code on the roster. */
  enrolled: number;
  /** All in-service insured staff of this code; null when nobody gave it (the ratio cannot be checked). */
  total: number | null;
}

/** Why the ratio rule could not be evaluated for part of the roster. */
export interface SocialSecurityGap {
  /** Insured persons whose code is not known (no 单位社保号 on the row, and the unit has several codes or none). */
  personsWithoutCode: number;
}

export interface UnitFacts {
  enrollmentType: EnrollmentType;
  /** Named persons plus head-count-only persons in the batch. */
  personCount: number;
  socialSecurityGroups?: readonly SocialSecurityGroup[];
  socialSecurityGap?: SocialSecurityGap;
  headCounts?: Partial<Record<HeadCountKey, number>>;
  /** The unit already has a policy in this coverage year. */
  unitHasPolicyThisYear?: boolean;
  /** Renewals the unit already made in this coverage year (not counting this batch). */
  renewalsThisYear?: number;
  /** The batch adds, removes or changes persons of a policy already in force. */
  changesPolicyInForce?: boolean;
}

export interface UnitFinding {
  code: UnitRuleKind | `${UnitRuleKind}NotChecked`;
  ruleIndex: number;
  /** warning: the rule could not be evaluated (未校验) and says what is missing. */
  severity: 'error' | 'warning';
  message: string;
  hint: string;
  /** The social-security code concerned, for the ratio rule. */
  socialSecurityCode?: string;
  /** The figures the finding rests on. */
  data?: Record<string, string | number>;
}

function applies(rule: UnitRule, type: EnrollmentType): boolean {
  return !rule.enrollmentTypes || rule.enrollmentTypes.includes(type);
}

/** "70.0%": one decimal, computed in integers. */
function percentText(part: number, whole: number): string {
  const tenths = Math.floor((part * 1000) / whole);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** Every unit rule the batch breaks. Rules that need facts not given are skipped. */
export function checkUnitRules(scheme: Scheme, facts: UnitFacts): UnitFinding[] {
  const out: UnitFinding[] = [];
  scheme.unitRules.forEach((rule, ruleIndex) => {
    if (!applies(rule, facts.enrollmentType)) return;
    const base = { code: rule.kind, ruleIndex, severity: 'error' as const };
    switch (rule.kind) {
      case 'socialSecurityRatio':
        for (const g of facts.socialSecurityGroups ?? []) {
          if (g.total === null) {
            out.push({
              ...base,
              code: 'socialSecurityRatioNotChecked',
              severity: 'warning',
              socialSecurityCode: g.code,
              data: { socialSecurityCode: g.code, enrolled: g.enrolled, minPercent: rule.minPercent },
              message: `未校验：请填写社保编码 ${g.code} 的社保在职人员总数（本批次该编码有社保在职人员 ${g.enrolled} 人）`,
              hint: `${rule.minPercent}% 参保比例按“社保在职人员拟参保数/社保在职人员总数”计算，请在校验页填写该编码的社保在职人员总数`,
            });
            continue;
          }
          if (g.total <= 0 || g.enrolled * 100 >= rule.minPercent * g.total) continue;
          const needed = Math.ceil((rule.minPercent * g.total) / 100);
          out.push({
            ...base,
            socialSecurityCode: g.code,
            data: { socialSecurityCode: g.code, enrolled: g.enrolled, total: g.total, minPercent: rule.minPercent, needed },
            message: `社保编码 ${g.code} 的参保比例为 ${percentText(g.enrolled, g.total)}（${g.enrolled}/${g.total}），低于 ${rule.minPercent}%`,
            hint: `该社保编码下社保在职人员至少须参保 ${needed} 人，请再补充 ${needed - g.enrolled} 人`,
          });
        }
        if (facts.socialSecurityGap && facts.socialSecurityGap.personsWithoutCode > 0) {
          out.push({
            ...base,
            code: 'socialSecurityRatioNotChecked',
            severity: 'warning',
            data: { personsWithoutCode: facts.socialSecurityGap.personsWithoutCode },
            message: `未校验：请填写 ${facts.socialSecurityGap.personsWithoutCode} 名有社保人员的单位社保号`,
            hint: '单位有多个社保编码时，须在名单的“单位社保号”列写明每人所属的编码，才能按编码校验参保比例',
          });
        }
        break;
      case 'minPersonsForNewPolicy':
        if (rule.onlyWhenUnitHasPolicy && !facts.unitHasPolicyThisYear) break;
        if (facts.personCount >= rule.minPersons) break;
        out.push({
          ...base,
          data: { persons: facts.personCount, minPersons: rule.minPersons },
          message: `${rule.onlyWhenUnitHasPolicy ? '本年度已有保单的单位重新开单' : '新开保单'}须满 ${rule.minPersons} 人，本批次 ${facts.personCount} 人`,
          hint: `请补足至 ${rule.minPersons} 人后再提交`,
        });
        break;
      case 'headCountsRequired': {
        const valid = (v: number | undefined): v is number => v !== undefined && Number.isInteger(v) && v >= 0;
        for (const key of rule.counts) {
          if (valid(facts.headCounts?.[key])) continue;
          out.push({ ...base, message: `请填写参保单位${HEAD_COUNT_LABELS[key]}`, hint: `${HEAD_COUNT_LABELS[key]}为必填项，须为非负整数` });
        }
        const all = facts.headCounts?.inService;
        const female = facts.headCounts?.femaleInService;
        if (valid(all) && valid(female) && female > all) {
          out.push({ ...base, message: '在职女职工人数不能大于在职职工人数', hint: '请核对参保单位在职人数' });
        }
        break;
      }
      case 'oneRenewalPerYear':
        if ((facts.renewalsThisYear ?? 0) >= 1) {
          out.push({ ...base, message: `本单位本年度已办理过${ENROLLMENT_TYPE_LABELS.renewal}，一个单位一个年度只能续保一次`, hint: '如人员变化较大，请按新参保重新开单' });
        }
        break;
      case 'noMidYearChanges':
        if (facts.changesPolicyInForce) {
          out.push({ ...base, message: '保单生效后中途不得增减人员或者更换人员信息', hint: '如人员流动较大，可按新参保重新开单' });
        }
        break;
      case 'onePolicyPerPersonPerYear':
        // A per-person rule checked against other units' enrollments by the roster checks.
        break;
    }
  });
  return out;
}

export function hasUnitRule(scheme: Scheme, kind: UnitRuleKind): boolean {
  return scheme.unitRules.some((r) => r.kind === kind);
}

/**
 * Groups the roster's insured in-service persons by social-security code and pairs them
 * with the totals the clerk or the association gave. A person without a code counts
 * towards the unit's code when the unit has exactly one; with several, the person cannot
 * be placed (the gap, reported as 未校验). A unit without any code is not checked at all
 * (Shanghai: 无社保编码不影响正常参保). A code without a given total has total null.
 */
export function socialSecurityGroups(
  persons: readonly { socialSecurity: 'yes' | 'no' | 'unknown'; socialSecurityCode?: string }[],
  totals: Readonly<Record<string, number>>,
  unitCodes: readonly string[] = [],
): { groups: SocialSecurityGroup[]; gap: SocialSecurityGap } {
  const enrolled = new Map<string, number>();
  const single = unitCodes.length === 1 ? unitCodes[0]! : undefined;
  let personsWithoutCode = 0;
  for (const p of persons) {
    if (p.socialSecurity !== 'yes') continue;
    const code = p.socialSecurityCode ?? single;
    if (code === undefined) {
      if (unitCodes.length > 1) personsWithoutCode++;
      continue;
    }
    enrolled.set(code, (enrolled.get(code) ?? 0) + 1);
  }
  const codes = new Set([...enrolled.keys(), ...Object.keys(totals), ...(enrolled.size > 0 || Object.keys(totals).length > 0 ? unitCodes : [])]);
  const groups = [...codes].sort().map((code) => ({ code, enrolled: enrolled.get(code) ?? 0, total: totals[code] ?? null }));
  return { groups, gap: { personsWithoutCode } };
}
