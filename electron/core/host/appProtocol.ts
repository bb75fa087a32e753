/**
 * The Electron window's own origin, `app://workbench/`: the renderer build is served from it
 * (Electron's `protocol.handle`), never from `file://`, so the page has a real origin that its
 * CSP's 'self' means, and no other file on the disk can be reached from it.
 */
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, contentTypeOf, resolveStatic } from './staticFiles';

export const APP_SCHEME = 'app';
const APP_HOST = 'workbench';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** What `protocol.registerSchemesAsPrivileged` gets: a standard, secure scheme (so 'self', fetch and modules work), nothing more. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false, bypassCSP: false } as const;

export interface AppResponse {
  status: number;
  /** The file to send, when status is 200. */
  file?: string;
  headers: Record<string, string>;
}

const COMMON_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function refused(status: number): AppResponse {
  return { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } };
}

/** Whether `url` is a page of our own origin. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The answer to a request on the app scheme: only GET, only our host, only a file inside the
 * renderer build (`root`, as its real path) — after following links, so a link in the build
 * cannot lead out of it.
 */
export function resolveAppRequest(root: string, method: string, url: string): AppResponse {
  if (method !== 'GET' && method !== 'HEAD') return refused(405);
  if (!isAppUrl(url)) return refused(404);
  let real: string;
  try {
    root = realpathSync(root);
    const file = resolveStatic(root, new URL(url).pathname);
    if (!file) return refused(404);
    real = realpathSync(file);
  } catch {
    return refused(404);
  }
  if (!real.startsWith(root.endsWith(sep) ? root : root + sep)) return refused(404);
  return { status: 200, file: real, headers: { ...COMMON_HEADERS, 'Content-Type': contentTypeOf(real) } };
}
