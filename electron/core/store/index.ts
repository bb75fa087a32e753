/**
 * The workbench's local SQLite store: open it with `openStore({ dataDir })`, use its
 * repositories, and group writes with `store.transaction(fn)`.
 */
export { Store, openStore, quarantineAndOpenStore, type StoreOptions, type OpenStoreOptions } from './store';
export { openDatabase, quarantineAndStartFresh, type OpenDatabaseOptions, type QuarantineResult, type SqliteDatabase } from './openDatabase';
export { resolveDataDir, currentPlatformDefaults, storeFilePath, APP_DIR_NAME, STORE_FILE_NAME, type PlatformDefaults, type Environment } from './dataDir';
export { migrationsDir, setMigrationsDir, defaultMigrationsDir, readMigrations, migrate, latestVersion, userVersion, type Migration, type MigrationResult } from './migrations';
export { StoreError, isStoreError, type StoreErrorCode } from './errors';
export { systemClock, toStoreTime, type Clock } from './time';
export { AuditRepo, redactText, REDACTED, type AuditEntry, type NewAuditEntry, type AuditDetail, type AuditDetailValue } from './auditRepo';
export { UnitsRepo, type UnitInput } from './unitsRepo';
export { BatchesRepo, type NewBatch, type BatchFilter, type TransitionOptions, type TransitionOutcome } from './batchesRepo';
export type { BatchRecord, BatchPatch } from './batchRecord';
export {
  PersonsRepo,
  type PersonQuery,
  type PersonPage,
  type VerdictCounts,
  type DocNumberMatch,
  type DocNumberLookup,
  type WriteOptions,
  type MergeResult,
  type PersonPatch,
} from './personsRepo';
export { toRosterRowView, verdictOf, openRowValues, type NewPerson, type PersonRecord, type Verdict } from './personRecord';
export { DataKey } from './dataKey';
export { defaultKeyFile, loadOrCreateKeyFile } from './keyFile';
export { ensurePrivateDir, ensurePrivateFile } from './privateFiles';
export { RosterStaging, type RowToStage } from './rosterStaging';
export { ImportsRepo, INTERRUPTED_IMPORT, type ImportRecord, type ImportOutcome, type ImportMode, type ImportStatus } from './importsRepo';
export { PrintLogRepo, type PrintRecord, type NewPrint, type DocumentIssue } from './printLogRepo';
export { OutboxRepo, laneOf, type OutboxAction, type NewOutboxAction, type OutboxStatus, type OutboxStatusCounts } from './outboxRepo';
export { SchemeCacheRepo, type CachedScheme, type SchemeSource } from './schemeCacheRepo';
export { SyncStateRepo, SYNC_KEYS } from './syncStateRepo';
export { OccupiedRepo, type OccupiedPerson } from './occupiedRepo';
export { RecordsRepo, type PersonRef, type EnrollmentMatch } from './recordsRepo';
export { OnboardingRepo, type LocalApplication, type CommitmentReading, type AttachmentMeta } from './onboardingRepo';
export { AssociationRecordRepo, RECORD_PULLED_AT_KEY, type AssociationBatch, type RecordPullProgress } from './associationRecordRepo';
