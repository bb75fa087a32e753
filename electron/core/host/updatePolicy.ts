/**
 * Updates come only from the association's feed (electron-updater's generic provider, its
 * address from configuration) over https, and on Windows only when the installer's code
 * signature names the expected publisher.
 */

interface GenericFeed {
  provider: 'generic';
  url: string;
}

export type FeedDecision = { ok: true; feed: GenericFeed } | { ok: false; reason: string };

/** The feed from configuration (HUZHU_UPDATE_URL, else what the build baked in), or why there is none. */
export function updateFeed(configured: string | null | undefined): FeedDecision {
  const text = configured?.trim();
  if (!text) return { ok: false, reason: '未配置更新地址，不检查更新' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `更新地址无效：${text}` };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `更新地址必须以 https:// 开头：${text}` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: '更新地址中不能包含用户名或密码' };
  return { ok: true, feed: { provider: 'generic', url: url.toString() } };
}

/** electron-updater's Windows check: publisher names and the downloaded file; null means the signature is good. */
export type VerifyCodeSignature = (publisherNames: string[], file: string) => Promise<string | null>;

/**
 * electron-updater skips the signature check when no publisher name is configured (an
 * unsigned build): an update is then refused instead of installed unchecked.
 */
export function requirePublisher(verify: VerifyCodeSignature): VerifyCodeSignature {
  return async (publisherNames, file) => {
    if (publisherNames.filter((n) => n.trim() !== '').length === 0) return '安装包的发布者未配置，无法校验签名，已拒绝此更新';
    return verify(publisherNames, file);
  };
}

/**
 * The feed address electron-builder baked into `resources/app-update.yml` (its `publish`
 * setting): the one line `url: …` of that flat file.
 */
export function bakedFeedUrl(appUpdateYml: string): string | null {
  const line = /^url:\s*(.+?)\s*$/m.exec(appUpdateYml);
  if (!line) return null;
  return line[1]!.replace(/^(['"])(.*)\1$/, '$2');
}
