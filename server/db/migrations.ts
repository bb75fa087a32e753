/**
 * The server's schema migrations: `server/migrations/NNNN_name.sql`, applied in order at
 * start, each in its own transaction, `PRAGMA user_version` recording the last one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{4})_[A-Za-z0-9_-]+\.sql$/;

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

/** Applies the migrations above the database's user_version; refuses a database from a newer server. */
export function migrate(db: Database, migrations: readonly Migration[] = readMigrations()): string[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) throw new Error(`数据库来自更新版本的服务器（版本 ${current}），请升级服务器`);
  const applied: string[] = [];
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of migrations.filter((x) => x.version > current)) {
      db.transaction(() => {
        db.exec(m.sql);
        const violations = db.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) throw new Error(`外键检查发现 ${violations.length} 处不一致（${m.name}）`);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
      applied.push(m.name);
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
  return applied;
}
