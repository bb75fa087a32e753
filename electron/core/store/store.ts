/**
 * The local store: one SQLite file in the data directory, its repositories, and
 * `transaction(fn)` to make several repository writes one commit (e.g. a transition and the
 * outbox action that reports it).
 */
import { mkdirSync } from 'node:fs';
import type { Scheme } from '../../../shared/domain/scheme';
import { builtInSchemes } from '../../../shared/schemes';
import { AssociationRecordRepo } from './associationRecordRepo';
import { AuditRepo } from './auditRepo';
import { BatchesRepo } from './batchesRepo';
import { storeFilePath } from './dataDir';
import { ImportsRepo } from './importsRepo';
import { OccupiedRepo } from './occupiedRepo';
import { OnboardingRepo } from './onboardingRepo';
import { openDatabase, quarantineAndStartFresh, type OpenDatabaseOptions, type SqliteDatabase } from './openDatabase';
import { OutboxRepo } from './outboxRepo';
import { PersonsRepo } from './personsRepo';
import { PrintLogRepo } from './printLogRepo';
import { RecordsRepo } from './recordsRepo';
import { SchemeCacheRepo } from './schemeCacheRepo';
import { inWriteTransaction } from './statements';
import { SyncStateRepo } from './syncStateRepo';
import { systemClock, type Clock } from './time';
import { UnitsRepo } from './unitsRepo';

export interface StoreOptions extends OpenDatabaseOptions {
  /** The store's clock (tests fix it). */
  now?: Clock;
  /** Schemes seeded into the cache on open; default the built-in ones, [] for none. */
  seedSchemes?: readonly Scheme[];
}

export interface OpenStoreOptions extends StoreOptions {
  dataDir: string;
}

export class Store {
  readonly units: UnitsRepo;
  readonly batches: BatchesRepo;
  readonly persons: PersonsRepo;
  readonly imports: ImportsRepo;
  readonly printLog: PrintLogRepo;
  readonly audit: AuditRepo;
  readonly outbox: OutboxRepo;
  readonly schemes: SchemeCacheRepo;
  readonly syncState: SyncStateRepo;
  readonly occupied: OccupiedRepo;
  /** Queries across a unit's batches (records, renewal reminders, last year's list). */
  readonly records: RecordsRepo;
  /** Unit onboarding: applications, commitment readings, the account as the association reported it. */
  readonly onboarding: OnboardingRepo;
  /** The unit's batches pulled from the association, and how far their persons reach. */
  readonly associationRecord: AssociationRecordRepo;

  /** Takes an open, migrated database (from openDatabase or quarantineAndStartFresh). */
  constructor(
    readonly db: SqliteDatabase,
    options: StoreOptions = {},
  ) {
    const clock = options.now ?? systemClock;
    this.audit = new AuditRepo(db, clock);
    this.outbox = new OutboxRepo(db, clock);
    this.units = new UnitsRepo(db, clock, this.audit);
    this.batches = new BatchesRepo(db, clock, this.audit, this.outbox);
    this.persons = new PersonsRepo(db, clock, this.audit);
    this.imports = new ImportsRepo(db, clock);
    this.printLog = new PrintLogRepo(db, clock);
    this.schemes = new SchemeCacheRepo(db, clock);
    this.syncState = new SyncStateRepo(db, clock);
    this.occupied = new OccupiedRepo(db);
    this.records = new RecordsRepo(db);
    this.onboarding = new OnboardingRepo(db, clock);
    this.associationRecord = new AssociationRecordRepo(db, this.syncState);
    this.schemes.seedBuiltIns(options.seedSchemes ?? builtInSchemes());
  }

  /** The database file. */
  get file(): string {
    return this.db.name;
  }

  /**
   * Runs `fn` as one transaction: everything it writes commits together, or nothing does if it
   * throws. Synchronous only (no await inside). Nested calls become savepoints.
   */
  transaction<T>(fn: () => T): T {
    return inWriteTransaction(this.db, fn);
  }

  /**
   * `transaction(fn)` for a large write whose checkpoint someone else runs (the core's
   * background thread): its commit only appends to the write-ahead log instead of also copying
   * the log into the file, which for a 100,000-row import doubles what the commit writes.
   */
  transactionLeavingCheckpoint<T>(fn: () => T): T {
    const before = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    this.db.pragma('wal_autocheckpoint = 0');
    try {
      return this.transaction(fn);
    } finally {
      this.db.pragma(`wal_autocheckpoint = ${before}`);
    }
  }

  /** After a crash: actions left `sending` go back to pending, imports left running are marked failed. */
  recoverInterrupted(): { outbox: number; imports: number } {
    return this.transaction(() => ({ outbox: this.outbox.recoverInterrupted(), imports: this.imports.recoverInterrupted() }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function ensureDir(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return storeFilePath(dataDir);
}

/**
 * Opens the store in `dataDir` (created if missing). Throws StoreError `newerVersion` or
 * `corrupt`; for the latter the app may offer `quarantineAndOpenStore`.
 */
export function openStore(options: OpenStoreOptions): Store {
  return storeOver(openDatabase(ensureDir(options.dataDir), options), options);
}

function storeOver(db: SqliteDatabase, options: StoreOptions): Store {
  try {
    return new Store(db, options);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Moves a damaged store aside (kept for recovery) and opens a fresh one in its place. */
export function quarantineAndOpenStore(options: OpenStoreOptions & { at?: Date }): { store: Store; movedTo: string[] } {
  const { db, movedTo } = quarantineAndStartFresh(ensureDir(options.dataDir), options);
  return { store: storeOver(db, options), movedTo };
}
