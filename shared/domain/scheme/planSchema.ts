/**
 * Plans (保障项目 / 保障计划 / 保障活动细类) and who may take them.
 */
import { z } from 'zod';
import {
  codeSchema,
  enrollmentTypeSchema,
  fenSchema,
  genderSchema,
  isoDateSchema,
  planLayerSchema,
  positiveIntSchema,
  textSchema,
  typeError,
} from './primitives';

/** A group of alternative plans: Shanghai's 在职住院 (A0–A3), Qingdao's 保障活动. */
export const planFamilySchema = z.strictObject({
  code: codeSchema,
  name: textSchema,
  /** 保障活动类型, e.g. 住院医疗 / 重疾 (Qingdao prints it on the confirmation). */
  category: textSchema.optional(),
});
export type PlanFamily = z.infer<typeof planFamilySchema>;

/** The age that must not have been reached (未满) for the plan. */
export const ageLimitKindSchema = z.discriminatedUnion('kind', [
  /** Fixed ages per gender, like Shanghai 2020's women 55 / men 60. */
  z.strictObject({ kind: z.literal('fixedAges'), male: positiveIntSchema, female: positiveIntSchema }),
  /**
   * The statutory retirement age after the 2025 reform (see retirementAge.ts). Rosters do
   * not say whether a woman retires at 50 or 55, so the scheme names the baseline used
   * for women unless the person's record says otherwise.
   */
  z.strictObject({ kind: z.literal('statutoryRetirement'), femaleBaseline: z.enum(['female50', 'female55'], { error: typeError('必须是 female50 或 female55') }) }),
]);
export type AgeLimitKind = z.infer<typeof ageLimitKindSchema>;

/** The date on which the age is taken. */
export const ageReferenceDateSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('coverStart') }),
  z.strictObject({ kind: z.literal('submission') }),
  z.strictObject({ kind: z.literal('fixedDate'), date: isoDateSchema }),
]);
export type AgeReferenceDate = z.infer<typeof ageReferenceDateSchema>;

/**
 * When an over-age person may still be kept (Shanghai: in-service staff whose medical
 * insurance is at the in-service rate, 医保享受在职待遇, with the unit's signed commitment).
 */
export const overAgeExceptionSchema = z.strictObject({
  requireSocialSecurity: z.boolean(),
  requireMedicalInService: z.boolean(),
  requireCommitment: z.boolean(),
});
export type OverAgeException = z.infer<typeof overAgeExceptionSchema>;

export const ageLimitSchema = z.strictObject({
  limit: ageLimitKindSchema,
  on: ageReferenceDateSchema,
  overAgeException: overAgeExceptionSchema.optional(),
});
export type AgeLimit = z.infer<typeof ageLimitSchema>;

export const planEligibilitySchema = z.strictObject({
  /** Omitted: every gender. */
  genders: z.array(genderSchema).min(1, { error: '至少需要 1 项' }).optional(),
  /** 有社保: required (Shanghai A0), either, or excluded. */
  socialSecurity: z.enum(['required', 'either', 'excluded'], { error: typeError('必须是 required、either 或 excluded') }).default('either'),
  ageLimit: ageLimitSchema.optional(),
  /** 新就业形态 workers (Qingdao): either, only them, or not them. */
  newEmploymentForm: z.enum(['either', 'only', 'excluded'], { error: typeError('必须是 either、only 或 excluded') }).default('either'),
  /** Omitted: the plan is offered in every enrollment type of the scheme. */
  enrollmentTypes: z.array(enrollmentTypeSchema).min(1, { error: '至少需要 1 项' }).optional(),
  /** 职退情况: inServiceOnly refuses persons the roster marks 退休 (Shanghai: 在职职工 plans). */
  employment: z.enum(['either', 'inServiceOnly'], { error: typeError('必须是 either 或 inServiceOnly') }).default('either'),
});
export type PlanEligibility = z.infer<typeof planEligibilitySchema>;

/** 免责期: no benefit for events in the first days/months of cover, by enrollment type. */
export const waitingPeriodSchema = z
  .strictObject({
    enrollmentTypes: z.array(enrollmentTypeSchema).min(1, { error: '至少需要 1 项' }),
    days: positiveIntSchema.optional(),
    months: positiveIntSchema.optional(),
    /** e.g. 因意外伤害事故住院不执行免责期. */
    note: textSchema.optional(),
  })
  .refine((w) => (w.days === undefined) !== (w.months === undefined), {
    error: 'days 与 months 必须且只能填写一项',
  });
export type WaitingPeriod = z.infer<typeof waitingPeriodSchema>;

export const planSchema = z.strictObject({
  code: codeSchema,
  /** As printed on notices, e.g. 住院基本保障 or 住院医疗(A方案)(会费95元). */
  name: textSchema,
  /** A shorter name for tables and price lines (Suzhou's notice says 大病医疗互助保障). */
  shortName: textSchema.optional(),
  family: codeSchema,
  layer: planLayerSchema,
  /** Per person and coverage year, or per share when `priceUnit` is `share`. */
  priceFen: fenSchema,
  priceUnit: z.enum(['personYear', 'share'], { error: typeError('必须是 personYear 或 share') }),
  /** Price per person (or share) per month of cover, where the association states one (Suzhou 2.5 yuan). */
  monthlyPriceFen: fenSchema.optional(),
  shares: z
    .strictObject({ min: positiveIntSchema, max: positiveIntSchema })
    .refine((s) => s.min <= s.max, { error: '份数下限不能大于上限' })
    .default({ min: 1, max: 1 }),
  eligibility: planEligibilitySchema.default({ socialSecurity: 'either', newEmploymentForm: 'either', employment: 'either' }),
  waitingPeriods: z.array(waitingPeriodSchema).default([]),
  /** 待遇: the benefits as the manual lists them, for display. */
  benefits: z.array(textSchema).default([]),
});
export type Plan = z.infer<typeof planSchema>;
