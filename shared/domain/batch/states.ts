/**
 * The states a batch (参保批次 / 保单) passes through, with the Chinese labels the clerk sees
 * and what each state lets the clerk do. The seeds name the same state differently
 * (Suzhou 待支付, Shanghai 缴费凭证待上传, Shenzhen 待缴费); `seedTerms` records those names so
 * the mapping from a manual to this machine is written down once.
 */

export const BATCH_STATES = [
  'draft',
  'rosterToCheck',
  'checkFailed',
  'checkPassed',
  'premiumConfirmed',
  'queued',
  'underReview',
  'personsRejected',
  'awaitingPayment',
  'paymentProofUploaded',
  'paymentConfirmed',
  'awaitingEffect',
  'inForce',
  'expired',
  'withdrawn',
  'deleted',
] as const;

export type BatchState = (typeof BATCH_STATES)[number];

export interface BatchStateInfo {
  /** The label shown in lists and messages. */
  label: string;
  /** What the seed manuals call this state. */
  seedTerms: readonly string[];
  /** The clerk may still add, change or remove persons (an edit sends a checked batch back to 清册待校验). */
  rosterEditable: boolean;
  /** The batch's persons count for duplicate checks across the unit's batches of the same coverage year. */
  open: boolean;
  /** A state the association's server can hold a batch in, and so report back through sync. */
  reportedByServer: boolean;
  /** Nothing but a correction from the server leads out of it. */
  terminal: boolean;
}

export const BATCH_STATE_INFO: Readonly<Record<BatchState, BatchStateInfo>> = {
  draft: {
    label: '暂存',
    seedTerms: ['暂存'],
    rosterEditable: true,
    open: true,
    reportedByServer: false,
    terminal: false,
  },
  rosterToCheck: {
    label: '清册待校验',
    seedTerms: ['清册待校验', '待校验'],
    rosterEditable: true,
    open: true,
    reportedByServer: false,
    terminal: false,
  },
  checkFailed: {
    label: '清册校验不通过',
    seedTerms: ['清册校验不通过'],
    rosterEditable: true,
    open: true,
    reportedByServer: false,
    terminal: false,
  },
  checkPassed: {
    label: '清册校验通过',
    seedTerms: ['清册校验通过', '校验通过'],
    rosterEditable: true,
    open: true,
    reportedByServer: false,
    terminal: false,
  },
  premiumConfirmed: {
    label: '保费已确认',
    seedTerms: ['提交确认保费'],
    rosterEditable: true,
    open: true,
    reportedByServer: false,
    terminal: false,
  },
  queued: {
    label: '待发送',
    seedTerms: [],
    rosterEditable: false,
    open: true,
    // Local only: the outbox holds the submission (it may have arrived with its response lost).
    reportedByServer: false,
    terminal: false,
  },
  underReview: {
    label: '待审核',
    seedTerms: ['待审核', '初审', '参保初审'],
    rosterEditable: false,
    open: true,
    reportedByServer: true,
    terminal: false,
  },
  personsRejected: {
    label: '审核不通过',
    seedTerms: ['审核不通过', '不可参保人员'],
    rosterEditable: true,
    open: true,
    reportedByServer: true,
    terminal: false,
  },
  awaitingPayment: {
    label: '待缴费',
    seedTerms: ['待缴费', '待支付', '缴费凭证待上传'],
    rosterEditable: false,
    open: true,
    reportedByServer: true,
    terminal: false,
  },
  paymentProofUploaded: {
    label: '缴费凭证已上传',
    seedTerms: ['上传底单', '上传缴费凭证', '等待核对'],
    rosterEditable: false,
    open: true,
    reportedByServer: true,
    terminal: false,
  },
  paymentConfirmed: {
    label: '已确认缴费',
    seedTerms: ['确认缴费信息', '确认收款'],
    rosterEditable: false,
    open: true,
    reportedByServer: true,
    terminal: false,
  },
  awaitingEffect: {
    label: '待生效',
    seedTerms: ['待生效'],
    rosterEditable: false,
    open: true,
    reportedByServer: true,
    terminal: false,
  },
  inForce: {
    label: '已生效',
    seedTerms: ['已生效', '进行中'],
    rosterEditable: false,
    open: true,
    reportedByServer: true,
    terminal: false,
  },
  // Still open: "一个身份证号在一个参保年度只能参保一次" holds for the whole year, after the cover ended too.
  expired: {
    label: '已到期',
    seedTerms: ['保障期满'],
    rosterEditable: false,
    open: true,
    reportedByServer: true,
    terminal: true,
  },
  withdrawn: {
    label: '已撤回',
    seedTerms: ['批次撤回', '已撤回'],
    rosterEditable: false,
    open: false,
    reportedByServer: true,
    terminal: false,
  },
  deleted: {
    label: '已删除',
    seedTerms: ['批次删除'],
    rosterEditable: false,
    open: false,
    reportedByServer: false,
    terminal: true,
  },
};

export function batchStateLabel(state: BatchState): string {
  return BATCH_STATE_INFO[state].label;
}

export function isBatchState(value: unknown): value is BatchState {
  return typeof value === 'string' && (BATCH_STATES as readonly string[]).includes(value);
}

/** May the clerk add, edit or remove persons in this state? */
export function isRosterEditable(state: BatchState): boolean {
  return BATCH_STATE_INFO[state].rosterEditable;
}

/** Do this batch's persons count when looking for duplicates across the unit's batches of the year? */
export function isOpenBatch(state: BatchState): boolean {
  return BATCH_STATE_INFO[state].open;
}

export const OPEN_BATCH_STATES: readonly BatchState[] = BATCH_STATES.filter((s) => BATCH_STATE_INFO[s].open);
export const ROSTER_EDITABLE_STATES: readonly BatchState[] = BATCH_STATES.filter((s) => BATCH_STATE_INFO[s].rosterEditable);

/** States the association's server can report for a batch (targets of `adoptServerState`). */
export const SERVER_REPORTED_STATES: readonly BatchState[] = BATCH_STATES.filter((s) => BATCH_STATE_INFO[s].reportedByServer);

/**
 * From 待缴费 on: the association has approved the batch and set what the unit pays, so its
 * figure is the payable one and invoices may be requested (Shenzhen invoices before paying).
 */
export const BILLED_STATES: readonly BatchState[] = ['awaitingPayment', 'paymentProofUploaded', 'paymentConfirmed', 'awaitingEffect', 'inForce', 'expired'];
