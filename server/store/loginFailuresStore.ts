/** Counted login failures by subject (a keyed hash of an account or a client address). */
import type { ServerDb } from '../db/openServerDb';

export interface FailureCount {
  failures: number;
  lastFailureAt: string;
}

export class LoginFailuresStore {
  constructor(private readonly db: ServerDb) {}

  get(subject: string): FailureCount | null {
    const row = this.db
      .prepare<[string], { failures: number; last_failure_at: string }>('SELECT failures, last_failure_at FROM login_failures WHERE subject = ?')
      .get(subject);
    return row ? { failures: row.failures, lastFailureAt: row.last_failure_at } : null;
  }

  /** One more failure at `at`; a count whose last failure is before `forgetBefore` starts again at 1. */
  record(subject: string, at: string, forgetBefore: string): void {
    this.db
      .prepare(
        `INSERT INTO login_failures (subject, failures, last_failure_at) VALUES (?, 1, ?)
         ON CONFLICT (subject) DO UPDATE SET
           failures = CASE WHEN login_failures.last_failure_at < ? THEN 1 ELSE login_failures.failures + 1 END,
           last_failure_at = excluded.last_failure_at`,
      )
      .run(subject, at, forgetBefore);
  }

  clear(subject: string): void {
    this.db.prepare('DELETE FROM login_failures WHERE subject = ?').run(subject);
  }

  purgeBefore(cutoff: string): number {
    return this.db.prepare('DELETE FROM login_failures WHERE last_failure_at < ?').run(cutoff).changes;
  }
}
