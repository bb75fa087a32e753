/**
 * Building blocks shared by the scheme schemas: enrollment types, genders, layers, and
 * zod schemas for money, dates and codes whose messages are the Chinese texts a scheme
 * author sees when a file is refused.
 */
import { z } from 'zod';
import { isIsoDate } from '../dates';

/** 集中参保 / 即时参保 / 续保 / 新参保 / 保全 (保单补充: new hires added to a policy in force). */
export const ENROLLMENT_TYPES = ['central', 'instant', 'renewal', 'new', 'supplementary'] as const;
export type EnrollmentType = (typeof ENROLLMENT_TYPES)[number];

/** The generic Chinese names; a scheme may label its own types differently (`EnrollmentTypeRule.label`). */
export const ENROLLMENT_TYPE_LABELS: Record<EnrollmentType, string> = {
  central: '集中参保',
  instant: '即时参保',
  renewal: '续保',
  new: '新参保',
  supplementary: '保全（保单补充）',
};

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

/** 基础保障层 / 加强保障层 / 其他 (activities with no layering, e.g. Qingdao's). */
export const PLAN_LAYERS = ['basic', 'enhanced', 'other'] as const;
export type PlanLayer = (typeof PLAN_LAYERS)[number];
export const PLAN_LAYER_LABELS: Record<PlanLayer, string> = { basic: '基础保障', enhanced: '加强保障', other: '保障项目' };

export const enrollmentTypeSchema = z.enum(ENROLLMENT_TYPES, { error: typeError(`必须是以下之一：${ENROLLMENT_TYPES.join('、')}`) });
export const genderSchema = z.enum(GENDERS, { error: typeError('必须是 male 或 female') });
export const planLayerSchema = z.enum(PLAN_LAYERS, { error: typeError(`必须是以下之一：${PLAN_LAYERS.join('、')}`) });

/** A type error that says "missing" when the field is absent. */
export function typeError(text: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? '缺少必填字段' : text);
}

/** An amount in integer fen. */
export const fenSchema = z
  .number({ error: typeError('必须是非负整数') })
  .int({ error: '必须是非负整数' })
  .nonnegative({ error: '必须是非负整数' });

export const positiveIntSchema = z
  .number({ error: typeError('必须是正整数') })
  .int({ error: '必须是正整数' })
  .positive({ error: '必须是正整数' });

export const nonNegativeIntSchema = z
  .number({ error: typeError('必须是非负整数') })
  .int({ error: '必须是非负整数' })
  .nonnegative({ error: '必须是非负整数' });

export const isoDateSchema = z
  .string({ error: typeError('必须是 YYYY-MM-DD 格式的日期') })
  .refine(isIsoDate, { error: '必须是 YYYY-MM-DD 格式的有效日期' });

/** A period with inclusive ends; `start ≤ end` is checked across fields. */
export const periodSchema = z.strictObject({ start: isoDateSchema, end: isoDateSchema });

export const textSchema = z.string({ error: typeError('必须是文本') }).trim().min(1, { error: '不能为空' });

/** Plan, family, combo and fee-source codes: letters, digits, `.`, `_`, `-`. */
export const codeSchema = z
  .string({ error: typeError('必须是文本') })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: '只能由字母、数字、点、下划线和连字符组成' });

export const severitySchema = z.enum(['error', 'warning'], { error: typeError('必须是 error 或 warning') });
export type Severity = z.infer<typeof severitySchema>;
