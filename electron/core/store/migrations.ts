/**
 * Schema migrations: numbered SQL files `NNNN_name.sql` in one folder, applied in order, each
 * in its own transaction, the database's `PRAGMA user_version` recording the last one applied.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { StoreError } from './errors';

export interface Migration {
  version: number;
  /** The file name, for messages. */
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{4})_[A-Za-z0-9_-]+\.sql$/;

let overrideDir: string | null = null;

/** The folder next to this module in the source tree. */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations/', import.meta.url));
}

/** The folder migrations are read from: the shell overrides it when bundling moves the files. */
export function migrationsDir(): string {
  return overrideDir ?? defaultMigrationsDir();
}

/** Points every later open at another folder (e.g. `process.resourcesPath/migrations`); null restores the default. */
export function setMigrationsDir(dir: string | null): void {
  overrideDir = dir;
}

/** Reads and orders the migration files; they must be numbered 1, 2, 3 … without gaps or repeats. */
export function readMigrations(dir: string = migrationsDir()): Migration[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (cause) {
    throw new StoreError('migrationFailed', `找不到数据库升级脚本目录：${dir}`, { cause });
  }
  const migrations = names
    .map((name) => ({ name, match: MIGRATION_FILE.exec(name) }))
    .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
    .map(({ name, match }) => ({ version: Number(match[1]), name, sql: readFileSync(join(dir, name), 'utf8') }))
    .sort((a, b) => a.version - b.version || a.name.localeCompare(b.name));
  if (migrations.length === 0) throw new StoreError('migrationFailed', `数据库升级脚本目录中没有脚本：${dir}`);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new StoreError('migrationFailed', `数据库升级脚本编号应为连续的 ${String(i + 1).padStart(4, '0')}，却是 ${m.name}`);
    }
  });
  return migrations;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Work a migration needs beyond SQL (sealing values with the data key), run after that
 * version's SQL in the same transaction, so the version is only recorded once both are done.
 */
export type MigrationSteps = Readonly<Record<number, (db: Database) => void>>;

export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Applies the migrations above the database's user_version. Foreign keys are off while the
 * schema changes (SQLite's recommended way to rebuild tables) and checked before each commit;
 * a failing migration rolls back whole and leaves the version where it was.
 */
export function migrate(db: Database, migrations: readonly Migration[], steps: MigrationSteps = {}): MigrationResult {
  const from = userVersion(db);
  const pending = migrations.filter((m) => m.version > from);
  const applied: string[] = [];
  if (pending.length === 0) return { from, to: from, applied };
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of pending) {
      try {
        db.transaction(() => {
          db.exec(m.sql);
          steps[m.version]?.(db);
          const violations = db.pragma('foreign_key_check') as unknown[];
          if (violations.length > 0) throw new Error(`外键检查发现 ${violations.length} 处不一致`);
          db.pragma(`user_version = ${m.version}`);
        }).immediate();
      } catch (cause) {
        throw new StoreError('migrationFailed', `数据文件升级失败（${m.name}）：${(cause as Error).message}`, { cause, file: db.name });
      }
      applied.push(m.name);
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
  return { from, to: userVersion(db), applied };
}
