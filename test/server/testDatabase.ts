/**
 * Each test file's own database. With `DATABASE_URL` (CI starts a throwaway PostgreSQL) a new
 * database is created from a migrated template; without it the server's embedded PGlite is
 * used, so a developer can run the tests with nothing installed.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, readMigrations } from '../../server/db/migrations';
import { PostgresDb } from '../../server/db/postgresDb';

export interface TestDatabase {
  /** undefined: the embedded database in the server's data folder. */
  url: string | undefined;
  drop(): Promise<void>;
}

// Any fixed number: the advisory lock under which the first test file migrates the template.
const TEMPLATE_LOCK = 7_317_002;

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(base: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function ensureTemplate(base: string, client: pg.Client): Promise<string> {
  const hash = createHash('sha256');
  for (const m of readMigrations()) hash.update(m.name).update(m.sql);
  const template = `huzhu_template_${hash.digest('hex').slice(0, 12)}`;
  await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${template}`);
      const db = new PostgresDb(databaseUrl(base, template), { max: 1 });
      try {
        await migrate(db);
      } finally {
        await db.close();
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
  return template;
}

export async function testDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) return { url: undefined, drop: async () => {} };
  const name = `huzhu_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(base, async (client) => {
    const template = await ensureTemplate(base, client);
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  });
  return {
    url: databaseUrl(base, name),
    drop: () => withAdmin(base, async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
