import { describe, it, expect } from 'vitest';
import {
  BATCH_STATES,
  BATCH_STATE_INFO,
  ENROLLMENT_TYPES,
  ENROLLMENT_TYPE_LABELS,
  OPEN_BATCH_STATES,
  ROSTER_EDITABLE_STATES,
  SERVER_REPORTED_STATES,
  batchStateLabel,
  isBatchState,
  isOpenBatch,
  isRosterEditable,
  type BatchState,
} from '../../../../shared/domain/batch';

describe('batch states', () => {
  it('every state has its own Chinese label', () => {
    const labels = BATCH_STATES.map(batchStateLabel);
    expect(new Set(labels).size).toBe(BATCH_STATES.length);
    for (const label of labels) expect(label).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  // Each manual's word for a state, and the state it is.
  it.each<[string, BatchState]>([
    ['暂存', 'draft'], // Shenzhen
    ['清册待校验', 'rosterToCheck'], // Shanghai
    ['清册校验不通过', 'checkFailed'],
    ['清册校验通过', 'checkPassed'],
    ['待审核', 'underReview'], // Shenzhen
    ['初审', 'underReview'], // Qingdao
    ['待支付', 'awaitingPayment'], // Suzhou
    ['待缴费', 'awaitingPayment'], // Shenzhen
    ['缴费凭证待上传', 'awaitingPayment'], // Shanghai
    ['等待核对', 'paymentProofUploaded'], // Shenzhen
    ['上传底单', 'paymentProofUploaded'], // Suzhou
    ['待生效', 'awaitingEffect'], // Shenzhen
    ['进行中', 'inForce'], // Suzhou
    ['不可参保人员', 'personsRejected'], // Wuxi
    ['批次撤回', 'withdrawn'], // Shanghai
    ['批次删除', 'deleted'],
  ])('the seeds’ “%s” is %s', (term, state) => {
    const owners = BATCH_STATES.filter((s) => BATCH_STATE_INFO[s].seedTerms.includes(term));
    expect(owners).toEqual([state]);
  });

  it('the clerk edits the roster only before submission, or to fix rejected persons', () => {
    expect(ROSTER_EDITABLE_STATES).toEqual(['draft', 'rosterToCheck', 'checkFailed', 'checkPassed', 'premiumConfirmed', 'personsRejected']);
    expect(isRosterEditable('awaitingPayment')).toBe(false);
    expect(isRosterEditable('personsRejected')).toBe(true);
  });

  it('withdrawn and deleted batches do not count for duplicate checks; all others do', () => {
    expect(BATCH_STATES.filter((s) => !isOpenBatch(s))).toEqual(['withdrawn', 'deleted']);
    expect(OPEN_BATCH_STATES).toContain('expired'); // 一个身份证号在一个参保年度只能参保一次
    expect(OPEN_BATCH_STATES).toContain('draft');
  });

  it('the server reports only states that exist on its side', () => {
    expect(SERVER_REPORTED_STATES).toEqual([
      'underReview', 'personsRejected', 'awaitingPayment', 'paymentProofUploaded', 'paymentConfirmed',
      'awaitingEffect', 'inForce', 'expired', 'withdrawn',
    ]);
  });

  it('recognises state keys', () => {
    expect(isBatchState('awaitingPayment')).toBe(true);
    expect(isBatchState('待缴费')).toBe(false);
    expect(isBatchState(3)).toBe(false);
  });
});

describe('enrollment types', () => {
  it.each([
    ['central', '集中参保'],
    ['instant', '即时参保'],
    ['renewal', '续保'],
    ['new', '新参保'],
    ['supplementary', '保全（保单补充）'],
  ] as const)('%s is %s', (type, label) => {
    expect(ENROLLMENT_TYPES).toContain(type);
    expect(ENROLLMENT_TYPE_LABELS[type]).toBe(label);
  });
});
