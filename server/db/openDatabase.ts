/**
 * Opens the server's database, migrated: PostgreSQL at `databaseUrl` when one is given
 * (production, several instances), otherwise PGlite in `<dataDir>/pgdata` (the demo and
 * quick tests, nothing to install).
 *
 * A new PGlite folder starts from a migrated template kept in the system's temp folder (named
 * by the migrations' hash), so a new data folder costs a copy rather than an initdb.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, readMigrations } from './migrations';
import { PgliteDb } from './pgliteDb';
import { PostgresDb } from './postgresDb';
import type { SqlDb } from './sqlDb';

export const PGLITE_DIR_NAME = 'pgdata';

export interface DatabaseOptions {
  /** postgres://… (`DATABASE_URL`). */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files when no URL is given. */
  dataDir: string;
  /** Connections in this instance's pool (PostgreSQL only). */
  poolSize?: number | undefined;
}

function templateFile(): string {
  const hash = createHash('sha256');
  for (const m of readMigrations()) hash.update(m.name).update(m.sql);
  return join(tmpdir(), `huzhu-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** The migrated empty database as a PGlite data-folder archive, made once per set of migrations. */
async function pgliteTemplate(): Promise<Blob> {
  const file = templateFile();
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const db = await PgliteDb.open();
  try {
    await migrate(db);
    const archive = await db.dumpDataDir();
    const partial = `${file}.${process.pid}.part`;
    writeFileSync(partial, Buffer.from(await archive.arrayBuffer()), { mode: 0o600 });
    renameSync(partial, file);
    return archive;
  } finally {
    await db.close();
  }
}

async function openPglite(dataDir: string): Promise<SqlDb> {
  const dir = join(dataDir, PGLITE_DIR_NAME);
  const fresh = !existsSync(dir) || readdirSync(dir).length === 0;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return PgliteDb.open(dir, fresh ? await pgliteTemplate() : undefined);
}

export async function openDatabase(options: DatabaseOptions): Promise<SqlDb> {
  const db = options.databaseUrl
    ? new PostgresDb(options.databaseUrl, options.poolSize !== undefined ? { max: options.poolSize } : {})
    : await openPglite(options.dataDir);
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
