/**
 * Periodic clean-up, run on a timer rather than inside requests or logins: forgets
 * idempotency keys past their retention window, sessions expired for a day, failed-login
 * counts too old to delay anyone, and the chunks (rows and files) of uploads used, failed or
 * expired. Each step is one short delete, safe on every instance.
 */
import type { ServerContext } from '../context';

export const DEFAULT_IDEMPOTENCY_RETENTION_MS = 30 * 24 * 3600_000;
export const DEFAULT_CLEANUP_INTERVAL_MS = 3600_000;

export interface CleanupSettings {
  idempotencyRetentionMs: number;
  intervalMs: number;
}

export interface CleanupReport {
  idempotencyKeysPurged: number;
  sessionsPurged: number;
  loginFailuresPurged: number;
  /** Chunks of uploads used, failed or expired. */
  uploadChunksPurged: number;
}

// Kept a day past expiry so a late request still hears "expired" rather than "unknown".
const EXPIRED_SESSION_KEPT_MS = 24 * 3600_000;

export async function runCleanup(ctx: ServerContext, settings: CleanupSettings): Promise<CleanupReport> {
  const now = ctx.clock().getTime();
  return {
    idempotencyKeysPurged: await ctx.idempotency.purgeCreatedBefore(new Date(now - settings.idempotencyRetentionMs).toISOString()),
    sessionsPurged: await ctx.units.purgeSessions(new Date(now - EXPIRED_SESSION_KEPT_MS).toISOString()),
    loginFailuresPurged: await ctx.throttle.purge(),
    uploadChunksPurged: await ctx.uploads.purgeChunks(new Date(now).toISOString()),
  };
}

/** Starts the timer; the returned function stops it. The timer never keeps the process alive. */
export function scheduleCleanup(ctx: ServerContext, settings: CleanupSettings, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => {
    runCleanup(ctx, settings).catch(onError);
  }, settings.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
