/**
 * The application API of unit onboarding (申请参保编码, 单位信息完善 with its 承诺书,
 * 经办人填报, 联系电话变更): each saved locally at once and queued for the association.
 * Spread into OPERATIONS.
 */
import { z } from 'zod';
import { insuranceCodeFormSchema, unitProfileFormSchema } from '../wire/onboarding';
import type { CommitmentReadingView, OnboardingView } from './onboardingDto';
import { email, fileUpload, id, mobile, residentIdFormat, text } from './primitives';
import type { Returns } from './operations';

/** operations.ts's `returns`, here without a runtime import of operations.ts (which spreads this map). */
const returns = <T>(): Returns<T> => ({});

const files = z.array(fileUpload).min(1, { error: '请至少上传 1 个文件' }).max(5, { error: '至多上传 5 个文件' });
const step = { unitId: id, schemeId: id };

export const ONBOARDING_OPERATIONS = {
  'onboarding.get': {
    doc: "A unit's onboarding with one association: the steps its scheme has, each step's local record, sending and review state, and the account as last reported.",
    input: z.strictObject(step),
    output: returns<OnboardingView>(),
  },
  'onboarding.applyInsuranceCode': {
    doc: 'Saves the insurance-code application (申请参保编码) with its attachments and queues it; again after 审核不通过 to resubmit.',
    input: z.strictObject({ ...step, form: insuranceCodeFormSchema, attachments: files }),
    output: returns<OnboardingView>(),
  },
  'onboarding.startCommitment': {
    doc: 'Shows the commitment (承诺书) of the unit profile completion and records when reading started.',
    input: z.strictObject(step),
    output: returns<CommitmentReadingView>(),
  },
  'onboarding.acceptCommitment': {
    doc: "Accepts the commitment (我已阅读完成); refused before the scheme's minimum reading time has passed since it was shown.",
    input: z.strictObject({ readingId: id }),
    output: returns<CommitmentReadingView>(),
  },
  'onboarding.submitUnitProfile': {
    doc: 'Saves the unit profile completion (单位信息完善: district, medical-insurance code, handler, certificates) with an accepted commitment and queues it.',
    input: z.strictObject({ ...step, form: unitProfileFormSchema, certificates: files, readingId: id }),
    output: returns<OnboardingView>(),
  },
  'onboarding.updateHandler': {
    doc: "Saves the handler's details (经办人填报) on the unit at once and queues them for the association.",
    input: z.strictObject({ ...step, handler: z.strictObject({ name: text(50), idNumber: residentIdFormat.optional(), phone: mobile, email: email.optional() }) }),
    output: returns<OnboardingView>(),
  },
  'onboarding.changeContactPhone': {
    doc: "Changes the account's contact phone (联系电话变更) on the unit at once and queues it for the association.",
    input: z.strictObject({ ...step, phone: mobile }),
    output: returns<OnboardingView>(),
  },
} as const;
