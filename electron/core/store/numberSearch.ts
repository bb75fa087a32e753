/**
 * Search by part of a document number (the roster grid's and the records' search box) when
 * only sealed numbers and their blind index are stored: a whole number is found through the
 * index; a part of one (a birth date, the last digits) by opening the numbers of the rows
 * searched, only their first cipher blocks, in this process's memory. A batch of 100,000 rows
 * is opened in a fraction of a second, and only for a search that looks like a number.
 */
import type { SqliteDatabase } from './openDatabase';
import { normaliseForIndex, type PersonalDataCipher } from './personalDataCipher';
import { openRowDocNumber } from './personRecord';
import { toJson } from './json';

/** Digits and letters with at least one digit (a name never is), three characters or more. */
export function numberFragment(search: string): string | null {
  const fragment = normaliseForIndex(search);
  return fragment.length >= 3 && /^[0-9A-Z]+$/.test(fragment) && /[0-9]/.test(fragment) ? fragment : null;
}

export interface RowRef {
  id: string;
  batch_id: string;
  seq: number;
}

/** The rows of these batches whose document number contains `fragment` (numberFragment's output), in no particular order. */
export function rowsWithNumberContaining(db: SqliteDatabase, cipher: PersonalDataCipher, batchIds: readonly string[], fragment: string): RowRef[] {
  const found: RowRef[] = [];
  const rows = db
    .prepare<[string], RowRef & { sealed_values: Buffer }>(
      'SELECT id, batch_id, seq, sealed_values FROM persons WHERE batch_id IN (SELECT value FROM json_each(?)) AND doc_index IS NOT NULL',
    )
    .iterate(toJson(batchIds));
  for (const r of rows) {
    if (openRowDocNumber(cipher, r.sealed_values)?.includes(fragment)) found.push({ id: r.id, batch_id: r.batch_id, seq: r.seq });
  }
  return found;
}
