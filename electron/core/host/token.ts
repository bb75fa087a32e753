import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A per-launch secret: the one from the environment if set, else 32 random bytes. */
export function launchToken(fromEnv: string | undefined): string {
  const given = fromEnv?.trim();
  if (given) {
    if (given.length < 16) throw new Error('HUZHU_TOKEN 至少需要 16 个字符');
    return given;
  }
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
export function tokenMatches(expected: string, presented: string | undefined | null): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerOf(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}
