/** Each unit's change feed: entries numbered 1, 2, 3 … per unit, never renumbered. */
import type { Change } from '../../shared/wire';
import type { ServerDb } from '../db/openServerDb';
import { fromJson, toJson } from './json';

/** A change as written: the feed adds `seq` and `at`. */
export type NewChange = Change extends infer C ? (C extends Change ? Omit<C, 'seq' | 'at'> : never) : never;

export class ChangesStore {
  constructor(private readonly db: ServerDb) {}

  lastSeq(unitId: string): number {
    return this.db.prepare<[string], { n: number | null }>('SELECT MAX(seq) AS n FROM changes WHERE unit_id = ?').get(unitId)!.n ?? 0;
  }

  /** Call inside the transaction that makes the change. */
  append(unitId: string, at: string, change: NewChange): number {
    const seq = this.lastSeq(unitId) + 1;
    const { kind, ...payload } = change;
    this.db.prepare('INSERT INTO changes (unit_id, seq, at, kind, payload) VALUES (?, ?, ?, ?, ?)').run(unitId, seq, at, kind, toJson(payload));
    return seq;
  }

  list(unitId: string, after: number, limit: number): Change[] {
    return this.db
      .prepare<[string, number, number], { seq: number; at: string; kind: string; payload: string }>(
        'SELECT seq, at, kind, payload FROM changes WHERE unit_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      )
      .all(unitId, after, limit)
      .map((r) => ({ ...fromJson<Record<string, unknown>>(r.payload), seq: r.seq, at: r.at, kind: r.kind }) as Change);
  }
}
