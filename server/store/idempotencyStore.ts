/** Applied actions by idempotency key: the request's HMAC and the response to replay. */
import type { ServerDb } from '../db/openServerDb';

export interface StoredResponse {
  route: string;
  requestHash: string;
  status: number;
  body: string;
}

/** What migration 0005 left in place of the hashes made before they were keyed. */
export const LEGACY_REQUEST_HASH = 'legacy';

export class IdempotencyStore {
  constructor(private readonly db: ServerDb) {}

  find(scope: string, key: string): StoredResponse | null {
    const row = this.db
      .prepare<[string, string], { route: string; request_hash: string; status: number; response: string }>(
        'SELECT route, request_hash, status, response FROM idempotency_keys WHERE scope = ? AND key = ?',
      )
      .get(scope, key);
    return row ? { route: row.route, requestHash: row.request_hash, status: row.status, body: row.response } : null;
  }

  save(scope: string, key: string, stored: StoredResponse, at: string): void {
    this.db
      .prepare('INSERT INTO idempotency_keys (scope, key, route, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(scope, key, stored.route, stored.requestHash, stored.status, stored.body, at);
  }

  /** Forgets keys stored before `cutoff` (ISO time); returns how many. */
  purgeCreatedBefore(cutoff: string): number {
    return this.db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(cutoff).changes;
  }
}
