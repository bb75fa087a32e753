/**
 * Opening the store's SQLite file safely: a file from a newer workbench is refused untouched,
 * a damaged one is reported (never "repaired" by writing to it), and the app can put it aside
 * and start afresh instead of crashing.
 */
import { closeSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreError } from './errors';
import type { DataKey } from './dataKey';
import { latestVersion, migrate, migrationsDir, readMigrations, userVersion } from './migrations';
import { PersonalDataCipher } from './personalDataCipher';
import { ensurePrivateFile } from './privateFiles';
import { sealPersonalDataStep, SEALING_MIGRATION } from './sealPersonalData';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** Defaults to `migrationsDir()`. */
  migrationsDir?: string;
  /** Run `PRAGMA quick_check` on open (default true). */
  integrityCheck?: boolean;
  /** How long a write waits for another connection's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
  /**
   * The better-sqlite3 addon to load instead of the one in node_modules: the Electron shell
   * passes one rebuilt for Electron's ABI, so the Node build stays for `npm test`.
   */
  nativeBinding?: string;
  /**
   * The key personal data is sealed with: checked against the one the file was sealed with
   * (a wrong key is refused before anything is written), and used by the migration that
   * seals an older file's plain text. Only tests of the file handling itself leave it out.
   */
  dataKey?: DataKey;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function corrupt(file: string, detail: string, cause?: unknown): StoreError {
  return new StoreError('corrupt', `数据文件已损坏，无法打开（${detail}）：${file}。可以把它移到一旁并新建数据文件，原文件会保留以便恢复。`, {
    file,
    cause,
  });
}

/** A non-empty file must start with SQLite's header; checked before SQLite ever opens it. */
function checkHeader(file: string): void {
  if (!existsSync(file)) return;
  const size = statSync(file).size;
  if (size === 0) return; // SQLite treats an empty file as an empty database.
  if (size < 100) throw corrupt(file, '文件过短，不是数据库文件');
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_MAGIC)) throw corrupt(file, '不是 SQLite 数据库文件');
}

function isSqliteCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/**
 * Opens (creating if need be) and migrates the database at `file`, with WAL journaling,
 * foreign keys on, synchronous NORMAL (durable across app crashes; WAL keeps it consistent
 * across power loss) and a busy timeout. Throws StoreError `newerVersion` or `corrupt`
 * without having written to the file.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const migrations = readMigrations(options.migrationsDir ?? migrationsDir());
  const newest = latestVersion(migrations);
  checkHeader(file);

  let db: SqliteDatabase;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (cause) {
    if (isSqliteCorruption(cause)) throw corrupt(file, (cause as Error).message, cause);
    throw cause;
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // Only reads until the version is known to be ours.
    const version = userVersion(db);
    if (version > newest) {
      throw new StoreError('newerVersion', `数据文件来自更新版本的工作台（版本 ${version}），请升级软件后再打开`, { file });
    }
    if (options.integrityCheck !== false) {
      const rows = db.pragma('quick_check') as { quick_check: string }[];
      const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      if (problems.length > 0) throw corrupt(file, `完整性检查未通过：${problems.slice(0, 3).join('；')}`);
    }
    if (options.dataKey && version >= SEALING_MIGRATION) checkDataKey(db, options.dataKey);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 8 MB of page cache (the default is 2 MB) for the indexes a 100,000-row import updates:
    // 16 MB measured no faster (its store phase 0.54–0.55 s against 0.55–0.71 s, within this
    // machine's noise) and cost 8–30 MB more at the import's peak; 64 MB, 60 MB more.
    db.pragma('cache_size = -8192');
    const cipher = options.dataKey ? new PersonalDataCipher(options.dataKey) : null;
    migrate(db, migrations, { [SEALING_MIGRATION]: sealPersonalDataStep(cipher) });
    if (options.dataKey) checkDataKey(db, options.dataKey);
    if (version > 0 && version < SEALING_MIGRATION) purgePlaintextPages(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    if (isSqliteCorruption(error)) throw corrupt(file, (error as Error).message, error);
    throw error;
  }
}

/** The file's recorded key check must match the key given; a file without one records it. */
function checkDataKey(db: SqliteDatabase, key: DataKey): void {
  const stored = db.prepare<[], { check_value: string }>('SELECT check_value FROM data_key_check WHERE id = 1').get();
  if (!stored) {
    db.prepare('INSERT INTO data_key_check (id, check_value) VALUES (1, ?)').run(key.checkValue());
    return;
  }
  if (!key.matchesCheckValue(stored.check_value)) {
    throw new StoreError('wrongKey', `数据密钥与数据文件不符（口令错误，或换用了别的密钥文件），无法读取其中的个人信息：${db.name}。文件未被改动。`, { file: db.name });
  }
}

/**
 * After the plaintext of an older file was sealed: the file is rewritten (VACUUM) and the
 * write-ahead log emptied, so no free page or old log frame still holds a plaintext copy.
 * Only then: personal data is sealed before it is ever written, so what later edits and
 * deletes leave in free pages is sealed too, and SQLite's secure_delete (which zeroed an
 * import's 100,000 dropped staging rows, doubling its time) is not needed.
 */
function purgePlaintextPages(db: SqliteDatabase): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** `2025-04-01T01-30-00-000Z`: sortable and valid in file names on every OS. */
function fileStamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

export interface QuarantineResult {
  db: SqliteDatabase;
  /** Where the damaged file (and its -wal, -shm, -journal) went. */
  movedTo: string[];
}

/**
 * Moves a damaged database and its companions aside as `<name>.corrupt-<timestamp>` (the
 * companions keep their `-wal` / `-shm` suffix on that name, so SQLite still pairs them for a
 * recovery attempt) and opens a fresh, migrated database in its place. The caller closes
 * every connection to the damaged file first.
 */
export function quarantineAndStartFresh(file: string, options: OpenDatabaseOptions & { at?: Date } = {}): QuarantineResult {
  const at = options.at ?? new Date();
  let target = `${file}.corrupt-${fileStamp(at)}`;
  for (let n = 2; existsSync(target); n++) target = `${file}.corrupt-${fileStamp(at)}-${n}`;
  const movedTo: string[] = [];
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(file + suffix)) {
      renameSync(file + suffix, target + suffix);
      movedTo.push(target + suffix);
    }
  }
  ensurePrivateFile(file);
  return { db: openDatabase(file, options), movedTo };
}
