/** Counted login failures by subject (a keyed hash of an account or a client address). */
import type { SqlDb } from '../db/sqlDb';

export interface FailureCount {
  failures: number;
  lastFailureAt: string;
}

export class LoginFailuresStore {
  constructor(private readonly db: SqlDb) {}

  async get(subject: string): Promise<FailureCount | null> {
    const row = await this.db.one<{ failures: number; last_failure_at: string }>('SELECT failures, last_failure_at FROM login_failures WHERE subject = $1', [subject]);
    return row ? { failures: row.failures, lastFailureAt: row.last_failure_at } : null;
  }

  /** One more failure at `at`; a count whose last failure is before `forgetBefore` starts again at 1. */
  async record(subject: string, at: string, forgetBefore: string): Promise<void> {
    await this.db.run(
      `INSERT INTO login_failures (subject, failures, last_failure_at) VALUES ($1, 1, $2)
       ON CONFLICT (subject) DO UPDATE SET
         failures = CASE WHEN login_failures.last_failure_at < $3 THEN 1 ELSE login_failures.failures + 1 END,
         last_failure_at = excluded.last_failure_at`,
      [subject, at, forgetBefore],
    );
  }

  async clear(subject: string): Promise<void> {
    await this.db.run('DELETE FROM login_failures WHERE subject = $1', [subject]);
  }

  async purgeBefore(cutoff: string): Promise<number> {
    return this.db.run('DELETE FROM login_failures WHERE last_failure_at < $1', [cutoff]);
  }
}
