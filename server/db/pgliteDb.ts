/**
 * The storage interface on PGlite: PostgreSQL compiled to WebAssembly, in this process, kept
 * in a folder (or in memory). One connection: transactions take turns, which is what an
 * embedded demo or test server needs and no more.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { SqlDb, type SqlExecutor } from './sqlDb';

const INT8_OID = 20;

function executorOf(db: PGlite | Transaction): SqlExecutor {
  return {
    async query<R>(sql: string, params: readonly unknown[]) {
      const res = await db.query<R>(sql, params as unknown[]);
      return { rows: res.rows, rowCount: res.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

export class PgliteDb extends SqlDb {
  readonly kind = 'pglite' as const;
  private readonly plain: SqlExecutor;

  private constructor(private readonly db: PGlite) {
    super();
    this.plain = executorOf(db);
  }

  /**
   * `dataDir` keeps the database in that folder (without it, in memory); `template`, a data
   * folder archive, fills a new folder.
   */
  static async open(dataDir?: string, template?: Blob): Promise<PgliteDb> {
    const db = await PGlite.create(dataDir, { parsers: { [INT8_OID]: (v: string) => Number(v) }, ...(template ? { loadDataDir: template } : {}) });
    return new PgliteDb(db);
  }

  /** The whole data folder as an archive (a template for new folders). */
  dumpDataDir(): Promise<Blob> {
    return this.db.dumpDataDir('none') as Promise<Blob>;
  }

  protected direct(): SqlExecutor {
    return this.plain;
  }

  protected begin<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(executorOf(tx)));
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
