/**
 * Onboarding applications the association reviews (申请参保编码, 单位信息完善): 申请中 until
 * the staff decide, then 审核通过 or 审核不通过 with the reason; after 审核不通过 the unit
 * edits and submits again (seed 002: 可点击右侧【编辑】，修改后重新提交).
 */
export const APPLICATION_KINDS = ['insuranceCode', 'unitProfile'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const APPLICATION_KIND_LABELS: Readonly<Record<ApplicationKind, string>> = {
  insuranceCode: '申请参保编码',
  unitProfile: '单位信息完善',
};

export const APPLICATION_STATES = ['pending', 'approved', 'rejected'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const APPLICATION_STATE_LABELS: Readonly<Record<ApplicationState, string>> = {
  pending: '申请中',
  approved: '审核通过',
  rejected: '审核不通过',
};

/** A new submission of the same application: only when the association turned it down (or it never reached them). */
export function canResubmit(state: ApplicationState | null): boolean {
  return state === null || state === 'rejected';
}

/** Why a submission is refused in the application's current state, or null when it may go. */
export function resubmitRefusal(kind: ApplicationKind, state: ApplicationState | null): string | null {
  if (canResubmit(state)) return null;
  const what = APPLICATION_KIND_LABELS[kind];
  return state === 'pending' ? `${what}正在审核（申请中），审核完毕前不能修改` : `${what}已审核通过，如需修改请联系互助会工作人员`;
}

/** 参保编码 as the association prints them (3019BJ, 09000X, 0072J3): six digits or capital letters. */
export const INSURANCE_CODE_PATTERN = /^[0-9A-Z]{6}$/;

/** The n-th code the reference server issues when the staff give none (n ≥ 1): six base-36 characters. */
export function issuedInsuranceCode(n: number): string {
  // Offset so the first codes do not read as 000001: real codes mix digits and letters.
  return (n + 36 ** 5).toString(36).toUpperCase().slice(-6).padStart(6, '0');
}
