/**
 * Selection rules and unit-level rules: closed sets of parameterised kinds. The data says
 * which rules apply with which plans; the code in eligibility/ and pricing/ gives each
 * kind its meaning, so no association name ever appears in a condition.
 */
import { z } from 'zod';
import {
  codeSchema,
  enrollmentTypeSchema,
  fenSchema,
  planLayerSchema,
  positiveIntSchema,
  severitySchema,
  textSchema,
  typeError,
} from './primitives';

/** Matches plans by code, layer and/or family; every given criterion must hold, an empty selector matches all plans. */
export const planSelectorSchema = z.strictObject({
  planCodes: z.array(codeSchema).min(1, { error: '至少需要 1 项' }).optional(),
  layer: planLayerSchema.optional(),
  families: z.array(codeSchema).min(1, { error: '至少需要 1 项' }).optional(),
});
export type PlanSelector = z.infer<typeof planSelectorSchema>;

const ruleBase = {
  /** The manual's wording of the rule, shown beside the plan choice. */
  description: textSchema.optional(),
  severity: severitySchema.default('error'),
};

export const selectionRuleSchema = z.discriminatedUnion('kind', [
  /** At least one of the matching plans must be chosen (Shanghai: A0、B0、C0 至少选1种). */
  z.strictObject({ kind: z.literal('atLeastOneOf'), of: planSelectorSchema, ...ruleBase }),
  /** Among the matching plans, at most one per family (Shanghai: A1、A2、A3 至多选1种). */
  z.strictObject({ kind: z.literal('atMostOnePerFamily'), of: planSelectorSchema, ...ruleBase }),
  /**
   * Choosing a matching `plans` entry requires at least one of `requiresAnyOf`; with
   * `sameFamily`, one of the same family.
   */
  z.strictObject({
    kind: z.literal('requires'),
    plans: planSelectorSchema,
    requiresAnyOf: planSelectorSchema,
    sameFamily: z.boolean().default(false),
    ...ruleBase,
  }),
  /** At most one of these plans. */
  z.strictObject({ kind: z.literal('exclusive'), planCodes: z.array(codeSchema).min(2, { error: '至少需要 2 项' }), ...ruleBase }),
  /**
   * A person taking all of `planCodes` (one share each) pays `priceFen` for them together
   * (Shanghai: A0+B0+C0 190 → 180 yuan).
   */
  z.strictObject({
    kind: z.literal('combo'),
    code: codeSchema,
    name: textSchema,
    planCodes: z.array(codeSchema).min(2, { error: '至少需要 2 项' }),
    priceFen: fenSchema,
    monthlyPriceFen: fenSchema.optional(),
    description: textSchema.optional(),
  }),
  /**
   * In these enrollment types a unit that took part in the central enrollment must keep
   * the plans chosen there (Shanghai: 即时参保保障项目和集中参保项目必须保持一致).
   */
  z.strictObject({
    kind: z.literal('copyFromCentral'),
    enrollmentTypes: z.array(enrollmentTypeSchema).min(1, { error: '至少需要 1 项' }),
    description: textSchema.optional(),
  }),
]);
export type SelectionRule = z.infer<typeof selectionRuleSchema>;
export type SelectionRuleKind = SelectionRule['kind'];
export type ComboRule = Extract<SelectionRule, { kind: 'combo' }>;

const unitRuleBase = {
  /** Omitted: every enrollment type. */
  enrollmentTypes: z.array(enrollmentTypeSchema).min(1, { error: '至少需要 1 项' }).optional(),
  description: textSchema.optional(),
};

export const HEAD_COUNT_KEYS = ['inService', 'femaleInService'] as const;
export type HeadCountKey = (typeof HEAD_COUNT_KEYS)[number];
export const HEAD_COUNT_LABELS: Record<HeadCountKey, string> = { inService: '在职职工人数', femaleInService: '在职女职工人数' };

export const unitRuleSchema = z.discriminatedUnion('kind', [
  /**
   * Per social-security code, enrolled in-service insured staff / all in-service insured
   * staff ≥ minPercent (Shanghai: 75%).
   */
  z.strictObject({
    kind: z.literal('socialSecurityRatio'),
    minPercent: z.number({ error: '必须是 1 到 100 的整数' }).int({ error: '必须是 1 到 100 的整数' }).min(1, { error: '必须是 1 到 100 的整数' }).max(100, { error: '必须是 1 到 100 的整数' }),
    ...unitRuleBase,
  }),
  /** A new policy needs at least this many persons (Suzhou: 满10人以上可以重新开单). */
  z.strictObject({
    kind: z.literal('minPersonsForNewPolicy'),
    minPersons: positiveIntSchema,
    /** Only when the unit already has a policy this year (a second policy), as Suzhou words it. */
    onlyWhenUnitHasPolicy: z.boolean().default(false),
    ...unitRuleBase,
  }),
  /** The unit's head counts must be given (Qingdao: 在职职工人数, 在职女职工人数). */
  z.strictObject({
    kind: z.literal('headCountsRequired'),
    counts: z.array(z.enum(HEAD_COUNT_KEYS)).min(1, { error: typeError('至少需要 1 项') }),
    ...unitRuleBase,
  }),
  /** A unit renews once per coverage year (Suzhou). */
  z.strictObject({ kind: z.literal('oneRenewalPerYear'), ...unitRuleBase }),
  /** No persons added, removed or changed during the year (Suzhou: 中途不得增减人员或者更换人员信息). */
  z.strictObject({ kind: z.literal('noMidYearChanges'), ...unitRuleBase }),
  /** One ID number enrolled once per coverage year across all units (Shanghai: 被某单位占用). */
  z.strictObject({ kind: z.literal('onePolicyPerPersonPerYear'), ...unitRuleBase }),
]);
export type UnitRule = z.infer<typeof unitRuleSchema>;
export type UnitRuleKind = UnitRule['kind'];
