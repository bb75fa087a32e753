/**
 * Migration 0007's step: seals the personal data an older workbench stored in plain text
 * (roster rows, the occupied list's contacts, outbox payloads) and fills the blind indexes.
 * Runs inside the migration's transaction; the store then rewrites the file (VACUUM) so no
 * page keeps an old plaintext copy (openDatabase.ts).
 */
import type { Database } from 'better-sqlite3';
import { StoreError } from './errors';
import { isSealed, type PersonalDataCipher } from './personalDataCipher';
import { sealRowsValues } from './personRecord';

export const SEALING_MIGRATION = 7;

function needsKey(): StoreError {
  return new StoreError('migrationFailed', '数据文件中的个人信息尚未加密，升级需要数据密钥，但启动时没有提供');
}

export function sealPersonalDataStep(cipher: PersonalDataCipher | null): (db: Database) => void {
  return (db) => {
    const persons = db
      .prepare<[], { id: string; row_values: string; doc_number: string | null }>('SELECT id, row_values, doc_number FROM persons WHERE length(sealed_values) = 0')
      .all();
    const occupied = db
      .prepare<[], { doc_number: string; coverage_year_start: string; coverage_year_end: string; unit_name: string; contact: string | null; reported_at: string }>(
        'SELECT * FROM occupied_persons',
      )
      .all();
    const outbox = db.prepare<[], { seq: number; payload: string }>('SELECT seq, payload FROM outbox').all();
    const plainPayloads = outbox.filter((o) => !isSealedJson(o.payload));
    const plainColumns = SEALED_JSON_COLUMNS.map(({ table, column }) => ({
      table,
      column,
      rows: db
        .prepare<[], { rowid: number; value: string }>(`SELECT rowid, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`)
        .all()
        .filter((r) => !isSealedJson(r.value)),
    }));
    if (persons.length + occupied.length + plainPayloads.length + plainColumns.reduce((n, c) => n + c.rows.length, 0) === 0) return;
    if (!cipher) throw needsKey();
    for (const { table, column, rows } of plainColumns) {
      const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`);
      for (const r of rows) update.run(sealedJson(cipher, r.value), r.rowid);
    }

    const updatePerson = db.prepare("UPDATE persons SET sealed_values = ?, row_values = '', doc_index = ?, employment_status = json_extract(?, '$.employmentStatus') WHERE id = ?");
    const sealed = sealRowsValues(cipher, persons.map((p) => ({ docNumber: p.doc_number, valuesJson: p.row_values })));
    persons.forEach((p, i) => updatePerson.run(sealed[i], cipher.blindIndexOrNull(p.doc_number), p.row_values, p.id));

    const insertOccupied = db.prepare(
      `INSERT INTO occupied_persons_indexed (doc_index, coverage_year_start, coverage_year_end, unit_name, contact, reported_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (doc_index, coverage_year_start) DO NOTHING`,
    );
    for (const o of occupied) {
      insertOccupied.run(cipher.blindIndex(o.doc_number), o.coverage_year_start, o.coverage_year_end, o.unit_name, cipher.sealOrNull(o.contact), o.reported_at);
    }

    const updatePayload = db.prepare('UPDATE outbox SET payload = ? WHERE seq = ?');
    for (const o of plainPayloads) updatePayload.run(sealedJson(cipher, o.payload), o.seq);
  };
}

/**
 * A sealed value in a JSON column: a JSON string, so the column's `json_valid` check holds
 * without rebuilding the table.
 */
export function sealedJson(cipher: PersonalDataCipher, json: string): string {
  return JSON.stringify(cipher.seal(json));
}

function isSealedJson(stored: string): boolean {
  const value = JSON.parse(stored) as unknown;
  return typeof value === 'string' && isSealed(value);
}

export function openSealedJson(cipher: PersonalDataCipher, stored: string): string {
  return cipher.open(JSON.parse(stored) as string);
}

export function sealedJsonOrNull(cipher: PersonalDataCipher, json: string | null): string | null {
  return json === null ? null : sealedJson(cipher, json);
}

export function openSealedJsonOrNull(cipher: PersonalDataCipher, stored: string | null): string | null {
  return stored === null ? null : openSealedJson(cipher, stored);
}

/**
 * The JSON columns that hold phones or bank accounts besides the roster: the unit's handler
 * and contacts, a batch's contact, a refund's account, an onboarding form, the account as the
 * association reported it. Sealed whole, as JSON strings (sealedJson).
 */
const SEALED_JSON_COLUMNS: readonly { table: string; column: string }[] = [
  { table: 'units', column: 'handler' },
  { table: 'units', column: 'contacts' },
  { table: 'batches', column: 'contact' },
  { table: 'payments', column: 'refund' },
  { table: 'onboarding_applications', column: 'form' },
  { table: 'unit_account_snapshots', column: 'snapshot' },
];
