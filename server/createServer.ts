/**
 * The reference association server: `createServer(options)` opens (or creates) its SQLite
 * database, seeds the five built-in schemes, and returns a server to `listen()` and `close()`.
 */
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { BUILT_IN_SCHEME_FILES } from '../shared/schemes';
import { isoAt, systemClock, type Clock } from './clock';
import type { ThrottlePolicies } from './auth/loginThrottle';
import { derivedKey, loadServerSecret } from './config/serverSecret';
import { createContext, type ServerContext } from './context';
import { inTransaction, openServerDb } from './db/openServerDb';
import { seedDemo, type DemoAccount } from './demo';
import { buildApp } from './http/buildApp';
import { FaultSwitch } from './http/faults';
import type { LogSink } from './http/safeLog';
import {
  DEFAULT_CLEANUP_INTERVAL_MS,
  DEFAULT_IDEMPOTENCY_RETENTION_MS,
  runCleanup,
  scheduleCleanup,
  type CleanupReport,
  type CleanupSettings,
} from './jobs/cleanupJobs';

export interface CreateServerOptions {
  /** The folder of the database file (`huzhu-server.sqlite`); or give `dbFile`. */
  dataDir?: string;
  dbFile?: string;
  /** The staff's bearer token for /admin routes. */
  adminToken: string;
  /** Arms the test switch (`server.faults`); never on by default. */
  faults?: boolean;
  clock?: Clock;
  /** How long a login lasts (default 12 hours). */
  tokenTtlMs?: number;
  /** Where request log lines go (default: nowhere). */
  log?: LogSink;
  /** Adds the demo units and claims. */
  demo?: boolean;
  /** The server's secret (`HUZHU_SERVER_SECRET`); by default read from, or generated once into, a 0600 file in the data folder. */
  serverSecret?: string;
  /** How long idempotency keys are kept (default 30 days). */
  idempotencyRetentionMs?: number;
  /** How often the clean-up job runs (default hourly). */
  cleanupIntervalMs?: number;
  /** Waits and locks after failed logins (default DEFAULT_THROTTLE). */
  loginThrottle?: ThrottlePolicies;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  trustProxy?: boolean;
}

export interface HuzhuServer {
  readonly faults: FaultSwitch;
  readonly dbFile: string;
  /** For tests and tools that inspect the stores directly. */
  readonly context: ServerContext;
  readonly app: FastifyInstance;
  /** The demo accounts, when `demo` was asked for. */
  readonly demoAccounts: DemoAccount[];
  /** One pass of the periodic clean-up now (tests move the clock, then call this). */
  runCleanup(): CleanupReport;
  /** Resolves to the base URL, e.g. http://127.0.0.1:49152. */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  close(): Promise<void>;
}

export const DEFAULT_TOKEN_TTL_MS = 12 * 3600_000;
export const DB_FILE_NAME = 'huzhu-server.sqlite';

export async function createServer(options: CreateServerOptions): Promise<HuzhuServer> {
  if (!options.adminToken || options.adminToken.length < 8) throw new Error('管理令牌至少 8 个字符');
  const dbFile = options.dbFile ?? (options.dataDir ? join(options.dataDir, DB_FILE_NAME) : null);
  if (!dbFile) throw new Error('须指定 dataDir 或 dbFile');
  const clock = options.clock ?? systemClock;
  const secret = loadServerSecret(options.serverSecret, options.dataDir ?? dirname(dbFile));
  const db = openServerDb(dbFile);
  const keys = { requestHash: derivedKey(secret, 'idempotency-request-hash'), throttleSubject: derivedKey(secret, 'login-throttle-subject') };
  const ctx = createContext(db, clock, options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS, keys, options.loginThrottle);
  const cleanup: CleanupSettings = {
    idempotencyRetentionMs: options.idempotencyRetentionMs ?? DEFAULT_IDEMPOTENCY_RETENTION_MS,
    intervalMs: options.cleanupIntervalMs ?? DEFAULT_CLEANUP_INTERVAL_MS,
  };
  const faults = new FaultSwitch(options.faults === true);
  try {
    inTransaction(db, () => {
      for (const file of Object.values(BUILT_IN_SCHEME_FILES)) ctx.schemes.insert(file, isoAt(clock));
    });
    const demoAccounts = options.demo ? await seedDemo(ctx) : [];
    const log = options.log ?? (() => {});
    const app = await buildApp({ ctx, adminToken: options.adminToken, faults, log, trustProxy: options.trustProxy === true });
    const stopCleanup = scheduleCleanup(ctx, cleanup, (error) => log(`清理任务失败：${error instanceof Error ? error.message : String(error)}`));
    let closed = false;
    return {
      faults,
      dbFile,
      context: ctx,
      app,
      demoAccounts,
      runCleanup: () => runCleanup(ctx, cleanup),
      async listen({ port = 0, host = '127.0.0.1' } = {}) {
        await app.listen({ port, host });
        const address = app.server.address();
        if (!address || typeof address === 'string') throw new Error('服务器没有监听 TCP 端口');
        return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
      },
      async close() {
        if (closed) return;
        closed = true;
        stopCleanup();
        await app.close();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
