/** Unit accounts: registration, login (unit name or phone plus password), the account view. */
import { z } from 'zod';
import { email, medicalInsuranceCode, mobile, residentIdFormat, text, typeError, uscc, count } from '../api/primitives';
import { contactSchema, planChoiceSchema, periodSchema } from './common';

const password = z
  .string({ error: typeError('必须是文本') })
  .min(8, { error: '密码至少 8 个字符' })
  .max(128, { error: '密码不能超过 128 个字符' });

const headCounts = z
  .strictObject({ inService: count, femaleInService: count })
  .refine((h) => h.femaleInService <= h.inService, { path: ['femaleInService'], error: '在职女职工人数不能多于在职职工人数' });

/** `registerUnit`: the unit's profile and the password of its new account; the login phone is the handler's. */
export const registerUnitRequestSchema = z.strictObject({
  unit: z.strictObject({
    name: text(100),
    uscc: uscc.optional(),
    insuranceCode: text(20).optional(),
    socialSecurityCodes: z.array(text(30)).max(200, { error: '至多 200 个社保编码' }).default([]),
    medicalInsuranceCode: medicalInsuranceCode.optional(),
    handler: z.strictObject({ name: text(50), idNumber: residentIdFormat.optional(), phone: mobile, email: email.optional() }),
    contacts: z.array(contactSchema).max(20, { error: '至多 20 位联系人' }).default([]),
    headCounts: headCounts.optional(),
    address: text(200).optional(),
  }),
  password,
});
export type RegisterUnitRequest = z.input<typeof registerUnitRequestSchema>;

/** `POST /v1/sessions`: `account` is the unit's name or its login phone. */
export const loginRequestSchema = z.strictObject({
  account: text(100),
  password: z.string({ error: typeError('必须是文本') }).min(1, { error: '不能为空' }).max(128, { error: '不能超过 128 个字符' }),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

/** The plans of the unit's central enrollment in a scheme's year, which instant enrollments must copy. */
export const centralSelectionSchema = z.object({
  schemeId: z.string(),
  coverageYear: periodSchema,
  batchId: z.string(),
  selection: z.array(planChoiceSchema),
});

export const accountViewSchema = z.object({
  unitId: z.string(),
  name: z.string(),
  loginPhone: z.string(),
  uscc: z.string().optional(),
  insuranceCode: z.string().optional(),
  socialSecurityCodes: z.array(z.string()),
  medicalInsuranceCode: z.string().optional(),
  handler: z.object({ name: z.string(), idNumber: z.string().optional(), phone: z.string(), email: z.string().optional() }),
  contacts: z.array(z.object({ name: z.string(), phone: z.string(), role: z.string().optional() })),
  headCounts: z.object({ inService: z.number(), femaleInService: z.number() }).optional(),
  address: z.string().optional(),
  /** 所属区局 (Wuxi), once the unit profile completion is approved. */
  district: z.string().optional(),
  registeredAt: z.string(),
  centralSelections: z.array(centralSelectionSchema),
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const sessionViewSchema = z.object({
  token: z.string(),
  /** ISO timestamp; after it every request answers 401 `tokenExpired`. */
  expiresAt: z.string(),
  account: accountViewSchema,
});
export type SessionView = z.infer<typeof sessionViewSchema>;

/**
 * `registerUnit` answers 201 with the account. No session: the response is stored for
 * replay under the idempotency key, and a token must never be stored in plain text; log in
 * with the password just registered.
 */
export const registrationViewSchema = z.object({
  registration: z.literal('registered'),
  account: accountViewSchema,
});
export type RegistrationView = z.infer<typeof registrationViewSchema>;
