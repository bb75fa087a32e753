/**
 * Unit onboarding on the wire: the insurance-code application (申请参保编码, Shanghai), the
 * unit profile completion with its timed commitment (单位信息完善 + 承诺书, Wuxi), the
 * handler's details (经办人填报) and the contact phone change (联系电话变更 / 绑定手机).
 * Which of them an association takes is its scheme's `onboarding` section: the server
 * refuses a step the scheme lacks (422 `onboardingNotOffered`).
 *
 * - `POST /v1/onboarding/insurance-code` (action applyInsuranceCode) → 201 ApplicationView
 *   in state `pending` (申请中); the same `clientApplicationId` again after 审核不通过 → 200,
 *   the form and attachments replaced and the state back to `pending`; while `pending` or
 *   once `approved` → 409 `applicationNotEditable`.
 * - `POST /v1/onboarding/unit-profile` (action submitUnitProfile): the same rules; the
 *   commitment's `acceptedAt` must come at least the scheme's `minReadSeconds` after
 *   `readStartedAt` (422 `commitmentNotRead`), and not in the future.
 * - Attachments are sent inline as base64 (each ≤ MAX_ONBOARDING_FILE_BYTES, at most
 *   MAX_ONBOARDING_FILES), recognised by content; a type the scheme does not allow for the
 *   step → 422 `attachmentType`.
 * - The association's decision reaches the unit in its feed: `onboardingReview` (state,
 *   reason, the insurance code issued), then `unitProfile` with the account's profile as it
 *   now stands (an approval writes the code, district, medical-insurance code and handler).
 * - `POST /v1/account/handler` (action updateHandler) and `POST /v1/account/contact-phone`
 *   (action changeContactPhone) apply at once → 200 AccountView, and append `unitProfile`.
 *   A phone another account logs in with → 409 `accountExists`.
 * - Staff: `GET /admin/v1/onboarding?state&kind`, `GET /admin/v1/onboarding/:applicationId`,
 *   `GET …/:applicationId/files/:index` (the attachment's bytes), `POST …/approve`
 *   {staff?, insuranceCode?} (an insurance-code application without a code gets the next
 *   one), `POST …/reject` {staff?, reason}; deciding anything but a pending application →
 *   409 `applicationNotPending`.
 */
import { z } from 'zod';
import { APPLICATION_KINDS, APPLICATION_STATES, INSURANCE_CODE_PATTERN, MAX_ONBOARDING_FILE_BYTES } from '../domain/onboarding';
import { MAX_ONBOARDING_FILES } from '../domain/scheme/onboardingSchema';
import { count, email, id, isoTimestamp, mobile, residentIdFormat, text, typeError, uscc } from '../api/primitives';
import { base64File } from './batches';

export { MAX_ONBOARDING_FILES, MAX_ONBOARDING_FILE_BYTES };

/** The body limit of the two routes that carry attachments. */
export const MAX_ONBOARDING_BODY_BYTES = MAX_ONBOARDING_FILES * Math.ceil(MAX_ONBOARDING_FILE_BYTES / 3) * 4 + 64 * 1024;

const files = z
  .array(base64File(MAX_ONBOARDING_FILE_BYTES))
  .min(1, { error: '请至少上传 1 个文件' })
  .max(MAX_ONBOARDING_FILES, { error: `至多上传 ${MAX_ONBOARDING_FILES} 个文件` });

export const insuranceCodeSchema = z
  .string({ error: typeError('必须是 6 位参保编码') })
  .trim()
  .toUpperCase()
  .regex(INSURANCE_CODE_PATTERN, { error: '参保编码须为 6 位数字或大写字母' });

/** 申请参保编码 as the manual's form has it; `*` fields required. */
export const insuranceCodeFormSchema = z.strictObject({
  /** *单位名称. */
  unitName: text(100),
  /** *工委名称. */
  committeeName: text(100),
  /** 统一信用代码. */
  uscc: uscc.optional(),
  /** *单位性质 (国有 …). */
  unitNature: text(50),
  /** *联系人. */
  contactName: text(50),
  /** *联系人手机. */
  contactMobile: mobile,
  /** *联系人邮箱. */
  contactEmail: email,
  /** *单位地址. */
  address: text(200),
  /** *邮政编码. */
  postcode: z
    .string({ error: typeError('必须是 6 位邮政编码') })
    .trim()
    .regex(/^\d{6}$/, { error: '必须是 6 位邮政编码' }),
  /** 负责人. */
  leaderName: text(50).optional(),
  /** 负责人手机. */
  leaderMobile: mobile.optional(),
  /** *在职人数. */
  inServiceCount: count.refine((n) => n > 0, { error: '在职人数必须大于 0' }),
});
export type InsuranceCodeForm = z.infer<typeof insuranceCodeFormSchema>;

export const applyInsuranceCodeRequestSchema = z.strictObject({
  /** The client's id of the application, kept across resubmissions. */
  clientApplicationId: id,
  schemeId: id,
  form: insuranceCodeFormSchema,
  attachments: files,
});
export type ApplyInsuranceCodeRequest = z.input<typeof applyInsuranceCodeRequestSchema>;

export const commitmentAcceptanceSchema = z.strictObject({
  /** The commitment's title as shown (承诺书). */
  title: text(100),
  /** When it appeared on screen. */
  readStartedAt: isoTimestamp,
  /** When the clerk clicked 我已阅读完成. */
  acceptedAt: isoTimestamp,
});

/** 单位信息完善: the fields the manual lists; the code's length and the district are checked against the scheme. */
export const unitProfileFormSchema = z.strictObject({
  /** 所属区局. */
  district: text(50),
  /** 医保代码. */
  medicalInsuranceCode: z
    .string({ error: typeError('必须是数字') })
    .trim()
    .regex(/^\d{1,20}$/, { error: '医保代码只能是数字' }),
  handler: z.strictObject({ name: text(50), idNumber: residentIdFormat }),
});
export type UnitProfileForm = z.infer<typeof unitProfileFormSchema>;

export const submitUnitProfileRequestSchema = z.strictObject({
  clientApplicationId: id,
  schemeId: id,
  form: unitProfileFormSchema,
  /** 工会法人证书 / 营业执照. */
  certificates: files,
  commitment: commitmentAcceptanceSchema,
});
export type SubmitUnitProfileRequest = z.input<typeof submitUnitProfileRequestSchema>;

/** 经办人填报. */
export const updateHandlerRequestSchema = z.strictObject({
  schemeId: id,
  handler: z.strictObject({ name: text(50), idNumber: residentIdFormat.optional(), phone: mobile, email: email.optional() }),
});
export type UpdateHandlerRequest = z.input<typeof updateHandlerRequestSchema>;

/** 联系电话变更: the account's contact phone, which is also its login phone. */
export const changeContactPhoneRequestSchema = z.strictObject({ schemeId: id, phone: mobile });
export type ChangeContactPhoneRequest = z.input<typeof changeContactPhoneRequestSchema>;

export const attachmentInfoSchema = z.object({ name: z.string(), type: z.string(), bytes: z.number().int() });

export const applicationViewSchema = z.object({
  applicationId: z.string(),
  clientApplicationId: z.string(),
  kind: z.enum(APPLICATION_KINDS),
  schemeId: z.string(),
  state: z.enum(APPLICATION_STATES),
  stateLabel: z.string(),
  /** Why the association turned it down (审核不通过). */
  reason: z.string().optional(),
  /** The 参保编码 issued on approval. */
  insuranceCode: z.string().optional(),
  submittedAt: z.string(),
  reviewedAt: z.string().optional(),
  /** How many times it was submitted (1 the first time). */
  round: z.number().int(),
  attachments: z.array(attachmentInfoSchema),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;
export const applicationListSchema = z.object({ applications: z.array(applicationViewSchema) });
export type ApplicationList = z.infer<typeof applicationListSchema>;

/** The profile facts the feed's `unitProfile` carries. */
export const unitProfileSnapshotSchema = z.object({
  loginPhone: z.string(),
  insuranceCode: z.string().optional(),
  medicalInsuranceCode: z.string().optional(),
  district: z.string().optional(),
  handler: z.object({ name: z.string(), idNumber: z.string().optional(), phone: z.string(), email: z.string().optional() }),
});
export type UnitProfileSnapshot = z.infer<typeof unitProfileSnapshotSchema>;

// ---- Staff ----

const staff = text(50).optional();

export const adminApproveApplicationRequestSchema = z.strictObject({
  staff,
  /** Insurance-code applications: the code to issue; absent, the next one. */
  insuranceCode: insuranceCodeSchema.optional(),
});
export const adminRejectApplicationRequestSchema = z.strictObject({ staff, reason: text(200) });

export const adminApplicationsQuerySchema = z.object({
  state: z.enum(APPLICATION_STATES, { error: '不是已知的申请状态' }).optional(),
  kind: z.enum(APPLICATION_KINDS, { error: '不是已知的申请类型' }).optional(),
});

export const adminApplicationViewSchema = applicationViewSchema.extend({
  unitId: z.string(),
  unitName: z.string(),
  /** The form as the unit filled it in. */
  form: z.record(z.string(), z.unknown()),
  commitment: z.object({ title: z.string(), readStartedAt: z.string(), acceptedAt: z.string() }).optional(),
  reviewedBy: z.string().optional(),
});
export type AdminApplicationView = z.infer<typeof adminApplicationViewSchema>;
export const adminApplicationsSchema = z.object({ applications: z.array(adminApplicationViewSchema) });
