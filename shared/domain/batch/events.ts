/**
 * What can happen to a batch, and who may make it happen: the clerk on this machine, the
 * association's server (its changes arrive through sync), or the app itself (a date passing).
 */

export const BATCH_EVENTS = [
  'editRoster',
  'passCheck',
  'failCheck',
  'confirmPremium',
  'changePlans',
  'submit',
  'cancelSubmission',
  'acknowledge',
  'refuseSubmission',
  'approve',
  'rejectPersons',
  'uploadPaymentProof',
  'rejectPaymentProof',
  'confirmPayment',
  'scheduleEffect',
  'takeEffect',
  'expire',
  'withdraw',
  'reopen',
  'delete',
  'adoptServerState',
] as const;

export type BatchEvent = (typeof BATCH_EVENTS)[number];

/** `clerk`: the unit's clerk in this app; `server`: the association, via sync; `system`: this app, on a date. */
export const ACTOR_KINDS = ['clerk', 'server', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const ACTOR_KIND_LABELS: Readonly<Record<ActorKind, string>> = {
  clerk: '经办人',
  server: '互助会',
  system: '系统',
};

export interface Actor {
  kind: ActorKind;
  /** The clerk's account or name, or the association staff member the server reports. */
  name?: string;
}

/**
 * Each event as the verb a refusal names ("批次当前状态为“待缴费”，不能删除"), so labels read as
 * actions, not as the states they lead to.
 */
export const BATCH_EVENT_LABELS: Readonly<Record<BatchEvent, string>> = {
  editRoster: '修改清册',
  passCheck: '标记清册校验通过',
  failCheck: '标记清册校验不通过',
  confirmPremium: '确认保费',
  changePlans: '重新选择保障项目',
  submit: '提交',
  cancelSubmission: '撤销发送',
  acknowledge: '受理',
  refuseSubmission: '拒收',
  approve: '审核通过',
  rejectPersons: '审核不通过',
  uploadPaymentProof: '上传缴费凭证',
  rejectPaymentProof: '退回缴费凭证',
  confirmPayment: '确认缴费',
  scheduleEffect: '设置生效日期',
  takeEffect: '生效',
  expire: '到期',
  withdraw: '撤回',
  reopen: '重新整理清册',
  delete: '删除',
  adoptServerState: '同步互助会状态',
};

export function isBatchEvent(value: unknown): value is BatchEvent {
  return typeof value === 'string' && (BATCH_EVENTS as readonly string[]).includes(value);
}
