import { describe, expect, it } from 'vitest';
import { bakedFeedUrl, requirePublisher, updateFeed } from '../../../../electron/core/host/updatePolicy';

describe('the update feed', () => {
  it('takes the association’s https feed as a generic provider', () => {
    expect(updateFeed(' https://hz.example.org/updates/ ')).toEqual({ ok: true, feed: { provider: 'generic', url: 'https://hz.example.org/updates/' } });
  });

  it.each([
    ['none configured', undefined, /未配置更新地址/],
    ['http', 'http://hz.example.org/updates/', /https/],
    ['credentials', 'https://u:p@hz.example.org/', /用户名或密码/],
    ['nonsense', 'updates', /无效/],
  ])('refuses %s', (_what, configured, reason) => {
    const decision = updateFeed(configured);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.reason).toMatch(reason);
  });

  it('reads the feed electron-builder baked into app-update.yml', () => {
    expect(bakedFeedUrl('provider: generic\nurl: https://hz.example.org/updates\nupdaterCacheDirName: x\n')).toBe('https://hz.example.org/updates');
    expect(bakedFeedUrl("provider: generic\nurl: 'https://hz.example.org/u'\n")).toBe('https://hz.example.org/u');
    expect(bakedFeedUrl('provider: generic\n')).toBeNull();
  });
});

describe('the installer’s signature', () => {
  it('refuses an update when no publisher is configured, and otherwise asks the real check', async () => {
    const asked: string[][] = [];
    const verify = requirePublisher(async (names) => {
      asked.push(names);
      return names.includes('某市总工会') ? null : '签名不符';
    });
    expect(await verify([], 'setup.exe')).toMatch(/发布者未配置/);
    expect(await verify(['  '], 'setup.exe')).toMatch(/发布者未配置/);
    expect(await verify(['某市总工会'], 'setup.exe')).toBeNull();
    expect(await verify(['别人'], 'setup.exe')).toBe('签名不符');
    expect(asked).toEqual([['某市总工会'], ['别人']]);
  });
});
