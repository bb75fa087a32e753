/**
 * 理赔记录 (Wuxi 理赔记录查询): the unit's claim records, fetched from the association on
 * demand with the unit's login, filtered by person, plan, year reported and state. The last
 * list fetched is kept on this machine (sync/claimsCache), so it can be shown offline with its date.
 */
import type { ApiError, ClaimRecordView, ClaimsView, ValidIn } from '../../../../shared/api';
import type { SyncEngine } from '../../sync';
import { claimView, readCachedClaims, saveCachedClaims, type CachedClaims } from '../../sync/feed/claimsCache';
import { storeCall, type CoreContext } from '../coreContext';

/** The server's page size limit for GET /v1/claims. */
const FETCH_PAGE = 500;
/** A unit's claims over many years stay far below this; beyond it the list is cut rather than looping forever. */
const MAX_CLAIMS = 20_000;

export type ClaimsFilter = Omit<ValidIn<'claims.export'>, 'unitId'>;

export function cachedClaims(ctx: CoreContext, unitId: string): CachedClaims | null {
  return readCachedClaims(ctx.store, unitId);
}

/** Why the association cannot be asked for this unit's claims now, or null when it can. */
function unavailable(sync: SyncEngine, unitId: string, unitName: string): ApiError | null {
  if (!sync.serverUrl) return { code: 'NO_SERVER', message: '未设置互助会服务器，无法查询理赔记录' };
  const auth = sync.authStatus();
  if (!auth.loggedIn) {
    return auth.account
      ? { code: 'LOGIN_REQUIRED', message: `“${auth.account}”的登录已失效，请重新登录后查询理赔记录` }
      : { code: 'LOGIN_REQUIRED', message: '请先登录互助会账号，登录后才能查询理赔记录' };
  }
  if (auth.unitId !== unitId) return { code: 'OTHER_UNIT', message: `理赔记录须登录“${unitName}”的互助会账号后查询` };
  return null;
}

/** Every claim of the logged-in unit, page by page; the list replaces the cached one only when complete. */
async function fetchAll(ctx: CoreContext, sync: SyncEngine, unitId: string): Promise<{ ok: true; cached: CachedClaims } | { ok: false; error: ApiError }> {
  const claims: ClaimRecordView[] = [];
  for (let offset = 0; offset < MAX_CLAIMS; offset += FETCH_PAGE) {
    const res = await sync.fetchClaims(offset, FETCH_PAGE);
    if (!res.ok) return res.error.code === 'offline' ? { ok: false, error: { code: 'OFFLINE', message: res.error.message } } : res;
    claims.push(...res.page.claims.map(claimView));
    if (res.page.claims.length === 0 || offset + FETCH_PAGE >= res.page.total) break;
  }
  const cached: CachedClaims = { fetchedAt: ctx.now().toISOString(), claims };
  saveCachedClaims(ctx.store, unitId, cached);
  return { ok: true, cached };
}

export function filterClaims(claims: readonly ClaimRecordView[], filter: ClaimsFilter): ClaimRecordView[] {
  const needle = filter.search?.toUpperCase();
  return claims.filter(
    (c) =>
      (!needle || c.personName.toUpperCase().includes(needle) || c.documentNumber.toUpperCase().includes(needle) || c.claimNumber.toUpperCase().includes(needle)) &&
      (filter.planName === undefined || c.planName === filter.planName) &&
      (filter.year === undefined || c.reportedOn.startsWith(`${filter.year}-`)) &&
      (filter.status === undefined || c.status === filter.status),
  );
}

/** Newest reported first, as the association's own list shows them. */
function newestFirst(a: ClaimRecordView, b: ClaimRecordView): number {
  return b.reportedOn.localeCompare(a.reportedOn) || b.claimNumber.localeCompare(a.claimNumber);
}

export async function searchClaims(ctx: CoreContext, sync: SyncEngine, input: ValidIn<'claims.search'>): Promise<ClaimsView> {
  const unit = storeCall(() => ctx.store.units.require(input.unitId));
  let cached = cachedClaims(ctx, unit.id);
  let source: ClaimsView['source'] = cached ? 'cache' : 'none';
  let problem: ApiError | null = null;
  if (input.refresh || !cached) {
    problem = unavailable(sync, unit.id, unit.name);
    if (!problem) {
      const fetched = await fetchAll(ctx, sync, unit.id);
      if (fetched.ok) {
        cached = fetched.cached;
        source = 'server';
      } else problem = fetched.error;
    }
  }
  const all = [...(cached?.claims ?? [])].sort(newestFirst);
  const found = filterClaims(all, input);
  const view: ClaimsView = {
    unitId: unit.id,
    source,
    fetchedAt: cached?.fetchedAt ?? null,
    total: found.length,
    offset: input.offset,
    claims: found.slice(input.offset, input.offset + input.limit),
    plans: [...new Set(all.map((c) => c.planName))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    years: [...new Set(all.map((c) => Number(c.reportedOn.slice(0, 4))).filter((y) => Number.isInteger(y)))].sort((a, b) => b - a),
  };
  if (problem) view.unavailable = problem;
  return view;
}

export function claimsToExport(ctx: CoreContext, input: ValidIn<'claims.export'>): { unitName: string; claims: ClaimRecordView[]; fetchedAt: string | null } {
  const unit = storeCall(() => ctx.store.units.require(input.unitId));
  const cached = cachedClaims(ctx, unit.id);
  return { unitName: unit.name, claims: filterClaims([...(cached?.claims ?? [])].sort(newestFirst), input), fetchedAt: cached?.fetchedAt ?? null };
}
