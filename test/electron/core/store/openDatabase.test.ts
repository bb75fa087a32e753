import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError, isStoreError } from '../../../../electron/core/store/errors';
import { defaultMigrationsDir, latestVersion, readMigrations, setMigrationsDir, migrationsDir } from '../../../../electron/core/store/migrations';
import { openDatabase, quarantineAndStartFresh } from '../../../../electron/core/store/openDatabase';
import { openStore, quarantineAndOpenStore } from '../../../../electron/core/store/store';
import { tempDir } from './storeFixtures';

let dir: string;
let remove: () => void;
beforeEach(() => ({ dir, remove } = tempDir()));
afterEach(() => remove());

const NEWEST = latestVersion(readMigrations());
const TABLES = [
  'audit_log',
  'batch_history',
  'batches',
  'commitment_readings',
  'data_key_check',
  'document_issues',
  'imports',
  'occupied_persons',
  'onboarding_applications',
  'outbox',
  'payment_batches',
  'payments',
  'person_findings',
  'persons',
  'print_log',
  'scheme_cache',
  'sync_state',
  'unit_account_snapshots',
  'unit_column_mappings',
  'units',
];

function tables(db: Database.Database): string[] {
  return db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all();
}

function thrown(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (isStoreError(e)) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

describe('openDatabase: migrations', () => {
  it('creates every table on an empty file and records the newest version', () => {
    const file = join(dir, 'a.sqlite');
    const db = openDatabase(file);
    expect(tables(db)).toEqual(TABLES);
    expect(db.pragma('user_version', { simple: true })).toBe(NEWEST);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('is idempotent on reopen and keeps the data', () => {
    const file = join(dir, 'a.sqlite');
    const first = openDatabase(file);
    first.prepare("INSERT INTO sync_state (key, value, updated_at) VALUES ('pullCursor', 'c-42', '2025-01-01T00:00:00.000Z')").run();
    const schema = first.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all();
    first.close();
    const second = openDatabase(file);
    expect(second.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all()).toEqual(schema);
    expect(second.prepare("SELECT value FROM sync_state WHERE key = 'pullCursor'").pluck().get()).toBe('c-42');
    expect(second.pragma('user_version', { simple: true })).toBe(NEWEST);
    second.close();
  });

  it('applies later migrations in order on an older database, each in its own transaction', () => {
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0001_first.sql'), 'CREATE TABLE a (x INTEGER) STRICT;');
    const file = join(dir, 'm.sqlite');
    openDatabase(file, { migrationsDir: migrations }).close();
    writeFileSync(join(migrations, '0002_second.sql'), "INSERT INTO a VALUES (2);\nCREATE TABLE b (y TEXT) STRICT;");
    writeFileSync(join(migrations, '0003_third.sql'), 'ALTER TABLE b ADD COLUMN z INTEGER;');
    writeFileSync(join(migrations, 'README.txt'), 'not a migration');
    const db = openDatabase(file, { migrationsDir: migrations });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT x FROM a').pluck().all()).toEqual([2]);
    expect(db.prepare("SELECT name FROM pragma_table_info('b') ORDER BY cid").pluck().all()).toEqual(['y', 'z']);
    db.close();
  });

  it('rolls a failing migration back whole and keeps the previous version', () => {
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0001_first.sql'), 'CREATE TABLE a (x INTEGER) STRICT;');
    writeFileSync(join(migrations, '0002_broken.sql'), 'CREATE TABLE b (y TEXT) STRICT;\nINSERT INTO a VALUES (1);\nINSERT INTO nowhere VALUES (1);');
    const file = join(dir, 'm.sqlite');
    const error = thrown(() => openDatabase(file, { migrationsDir: migrations }));
    expect(error.code).toBe('migrationFailed');
    expect(error.message).toContain('0002_broken.sql');
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(raw)).toEqual(['a']);
    expect(raw.prepare('SELECT COUNT(*) FROM a').pluck().get()).toBe(0);
    raw.close();
  });

  it.each([
    ['a gap', ['0001_a.sql', '0003_c.sql'], '0002'],
    ['a repeat', ['0001_a.sql', '0001_b.sql'], '0002'],
    ['not starting at 1', ['0002_b.sql'], '0001'],
  ])('refuses migration files with %s', (_label, names, expected) => {
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    for (const name of names) writeFileSync(join(migrations, name), 'SELECT 1;');
    const error = thrown(() => readMigrations(migrations));
    expect(error.code).toBe('migrationFailed');
    expect(error.message).toContain(expected);
  });

  it('reads from an overridden migrations folder (for a bundled app) until reset', () => {
    const migrations = join(dir, 'bundled');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0001_only.sql'), 'CREATE TABLE only_one (x INTEGER) STRICT;');
    setMigrationsDir(migrations);
    try {
      expect(migrationsDir()).toBe(migrations);
      const db = openDatabase(join(dir, 'o.sqlite'));
      expect(tables(db)).toEqual(['only_one']);
      db.close();
    } finally {
      setMigrationsDir(null);
    }
    expect(migrationsDir()).toBe(defaultMigrationsDir());
  });
});

describe('openDatabase: a database from a newer workbench', () => {
  it.each([
    ['rollback journal', 'delete'],
    ['WAL', 'wal'],
  ])('is refused with the version named, leaving the file byte-identical (%s)', (_label, journal) => {
    const file = join(dir, 'newer.sqlite');
    const raw = new Database(file);
    raw.pragma(`journal_mode = ${journal}`);
    raw.exec("CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('from v999');");
    raw.pragma('user_version = 999');
    raw.close();
    const before = readFileSync(file);
    const filesBefore = readdirSync(dir).sort();

    const error = thrown(() => openDatabase(file));
    expect(error.code).toBe('newerVersion');
    expect(error.message).toBe('数据文件来自更新版本的工作台（版本 999），请升级软件后再打开');
    expect(error.file).toBe(file);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
  });
});

describe('openDatabase: a damaged file', () => {
  it.each([
    ['garbage bytes', Buffer.from('PK\x03\x04 this is an xlsx, not a database '.repeat(200), 'latin1')],
    ['a few bytes', Buffer.from('oops')],
  ])('detects %s as corrupt without changing the file', (_label, bytes) => {
    const file = join(dir, 'garbage.sqlite');
    writeFileSync(file, bytes);
    const error = thrown(() => openDatabase(file));
    expect(error.code).toBe('corrupt');
    expect(error.file).toBe(file);
    expect(error.message).toContain('数据文件已损坏');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('detects damaged pages behind a valid header (quick_check)', () => {
    const file = join(dir, 'damaged.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v);');
    const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`value ${i} ${'x'.repeat(40)}`);
    })();
    raw.close();
    const pageSize = 4096;
    const pages = statSync(file).size / pageSize;
    expect(pages).toBeGreaterThan(10);
    // Scribble over a few pages in the middle, leaving page 1 (header and schema) intact.
    const fd = openSync(file, 'r+');
    for (const page of [3, Math.floor(pages / 2), pages - 2]) writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, page * pageSize + 8);
    closeSync(fd);

    const error = thrown(() => openDatabase(file));
    expect(error.code).toBe('corrupt');
  });

  it('moves a corrupt file and its -wal/-shm aside and starts a fresh, migrated database', () => {
    const file = join(dir, 'workbench.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x41));
    writeFileSync(`${file}-wal`, 'wal bytes');
    writeFileSync(`${file}-shm`, 'shm bytes');
    expect(thrown(() => openDatabase(file)).code).toBe('corrupt');

    const at = new Date('2025-04-01T01:30:00.123Z');
    const { db, movedTo } = quarantineAndStartFresh(file, { at });
    const base = `${file}.corrupt-2025-04-01T01-30-00-123Z`;
    expect(movedTo).toEqual([base, `${base}-wal`, `${base}-shm`]);
    expect(readFileSync(base)).toEqual(Buffer.alloc(8192, 0x41));
    expect(readFileSync(`${base}-wal`, 'utf8')).toBe('wal bytes');
    expect(tables(db)).toEqual(TABLES);
    expect(db.pragma('user_version', { simple: true })).toBe(NEWEST);
    db.close();

    // A second quarantine in the same millisecond does not overwrite the first.
    writeFileSync(file, 'garbage again, long enough to be more than a hundred bytes '.repeat(4));
    const second = quarantineAndStartFresh(file, { at });
    expect(second.movedTo).toEqual([`${base}-2`]);
    second.db.close();
    expect(readFileSync(base)).toEqual(Buffer.alloc(8192, 0x41));
  });
});

describe('openStore', () => {
  it('creates the data folder and the store file, and seeds the built-in schemes', () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = openStore({ dataDir });
    expect(existsSync(join(dataDir, 'workbench.sqlite'))).toBe(true);
    expect(store.file).toBe(join(dataDir, 'workbench.sqlite'));
    expect(store.schemes.listNewest().map((s) => s.scheme.id)).toEqual(['qingdao-2025', 'shanghai-2020', 'shenzhen', 'suzhou-2024', 'wuxi-2023']);
    store.close();
  });

  it('reports corruption, and quarantineAndOpenStore recovers with an empty store', () => {
    writeFileSync(join(dir, 'workbench.sqlite'), Buffer.alloc(4096, 0xff));
    expect(thrown(() => openStore({ dataDir: dir })).code).toBe('corrupt');
    const { store, movedTo } = quarantineAndOpenStore({ dataDir: dir, seedSchemes: [] });
    expect(movedTo).toHaveLength(1);
    expect(store.units.list()).toEqual([]);
    store.close();
  });

  it('leaves the migrations folder next to the module', () => {
    expect(existsSync(join(defaultMigrationsDir(), '0001_initial.sql'))).toBe(true);
  });
});
