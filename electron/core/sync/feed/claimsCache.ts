/**
 * The last list of a unit's claim records (理赔记录) fetched on this machine, kept in
 * sync_state so it can be shown offline with its date. Only a unit whose clerk fetched its
 * claims has a list; the change feed then keeps that list current, and adds none where
 * there is none.
 */
import type { ClaimRecordView } from '../../../../shared/api';
import type { ClaimRecord } from '../../../../shared/wire';
import type { Store } from '../../store';

export interface CachedClaims {
  fetchedAt: string;
  claims: ClaimRecordView[];
}

export function claimsCacheKey(unitId: string): string {
  return `claims:${unitId}`;
}

export function claimView(c: ClaimRecord): ClaimRecordView {
  const v: ClaimRecordView = {
    claimId: c.claimId,
    claimNumber: c.claimNumber,
    personName: c.personName,
    documentNumber: c.docNumber,
    planName: c.planName,
    eventDate: c.eventDate,
    reportedOn: c.reportedOn,
    claimedFen: c.claimedFen,
    paidFen: c.paidFen,
    status: c.status,
    statusLabel: c.statusLabel,
  };
  if (c.planCode !== undefined) v.planCode = c.planCode;
  if (c.paidOn !== undefined) v.paidOn = c.paidOn;
  if (c.remark !== undefined) v.remark = c.remark;
  return v;
}

export function readCachedClaims(store: Store, unitId: string): CachedClaims | null {
  return store.syncState.getJson<CachedClaims>(claimsCacheKey(unitId));
}

export function saveCachedClaims(store: Store, unitId: string, cached: CachedClaims): void {
  store.syncState.setJson(claimsCacheKey(unitId), cached);
}

/** A claim new or changed on the server: into the unit's list when it has one; returns whether it did. */
export function upsertCachedClaim(store: Store, unitId: string, claim: ClaimRecord): boolean {
  const cached = readCachedClaims(store, unitId);
  if (!cached) return false;
  const view = claimView(claim);
  const others = cached.claims.filter((c) => c.claimId !== view.claimId);
  saveCachedClaims(store, unitId, { ...cached, claims: [...others, view] });
  return true;
}
