/**
 * Zod building blocks for API inputs. Every message is the Chinese text the clerk sees
 * after the field's name (validateInput puts "字段“handler.phone”（手机号码）：" in front).
 */
import { z } from 'zod';
import { parseIsoDate } from '../domain/dates';
import { BATCH_EVENTS, BATCH_STATES, isIsoTimestamp } from '../domain/batch';
import { ROSTER_FIELDS } from '../domain/roster/fields';
import { ENROLLMENT_TYPES, typeError } from '../domain/scheme/primitives';

/** "缺少必填字段" when absent, `text` when present but of the wrong type (the scheme format's own helper). */
export { typeError };

/** Record ids (units, batches, rows, jobs): what the store and the server generate, never free text. */
export const id = z
  .string({ error: typeError('必须是文本编号') })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, { error: '编号格式不正确（字母、数字、_ . : -，至多 100 个字符）' });

/** Plan, combo, fee-source and finding codes. */
export const code = z
  .string({ error: typeError('必须是文本代码') })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { error: '代码只能由字母、数字、点、下划线和连字符组成' });

/** A calendar day `YYYY-MM-DD`, checked by the same parser the domain uses. */
export const isoDate = z
  .string({ error: typeError('必须是 YYYY-MM-DD 格式的日期') })
  .refine((value) => parseIsoDate(value) !== null, { error: '必须是 YYYY-MM-DD 格式的有效日期' });

export const isoTimestamp = z
  .string({ error: typeError('必须是带时区的 ISO 8601 时间') })
  .refine(isIsoTimestamp, { error: '必须是带时区的 ISO 8601 时间（如 2020-04-15T09:30:00+08:00）' });

/** Integer fen, never negative, never beyond what a double holds exactly. */
export const fen = z
  .number({ error: typeError('必须是以分为单位的整数金额') })
  .refine(Number.isSafeInteger, { error: '必须是以分为单位的整数金额' })
  .refine((v) => v >= 0, { error: '金额不能为负数' });

export const positiveFen = fen.refine((v) => v > 0, { error: '金额必须大于 0' });

export const count = z
  .number({ error: typeError('必须是非负整数') })
  .refine((v) => Number.isSafeInteger(v) && v >= 0, { error: '必须是非负整数' });

export const positiveInt = z
  .number({ error: typeError('必须是正整数') })
  .refine((v) => Number.isSafeInteger(v) && v > 0, { error: '必须是正整数' });

/** Trimmed, non-empty text of at most `max` characters. */
export function text(max: number) {
  return z
    .string({ error: typeError('必须是文本') })
    .trim()
    .min(1, { error: '不能为空' })
    .max(max, { error: `不能超过 ${max} 个字符` });
}

/** An 11-digit mainland mobile number. */
export const mobile = z
  .string({ error: typeError('必须是 11 位手机号码') })
  .trim()
  .regex(/^1[3-9]\d{9}$/, { error: '必须是 11 位手机号码' });

/** A mobile or a landline with area code (Qingdao 办公电话 0532-…). */
export const phone = z
  .string({ error: typeError('必须是电话号码') })
  .trim()
  .regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/, { error: '必须是 11 位手机号码或带区号的固定电话' });

export const email = z
  .string({ error: typeError('必须是电子邮箱地址') })
  .trim()
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: '必须是有效的电子邮箱地址' });

/**
 * 统一社会信用代码: 18 characters of the GB 32100 alphabet (no I, O, S, V, Z). The check
 * character is not enforced here: a mismatch is only a warning, since some real codes fail it.
 */
export const uscc = z
  .string({ error: typeError('必须是 18 位统一社会信用代码') })
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { error: '必须是 18 位统一社会信用代码（不含 I、O、S、V、Z）' });

/** Wuxi: 医保代码 of 6 or 8 digits. */
export const medicalInsuranceCode = z
  .string({ error: typeError('必须是 6 位或 8 位数字') })
  .trim()
  .regex(/^(?:\d{6}|\d{8})$/, { error: '必须是 6 位或 8 位数字' });

/** The shape of an 18-digit resident ID; the check digit and birth date are the roster checks' job. */
export const residentIdFormat = z
  .string({ error: typeError('必须是 18 位身份证号码') })
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, { error: '必须是 18 位身份证号码（末位可为 X）' });

export const batchState = z.enum(BATCH_STATES, { error: typeError('不是已知的批次状态') });
export const batchEvent = z.enum(BATCH_EVENTS, { error: typeError('不是已知的批次操作') });
export const enrollmentType = z.enum(ENROLLMENT_TYPES, {
  error: typeError('必须是集中参保、即时参保、续保、新参保或保全之一（central、instant、renewal、new、supplementary）'),
});
export const rosterField = z.enum(ROSTER_FIELDS, { error: typeError('不是已知的名单字段') });
export const severity = z.enum(['error', 'warning', 'info'], { error: typeError('必须是 error、warning 或 info') });

/** One cell as the clerk typed it; long enough for any real value, short enough to refuse pasted sheets. */
const cell = z.string({ error: typeError('必须是文本') }).max(500, { error: '不能超过 500 个字符' });

/** A roster row keyed by canonical field; unknown keys are refused by name. */
export const rawRosterRow = z.strictObject(
  Object.fromEntries(ROSTER_FIELDS.map((f) => [f, cell.optional()])) as { [K in (typeof ROSTER_FIELDS)[number]]: z.ZodOptional<typeof cell> },
);

/** Decoded size limit of files sent inline (a 100,000-row xlsx is well below it). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * A file the renderer hands over as base64: it has no file system, so over IPC and HTTP
 * alike the bytes travel in the request.
 */
export const fileUpload = z.strictObject({
  name: text(255),
  base64: z
    .string({ error: typeError('必须是 base64 编码的文件内容') })
    .min(1, { error: '文件内容为空' })
    .max(Math.ceil(MAX_FILE_BYTES / 3) * 4, { error: `文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '必须是 base64 编码的文件内容' })
    .refine((v) => v.length % 4 === 0, { error: '必须是 base64 编码的文件内容' }),
});

/** A plan and its shares (份数), as in the domain's PlanChoice. */
export const planChoice = z.strictObject({ planCode: code, shares: positiveInt });

/** Paging: rows are fetched a window at a time for the virtualised grid. */
export const page = {
  offset: count.default(0),
  limit: positiveInt.refine((v) => v <= 1000, { error: '每次至多取 1000 条' }).default(200),
};
