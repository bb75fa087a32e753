/**
 * The application core: the store, the handlers of every implemented operation bound to
 * one dispatcher, and the event bus. The Electron shell binds it to IPC, the browser host
 * to HTTP; tests use it directly.
 */
import { userInfo } from 'node:os';
import type { ApiEventSource, OperationHandlers } from '../../../shared/api';
import type { Actor } from '../../../shared/domain/batch';
import type { OperationDispatcher } from '../host/httpHost';
import { BackgroundThread } from '../background/backgroundThread';
import { openStore, type DataKey, type Store } from '../store';
import { SyncEngine } from '../sync';
import { authHandlers } from './account/authHandlers';
import { batchesHandlers } from './batches/batchesHandlers';
import type { CoreContext } from './coreContext';
import { createDispatcher } from './dispatcher';
import { documentsHandlers } from './documents/documentsHandlers';
import { EventBus } from './eventBus';
import { ImportJobs } from './roster/import/importJobs';
import { onboardingHandlers } from './onboarding/onboardingHandlers';
import { invoicesHandlers } from './payments/invoicesHandlers';
import { claimsHandlers } from './records/claimsHandlers';
import { paymentsHandlers } from './payments/paymentsHandlers';
import { recordsHandlers } from './records/recordsHandlers';
import { rosterHandlers } from './roster/rosterHandlers';
import { todoHandlers } from './todo/todoHandlers';
import { schemesHandlers } from './schemes/schemesHandlers';
import { syncHandlers } from './sync/syncHandlers';
import type { TokenVault } from '../sync/tokenVault';
import { unitsHandlers } from './units/unitsHandlers';

export interface CoreOptions {
  dataDir: string;
  /**
   * The key personal data is sealed with (the host's: Electron safeStorage, a passphrase, a key
   * file); absent, the key file beside the data folder (keyFile.ts).
   */
  dataKey?: DataKey;
  /** Where the unit account's token is kept (the sync engine's login). */
  tokens?: TokenVault;
  /** better-sqlite3 rebuilt for Electron (the shell passes it); absent under Node. */
  nativeBinding?: string | undefined;
  /** The association server; sync stays idle without it. */
  serverUrl?: string | undefined;
  now?: () => Date;
  /** Who acts at this machine when no unit account is logged in. */
  operator?: string;
  /**
   * Start the background thread: roster files are read there, so a large import is checked and
   * staged while it is still being read, and the store is checkpointed there after an import
   * (the app does; tests that do not need it leave it off and do both on the core's thread).
   */
  backgroundThread?: boolean;
}

export interface Core {
  dispatcher: OperationDispatcher;
  events: ApiEventSource;
  handlers: OperationHandlers;
  store: Store;
  imports: ImportJobs;
  sync: SyncEngine;
  /** Settles once the core's background threads are up, or known not to start (reads then stay on this thread). */
  ready: Promise<void>;
  close(): Promise<void>;
}

function defaultOperator(): string {
  try {
    return userInfo().username || '经办人';
  } catch {
    return '经办人';
  }
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? (() => new Date());
  const store = openStore({
    dataDir: options.dataDir,
    now,
    ...(options.dataKey ? { dataKey: options.dataKey } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  store.recoverInterrupted();
  const events = new EventBus();
  const operator = options.operator ?? defaultOperator();
  const clerk = (): Actor => ({ kind: 'clerk', name: operator });
  const ctx: CoreContext = { store, events, now, clerk };
  const background = options.backgroundThread ? new BackgroundThread(options.nativeBinding) : null;
  const imports = new ImportJobs(ctx, background ?? undefined);
  // Idle without a server URL (HUZHU_SERVER_URL, else the setting stored in sync_state).
  const sync = new SyncEngine({ store, events, now, tokens: options.tokens, serverUrl: options.serverUrl });
  const handlers = {
    ...unitsHandlers(ctx),
    ...schemesHandlers(ctx),
    ...batchesHandlers(ctx),
    ...rosterHandlers(ctx, imports),
    ...documentsHandlers(ctx),
    ...paymentsHandlers(ctx),
    ...invoicesHandlers(ctx, sync),
    ...recordsHandlers(ctx),
    ...todoHandlers(ctx),
    ...claimsHandlers(ctx, sync),
    ...onboardingHandlers(ctx, () => sync.kick()),
    ...syncHandlers(sync),
    ...authHandlers(sync),
  } satisfies OperationHandlers;
  if (sync.serverUrl) sync.start();
  return {
    dispatcher: createDispatcher(handlers),
    events,
    handlers,
    store,
    imports,
    sync,
    ready: background ? background.ready.then(() => undefined) : Promise.resolve(),
    async close() {
      await sync.stop();
      await background?.close();
      store.close();
    },
  };
}
