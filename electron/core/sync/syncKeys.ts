/**
 * What the sync engine keeps in the store's `sync_state` table, key by key. Never a token
 * (that lives in the TokenVault) and never a password.
 */
import { SYNC_KEYS } from '../store';

export const ENGINE_KEYS = {
  ...SYNC_KEYS,
  /** The association server's base URL as set on this machine (HUZHU_SERVER_URL overrides it). */
  serverUrl: 'serverUrl',
  /** The logged-in (or last logged-in) unit account, without its token: SessionRecord. */
  session: 'session',
  /** The ETag of the last scheme catalogue seen, for the cheap connectivity probe. */
  catalogueEtag: 'catalogueEtag',
} as const;

/** The change feed's cursor is per unit account: each unit's feed has its own numbering. */
export function pullCursorKey(serverUnitId: string): string {
  return `${SYNC_KEYS.pullCursor}:${serverUnitId}`;
}

/** Facts the association reported about a batch that the batch record has no column for (payment confirmation, invoice numbers). */
export function serverFactsKey(batchId: string): string {
  return `serverFacts:${batchId}`;
}

/** How far into the association's history of a batch the local history already reaches (serverBatchState.ts). */
export function knownRevisionKey(batchId: string): string {
  return `knownRevision:${batchId}`;
}

/** Batch states from the feed that wait for the answer to this machine's own action on the batch. */
export function deferredStatesKey(batchId: string): string {
  return `deferredStates:${batchId}`;
}
