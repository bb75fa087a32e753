/** The storage interface on a real PostgreSQL through a `pg` pool. */
import pg from 'pg';
import { SqlDb, type SqlExecutor } from './sqlDb';

const INT8_OID = 20;

// Counts and money (bigint) as numbers: every value the server keeps stays far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

function executorOf(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<R>(sql: string, params: readonly unknown[]) {
      const res = await client.query(sql, params as unknown[]);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export class PostgresDb extends SqlDb {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly pooled: SqlExecutor;

  constructor(connectionString: string, options: { max?: number } = {}) {
    super();
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
    // An idle connection the server dropped must not take the process down.
    this.pool.on('error', () => {});
    this.pooled = executorOf(this.pool);
  }

  protected direct(): SqlExecutor {
    return this.pooled;
  }

  protected async begin<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(executorOf(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
