/** Actions by idempotency key: the request's HMAC and, once applied, the response to replay. */
import type { FieldCipher } from '../crypto/fieldCipher';
import type { SqlDb } from '../db/sqlDb';

export interface StoredResponse {
  route: string;
  requestHash: string;
  status: number;
  body: string;
}

export class IdempotencyStore {
  constructor(
    private readonly db: SqlDb,
    private readonly cipher: FieldCipher,
  ) {}

  /** An applied action's record; a pending one (its transaction not committed) reads as none. */
  async find(scope: string, key: string): Promise<StoredResponse | null> {
    const row = await this.db.one<{ route: string; request_hash: string; status: number; response: string }>(
      'SELECT route, request_hash, status, response FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status IS NOT NULL',
      [scope, key],
    );
    return row ? { route: row.route, requestHash: row.request_hash, status: row.status, body: this.cipher.open(row.response) } : null;
  }

  /**
   * Inside the action's transaction, first: takes the key (true), or — after waiting for a
   * transaction holding it to end — finds it taken (false).
   */
  async begin(scope: string, key: string, route: string, requestHash: string, at: string): Promise<boolean> {
    const taken = await this.db.run(
      'INSERT INTO idempotency_keys (scope, key, route, request_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING',
      [scope, key, route, requestHash, at],
    );
    return taken === 1;
  }

  /** The response of the action begun under the key, in the same transaction. */
  async finish(scope: string, key: string, status: number, body: string): Promise<void> {
    await this.db.run('UPDATE idempotency_keys SET status = $3, response = $4 WHERE scope = $1 AND key = $2', [scope, key, status, this.cipher.seal(body)]);
  }

  /** Forgets keys stored before `cutoff` (ISO time); returns how many. */
  async purgeCreatedBefore(cutoff: string): Promise<number> {
    return this.db.run('DELETE FROM idempotency_keys WHERE created_at < $1 AND status IS NOT NULL', [cutoff]);
  }
}
