/**
 * What the engine reads from the association on request rather than through the feed: new
 * scheme versions the catalogue lists, the unit's claim records, an issued e-invoice.
 */
import type { ApiError } from '../../../shared/api';
import { catalogueSchema, claimsPageSchema, ROUTES, routePath, type ClaimsPage } from '../../../shared/wire';
import { toApiError, type SyncContext } from './syncContext';
import { ENGINE_KEYS } from './syncKeys';

type Read<T> = { ok: true } & T;
type Refused = { ok: false; error: ApiError };

const LOGIN_FIRST: Refused = { ok: false, error: { code: 'LOGIN_REQUIRED', message: '请先登录互助会账号' } };

/** Scheme versions the catalogue lists and this machine lacks (a unit not logged in still gets them). */
export async function refreshSchemes(sync: SyncContext, body: unknown, etag: string | null): Promise<void> {
  const catalogue = catalogueSchema.safeParse(body);
  const client = sync.client();
  if (!catalogue.success || !client) return;
  let complete = true;
  for (const entry of catalogue.data.schemes) {
    if (sync.store.schemes.get(entry.id, entry.version)) continue;
    const res = await client.send({
      method: 'GET',
      path: routePath(ROUTES.schemeVersion, { schemeId: entry.id, version: entry.version }),
      timeoutMs: sync.timeouts.request,
      signal: sync.signal(),
    });
    try {
      if (res.ok) sync.store.schemes.saveFromServer(res.body, res.etag ?? entry.etag);
      else complete = false;
    } catch {
      // A scheme file this version of the app cannot read is left out; the built-in one stays.
      sync.log(`[sync] 方案 ${entry.id} 第 ${entry.version} 版无法读取，已跳过`);
    }
  }
  if (etag && complete) sync.store.syncState.set(ENGINE_KEYS.catalogueEtag, etag);
}

/** The unit's claim records (理赔记录), read from the server when shown. */
export async function fetchClaims(sync: SyncContext, offset: number, limit: number): Promise<Read<{ page: ClaimsPage }> | Refused> {
  const active = sync.sessions.active();
  const client = sync.client();
  if (!active || !client) return LOGIN_FIRST;
  const res = await client.send({ method: 'GET', path: `${routePath(ROUTES.claims)}?offset=${offset}&limit=${limit}`, token: active.token, timeoutMs: sync.timeouts.request });
  if (!res.ok) {
    if (res.failure === 'relogin') sync.sessions.expire();
    return { ok: false, error: toApiError(res.error) };
  }
  const page = claimsPageSchema.safeParse(res.body);
  return page.success ? { ok: true, page: page.data } : { ok: false, error: { code: 'unreadableResponse', message: '服务器的理赔记录无法解析' } };
}

/** An issued invoice's e-invoice document (电子发票), read from the server when asked for: not kept on this machine. */
export async function fetchInvoiceDocument(sync: SyncContext, batchId: string, invoiceId: string): Promise<Read<{ bytes: Uint8Array; contentType: string | null }> | Refused> {
  const active = sync.sessions.active();
  const client = sync.client();
  if (!active || !client) return LOGIN_FIRST;
  const res = await client.send({ method: 'GET', path: routePath(ROUTES.invoiceDocument, { batchId, invoiceId }), token: active.token, timeoutMs: sync.timeouts.request, expectBytes: true });
  if (!res.ok) {
    if (res.failure === 'relogin') sync.sessions.expire();
    return { ok: false, error: toApiError(res.error) };
  }
  const body = res.body as { bytes: Uint8Array; contentType: string | null };
  return { ok: true, bytes: body.bytes, contentType: body.contentType };
}
