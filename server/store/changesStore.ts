/**
 * Each unit's change feed, and the announcements every unit hears, merged when read.
 *
 * A unit's entries are numbered 1, 2, 3 … by a counter row taken in the transaction that makes
 * the change, so the feed has no gaps and grows in commit order; announcements have one such
 * counter for all. The cursor the client keeps is one number holding both positions
 * (`announcement × UNIT_SPAN + unit`: a unit that has heard no announcement counts 1, 2, 3 …),
 * and each entry's `seq` is the cursor just after it.
 */
import type { Change } from '../../shared/wire';
import type { SqlDb } from '../db/sqlDb';
import type { FieldCipher } from '../crypto/fieldCipher';
import { fromJson, toJson } from './json';

/** A change as written: the feed adds `seq` and `at`. */
export type NewChange = Change extends infer C ? (C extends Change ? Omit<C, 'seq' | 'at'> : never) : never;

/** Room for this many entries of one unit's feed; a cursor (at most 15 digits) then has room for 10⁶ announcements. */
export const UNIT_SPAN = 1_000_000_000;

export interface FeedPosition {
  unit: number;
  announcement: number;
}

export function encodeCursor(p: FeedPosition): number {
  return p.announcement * UNIT_SPAN + p.unit;
}

export function decodeCursor(cursor: number): FeedPosition {
  return { unit: cursor % UNIT_SPAN, announcement: Math.floor(cursor / UNIT_SPAN) };
}

interface EntryRow {
  seq: number;
  at: string;
  kind: string;
  payload: string;
}

export class ChangesStore {
  constructor(
    private readonly db: SqlDb,
    private readonly cipher: FieldCipher,
  ) {}

  /** The newest position of the unit's feed. */
  async last(unitId: string): Promise<FeedPosition> {
    const row = await this.db.one<{ unit: number | null; announcement: number }>(
      'SELECT (SELECT last_seq FROM unit_feeds WHERE unit_id = $1) AS unit, (SELECT last_seq FROM announcement_feed) AS announcement',
      [unitId],
    );
    return { unit: row?.unit ?? 0, announcement: row?.announcement ?? 0 };
  }

  /** Call inside the transaction that makes the change; holds the unit's counter until it commits. */
  async append(unitId: string, at: string, change: NewChange): Promise<number> {
    const { kind, ...payload } = change;
    const row = await this.db.one<{ last_seq: number }>(
      `INSERT INTO unit_feeds (unit_id, last_seq) VALUES ($1, 1)
       ON CONFLICT (unit_id) DO UPDATE SET last_seq = unit_feeds.last_seq + 1 RETURNING last_seq`,
      [unitId],
    );
    const seq = row!.last_seq;
    await this.db.run('INSERT INTO changes (unit_id, seq, at, kind, payload) VALUES ($1, $2, $3, $4, $5)', [unitId, seq, at, kind, this.cipher.sealJson(payload)]);
    return seq;
  }

  /** An entry for every unit's feed, stored once. */
  async announce(at: string, change: NewChange): Promise<number> {
    const { kind, ...payload } = change;
    const row = await this.db.one<{ last_seq: number }>('UPDATE announcement_feed SET last_seq = last_seq + 1 RETURNING last_seq');
    const seq = row!.last_seq;
    await this.db.run('INSERT INTO announcements (seq, at, kind, payload) VALUES ($1, $2, $3, $4)', [seq, at, kind, toJson(payload)]);
    return seq;
  }

  /** Up to `limit` entries after `after`, the unit's own and the announcements interleaved by time. */
  async list(unitId: string, after: FeedPosition, limit: number): Promise<{ changes: Change[]; position: FeedPosition }> {
    const [own, announced] = await Promise.all([
      this.db.all<EntryRow>('SELECT seq, at, kind, payload FROM changes WHERE unit_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [unitId, after.unit, limit]),
      this.db.all<EntryRow>('SELECT seq, at, kind, payload FROM announcements WHERE seq > $1 ORDER BY seq LIMIT $2', [after.announcement, limit]),
    ]);
    const position = { ...after };
    const changes: Change[] = [];
    let i = 0;
    let j = 0;
    while (changes.length < limit && (i < own.length || j < announced.length)) {
      const takeOwn = j >= announced.length || (i < own.length && own[i]!.at <= announced[j]!.at);
      const entry = takeOwn ? own[i++]! : announced[j++]!;
      if (takeOwn) position.unit = entry.seq;
      else position.announcement = entry.seq;
      // A unit's own entries are sealed; announcements (scheme versions) hold nothing personal.
      const payload = takeOwn ? this.cipher.openJson<Record<string, unknown>>(entry.payload) : fromJson<Record<string, unknown>>(entry.payload);
      changes.push({ ...payload, seq: encodeCursor(position), at: entry.at, kind: entry.kind } as Change);
    }
    return { changes, position };
  }
}
