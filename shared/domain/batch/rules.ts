/**
 * The batch lifecycle as one table: for every event, the states it may start from, the
 * state it leads to, who may trigger it, and the guard it must pass. `transition()` is the
 * only reader; tests walk the same table.
 *
 * Sources (seed manuals):
 * - Shanghai 2020: 清册待校验 / 清册校验不通过 → 批次删除; 清册校验通过 and 缴费凭证待上传 → 批次撤回
 *   "在缴费凭证未上传之前", with a reason, after which the roster is reworked (状态变回“清册待校验”).
 * - Suzhou 2024: 审核 → 待支付 → 上传底单 → 申请开票 → 进行中 (the invoice request is not a state).
 * - Shenzhen: 暂存 → 校验 → 确认提交 (待审核) → 待缴费 → 等待核对 → 待生效 → 参保完成; 保全 follows the same path.
 * - Qingdao 2025: 参保初审 → 审核通过 → 开票 and payment by transfer, confirmed by the office without
 *   a voucher → 确认书 with 生效日期.
 * - Wuxi 2023: 不可参保人员 are fixed or removed and the roster uploaded again.
 */
import { compareDates, type IsoDate, type Period } from '../dates';
import type { ActorKind, Actor, BatchEvent } from './events';
import { BATCH_EVENT_LABELS } from './events';
import { BATCH_STATE_INFO, BATCH_STATES, batchStateLabel, type BatchState } from './states';

/** What the lifecycle needs to know of a batch. */
export interface BatchLifecycle {
  state: BatchState;
  /** The cover, once known; the app's own `takeEffect` and `expire` are checked against it. */
  cover?: Period | null;
}

/** The result of running the roster checks, which decides between passCheck and failCheck. */
export interface RosterCheckOutcome {
  /** Persons in the batch, named rows plus head-count-only entries (Qingdao 无名单). */
  persons: number;
  /** Rows with at least one error-severity finding (warnings do not block). */
  errorRows: number;
}

export interface TransitionContext {
  /** When it happened, as an ISO 8601 timestamp with offset; never read from a clock here. */
  at: string;
  actor: Actor;
  /** Required for withdraw, refuseSubmission and rejectPaymentProof; kept in the record whenever given. */
  reason?: string;
  /** passCheck / failCheck: the outcome of the checks just run. */
  check?: RosterCheckOutcome;
  /** cancelSubmission: the outbox confirms no attempt to send the submission has been made. */
  notYetSent?: boolean;
  /** The calendar day (China) for the app's own takeEffect and expire. */
  today?: IsoDate;
  /** adoptServerState: the state the server reports. */
  serverState?: BatchState;
}

export interface GuardFailure {
  code: TransitionFailureCode;
  message: string;
}

export type TransitionFailureCode =
  | 'unknownState'
  | 'unknownEvent'
  | 'invalidTimestamp'
  | 'invalidActor'
  | 'illegalTransition'
  | 'actorNotAllowed'
  | 'reasonRequired'
  | 'checkResultRequired'
  | 'rosterEmpty'
  | 'rosterHasErrors'
  | 'rosterHasNoErrors'
  | 'alreadySent'
  | 'coverUnknown'
  | 'coverNotStarted'
  | 'coverNotEnded'
  | 'serverStateRequired'
  | 'notAServerState'
  | 'sameState';

export interface TransitionRule {
  event: BatchEvent;
  from: readonly BatchState[];
  /** The state reached; `serverState` means the one the server reports in the context. */
  to: BatchState | 'serverState';
  actors: readonly ActorKind[];
  /** A reason must be given (and is recorded). */
  reasonRequired?: boolean;
  guard?: (batch: BatchLifecycle, ctx: TransitionContext) => GuardFailure | null;
}

function validOutcome(check: RosterCheckOutcome | undefined): check is RosterCheckOutcome {
  return (
    check !== undefined &&
    Number.isSafeInteger(check.persons) && check.persons >= 0 &&
    Number.isSafeInteger(check.errorRows) && check.errorRows >= 0 && check.errorRows <= check.persons
  );
}

const missingCheck = (event: BatchEvent): GuardFailure => ({
  code: 'checkResultRequired',
  message: `缺少有效的清册校验结果，不能${BATCH_EVENT_LABELS[event]}`,
});

const passGuard: TransitionRule['guard'] = (_batch, ctx) => {
  if (!validOutcome(ctx.check)) return missingCheck('passCheck');
  if (ctx.check.persons === 0) return { code: 'rosterEmpty', message: '清册中没有参保人员，不能标记清册校验通过' };
  if (ctx.check.errorRows > 0) {
    return { code: 'rosterHasErrors', message: `清册还有 ${ctx.check.errorRows} 行未通过校验，不能标记清册校验通过` };
  }
  return null;
};

const failGuard: TransitionRule['guard'] = (_batch, ctx) => {
  if (!validOutcome(ctx.check)) return missingCheck('failCheck');
  if (ctx.check.persons > 0 && ctx.check.errorRows === 0) {
    return { code: 'rosterHasNoErrors', message: '清册全部通过校验，不能标记清册校验不通过' };
  }
  return null;
};

const notYetSentGuard: TransitionRule['guard'] = (_batch, ctx) =>
  ctx.notYetSent === true
    ? null
    : { code: 'alreadySent', message: '批次已开始发送给互助会，不能撤销发送；如需修改，请撤回批次' };

// The server is the authority on its own dates; only the app's automatic moves are checked here.
const coverStartedGuard: TransitionRule['guard'] = (batch, ctx) => {
  if (ctx.actor.kind !== 'system') return null;
  if (!batch.cover || !ctx.today) return { code: 'coverUnknown', message: '缺少保障期或当前日期，系统不能自动生效' };
  if (compareDates(ctx.today, batch.cover.start) < 0) {
    return { code: 'coverNotStarted', message: `保障期自 ${batch.cover.start} 开始，${ctx.today} 还不能生效` };
  }
  return null;
};

const coverEndedGuard: TransitionRule['guard'] = (batch, ctx) => {
  if (ctx.actor.kind !== 'system') return null;
  if (!batch.cover || !ctx.today) return { code: 'coverUnknown', message: '缺少保障期或当前日期，系统不能自动标记到期' };
  if (compareDates(ctx.today, batch.cover.end) <= 0) {
    return { code: 'coverNotEnded', message: `保障期至 ${batch.cover.end} 结束，${ctx.today} 还不能标记为到期` };
  }
  return null;
};

const serverStateGuard: TransitionRule['guard'] = (batch, ctx) => {
  const reported = ctx.serverState;
  if (reported === undefined) return { code: 'serverStateRequired', message: '缺少互助会报告的批次状态' };
  if (!(BATCH_STATES as readonly string[]).includes(reported) || !BATCH_STATE_INFO[reported].reportedByServer) {
    return { code: 'notAServerState', message: `“${String(reported)}”不是互助会可以报告的批次状态` };
  }
  if (reported === batch.state) return { code: 'sameState', message: `批次已是“${batchStateLabel(reported)}”状态` };
  return null;
};

/** Before the association has it: the clerk may still throw a batch away (Shanghai 批次删除). */
const DELETABLE: readonly BatchState[] = ['draft', 'rosterToCheck', 'checkFailed', 'checkPassed', 'premiumConfirmed', 'withdrawn'];

/** Shanghai: 批次撤回 after submission and "在缴费凭证未上传之前". */
const WITHDRAWABLE: readonly BatchState[] = ['queued', 'underReview', 'personsRejected', 'awaitingPayment'];

export const TRANSITION_RULES: readonly TransitionRule[] = [
  // Any change to the persons sends a checked batch back to be checked again.
  { event: 'editRoster', from: ['draft', 'checkFailed', 'checkPassed', 'premiumConfirmed', 'personsRejected'], to: 'rosterToCheck', actors: ['clerk'] },
  { event: 'passCheck', from: ['rosterToCheck', 'checkFailed'], to: 'checkPassed', actors: ['clerk', 'system'], guard: passGuard },
  // A new scheme version can make a checked roster fail without any edit.
  { event: 'failCheck', from: ['rosterToCheck', 'checkPassed', 'premiumConfirmed'], to: 'checkFailed', actors: ['clerk', 'system'], guard: failGuard },
  { event: 'confirmPremium', from: ['checkPassed'], to: 'premiumConfirmed', actors: ['clerk'] },
  { event: 'changePlans', from: ['premiumConfirmed'], to: 'checkPassed', actors: ['clerk'] },
  { event: 'submit', from: ['premiumConfirmed'], to: 'queued', actors: ['clerk'] },
  { event: 'cancelSubmission', from: ['queued'], to: 'premiumConfirmed', actors: ['clerk'], guard: notYetSentGuard },
  { event: 'acknowledge', from: ['queued'], to: 'underReview', actors: ['server'] },
  // A permanent refusal (window closed, account not approved) hands the batch back to the clerk.
  { event: 'refuseSubmission', from: ['queued'], to: 'premiumConfirmed', actors: ['server'], reasonRequired: true },
  { event: 'approve', from: ['underReview'], to: 'awaitingPayment', actors: ['server'] },
  { event: 'rejectPersons', from: ['underReview'], to: 'personsRejected', actors: ['server'] },
  { event: 'uploadPaymentProof', from: ['awaitingPayment'], to: 'paymentProofUploaded', actors: ['clerk'] },
  { event: 'rejectPaymentProof', from: ['paymentProofUploaded'], to: 'awaitingPayment', actors: ['server'], reasonRequired: true },
  // Qingdao confirms transfers without a voucher, hence also straight from awaitingPayment.
  { event: 'confirmPayment', from: ['awaitingPayment', 'paymentProofUploaded'], to: 'paymentConfirmed', actors: ['server'] },
  { event: 'scheduleEffect', from: ['paymentConfirmed'], to: 'awaitingEffect', actors: ['server'] },
  // Suzhou: 进行中 as soon as payment and invoice are done, without 待生效.
  { event: 'takeEffect', from: ['paymentConfirmed', 'awaitingEffect'], to: 'inForce', actors: ['server', 'system'], guard: coverStartedGuard },
  { event: 'expire', from: ['inForce'], to: 'expired', actors: ['server', 'system'], guard: coverEndedGuard },
  { event: 'withdraw', from: WITHDRAWABLE, to: 'withdrawn', actors: ['clerk'], reasonRequired: true },
  { event: 'reopen', from: ['withdrawn'], to: 'rosterToCheck', actors: ['clerk'] },
  { event: 'delete', from: DELETABLE, to: 'deleted', actors: ['clerk'] },
  // Once the association has a batch its state wins (e.g. it confirmed payment while a
  // withdrawal was on its way); the record keeps the jump visible.
  { event: 'adoptServerState', from: BATCH_STATES, to: 'serverState', actors: ['server'], guard: serverStateGuard },
];

export function ruleFor(state: BatchState, event: BatchEvent): TransitionRule | undefined {
  return TRANSITION_RULES.find((r) => r.event === event && r.from.includes(state));
}
