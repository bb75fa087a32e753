/**
 * The audit log: who did what to which record, when. Details are counts, field names and
 * states, never values; as a second line of defence any run of six or more digits in a
 * detail string (an ID, bank card or phone number slipped in by mistake) is blanked out.
 */
import type { Actor } from '../../../shared/domain/batch';
import type { SqliteDatabase } from './openDatabase';
import { fromJson, toJson } from './json';
import { isoAt, type Clock } from './time';

export type AuditDetailValue = string | number | boolean | null | readonly (string | number)[];
export type AuditDetail = Readonly<Record<string, AuditDetailValue>>;

export interface NewAuditEntry {
  actor: Actor;
  /** The kind of record: unit, batch, roster, import, print, outbox … */
  entity: string;
  entityId: string | null;
  /** What happened, e.g. `batch.transition`, `roster.insert`. */
  action: string;
  detail?: AuditDetail;
}

export interface AuditEntry extends Required<NewAuditEntry> {
  id: number;
  at: string;
}

// A run of six or more digits (an ID, passport, phone or card number). Record ids are UUIDs,
// whose hex may hold such a run (`ed787665-…`): a whole UUID is matched first and kept.
const PERSONAL_NUMBER = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{6,}[\dXx]?/gi;
export const REDACTED = '[已隐去]';

export function redactText(text: string): string {
  return text.replace(PERSONAL_NUMBER, (match) => (match.includes('-') ? match : REDACTED));
}

function redactDetail(detail: AuditDetail): Record<string, AuditDetailValue> {
  const out: Record<string, AuditDetailValue> = {};
  for (const [key, value] of Object.entries(detail)) {
    const safeKey = redactText(key);
    if (typeof value === 'string') out[safeKey] = redactText(value);
    else if (Array.isArray(value)) out[safeKey] = value.map((v) => (typeof v === 'string' ? redactText(v) : v));
    else out[safeKey] = value as AuditDetailValue;
  }
  return out;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string | null;
  action: string;
  detail: string;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: fromJson<Actor>(row.actor),
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    detail: fromJson<AuditDetail>(row.detail),
  };
}

export class AuditRepo {
  private readonly insert;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare<[string, string, string, string | null, string, string]>(
      'INSERT INTO audit_log (at, actor, entity, entity_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** Writes inside the caller's transaction when there is one. */
  record(entry: NewAuditEntry): number {
    const actor: Actor = entry.actor.name === undefined ? { kind: entry.actor.kind } : { kind: entry.actor.kind, name: redactText(entry.actor.name) };
    const result = this.insert.run(isoAt(this.clock), toJson(actor), entry.entity, entry.entityId, entry.action, toJson(redactDetail(entry.detail ?? {})));
    return Number(result.lastInsertRowid);
  }

  /** Newest first. */
  list(filter: { entity?: string; entityId?: string; offset?: number; limit?: number } = {}): AuditEntry[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.entity !== undefined) { where.push('entity = ?'); params.push(filter.entity); }
    if (filter.entityId !== undefined) { where.push('entity_id = ?'); params.push(filter.entityId); }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ? OFFSET ?`;
    return this.db
      .prepare<unknown[], AuditRow>(sql)
      .all(...params, filter.limit ?? 200, filter.offset ?? 0)
      .map(toEntry);
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_log').get()!.n;
  }
}
