/**
 * The server's schema migrations: `server/migrations/NNNN_name.sql` (PostgreSQL), applied in
 * order at start, each in its own transaction and recorded in `schema_migrations`. Instances
 * starting together take an advisory lock, so each file runs once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlDb } from './sqlDb';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{4})_[A-Za-z0-9_-]+\.sql$/;
// Any fixed number: the key of the advisory lock the migrating instance holds.
const MIGRATION_LOCK = 7_317_001;

export function serverMigrationsDir(): string {
  return fileURLToPath(new URL('../migrations/', import.meta.url));
}

/** The migration files in order; they must be numbered 1, 2, 3 … without gaps. */
export function readMigrations(dir: string = serverMigrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .map((name) => ({ name, match: MIGRATION_FILE.exec(name) }))
    .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
    .map(({ name, match }) => ({ version: Number(match[1]), name, sql: readFileSync(join(dir, name), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`数据库升级脚本编号应为连续的 ${String(i + 1).padStart(4, '0')}，却是 ${m.name}`);
  });
  if (migrations.length === 0) throw new Error(`数据库升级脚本目录中没有脚本：${dir}`);
  return migrations;
}

/** The newest version applied to the database (0 for an empty one). */
export async function schemaVersion(db: SqlDb): Promise<number> {
  const row = await db.one<{ v: number | null }>(
    "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE (SELECT COALESCE(MAX(version), 0) FROM schema_migrations) END AS v",
  );
  return row?.v ?? 0;
}

/** Applies the migrations above the database's version; refuses a database from a newer server. */
export async function migrate(db: SqlDb, migrations: readonly Migration[] = readMigrations()): Promise<string[]> {
  const newest = migrations.at(-1)?.version ?? 0;
  const applied: string[] = [];
  await db.transaction(async () => {
    await db.run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
  });
  const current = await schemaVersion(db);
  if (current > newest) throw new Error(`数据库来自更新版本的服务器（版本 ${current}），请升级服务器`);
  for (const m of migrations.filter((x) => x.version > current)) {
    const done = await db.transaction(async () => {
      await db.run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      // Another instance may have applied it while this one waited for the lock.
      if ((await db.one('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version])) !== null) return false;
      await db.exec(m.sql);
      await db.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}
