/**
 * A roster file read and each row checked as it is read (the row's own checks; the checks
 * across rows need every row and come after). Checked rows are handed on in batches, ready
 * to store, so neither the raw rows nor their checks of a 100,000-row file are ever all held
 * at once.
 */
import { checkRosterRow, type CheckedPerson, type RawRosterRow, type RosterFinding, type RowCheckContext } from '../../../../../shared/domain/roster';
import type { RosterFileRow } from '../../../roster/collectRoster';
import { readRosterFile, type RosterReader } from '../../../roster/readRosterFile';

/** Qingdao imports a list per benefit activity: the activity becomes each row's plans unless the row names its own. */
export function withPlans(values: RawRosterRow, planCodes: readonly string[] | undefined): RawRosterRow {
  if (!planCodes || planCodes.length === 0 || values.plans) return values;
  return { ...values, plans: planCodes.join('、') };
}

export interface CheckedRosterInput {
  fileName: string;
  bytes: Uint8Array;
  /** The caller is done with the bytes (RosterFileInput.handOver). */
  handOver?: boolean;
  /** Qingdao: the activities the import takes (withPlans). */
  planCodes?: readonly string[];
}

/** A row after its own checks, as it will be stored. */
export interface CheckedRow {
  sourceRow: number;
  /** The cleaned values (RowCheck.values) as the store's JSON. */
  valuesJson: string;
  /** The normalised document number and the name, as the store keeps them (null when missing). */
  docNumber: string | null;
  name: string | null;
  /** 职退情况 (the roster's filter reads it unsealed). */
  employmentStatus: string | null;
  findings: RosterFinding[];
  person: CheckedPerson;
}

export interface CheckedRosterOptions {
  signal?: AbortSignal;
  /** Rows read so far. */
  onProgress?: (rowsRead: number) => void;
  /** The rows checked since the last call, in file order. */
  onRows: (rows: CheckedRow[]) => void;
  /** Who reads the file (the core's background thread); readRosterFile on this thread unless given. */
  read?: RosterReader;
}

export interface CheckedRosterResult {
  totalRows: number;
  /** The file's headers read but naming nothing the scheme imports. */
  ignoredHeaders: string[];
}

/** Each row's own checks, for rows as read from the file. */
export function checkFileRows(rows: readonly RosterFileRow[], input: CheckedRosterInput, context: RowCheckContext): CheckedRow[] {
  return rows.map((row) => {
    const check = checkRosterRow(withPlans(row.values, input.planCodes), context);
    const { person } = check;
    return {
      sourceRow: row.sourceRow,
      valuesJson: JSON.stringify(check.values),
      docNumber: person.documentNumber || null,
      name: person.name || null,
      employmentStatus: check.values.employmentStatus ?? null,
      findings: check.findings,
      person,
    };
  });
}

/** Reads the file (with `options.read`) and checks each row in this thread as it arrives. */
export async function readAndCheckRoster(input: CheckedRosterInput, context: RowCheckContext, options: CheckedRosterOptions): Promise<CheckedRosterResult> {
  const { onRows, onProgress, signal, read = readRosterFile } = options;
  let pending: RosterFileRow[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    onRows(checkFileRows(rows, input, context));
  };
  const file = await read({ fileName: input.fileName, bytes: input.bytes, ...(input.handOver ? { handOver: true } : {}) }, context.scheme, {
    ...(signal ? { signal } : {}),
    onRow: (row) => pending.push(row),
    onProgress: (rowsRead) => {
      flush();
      onProgress?.(rowsRead);
    },
  });
  flush();
  return { totalRows: file.totalRows, ignoredHeaders: file.ignoredHeaders };
}
