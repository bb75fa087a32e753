/**
 * Retry delays: exponential in the number of attempts, capped, with jitter so that many
 * clients (or many lanes of one client) coming back after an outage do not retry in step.
 */

export interface BackoffPolicy {
  /** The delay after the first failed attempt, before jitter. */
  baseMs: number;
  /** Each further attempt multiplies the delay by this. */
  factor: number;
  /** No delay is ever longer. */
  capMs: number;
  /** 0..1: how much of the delay may be taken off at random (0.5: between half and all of it). */
  jitter: number;
}

/** Outbox actions: 2 s, 4 s, 8 s … up to 5 minutes, each between half and all of that. */
export const ACTION_BACKOFF: BackoffPolicy = { baseMs: 2_000, factor: 2, capMs: 5 * 60_000, jitter: 0.5 };

/** Probing an unreachable server: 1 s, 2 s, 4 s … up to 1 minute. */
export const PROBE_BACKOFF: BackoffPolicy = { baseMs: 1_000, factor: 2, capMs: 60_000, jitter: 0.5 };

/** The delay before attempt `attempt + 1`, where `attempt` (≥ 1) attempts have failed; `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempt, 64) - 1);
  const full = Math.min(policy.capMs, policy.baseMs * policy.factor ** exponent);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  const r = Math.min(1, Math.max(0, random()));
  return Math.max(0, Math.round(full * (1 - jitter * r)));
}
