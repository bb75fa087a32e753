/**
 * What every group of handlers shares: the store, the clock, who is acting, and the event
 * bus. Times handed to the domain are China-local ISO timestamps; calendar days are China's.
 */
import type { Actor } from '../../../shared/domain/batch';
import { todayInChina, type IsoDate } from '../../../shared/domain/dates';
import type { Scheme } from '../../../shared/domain/scheme';
import type { Store } from '../store';
import { isStoreError } from '../store';
import { CoreError } from '../coreError';
import type { EventBus } from './eventBus';

export interface CoreContext {
  store: Store;
  events: EventBus;
  now: () => Date;
  /** The clerk at this machine (the logged-in account's name, else the OS user). */
  clerk: () => Actor;
}

export function today(ctx: CoreContext): IsoDate {
  return todayInChina(ctx.now().getTime());
}

export function schemeOf(ctx: CoreContext, schemeId: string, version?: number): Scheme {
  const cached = version === undefined ? ctx.store.schemes.newest(schemeId) : ctx.store.schemes.get(schemeId, version);
  if (!cached) throw new CoreError('NOT_FOUND', `找不到保障方案（${schemeId}${version === undefined ? '' : ` 第 ${version} 版`}）`, 404);
  return cached.scheme;
}

/** Runs a store call, turning the store's own refusals into API errors the clerk can read. */
export function storeCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isStoreError(e, 'notFound')) throw new CoreError('NOT_FOUND', (e as Error).message, 404);
    if (isStoreError(e, 'notEditable')) throw new CoreError('NOT_EDITABLE', (e as Error).message, 409);
    if (isStoreError(e, 'conflict')) throw new CoreError('CONFLICT', (e as Error).message, 409);
    throw e;
  }
}
