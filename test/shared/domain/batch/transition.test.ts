import { describe, it, expect } from 'vitest';
import {
  BATCH_EVENTS,
  BATCH_STATES,
  availableEvents,
  batchStateLabel,
  legalTransitions,
  transition,
  type ActorKind,
  type BatchEvent,
  type BatchLifecycle,
  type BatchState,
  type TransitionContext,
  type TransitionRecord,
} from '../../../../shared/domain/batch';

const AT = '2020-04-15T09:30:00+08:00';
const clerk = { kind: 'clerk', name: '丁一' } as const;
const server = { kind: 'server', name: '市职保会' } as const;
const system = { kind: 'system' } as const;
const actorOf = { clerk, server, system } as const;

/** What each event needs beyond time and actor to pass its guard (the legal case). */
function extrasFor(event: BatchEvent, to: BatchState): Partial<TransitionContext> {
  switch (event) {
    case 'passCheck':
      return { check: { persons: 8, errorRows: 0 } };
    case 'failCheck':
      return { check: { persons: 8, errorRows: 1 } };
    case 'cancelSubmission':
      return { notYetSent: true };
    case 'withdraw':
      return { reason: '漏选保障项目，重新选择' };
    case 'refuseSubmission':
      return { reason: '集中参保通道已关闭' };
    case 'rejectPaymentProof':
      return { reason: '缴费金额与应缴保费不一致' };
    case 'adoptServerState':
      return { serverState: to };
    default:
      return {};
  }
}

const cover = { start: '2020-04-01', end: '2021-03-31' };

// Written out from the seeds rather than derived from the rule table, so the table is checked against it.
const LEGAL: [BatchState, BatchEvent, BatchState, ActorKind][] = [
  ['draft', 'editRoster', 'rosterToCheck', 'clerk'],
  ['checkFailed', 'editRoster', 'rosterToCheck', 'clerk'],
  ['checkPassed', 'editRoster', 'rosterToCheck', 'clerk'],
  ['premiumConfirmed', 'editRoster', 'rosterToCheck', 'clerk'],
  ['personsRejected', 'editRoster', 'rosterToCheck', 'clerk'],
  ['rosterToCheck', 'passCheck', 'checkPassed', 'clerk'],
  ['rosterToCheck', 'passCheck', 'checkPassed', 'system'],
  ['checkFailed', 'passCheck', 'checkPassed', 'clerk'],
  ['checkFailed', 'passCheck', 'checkPassed', 'system'],
  ['rosterToCheck', 'failCheck', 'checkFailed', 'clerk'],
  ['rosterToCheck', 'failCheck', 'checkFailed', 'system'],
  ['checkPassed', 'failCheck', 'checkFailed', 'clerk'],
  ['checkPassed', 'failCheck', 'checkFailed', 'system'],
  ['premiumConfirmed', 'failCheck', 'checkFailed', 'clerk'],
  ['premiumConfirmed', 'failCheck', 'checkFailed', 'system'],
  ['checkPassed', 'confirmPremium', 'premiumConfirmed', 'clerk'],
  ['premiumConfirmed', 'changePlans', 'checkPassed', 'clerk'],
  ['premiumConfirmed', 'submit', 'queued', 'clerk'],
  ['queued', 'cancelSubmission', 'premiumConfirmed', 'clerk'],
  ['queued', 'acknowledge', 'underReview', 'server'],
  ['queued', 'refuseSubmission', 'premiumConfirmed', 'server'],
  ['underReview', 'approve', 'awaitingPayment', 'server'],
  ['underReview', 'rejectPersons', 'personsRejected', 'server'],
  ['awaitingPayment', 'uploadPaymentProof', 'paymentProofUploaded', 'clerk'],
  ['paymentProofUploaded', 'rejectPaymentProof', 'awaitingPayment', 'server'],
  ['awaitingPayment', 'confirmPayment', 'paymentConfirmed', 'server'],
  ['paymentProofUploaded', 'confirmPayment', 'paymentConfirmed', 'server'],
  ['paymentConfirmed', 'scheduleEffect', 'awaitingEffect', 'server'],
  ['paymentConfirmed', 'takeEffect', 'inForce', 'server'],
  ['paymentConfirmed', 'takeEffect', 'inForce', 'system'],
  ['awaitingEffect', 'takeEffect', 'inForce', 'server'],
  ['awaitingEffect', 'takeEffect', 'inForce', 'system'],
  ['inForce', 'expire', 'expired', 'server'],
  ['inForce', 'expire', 'expired', 'system'],
  ['queued', 'withdraw', 'withdrawn', 'clerk'],
  ['underReview', 'withdraw', 'withdrawn', 'clerk'],
  ['personsRejected', 'withdraw', 'withdrawn', 'clerk'],
  ['awaitingPayment', 'withdraw', 'withdrawn', 'clerk'],
  ['withdrawn', 'reopen', 'rosterToCheck', 'clerk'],
  ['draft', 'delete', 'deleted', 'clerk'],
  ['rosterToCheck', 'delete', 'deleted', 'clerk'],
  ['checkFailed', 'delete', 'deleted', 'clerk'],
  ['checkPassed', 'delete', 'deleted', 'clerk'],
  ['premiumConfirmed', 'delete', 'deleted', 'clerk'],
  ['withdrawn', 'delete', 'deleted', 'clerk'],
];

const SERVER_STATES: BatchState[] = [
  'underReview', 'personsRejected', 'awaitingPayment', 'paymentProofUploaded', 'paymentConfirmed',
  'awaitingEffect', 'inForce', 'expired', 'withdrawn',
];

function run(from: BatchState, event: BatchEvent, actor: ActorKind, extras: Partial<TransitionContext> = {}, batch: Partial<BatchLifecycle> = {}) {
  return transition({ state: from, cover, ...batch }, event, { at: AT, actor: actorOf[actor], today: '2021-04-01', ...extras });
}

describe('every legal transition', () => {
  it.each(LEGAL)('%s --%s--> %s (by %s)', (from, event, to, actor) => {
    const result = run(from, event, actor, extrasFor(event, to));
    expect(result).toMatchObject({ ok: true, state: to });
    if (!result.ok) return;
    expect(result.record).toMatchObject({ from, to, event, at: AT, actor: actorOf[actor] });
  });

  it('the server may correct any state to any state it can report', () => {
    for (const from of BATCH_STATES) {
      for (const to of SERVER_STATES.filter((s) => s !== from)) {
        const result = run(from, 'adoptServerState', 'server', { serverState: to, reason: '互助会已确认缴费，撤回未生效' });
        expect(result, `${from} → ${to}`).toMatchObject({ ok: true, state: to, record: { reason: '互助会已确认缴费，撤回未生效' } });
      }
    }
  });

  it('the machine allows exactly these transitions and no others', () => {
    const key = (from: string, event: string, to: string) => `${from} --${event}--> ${to}`;
    const expected = new Set(LEGAL.map(([from, event, to]) => key(from, event, to)));
    for (const from of BATCH_STATES) for (const to of SERVER_STATES) if (to !== from) expected.add(key(from, 'adoptServerState', to));
    const actual = new Set(legalTransitions().map((t) => key(t.from, t.event, t.to)));
    expect([...actual].sort()).toEqual([...expected].sort());
    const actors = new Set(LEGAL.map(([from, event, , actor]) => `${from}/${event}/${actor}`));
    for (const t of legalTransitions()) {
      if (t.event === 'adoptServerState') continue;
      for (const a of t.actors) expect(actors.has(`${t.from}/${t.event}/${a}`), `${t.from}/${t.event}/${a}`).toBe(true);
    }
  });
});

describe('illegal transitions are refused with a message naming the state and the action', () => {
  const ILLEGAL: [BatchState, BatchEvent, ActorKind, string][] = [
    ['awaitingPayment', 'delete', 'clerk', '批次当前状态为“待缴费”，不能删除'],
    ['underReview', 'delete', 'clerk', '批次当前状态为“待审核”，不能删除'],
    // Shanghai: 批次撤回 only "在缴费凭证未上传之前".
    ['paymentProofUploaded', 'withdraw', 'clerk', '批次当前状态为“缴费凭证已上传”，不能撤回'],
    ['paymentConfirmed', 'withdraw', 'clerk', '批次当前状态为“已确认缴费”，不能撤回'],
    ['inForce', 'withdraw', 'clerk', '批次当前状态为“已生效”，不能撤回'],
    ['draft', 'withdraw', 'clerk', '批次当前状态为“暂存”，不能撤回'],
    ['draft', 'submit', 'clerk', '批次当前状态为“暂存”，不能提交'],
    ['rosterToCheck', 'submit', 'clerk', '批次当前状态为“清册待校验”，不能提交'],
    ['checkFailed', 'confirmPremium', 'clerk', '批次当前状态为“清册校验不通过”，不能确认保费'],
    ['checkPassed', 'submit', 'clerk', '批次当前状态为“清册校验通过”，不能提交'],
    // Suzhou: 提交过后的名单不能修改.
    ['underReview', 'editRoster', 'clerk', '批次当前状态为“待审核”，不能修改清册'],
    ['queued', 'editRoster', 'clerk', '批次当前状态为“待发送”，不能修改清册'],
    ['inForce', 'editRoster', 'clerk', '批次当前状态为“已生效”，不能修改清册'],
    ['rosterToCheck', 'uploadPaymentProof', 'clerk', '批次当前状态为“清册待校验”，不能上传缴费凭证'],
    ['paymentProofUploaded', 'uploadPaymentProof', 'clerk', '批次当前状态为“缴费凭证已上传”，不能上传缴费凭证'],
    ['awaitingPayment', 'approve', 'server', '批次当前状态为“待缴费”，不能审核通过'],
    ['underReview', 'confirmPayment', 'server', '批次当前状态为“待审核”，不能确认缴费'],
    ['expired', 'reopen', 'clerk', '批次当前状态为“已到期”，不能重新整理清册'],
    ['deleted', 'reopen', 'clerk', '批次当前状态为“已删除”，不能重新整理清册'],
    ['deleted', 'delete', 'clerk', '批次当前状态为“已删除”，不能删除'],
    ['withdrawn', 'submit', 'clerk', '批次当前状态为“已撤回”，不能提交'],
    ['inForce', 'takeEffect', 'server', '批次当前状态为“已生效”，不能生效'],
  ];
  it.each(ILLEGAL)('%s / %s', (from, event, actor, message) => {
    expect(run(from, event, actor, extrasFor(event, from))).toEqual({ ok: false, code: 'illegalTransition', message });
  });

  it('every pair outside the table is refused, naming the current state', () => {
    const legal = new Set(legalTransitions().map((t) => `${t.from}/${t.event}`));
    let refused = 0;
    for (const from of BATCH_STATES) {
      for (const event of BATCH_EVENTS) {
        if (legal.has(`${from}/${event}`)) continue;
        const result = run(from, event, 'clerk', extrasFor(event, from));
        expect(result).toMatchObject({ ok: false, code: 'illegalTransition' });
        if (!result.ok) expect(result.message.startsWith(`批次当前状态为“${batchStateLabel(from)}”，不能`)).toBe(true);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(250);
  });
});

describe('who may trigger an event', () => {
  const CASES: [BatchState, BatchEvent, ActorKind, string][] = [
    ['underReview', 'approve', 'clerk', '批次当前状态为“待审核”，经办人不能审核通过（只能由互助会操作）'],
    ['awaitingPayment', 'confirmPayment', 'clerk', '批次当前状态为“待缴费”，经办人不能确认缴费（只能由互助会操作）'],
    ['premiumConfirmed', 'submit', 'server', '批次当前状态为“保费已确认”，互助会不能提交（只能由经办人操作）'],
    ['awaitingPayment', 'withdraw', 'system', '批次当前状态为“待缴费”，系统不能撤回（只能由经办人操作）'],
    ['inForce', 'expire', 'clerk', '批次当前状态为“已生效”，经办人不能到期（只能由互助会或系统操作）'],
    ['queued', 'adoptServerState', 'clerk', '批次当前状态为“待发送”，经办人不能同步互助会状态（只能由互助会操作）'],
  ];
  it.each(CASES)('%s / %s by %s', (from, event, actor, message) => {
    expect(run(from, event, actor, { ...extrasFor(event, 'awaitingPayment'), reason: '原因' })).toEqual({ ok: false, code: 'actorNotAllowed', message });
  });
});

describe('guards', () => {
  it.each([
    ['no reason', undefined],
    ['a blank reason', '   '],
  ])('withdrawal needs a reason (%s)', (_n, reason) => {
    expect(run('awaitingPayment', 'withdraw', 'clerk', reason === undefined ? {} : { reason })).toEqual({
      ok: false,
      code: 'reasonRequired',
      message: '撤回必须填写原因',
    });
  });

  it('the withdrawal reason is kept, trimmed', () => {
    const result = run('underReview', 'withdraw', 'clerk', { reason: '  参保编码输入错误 ' });
    expect(result.ok && result.record.reason).toBe('参保编码输入错误');
  });

  it.each([
    ['refuseSubmission', 'queued', '拒收必须填写原因'],
    ['rejectPaymentProof', 'paymentProofUploaded', '退回缴费凭证必须填写原因'],
  ] as const)('%s needs a reason', (event, from, message) => {
    expect(run(from, event, 'server')).toEqual({ ok: false, code: 'reasonRequired', message });
  });

  it('an optional reason is recorded when given and left out when not', () => {
    const withReason = run('underReview', 'rejectPersons', 'server', { reason: '3 人被其他单位占用' });
    expect(withReason.ok && withReason.record.reason).toBe('3 人被其他单位占用');
    const without = run('underReview', 'approve', 'server');
    expect(without.ok && 'reason' in without.record).toBe(false);
  });

  const CHECKS: [string, BatchEvent, TransitionContext['check'], string, string][] = [
    ['rows with errors cannot pass', 'passCheck', { persons: 120, errorRows: 3 }, 'rosterHasErrors', '清册还有 3 行未通过校验，不能标记清册校验通过'],
    ['an empty roster cannot pass', 'passCheck', { persons: 0, errorRows: 0 }, 'rosterEmpty', '清册中没有参保人员，不能标记清册校验通过'],
    ['a clean roster cannot fail', 'failCheck', { persons: 120, errorRows: 0 }, 'rosterHasNoErrors', '清册全部通过校验，不能标记清册校验不通过'],
    ['passing needs a check result', 'passCheck', undefined, 'checkResultRequired', '缺少有效的清册校验结果，不能标记清册校验通过'],
    ['more error rows than persons is no result', 'failCheck', { persons: 2, errorRows: 5 }, 'checkResultRequired', '缺少有效的清册校验结果，不能标记清册校验不通过'],
    ['fractional counts are no result', 'passCheck', { persons: 1.5, errorRows: 0 }, 'checkResultRequired', '缺少有效的清册校验结果，不能标记清册校验通过'],
  ];
  it.each(CHECKS)('%s', (_n, event, check, code, message) => {
    expect(run('rosterToCheck', event, 'clerk', check ? { check } : {})).toEqual({ ok: false, code, message });
  });

  it('an empty roster fails the check', () => {
    expect(run('rosterToCheck', 'failCheck', 'clerk', { check: { persons: 0, errorRows: 0 } })).toMatchObject({ ok: true, state: 'checkFailed' });
  });

  it('a submission can be called back only while the outbox has not tried to send it', () => {
    expect(run('queued', 'cancelSubmission', 'clerk')).toEqual({
      ok: false,
      code: 'alreadySent',
      message: '批次已开始发送给互助会，不能撤销发送；如需修改，请撤回批次',
    });
    expect(run('queued', 'cancelSubmission', 'clerk', { notYetSent: false }).ok).toBe(false);
  });

  const DATES: [string, BatchState, BatchEvent, Partial<BatchLifecycle>, string | undefined, string | null][] = [
    ['takes effect on the first day of cover', 'awaitingEffect', 'takeEffect', {}, '2020-04-01', null],
    ['not before it', 'awaitingEffect', 'takeEffect', {}, '2020-03-31', '保障期自 2020-04-01 开始，2020-03-31 还不能生效'],
    ['expires the day after cover ends', 'inForce', 'expire', {}, '2021-04-01', null],
    ['not on its last day', 'inForce', 'expire', {}, '2021-03-31', '保障期至 2021-03-31 结束，2021-03-31 还不能标记为到期'],
    ['not without a cover', 'inForce', 'expire', { cover: null }, '2021-04-01', '缺少保障期或当前日期，系统不能自动标记到期'],
    ['not without today', 'paymentConfirmed', 'takeEffect', {}, undefined, '缺少保障期或当前日期，系统不能自动生效'],
  ];
  it.each(DATES)('the app %s', (_n, from, event, batch, today, message) => {
    const result = transition({ state: from, cover, ...batch }, event, { at: AT, actor: system, ...(today ? { today } : {}) });
    if (message === null) expect(result.ok).toBe(true);
    else expect(result).toMatchObject({ ok: false, message });
  });

  it('the server sets its own dates: no date guard for it', () => {
    expect(transition({ state: 'awaitingEffect', cover: null }, 'takeEffect', { at: AT, actor: server }).ok).toBe(true);
  });

  it.each([
    ['no reported state', undefined, 'serverStateRequired', '缺少互助会报告的批次状态'],
    ['a local-only state', 'queued', 'notAServerState', '“queued”不是互助会可以报告的批次状态'],
    ['the state it is already in', 'awaitingPayment', 'sameState', '批次已是“待缴费”状态'],
    ['garbage from the wire', 'approved', 'notAServerState', '“approved”不是互助会可以报告的批次状态'],
  ])('adopting the server state refuses %s', (_n, serverState, code, message) => {
    const ctx = serverState === undefined ? {} : { serverState: serverState as BatchState };
    expect(run('awaitingPayment', 'adoptServerState', 'server', ctx)).toEqual({ ok: false, code, message });
  });
});

describe('time and input', () => {
  it('records the time passed in, never the clock', () => {
    const at = '1999-12-31T23:59:59.123Z';
    const result = transition({ state: 'draft' }, 'editRoster', { at, actor: clerk });
    expect(result.ok && result.record.at).toBe(at);
  });

  it.each(['2020-04-15', '2020-04-15T09:30:00', '2020-02-30T09:30:00+08:00', '2020-04-15 09:30:00+08:00', '2020-04-15T24:00:00Z', ''])(
    'refuses the timestamp %j',
    (at) => {
      expect(transition({ state: 'draft' }, 'editRoster', { at, actor: clerk })).toMatchObject({ ok: false, code: 'invalidTimestamp' });
    },
  );

  it('refuses unknown states, events and actors from untyped callers', () => {
    expect(transition({ state: 'paid' as BatchState }, 'submit', { at: AT, actor: clerk })).toEqual({ ok: false, code: 'unknownState', message: '未知的批次状态：paid' });
    expect(transition({ state: 'draft' }, 'pay' as BatchEvent, { at: AT, actor: clerk })).toEqual({ ok: false, code: 'unknownEvent', message: '未知的批次操作：pay' });
    expect(transition({ state: 'draft' }, 'editRoster', { at: AT, actor: { kind: 'admin' as ActorKind } })).toMatchObject({ ok: false, code: 'invalidActor' });
  });

  it('does not share the actor object with the caller', () => {
    const actor = { kind: 'clerk' as const, name: '丁一' };
    const result = transition({ state: 'draft' }, 'editRoster', { at: AT, actor });
    actor.name = '别人';
    expect(result.ok && result.record.actor.name).toBe('丁一');
  });
});

describe('available actions', () => {
  it.each<[BatchState, ActorKind, BatchEvent[]]>([
    ['draft', 'clerk', ['editRoster', 'delete']],
    ['rosterToCheck', 'clerk', ['passCheck', 'failCheck', 'delete']],
    ['premiumConfirmed', 'clerk', ['editRoster', 'failCheck', 'changePlans', 'submit', 'delete']],
    ['queued', 'clerk', ['cancelSubmission', 'withdraw']],
    ['awaitingPayment', 'clerk', ['uploadPaymentProof', 'withdraw']],
    ['paymentProofUploaded', 'clerk', []],
    ['withdrawn', 'clerk', ['reopen', 'delete']],
    ['underReview', 'server', ['approve', 'rejectPersons', 'adoptServerState']],
    ['inForce', 'system', ['expire']],
  ])('%s for the %s', (state, actor, events) => {
    expect(availableEvents(state, actor)).toEqual(events);
  });
});

/** Runs a seed's flow step by step; returns the labels passed through and the history. */
function walk(start: BatchState, steps: [BatchEvent, ActorKind, Partial<TransitionContext>?][], batch: Partial<BatchLifecycle> = {}) {
  let state = start;
  const labels = [batchStateLabel(state)];
  const history: TransitionRecord[] = [];
  steps.forEach(([event, actor, extras], i) => {
    const at = `2020-04-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`;
    const result = transition({ state, cover, ...batch }, event, { at, actor: actorOf[actor], ...extras });
    if (!result.ok) throw new Error(`step ${i} ${event} from ${state}: ${result.message}`);
    history.push(result.record);
    state = result.state;
    labels.push(batchStateLabel(state));
  });
  return { state, labels, history };
}

const passed = { check: { persons: 8, errorRows: 0 } };
const failed = { check: { persons: 8, errorRows: 1 } };

describe('happy paths from the seed manuals', () => {
  it('Shanghai central enrollment: over-age fixed, submitted, withdrawn to reselect plans, paid, in force, expired', () => {
    const { labels, history, state } = walk('draft', [
      ['editRoster', 'clerk'], // 导入参保人员
      ['failCheck', 'clerk', failed], // 在职超龄
      ['editRoster', 'clerk'], // 勾选【医保享受在职待遇】
      ['passCheck', 'clerk', passed],
      ['confirmPremium', 'clerk'], // 提交确认保费
      ['submit', 'clerk'],
      ['acknowledge', 'server'],
      ['approve', 'server'], // 缴费凭证待上传
      ['withdraw', 'clerk', { reason: '漏选保障项目' }], // 批次撤回 before the voucher
      ['reopen', 'clerk'], // 状态将变回“清册待校验”
      ['passCheck', 'clerk', passed],
      ['confirmPremium', 'clerk'],
      ['submit', 'clerk'],
      ['acknowledge', 'server'],
      ['approve', 'server'],
      ['uploadPaymentProof', 'clerk'], // 缴费凭证 (15 天内)
      ['confirmPayment', 'server'],
      ['takeEffect', 'system', { today: '2020-04-01' }],
      ['expire', 'system', { today: '2021-04-01' }],
    ]);
    expect(labels).toEqual([
      '暂存', '清册待校验', '清册校验不通过', '清册待校验', '清册校验通过', '保费已确认', '待发送', '待审核', '待缴费',
      '已撤回', '清册待校验', '清册校验通过', '保费已确认', '待发送', '待审核', '待缴费', '缴费凭证已上传', '已确认缴费', '已生效', '已到期',
    ]);
    expect(state).toBe('expired');
    expect(history.find((r) => r.event === 'withdraw')).toMatchObject({ from: 'awaitingPayment', to: 'withdrawn', reason: '漏选保障项目' });
  });

  it('Shanghai: a batch with the wrong insurance code is deleted while its check fails (批次删除)', () => {
    const { labels } = walk('rosterToCheck', [['failCheck', 'clerk', failed], ['delete', 'clerk']]);
    expect(labels).toEqual(['清册待校验', '清册校验不通过', '已删除']);
  });

  it('Suzhou renewal: 审核 → 待支付 → 上传底单 → 进行中 (no 待生效)', () => {
    const { labels } = walk('draft', [
      ['editRoster', 'clerk'],
      ['passCheck', 'clerk', passed],
      ['confirmPremium', 'clerk'],
      ['submit', 'clerk'],
      ['acknowledge', 'server'],
      ['approve', 'server'],
      ['uploadPaymentProof', 'clerk'],
      ['confirmPayment', 'server'],
      ['takeEffect', 'server'],
      ['expire', 'server'],
    ]);
    expect(labels).toEqual(['暂存', '清册待校验', '清册校验通过', '保费已确认', '待发送', '待审核', '待缴费', '缴费凭证已上传', '已确认缴费', '已生效', '已到期']);
  });

  // 保全 (保单补充) runs the same steps (提交保全名单 → 待审核 → 待缴费 → 待生效), so one walk covers both.
  it('Shenzhen policy: 暂存 → 待审核 → 待缴费 → 等待核对 → 待生效 → 已生效', () => {
    const { labels } = walk('draft', [
      ['editRoster', 'clerk'],
      ['passCheck', 'clerk', passed],
      ['confirmPremium', 'clerk'],
      ['submit', 'clerk'], // 确认提交
      ['acknowledge', 'server'],
      ['approve', 'server'], // 待缴费
      ['uploadPaymentProof', 'clerk'], // 填写划款信息, 等待核对
      ['confirmPayment', 'server'],
      ['scheduleEffect', 'server'], // 待生效
      ['takeEffect', 'server'], // 设置完生效时间
    ]);
    expect(labels).toEqual(['暂存', '清册待校验', '清册校验通过', '保费已确认', '待发送', '待审核', '待缴费', '缴费凭证已上传', '已确认缴费', '待生效', '已生效']);
  });

  it('Qingdao: 初审, payment by transfer confirmed without a voucher, 确认书 with 生效日期', () => {
    const { labels } = walk('draft', [
      ['editRoster', 'clerk'],
      ['passCheck', 'clerk', { check: { persons: 25, errorRows: 0 } }],
      ['confirmPremium', 'clerk'],
      ['submit', 'clerk'], // 完成
      ['acknowledge', 'server'], // 参保初审
      ['approve', 'server'], // 审核通过的短信
      ['confirmPayment', 'server'], // 次月初确认收款
      ['scheduleEffect', 'server'],
      ['takeEffect', 'system', { today: '2020-04-01' }],
    ]);
    expect(labels).toEqual(['暂存', '清册待校验', '清册校验通过', '保费已确认', '待发送', '待审核', '待缴费', '已确认缴费', '待生效', '已生效']);
  });

  it('Wuxi: 不可参保人员 fixed and the roster submitted again', () => {
    const { labels } = walk('premiumConfirmed', [
      ['submit', 'clerk'],
      ['acknowledge', 'server'],
      ['rejectPersons', 'server', { reason: '2 人证件号码有误' }],
      ['editRoster', 'clerk'],
      ['passCheck', 'clerk', passed],
      ['confirmPremium', 'clerk'],
      ['submit', 'clerk'],
      ['acknowledge', 'server'],
      ['approve', 'server'],
    ]);
    expect(labels).toEqual(['保费已确认', '待发送', '待审核', '审核不通过', '清册待校验', '清册校验通过', '保费已确认', '待发送', '待审核', '待缴费']);
  });

  it('every history is a chain: each record starts where the previous one ended', () => {
    const { history } = walk('draft', [
      ['editRoster', 'clerk'],
      ['passCheck', 'clerk', passed],
      ['confirmPremium', 'clerk'],
      ['submit', 'clerk'],
      ['withdraw', 'clerk', { reason: '提交错了单位' }],
      ['adoptServerState', 'server', { serverState: 'paymentConfirmed', reason: '互助会已确认缴费' }],
    ]);
    for (let i = 1; i < history.length; i++) expect(history[i]!.from).toBe(history[i - 1]!.to);
    expect(history.at(-1)).toMatchObject({ from: 'withdrawn', to: 'paymentConfirmed', event: 'adoptServerState' });
  });
});
