/**
 * Which onboarding steps an association asks of a unit before it may enroll, and their
 * parameters. Each step is present only where the association's manual has it, so the app
 * shows a step because the scheme lists it, never because of the city.
 */
import { z } from 'zod';
import { VOUCHER_TYPES } from '../payment/voucherFiles';
import { positiveIntSchema, textSchema, typeError } from './primitives';

const fileTypesSchema = z
  .array(z.enum(VOUCHER_TYPES, { error: typeError(`必须是以下之一：${VOUCHER_TYPES.join('、')}`) }))
  .min(1, { error: '至少需要 1 种文件类型' });

/** The most files one onboarding step takes (the protocol's body limit is sized for it). */
export const MAX_ONBOARDING_FILES = 5;

const fileCountSchema = positiveIntSchema.refine((n) => n <= MAX_ONBOARDING_FILES, { error: `至多 ${MAX_ONBOARDING_FILES} 个文件` });

/** 申请参保编码 (Shanghai): a unit without an insurance code applies online, with attachments, and the association reviews it. */
export const insuranceCodeApplicationSpecSchema = z.strictObject({
  attachmentTypes: fileTypesSchema,
  minAttachments: positiveIntSchema.default(1),
  maxAttachments: fileCountSchema,
  /** What the attachments must be, as the manual says it. */
  attachmentHint: textSchema,
}).refine((s) => s.minAttachments <= s.maxAttachments, { path: ['minAttachments'], error: '不能多于 maxAttachments' });
export type InsuranceCodeApplicationSpec = z.infer<typeof insuranceCodeApplicationSpecSchema>;

/** The commitment (承诺书) shown before a submission, with the time it must stay on screen before it can be accepted. */
export const commitmentSpecSchema = z.strictObject({
  title: textSchema,
  paragraphs: z.array(textSchema).min(1, { error: '至少需要 1 段' }),
  minReadSeconds: positiveIntSchema,
});
export type CommitmentSpec = z.infer<typeof commitmentSpecSchema>;

/** 单位信息完善 (Wuxi): district, medical-insurance code, handler and certificate, after a timed commitment; reviewed by the association. */
export const unitProfileCompletionSpecSchema = z.strictObject({
  /** 所属区局, as the drop-down offers them. */
  districts: z.array(textSchema).min(1, { error: '至少需要 1 个区域' }),
  /** Digits a 医保代码 may have (Wuxi: 6 or 8). */
  medicalInsuranceCodeLengths: z.array(positiveIntSchema).min(1, { error: '至少需要 1 种位数' }),
  certificateTypes: fileTypesSchema,
  maxCertificates: fileCountSchema,
  certificateHint: textSchema,
  commitment: commitmentSpecSchema,
});
export type UnitProfileCompletionSpec = z.infer<typeof unitProfileCompletionSpecSchema>;

const fieldNeedSchema = z.enum(['required', 'optional'], { error: typeError('必须是 required 或 optional') });

/** 经办人填报: the handler's name and phone always; ID number and e-mail as the association needs them. */
export const handlerDetailsSpecSchema = z.strictObject({
  idNumber: fieldNeedSchema,
  email: fieldNeedSchema,
});
export type HandlerDetailsSpec = z.infer<typeof handlerDetailsSpecSchema>;

/** 联系电话变更 / 绑定手机: the account's contact (login) phone replaced by a new one. */
export const contactPhoneChangeSpecSchema = z.strictObject({
  /** What the manual tells the clerk about it. */
  hint: textSchema.optional(),
});
export type ContactPhoneChangeSpec = z.infer<typeof contactPhoneChangeSpecSchema>;

export const onboardingSpecSchema = z.strictObject({
  insuranceCodeApplication: insuranceCodeApplicationSpecSchema.optional(),
  unitProfileCompletion: unitProfileCompletionSpecSchema.optional(),
  handlerDetails: handlerDetailsSpecSchema.optional(),
  contactPhoneChange: contactPhoneChangeSpecSchema.optional(),
});
export type OnboardingSpec = z.infer<typeof onboardingSpecSchema>;
export type OnboardingStep = keyof OnboardingSpec;
export const ONBOARDING_STEPS = ['insuranceCodeApplication', 'unitProfileCompletion', 'handlerDetails', 'contactPhoneChange'] as const satisfies readonly OnboardingStep[];
