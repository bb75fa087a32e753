/**
 * Periodic clean-up, run on a timer rather than inside requests: forgets idempotency keys
 * past their retention window. Each pass is one short delete, safe to run on every instance.
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
}

export function runCleanup(ctx: ServerContext, settings: CleanupSettings): CleanupReport {
  const cutoff = new Date(ctx.clock().getTime() - settings.idempotencyRetentionMs).toISOString();
  return { idempotencyKeysPurged: ctx.idempotency.purgeCreatedBefore(cutoff) };
}

/** Starts the timer; the returned function stops it. The timer never keeps the process alive. */
export function scheduleCleanup(ctx: ServerContext, settings: CleanupSettings, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => {
    try {
      runCleanup(ctx, settings);
    } catch (error) {
      onError(error);
    }
  }, settings.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
