/** What the onboarding operations return: each step's local record with its sending and review state. */
import type { ApplicationKind } from '../domain/onboarding';
import type { OnboardingSpec } from '../domain/scheme/onboardingSchema';
import type { ApiError, Handler } from './dto';

/**
 * Where a step stands for the clerk: the outbox's state while it is on its way (待发送,
 * 发送中, 发送失败), then the association's (申请中, 审核通过, 审核不通过).
 */
export type OnboardingStatus = 'queued' | 'sending' | 'sendFailed' | 'pending' | 'approved' | 'rejected';

export interface OnboardingAttachmentInfo {
  name: string;
  /** MIME type recognised from the content. */
  type: string;
  bytes: number;
}

export interface OnboardingApplicationView {
  /** The client's id, kept across resubmissions. */
  applicationId: string;
  kind: ApplicationKind;
  schemeId: string;
  status: OnboardingStatus;
  /** The form as last submitted. */
  form: Record<string, unknown>;
  attachments: OnboardingAttachmentInfo[];
  /** 审核不通过: why. */
  reason?: string;
  /** 审核通过 (申请参保编码): the code issued. */
  insuranceCode?: string;
  /** The refusal or the last transient error of the sending. */
  sendError?: ApiError;
  /** Whether the clerk may edit and submit it (again) now. */
  editable: boolean;
  submittedAt: string;
  reviewedAt?: string;
}

/** 经办人填报 and 联系电话变更: applied by the server at once, so only the sending state. */
export interface OnboardingChangeView {
  status: Extract<OnboardingStatus, 'queued' | 'sending' | 'sendFailed'> | 'done';
  /** What was sent (the handler, or the new phone). */
  values: Record<string, unknown>;
  requestedAt: string;
  sendError?: ApiError;
}

export interface OnboardingView {
  unitId: string;
  schemeId: string;
  associationName: string;
  /** The steps this association has, with their parameters (scheme data). */
  steps: OnboardingSpec;
  insuranceCode: OnboardingApplicationView | null;
  unitProfile: OnboardingApplicationView | null;
  handler: OnboardingChangeView | null;
  contactPhone: OnboardingChangeView | null;
  /** The account as the association last reported it (the feed's unitProfile), where known. */
  account: {
    insuranceCode?: string;
    medicalInsuranceCode?: string;
    district?: string;
    loginPhone?: string;
    handler: Handler;
  };
}

/** The commitment on screen: it may be accepted from `acceptableAt` on. */
export interface CommitmentReadingView {
  readingId: string;
  title: string;
  paragraphs: string[];
  minReadSeconds: number;
  startedAt: string;
  acceptableAt: string;
  acceptedAt?: string;
}
