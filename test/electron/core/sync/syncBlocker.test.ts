import { describe, expect, it } from 'vitest';
import { syncBlocker, type BlockerFacts } from '../../../../electron/core/sync/syncBlocker';

const base: BlockerFacts = {
  serverSet: true,
  online: true,
  pending: 1,
  sending: false,
  nextWakeAt: '2020-04-15T02:00:05.000Z',
  nextAttemptAt: '2020-04-15T02:00:30.000Z',
  session: 'active',
  nextWaitingError: null,
  failed: [],
};
const refusal = { code: 'personRejected', message: '王小明已在其他单位参保' };
const busy = { code: 'serverBusy', message: '服务器繁忙' };

describe('why the outbox does not move', () => {
  it.each<[string, Partial<BlockerFacts>, ReturnType<typeof syncBlocker>]>([
    ['nothing waits', { pending: 0 }, null],
    ['one is being sent', { sending: true, online: false }, null],
    ['due now, online and logged in', {}, null],
    ['no server set', { serverSet: false, online: false }, { kind: 'noServer' }],
    ['offline: the next probe', { online: false }, { kind: 'offline', nextAttemptAt: '2020-04-15T02:00:05.000Z' }],
    ['never logged in', { session: 'none' }, { kind: 'loginRequired', expired: false }],
    ['login expired', { session: 'expired', account: '测试单位' }, { kind: 'loginRequired', expired: true, account: '测试单位' }],
    ['held for another unit', { nextWaitingError: { code: 'OTHER_UNIT', message: '需登录“乙单位”的互助会账号后才能发送' } }, { kind: 'held', reason: { code: 'OTHER_UNIT', message: '需登录“乙单位”的互助会账号后才能发送' }, nextAttemptAt: '2020-04-15T02:00:30.000Z' }],
    ['a stale login hold once logged in again', { nextWaitingError: { code: 'LOGIN_REQUIRED', message: '请先登录' } }, null],
    ['retrying a transient failure', { nextWaitingError: busy }, { kind: 'retrying', reason: busy, nextAttemptAt: '2020-04-15T02:00:30.000Z' }],
    ['refused, nothing else waits', { pending: 0, failed: [refusal, busy] }, { kind: 'refused', reason: refusal, count: 2 }],
    ['offline wins over an old refusal', { online: false, failed: [refusal] }, { kind: 'offline', nextAttemptAt: '2020-04-15T02:00:05.000Z' }],
    ['refusal shown when the rest is due', { failed: [refusal] }, { kind: 'refused', reason: refusal, count: 1 }],
  ])('%s', (_name, facts, expected) => {
    expect(syncBlocker({ ...base, ...facts })).toEqual(expected);
  });
});
