/**
 * The reference association server: `createServer(options)` opens (or creates) its database
 * — PostgreSQL at `databaseUrl`, or PGlite in the data folder — migrates it, seeds the five
 * built-in schemes, and returns a server to `listen()` and `close()`. Instances sharing one
 * PostgreSQL hold no state of their own: any of them may answer any request.
 */
import type { FastifyInstance } from 'fastify';
import { BUILT_IN_SCHEME_FILES } from '../shared/schemes';
import { isoAt, systemClock, type Clock } from './clock';
import type { ThrottlePolicies } from './auth/loginThrottle';
import { derivedKey, loadServerSecret } from './config/serverSecret';
import { createContext, type ServerContext, type ServerLimits } from './context';
import { openBlobStore, type BlobSettings } from './blobs/openBlobStore';
import { openDatabase } from './db/openDatabase';
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
  /** The server's folder: its secret file, and the embedded database when no `databaseUrl` is given. */
  dataDir: string;
  /** postgres://… (`DATABASE_URL`): the shared database of every instance. */
  databaseUrl?: string | undefined;
  /** Connections this instance keeps to PostgreSQL (default 10). */
  poolSize?: number;
  /** Where files go: `<dataDir>/blobs` by default, or an S3-compatible bucket. */
  blobs?: BlobSettings;
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
  /** Limits per unit (default DEFAULT_LIMITS). */
  limits?: ServerLimits;
}

export interface HuzhuServer {
  readonly faults: FaultSwitch;
  readonly dataDir: string;
  /** For tests and tools that inspect the stores directly. */
  readonly context: ServerContext;
  readonly app: FastifyInstance;
  /** The demo accounts, when `demo` was asked for. */
  readonly demoAccounts: DemoAccount[];
  /** One pass of the periodic clean-up now (tests move the clock, then call this). */
  runCleanup(): Promise<CleanupReport>;
  /** Resolves to the base URL, e.g. http://127.0.0.1:49152. */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  close(): Promise<void>;
}

export const DEFAULT_TOKEN_TTL_MS = 12 * 3600_000;

export async function createServer(options: CreateServerOptions): Promise<HuzhuServer> {
  if (!options.adminToken || options.adminToken.length < 8) throw new Error('管理令牌至少 8 个字符');
  if (!options.dataDir) throw new Error('须指定数据目录 dataDir');
  const clock = options.clock ?? systemClock;
  const secret = loadServerSecret(options.serverSecret, options.dataDir);
  const db = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, poolSize: options.poolSize });
  const keys = {
    requestHash: derivedKey(secret, 'idempotency-request-hash'),
    throttleSubject: derivedKey(secret, 'login-throttle-subject'),
    personalData: derivedKey(secret, 'personal-data-seal'),
    personalDataIndex: derivedKey(secret, 'personal-data-index'),
  };
  const blobs = openBlobStore(options.blobs, options.dataDir);
  const ctx = createContext(db, blobs, clock, options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS, keys, options.loginThrottle, options.limits);
  const cleanup: CleanupSettings = {
    idempotencyRetentionMs: options.idempotencyRetentionMs ?? DEFAULT_IDEMPOTENCY_RETENTION_MS,
    intervalMs: options.cleanupIntervalMs ?? DEFAULT_CLEANUP_INTERVAL_MS,
  };
  const faults = new FaultSwitch(options.faults === true);
  try {
    await db.transaction(async () => {
      for (const file of Object.values(BUILT_IN_SCHEME_FILES)) await ctx.schemes.insert(file, isoAt(clock));
    });
    const demoAccounts = options.demo ? await seedDemo(ctx) : [];
    const log = options.log ?? (() => {});
    const app = await buildApp({ ctx, adminToken: options.adminToken, faults, log, trustProxy: options.trustProxy === true });
    const stopCleanup = scheduleCleanup(ctx, cleanup, (error) => log(`清理任务失败：${error instanceof Error ? error.message : String(error)}`));
    let closed = false;
    return {
      faults,
      dataDir: options.dataDir,
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
        await db.close();
        blobs.close?.();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
