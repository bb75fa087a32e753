/**
 * The server's one storage interface: PostgreSQL SQL, run either on a real PostgreSQL
 * (`pg`) or on PGlite (the same engine embedded, for the demo and quick tests). Queries made
 * inside `transaction(fn)` run on that transaction's connection wherever they are issued
 * from, so stores stay free of connection plumbing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** One connection's way to run SQL ($1, $2 … parameters). */
export interface SqlExecutor {
  query<R>(sql: string, params: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DatabaseKind = 'postgres' | 'pglite';

export abstract class SqlDb {
  abstract readonly kind: DatabaseKind;
  private readonly current = new AsyncLocalStorage<SqlExecutor>();

  /** Runs outside any transaction (the pool, or PGlite's one connection). */
  protected abstract direct(): SqlExecutor;
  /** BEGIN … COMMIT (ROLLBACK on a throw) on one connection. */
  protected abstract begin<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;

  private executor(): SqlExecutor {
    return this.current.getStore() ?? this.direct();
  }

  async all<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await this.executor().query<R>(sql, params)).rows;
  }

  async one<R>(sql: string, params: readonly unknown[] = []): Promise<R | null> {
    return (await this.executor().query<R>(sql, params)).rows[0] ?? null;
  }

  /** The number of rows written. */
  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.executor().query(sql, params)).rowCount;
  }

  async exec(sql: string): Promise<void> {
    await this.executor().exec(sql);
  }

  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /** Every multi-row write goes through here; a transaction inside another joins it. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return fn();
    return this.begin((tx) => this.current.run(tx, fn));
  }
}
