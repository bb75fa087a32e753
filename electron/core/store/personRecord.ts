/** A roster row (清册行) as stored, its verdict, and the mapping from the `persons` row. */
import type { Finding, FindingSeverity, RosterRowView } from '../../../shared/api/dto';
import type { IsoDate } from '../../../shared/domain/dates';
import { derivedFacts } from '../../../shared/domain/roster/derivedFacts';
import type { RawRosterRow } from '../../../shared/domain/roster/fields';
import { fromJson, fromJsonOrNull } from './json';
import type { PersonalDataCipher } from './personalDataCipher';

export type Verdict = 'ok' | FindingSeverity;

/** A row to store. The caller (import, hand entry) has already normalised and checked it. */
export interface NewPerson {
  /** The row number in the imported sheet, or null for a row entered by hand. */
  sourceRow: number | null;
  /** The values as the clerk gave them. */
  values: RawRosterRow;
  /** The normalised document number (upper case, no spaces: the identity module's output); null when missing or unreadable. */
  docNumber: string | null;
  name: string | null;
  findings: Finding[];
  /** 是否建议名单: the last-year batch the person was taken from (roster.takeSuggested). */
  suggestedFrom?: string | null;
}

export interface PersonRecord {
  id: string;
  batchId: string;
  /** Position in the batch's roster (display order), from 1. */
  seq: number;
  sourceRow: number | null;
  values: RawRosterRow;
  docNumber: string | null;
  name: string | null;
  verdict: Verdict;
  findings: Finding[];
  errorCount: number;
  importId: string | null;
  /** Why the association refused this person (审核不通过 / 不可参保人员), until fixed and resubmitted. */
  serverRejection: Finding | null;
  /** 是否建议名单: the last-year batch the person was taken from, or null. */
  suggestedFrom: string | null;
  updatedAt: string;
}

export interface PersonRow {
  id: string;
  batch_id: string;
  seq: number;
  source_row: number | null;
  /** Sealed (sealRowValues): the normalised document number and the values' JSON. */
  sealed_values: Buffer;
  /** The document number's blind index. */
  doc_index: string | null;
  employment_status: string | null;
  name: string | null;
  verdict: Verdict;
  findings: string;
  error_count: number;
  import_id: string | null;
  server_rejection: string | null;
  suggested_from: string | null;
  updated_at: string;
}

const SEVERITY_RANK: Record<Verdict, number> = { ok: 0, info: 1, warning: 2, error: 3 };

/** The worst severity among the findings, or ok. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  let worst: Verdict = 'ok';
  for (const f of findings) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}

export function errorCountOf(findings: readonly Finding[]): number {
  let n = 0;
  for (const f of findings) if (f.severity === 'error') n++;
  return n;
}

/** One (code, worst severity) per code, for the person_findings index table. */
export function codesOf(findings: readonly Finding[]): Map<string, FindingSeverity> {
  const codes = new Map<string, FindingSeverity>();
  for (const f of findings) {
    const seen = codes.get(f.code);
    if (seen === undefined || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen]) codes.set(f.code, f.severity);
  }
  return codes;
}

/**
 * A row's personal data as one sealed value: the normalised document number, a line break
 * (never part of a normalised number), then the values' JSON as the wire sends it. One seal
 * per row keeps a 100,000-row import's cost to one cipher call per row.
 */
export function sealRowValues(cipher: PersonalDataCipher, docNumber: string | null, valuesJson: string): Buffer {
  return sealRowsValues(cipher, [{ docNumber, valuesJson }])[0]!;
}

/** Many rows with one cipher call (an import's chunk). */
export function sealRowsValues(cipher: PersonalDataCipher, rows: readonly { docNumber: string | null; valuesJson: string }[]): Buffer[] {
  return cipher.sealManyBytes(rows.map((r) => rowText(r.docNumber, r.valuesJson)));
}

/** Only the rows' document numbers, opened together: the first blocks of each, not the values after them. */
export function openRowsDocNumbers(cipher: PersonalDataCipher, sealed: readonly Uint8Array[]): (string | null)[] {
  const heads = cipher.openHeads(sealed, DOC_NUMBER_BLOCKS);
  return heads.map((head) => {
    // No number is as long as the head: a head without the line break holds none.
    const cut = head.indexOf(0x0a);
    return cut > 0 ? head.toString('utf8', 0, cut) : null;
  });
}

/** Two cipher blocks: room for any document number (18 characters at most in China's, 31 here) and its line break. */
const DOC_NUMBER_BLOCKS = 2;

function rowText(docNumber: string | null, valuesJson: string): string {
  return `${docNumber ?? ''}\n${valuesJson}`;
}

export function openRowValues(cipher: PersonalDataCipher, sealed: Uint8Array): { docNumber: string | null; valuesJson: string } {
  const text = cipher.openBytes(sealed);
  const cut = text.indexOf('\n');
  return { docNumber: cut > 0 ? text.slice(0, cut) : null, valuesJson: text.slice(cut + 1) };
}

export function toPersonRecord(row: PersonRow, cipher: PersonalDataCipher): PersonRecord {
  const { docNumber, valuesJson } = openRowValues(cipher, row.sealed_values);
  return {
    id: row.id,
    batchId: row.batch_id,
    seq: row.seq,
    sourceRow: row.source_row,
    values: fromJson<RawRosterRow>(valuesJson),
    docNumber,
    name: row.name,
    verdict: row.verdict,
    findings: fromJson<Finding[]>(row.findings),
    errorCount: row.error_count,
    importId: row.import_id,
    serverRejection: fromJsonOrNull<Finding>(row.server_rejection),
    suggestedFrom: row.suggested_from,
    updatedAt: row.updated_at,
  };
}

/** `today` bounds the birth date read off the document, as the row's check does. */
export function toRosterRowView(person: PersonRecord, today: IsoDate): RosterRowView {
  const view: RosterRowView = { id: person.id, sourceRow: person.sourceRow, values: person.values, verdict: person.verdict, findings: person.findings, derived: derivedFacts(person.values, today) };
  if (person.suggestedFrom !== null) view.suggested = true;
  if (person.serverRejection !== null) view.rejection = person.serverRejection;
  return view;
}
