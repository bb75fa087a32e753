/**
 * Checks that span fields, run after the shape is valid: unique codes, references to
 * plans, families, enrollment types and roster columns that exist, ordered dates.
 */
import { compareDates } from '../dates';
import { crossCheckDocuments } from './documentCrossCheck';
import type { SchemeIssue } from './errors';
import { findPlan } from './lookup';
import type { EnrollmentType } from './primitives';
import type { PlanSelector } from './ruleSchema';
import type { Scheme } from './schemeSchema';

export function crossCheckScheme(scheme: Scheme): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  const checkPeriod = (path: string, p: { start: string; end: string }) => {
    if (compareDates(p.start, p.end) > 0) add(`${path}.end`, `结束日期 ${p.end} 早于开始日期 ${p.start}`);
  };
  const checkDuplicates = (path: string, field: string, values: readonly string[], what: string) => {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v)) add(`${path}[${i}].${field}`, `${what} ${v} 重复`);
      seen.add(v);
    });
  };

  checkPeriod('coverageYear', scheme.coverageYear);

  const declaredTypes = new Set(scheme.enrollmentTypes.map((t) => t.type));
  const checkTypes = (path: string, types: readonly EnrollmentType[] | undefined) => {
    types?.forEach((t, i) => {
      if (!declaredTypes.has(t)) add(`${path}[${i}]`, `参保类型 ${t} 未在 enrollmentTypes 中定义`);
    });
  };
  checkDuplicates('enrollmentTypes', 'type', scheme.enrollmentTypes.map((t) => t.type), '参保类型');
  scheme.enrollmentTypes.forEach((t, i) => t.windows.forEach((w, j) => checkPeriod(`enrollmentTypes[${i}].windows[${j}]`, w)));

  const familyCodes = new Set(scheme.families.map((f) => f.code));
  checkDuplicates('families', 'code', scheme.families.map((f) => f.code), '保障类别代码');
  checkDuplicates('plans', 'code', scheme.plans.map((p) => p.code), '保障项目代码');
  scheme.plans.forEach((plan, i) => {
    if (!familyCodes.has(plan.family)) add(`plans[${i}].family`, `保障类别 ${plan.family} 未在 families 中定义`);
    checkTypes(`plans[${i}].eligibility.enrollmentTypes`, plan.eligibility.enrollmentTypes);
    plan.waitingPeriods.forEach((w, j) => checkTypes(`plans[${i}].waitingPeriods[${j}].enrollmentTypes`, w.enrollmentTypes));
  });

  const checkPlanCodes = (path: string, codes: readonly string[] | undefined) => {
    codes?.forEach((code, i) => {
      if (!findPlan(scheme, code)) add(`${path}[${i}]`, `引用了不存在的保障项目 ${code}`);
    });
  };
  const checkSelector = (path: string, selector: PlanSelector) => {
    checkPlanCodes(`${path}.planCodes`, selector.planCodes);
    selector.families?.forEach((f, i) => {
      if (!familyCodes.has(f)) add(`${path}.families[${i}]`, `引用了不存在的保障类别 ${f}`);
    });
  };

  const comboCodes = new Set<string>();
  scheme.selectionRules.forEach((rule, i) => {
    const path = `selectionRules[${i}]`;
    switch (rule.kind) {
      case 'atLeastOneOf':
      case 'atMostOnePerFamily':
        checkSelector(`${path}.of`, rule.of);
        break;
      case 'requires':
        checkSelector(`${path}.plans`, rule.plans);
        checkSelector(`${path}.requiresAnyOf`, rule.requiresAnyOf);
        break;
      case 'exclusive':
        checkPlanCodes(`${path}.planCodes`, rule.planCodes);
        break;
      case 'combo': {
        checkPlanCodes(`${path}.planCodes`, rule.planCodes);
        if (new Set(rule.planCodes).size !== rule.planCodes.length) add(`${path}.planCodes`, '组合中的保障项目不能重复');
        if (comboCodes.has(rule.code) || findPlan(scheme, rule.code)) add(`${path}.code`, `组合代码 ${rule.code} 与其他组合或保障项目重复`);
        comboCodes.add(rule.code);
        const plans = rule.planCodes.map((c) => findPlan(scheme, c));
        if (plans.every((p) => p !== undefined)) {
          const sum = plans.reduce((s, p) => s + p.priceFen, 0);
          if (rule.priceFen > sum) add(`${path}.priceFen`, `组合优惠价不能高于各项目单价之和（${sum} 分）`);
        }
        break;
      }
      case 'copyFromCentral':
        checkTypes(`${path}.enrollmentTypes`, rule.enrollmentTypes);
        if (!declaredTypes.has('central')) add(`${path}`, '方案未定义集中参保（central），无法沿用集中参保的保障项目');
        break;
    }
  });

  scheme.unitRules.forEach((rule, i) => checkTypes(`unitRules[${i}].enrollmentTypes`, rule.enrollmentTypes));

  const columnKeys = new Set(scheme.roster.columns.map((c) => c.key));
  checkDuplicates('roster.columns', 'key', scheme.roster.columns.map((c) => c.key), '名单字段');
  const headerOwner = new Map<string, number>();
  scheme.roster.columns.forEach((column, i) => {
    [column.header, ...column.synonyms].forEach((text, j) => {
      const owner = headerOwner.get(text);
      const path = j === 0 ? `roster.columns[${i}].header` : `roster.columns[${i}].synonyms[${j - 1}]`;
      if (owner !== undefined && owner !== i) add(path, `列名“${text}”已用于 roster.columns[${owner}]`);
      headerOwner.set(text, i);
    });
    if (column.requiredWhen?.kind === 'fieldIn' && !columnKeys.has(column.requiredWhen.field)) {
      add(`roster.columns[${i}].requiredWhen.field`, `名单中没有 ${column.requiredWhen.field} 列`);
    }
  });
  scheme.roster.template.exampleRows.forEach((row, i) => {
    for (const key of Object.keys(row)) {
      if (!columnKeys.has(key as never)) add(`roster.template.exampleRows[${i}].${key}`, `名单中没有 ${key} 列`);
    }
  });
  scheme.roster.manualEntryDocumentTypes.forEach((t, i) => {
    if (!scheme.roster.documentTypes.includes(t)) add(`roster.manualEntryDocumentTypes[${i}]`, `证件类型“${t}”不在 documentTypes 中`);
  });

  checkDuplicates('feeSources', 'code', scheme.feeSources.map((f) => f.code), '会费来源代码');
  if (scheme.defaultFeeSource !== undefined && !scheme.feeSources.some((f) => f.code === scheme.defaultFeeSource)) {
    add('defaultFeeSource', `会费来源 ${scheme.defaultFeeSource} 未在 feeSources 中定义`);
  }

  const kindCodes = new Set(scheme.subsidies.kinds.map((k) => k.code));
  checkDuplicates('subsidies.kinds', 'code', scheme.subsidies.kinds.map((k) => k.code), '补贴类型代码');
  checkDuplicates('subsidies.rules', 'code', scheme.subsidies.rules.map((r) => r.code), '补贴代码');
  scheme.subsidies.rules.forEach((rule, i) => {
    if (!kindCodes.has(rule.kind)) add(`subsidies.rules[${i}].kind`, `补贴类型 ${rule.kind} 未在 subsidies.kinds 中定义`);
    checkPlanCodes(`subsidies.rules[${i}].planCodes`, rule.planCodes);
    checkTypes(`subsidies.rules[${i}].enrollmentTypes`, rule.enrollmentTypes);
  });

  scheme.payment.deadlines.forEach((d, i) => checkTypes(`payment.deadlines[${i}].enrollmentTypes`, d.enrollmentTypes));

  issues.push(...crossCheckDocuments(scheme));
  return issues;
}
