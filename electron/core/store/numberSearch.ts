/**
 * Search by part of a document number (the roster grid's and the records' search box) when
 * only sealed numbers and their blind index are stored: a whole number is found through the
 * index; a part of one (a birth date, the last digits) by opening the numbers of the rows
 * searched, only their first cipher blocks and all of them with one cipher call
 * (PersonalDataCipher.openHeads), in this process's memory, and only for a search that looks
 * like a number.
 */
import type { SqliteDatabase } from './openDatabase';
import { normaliseForIndex, type PersonalDataCipher } from './personalDataCipher';
import { openRowsDocNumbers } from './personRecord';
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
  const rowids: number[] = [];
  const heads: Buffer[] = [];
  const scan = db.prepare<[string], [number, Buffer]>(
    // The counter block and the first cipher blocks only (the number is at the start), and the rowid to find the few that match.
    'SELECT rowid, substr(sealed_values, 1, 48) FROM persons WHERE batch_id IN (SELECT value FROM json_each(?)) AND doc_index IS NOT NULL',
  );
  for (const [rowid, head] of scan.raw().iterate(toJson(batchIds))) {
    rowids.push(rowid);
    heads.push(head);
  }
  const numbers = openRowsDocNumbers(cipher, heads);
  const matched = rowids.filter((_, i) => numbers[i]?.includes(fragment));
  if (matched.length === 0) return [];
  return db.prepare<[string], RowRef>('SELECT id, batch_id, seq FROM persons WHERE rowid IN (SELECT value FROM json_each(?))').all(toJson(matched));
}
