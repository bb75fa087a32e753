/** The column mapping a clerk chose by hand for a unit's own roster files, per scheme, reused on the unit's next import. */
import type { RosterField } from '../../../shared/domain/roster/fields';
import { fromJson, toJson } from './json';
import type { SqliteDatabase } from './openDatabase';
import { Statements } from './statements';
import { isoAt, type Clock } from './time';

export type StoredColumnMapping = Record<string, RosterField>;

export class ColumnMappingsRepo {
  private readonly sql: Statements;

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.sql = new Statements(db);
  }

  get(unitId: string, schemeId: string): StoredColumnMapping | null {
    const row = this.sql.get<[string, string], { mapping: string }>('SELECT mapping FROM unit_column_mappings WHERE unit_id = ? AND scheme_id = ?').get(unitId, schemeId);
    return row ? fromJson<StoredColumnMapping>(row.mapping) : null;
  }

  /** Replaces the unit's mapping for the scheme; an empty mapping forgets it. */
  save(unitId: string, schemeId: string, mapping: StoredColumnMapping): void {
    if (Object.keys(mapping).length === 0) {
      this.sql.get('DELETE FROM unit_column_mappings WHERE unit_id = ? AND scheme_id = ?').run(unitId, schemeId);
      return;
    }
    this.sql
      .get('INSERT INTO unit_column_mappings (unit_id, scheme_id, mapping, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (unit_id, scheme_id) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at')
      .run(unitId, schemeId, toJson(mapping), isoAt(this.clock));
  }
}
