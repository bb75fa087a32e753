/**
 * The association server's address: personal data travels to it, so only over https. A
 * server on this machine (localhost, 127.0.0.1, ::1: the reference server in tests and
 * training) is the one exception, as its traffic never leaves the machine.
 */

export class ServerUrlError extends Error {
  readonly code = 'INSECURE_SERVER_URL';

  constructor(message: string) {
    super(message);
    this.name = 'ServerUrlError';
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** The address as the engine keeps it (no trailing slash), or ServerUrlError with the reason in Chinese. */
export function checkServerUrl(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ServerUrlError(`互助会服务器地址无效：${text}`);
  }
  if (url.username !== '' || url.password !== '') throw new ServerUrlError('互助会服务器地址中不能包含用户名或密码');
  const local = isLoopbackHost(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && local)) return url.toString().replace(/\/+$/, '');
  throw new ServerUrlError(
    `互助会服务器地址必须以 https:// 开头（${url.protocol.replace(/:$/, '')} 不加密，身份证号、银行卡号等个人信息可能在传输中被窃取）；只有本机地址（localhost、127.0.0.1）可用 http`,
  );
}

export function isAllowedServerUrl(raw: string): boolean {
  try {
    checkServerUrl(raw);
    return true;
  } catch {
    return false;
  }
}
