/**
 * A scheme: one association's rules for one coverage year, as a versioned data file.
 * This is the top of the format; the parts live in the sibling *Schema.ts files.
 */
import { z } from 'zod';
import { renewalReminderSchema, enrollmentTypeRuleSchema } from './coverageSchema';
import { documentTextsSchema, maskingPolicySchema } from './documentSchema';
import { onboardingSpecSchema } from './onboardingSchema';
import { feeSourceSchema, paymentDetailsSchema, subsidiesSchema } from './paymentSchema';
import { planFamilySchema, planSchema } from './planSchema';
import { codeSchema, isoDateSchema, periodSchema, positiveIntSchema, textSchema, typeError } from './primitives';
import { rosterSpecSchema } from './rosterSchema';
import { selectionRuleSchema, unitRuleSchema } from './ruleSchema';

/** The scheme file format this code reads. */
export const SCHEME_FORMAT_VERSION = 1;

export const associationSchema = z.strictObject({
  name: textSchema,
  shortName: textSchema,
  city: textSchema,
  website: textSchema.optional(),
});
export type Association = z.infer<typeof associationSchema>;

export const contactSchema = z.strictObject({
  /** e.g. 参续保咨询, 技术咨询, 热线. */
  role: textSchema,
  name: textSchema.optional(),
  phone: textSchema,
});
export type Contact = z.infer<typeof contactSchema>;

export const schemeSchema = z.strictObject({
  formatVersion: z.literal(SCHEME_FORMAT_VERSION, { error: typeError(`必须是 ${SCHEME_FORMAT_VERSION}`) }),
  /** Stable identifier, e.g. shanghai-2020. */
  id: codeSchema,
  /** Revision of this scheme; the server serves a higher one when the association corrects it. */
  version: positiveIntSchema,
  /** 保障年度 as the association writes it, e.g. 2020 or 2024-2025. */
  yearLabel: textSchema,
  title: textSchema,
  association: associationSchema,
  /** The manual's date or revision date. */
  publishedOn: isoDateSchema.optional(),
  /** The coverage year (保障年度), both ends inclusive. */
  coverageYear: periodSchema,
  enrollmentTypes: z.array(enrollmentTypeRuleSchema).min(1, { error: '至少需要 1 种参保类型' }),
  families: z.array(planFamilySchema).min(1, { error: '至少需要 1 个' }),
  plans: z.array(planSchema).min(1, { error: '至少需要 1 个保障项目' }),
  /**
   * `batch`: the unit chooses plans once for the batch and each person takes those they
   * are eligible for (Shanghai, Suzhou); `person`: each person (or roster per activity)
   * carries its own plans (Qingdao).
   */
  selectionScope: z.enum(['batch', 'person'], { error: typeError('必须是 batch 或 person') }),
  /**
   * How messages and price lines name a plan: by code where the manual does (Shanghai's
   * A0–C3), by name where codes mean nothing to a clerk.
   */
  planLabelStyle: z.enum(['code', 'name', 'nameAndCode'], { error: typeError('必须是 code、name 或 nameAndCode') }).default('nameAndCode'),
  selectionRules: z.array(selectionRuleSchema).default([]),
  roster: rosterSpecSchema,
  unitRules: z.array(unitRuleSchema).default([]),
  feeSources: z.array(feeSourceSchema).default([]),
  /** The fee source that takes what no explicit split assigns. */
  defaultFeeSource: codeSchema.optional(),
  subsidies: subsidiesSchema.default({ kinds: [], rules: [] }),
  payment: paymentDetailsSchema,
  documents: documentTextsSchema,
  masking: maskingPolicySchema,
  renewalReminder: renewalReminderSchema.optional(),
  contacts: z.array(contactSchema).default([]),
  /** The steps a unit goes through with the association before it enrolls (参保编码申请, 单位信息完善, 经办人填报 …). */
  onboarding: onboardingSpecSchema.default({}),
  /** Every choice made where the manual is silent, in Chinese. */
  notes: z.array(textSchema).default([]),
});

/** A validated scheme (the output of `loadScheme`). */
export type Scheme = z.infer<typeof schemeSchema>;
/** A scheme as written in a file, before defaults are filled in. */
export type SchemeInput = z.input<typeof schemeSchema>;
