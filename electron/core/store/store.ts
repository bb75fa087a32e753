/**
 * The local store: one SQLite file in the data directory, its repositories, and
 * `transaction(fn)` to make several repository writes one commit (e.g. a transition and the
 * outbox action that reports it).
 */
import type { Scheme } from '../../../shared/domain/scheme';
import { builtInSchemes } from '../../../shared/schemes';
import { AssociationRecordRepo } from './associationRecordRepo';
import { AuditRepo } from './auditRepo';
import { BatchesRepo } from './batchesRepo';
import type { DataKey } from './dataKey';
import { ColumnMappingsRepo } from './columnMappingsRepo';
import { storeFilePath } from './dataDir';
import { ImportsRepo } from './importsRepo';
import { defaultKeyFile, loadOrCreateKeyFile } from './keyFile';
import { OccupiedRepo } from './occupiedRepo';
import { OnboardingRepo } from './onboardingRepo';
import { openDatabase, quarantineAndStartFresh, type OpenDatabaseOptions, type SqliteDatabase } from './openDatabase';
import { OutboxRepo } from './outboxRepo';
import { PersonalDataCipher } from './personalDataCipher';
import { PersonsRepo } from './personsRepo';
import { PrintLogRepo } from './printLogRepo';
import { ensurePrivateDir, ensurePrivateFile } from './privateFiles';
import { RosterStaging } from './rosterStaging';
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

/** What the Store itself needs: the key is no longer optional. */
export type StoreKeyOptions = StoreOptions & { dataKey: DataKey };

export class Store {
  readonly units: UnitsRepo;
  readonly batches: BatchesRepo;
  readonly persons: PersonsRepo;
  readonly imports: ImportsRepo;
  readonly columnMappings: ColumnMappingsRepo;
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
  /** Seals and opens personal data with the store's data key. */
  readonly cipher: PersonalDataCipher;
  /** The unit's batches pulled from the association, and how far their persons reach. */
  readonly associationRecord: AssociationRecordRepo;

  /** Takes an open, migrated database (from openDatabase or quarantineAndStartFresh) and the key it was opened with. */
  constructor(
    readonly db: SqliteDatabase,
    options: StoreKeyOptions,
  ) {
    const clock = options.now ?? systemClock;
    const cipher = (this.cipher = new PersonalDataCipher(options.dataKey));
    this.audit = new AuditRepo(db, clock);
    this.outbox = new OutboxRepo(db, clock, cipher);
    this.units = new UnitsRepo(db, clock, this.audit, cipher);
    this.batches = new BatchesRepo(db, clock, this.audit, this.outbox, cipher);
    this.persons = new PersonsRepo(db, clock, this.audit, cipher);
    this.imports = new ImportsRepo(db, clock);
    this.columnMappings = new ColumnMappingsRepo(db, clock);
    this.printLog = new PrintLogRepo(db, clock);
    this.schemes = new SchemeCacheRepo(db, clock);
    this.syncState = new SyncStateRepo(db, clock);
    this.occupied = new OccupiedRepo(db, cipher);
    this.records = new RecordsRepo(db, cipher);
    this.onboarding = new OnboardingRepo(db, clock, cipher);
    this.associationRecord = new AssociationRecordRepo(db, this.syncState);
    this.schemes.seedBuiltIns(options.seedSchemes ?? builtInSchemes());
  }

  /** A TEMP table for an import's rows until its one transaction, sealed like the roster. */
  stageRoster(): RosterStaging {
    return new RosterStaging(this.db, this.cipher);
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

/** The data folder 0700 and its files 0600 (fixed if an older version left them open), the database file created 0600. */
function ensureDir(dataDir: string): string {
  ensurePrivateDir(dataDir);
  const file = storeFilePath(dataDir);
  ensurePrivateFile(file);
  return file;
}

/**
 * The key given, else the key file beside the data folder (created if missing): the browser
 * host's last resort (dataKeySource.ts says so to the user), and what tests that do not care
 * about the key get.
 */
function keyFor(options: OpenStoreOptions): StoreKeyOptions {
  return { ...options, dataKey: options.dataKey ?? loadOrCreateKeyFile(defaultKeyFile(options.dataDir)).key };
}

/**
 * Opens the store in `dataDir` (created if missing). Throws StoreError `newerVersion`,
 * `wrongKey` or `corrupt`; for the last the app may offer `quarantineAndOpenStore`.
 */
export function openStore(options: OpenStoreOptions): Store {
  const keyed = keyFor(options);
  return storeOver(openDatabase(ensureDir(options.dataDir), keyed), keyed);
}

function storeOver(db: SqliteDatabase, options: StoreKeyOptions): Store {
  try {
    return new Store(db, options);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Moves a damaged store aside (kept for recovery) and opens a fresh one in its place. */
export function quarantineAndOpenStore(options: OpenStoreOptions & { at?: Date }): { store: Store; movedTo: string[] } {
  const keyed = keyFor(options);
  const { db, movedTo } = quarantineAndStartFresh(ensureDir(options.dataDir), keyed);
  return { store: storeOver(db, keyed), movedTo };
}
