import { describe, expect, it } from 'vitest';
import type { SyncBlocker } from '../../../../shared/api';
import { blockerShortText, blockerText, secondsUntil } from '../../../../renderer/screens/sync/blockerText';

const NOW = Date.parse('2020-04-15T02:00:00.000Z');

describe('the sync blocker in words', () => {
  it.each<[SyncBlocker, string, string | null]>([
    [{ kind: 'noServer' }, '未设置互助会服务器，目前离线工作', null],
    [{ kind: 'offline', nextAttemptAt: '2020-04-15T02:00:12.300Z' }, '等待网络连接（13 秒后重试）', '等待连接 13 秒'],
    [{ kind: 'offline', nextAttemptAt: null }, '等待网络连接', '等待连接'],
    [{ kind: 'loginRequired', expired: false }, '需要登录：请先登录互助会账号', '需要登录'],
    [{ kind: 'loginRequired', expired: true, account: '甲单位' }, '需要登录：“甲单位”的登录已失效，请重新登录', '需要登录'],
    [{ kind: 'held', reason: { code: 'OTHER_UNIT', message: '需登录“乙单位”的互助会账号后才能发送' }, nextAttemptAt: null }, '暂缓发送：需登录“乙单位”的互助会账号后才能发送', null],
    [{ kind: 'retrying', reason: { code: 'serverBusy', message: '服务器繁忙' }, nextAttemptAt: '2020-04-15T02:00:04.000Z' }, '发送未成功：服务器繁忙（4 秒后重试）', null],
    [{ kind: 'refused', reason: { code: 'personRejected', message: '王小明已在其他单位参保' }, count: 1 }, '被互助会拒绝：王小明已在其他单位参保', '被拒绝'],
    [{ kind: 'refused', reason: { code: 'personRejected', message: '王小明已在其他单位参保' }, count: 3 }, '被互助会拒绝：王小明已在其他单位参保（共 3 项）', '被拒绝'],
  ])('%j', (blocker, long, short) => {
    expect(blockerText(blocker, NOW)).toBe(long);
    expect(blockerShortText(blocker, NOW)).toBe(short);
  });

  it.each<[string | null, number | null]>([
    [null, null],
    ['not a time', null],
    ['2020-04-15T01:59:00.000Z', 0],
    ['2020-04-15T02:00:00.001Z', 1],
    ['2020-04-15T02:01:00.000Z', 60],
  ])('seconds until %s', (iso, seconds) => {
    expect(secondsUntil(iso, NOW)).toBe(seconds);
  });
});
