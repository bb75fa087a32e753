import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export function contentTypeOf(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/** The same policy the Electron window sets (header and the renderer's meta tag): only our own scripts, styles and API. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; object-src 'none'; frame-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The same policy for the renderer's `<meta http-equiv>` tag (renderer/index.html), which
 * holds it even where no header is set: frame-ancestors has no effect in a meta tag, so it is
 * left out there.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split(/;\s*/)
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

/**
 * Resolves a URL path inside `root`, refusing anything that climbs out of it. A path
 * without a file extension falls back to index.html (the renderer routes itself).
 */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    if (statSync(candidate).isFile()) return candidate;
  } catch {
    // fall through to the single-page fallback
  }
  return extname(decoded) === '' ? join(root, 'index.html') : null;
}

export function sendFile(res: ServerResponse, file: string): void {
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}
