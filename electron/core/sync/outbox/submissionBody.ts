/**
 * The wire body of a submission, built at send time from the frozen batch (a queued batch's
 * roster cannot be edited): the header from the batch record, the rows from the store as
 * they were checked. Built the same way on every attempt, so a retry under the same
 * idempotency key is the same request and the server recognises it.
 */
import { createHash } from 'node:crypto';
import {
  ACTIONS,
  actionTarget,
  MAX_INLINE_ROWS,
  MAX_JSON_BODY_BYTES,
  parseWire,
  type HttpMethod,
  type WireError,
  type WireRosterRow,
} from '../../../../shared/wire';
import { openRowValues, type BatchRecord, type Store } from '../../store';

export type SubmissionKind = 'submitBatch' | 'submitSupplementary';

export interface SubmissionTarget {
  kind: SubmissionKind;
  method: HttpMethod;
  path: string;
}

/** A supplementary enrollment (保全) goes to its policy's supplements route; everything else is a batch submission. */
export function submissionTarget(batch: BatchRecord): SubmissionTarget | WireError {
  if (batch.enrollmentType === 'supplementary') {
    if (!batch.policyBatchId) return { code: 'policyMissing', message: '保全批次没有指明要补充的保单，不能发送' };
    return { kind: 'submitSupplementary', ...actionTarget('submitSupplementary', batch.policyBatchId) };
  }
  return { kind: 'submitBatch', ...actionTarget('submitBatch') };
}

/** Everything but the roster, in the wire's terms. */
export function submissionHeader(batch: BatchRecord, kind: SubmissionKind): Record<string, unknown> {
  const header: Record<string, unknown> = {
    clientBatchId: batch.id,
    schemeId: batch.schemeId,
    schemeVersion: batch.schemeVersion,
    title: batch.title,
    selection: batch.selection.map((p) => ({ planCode: p.planCode, shares: p.shares })),
    headCountLines: batch.headCountLines.map((l) => ({
      planCode: l.planCode,
      shares: l.shares,
      headCount: l.headCount,
      ...(l.newEmploymentForm !== undefined ? { newEmploymentForm: l.newEmploymentForm } : {}),
    })),
    overAgeCommitmentSigned: batch.overAgeCommitmentAt !== null,
  };
  if (kind === 'submitBatch') header.enrollmentType = batch.enrollmentType;
  if (batch.requestedStart !== null) header.requestedStart = batch.requestedStart;
  if (batch.contact !== null) header.contact = { name: batch.contact.name, phone: batch.contact.phone, ...(batch.contact.role ? { role: batch.contact.role } : {}) };
  if (batch.headCounts !== null) header.headCounts = { inService: batch.headCounts.inService, femaleInService: batch.headCounts.femaleInService };
  if (batch.socialSecurityTotals !== null) header.socialSecurityTotals = batch.socialSecurityTotals;
  return header;
}

/** The roster rows: values as stored, the person's id as rowId (rejections map back to it), the sheet row. */
export function rosterRows(store: Store, batchId: string): WireRosterRow[] {
  return store.persons.allRows(batchId).map((p) => ({ rowId: p.id, sourceRow: p.sourceRow, values: p.values }));
}

/**
 * The same rows as NDJSON, for a large roster: read straight from the persons table, each
 * row's values opened from its seal and written around as the JSON they are, which is exactly
 * what JSON.stringify gives (the store writes it so). Skipping the parse and re-serialisation
 * of 100,000 rows is most of the engine's own cost of a large submission. (Belongs in PersonsRepo, as a wire-rows
 * reader, when the store takes it over.)
 */
export function rosterNdjson(store: Store, batchId: string): Buffer {
  const rows = store.db
    .prepare<[string], { id: string; source_row: number | null; sealed_values: Buffer }>('SELECT id, source_row, sealed_values FROM persons WHERE batch_id = ? ORDER BY seq')
    .iterate(batchId);
  const lines: string[] = [];
  for (const r of rows) {
    const values = openRowValues(store.cipher, r.sealed_values).valuesJson;
    lines.push(`{"rowId":${JSON.stringify(r.id)},"sourceRow":${r.source_row === null ? 'null' : String(r.source_row)},"values":${values}}\n`);
  }
  return Buffer.from(lines.join(''), 'utf8');
}

export interface InlineSubmission {
  mode: 'inline';
  jsonText: string;
  totalBytes: number;
}

export interface UploadedSubmission {
  mode: 'upload';
  /** The roster as NDJSON, uploaded in chunks. */
  ndjson: Buffer;
  sha256: string;
  rowCount: number;
  /** The body once the upload is complete. */
  withUpload(uploadId: string): string;
}

export type PreparedSubmission = InlineSubmission | UploadedSubmission;

// Room for the header around the rows within the server's JSON body limit.
const INLINE_BYTES_LIMIT = MAX_JSON_BODY_BYTES - 64 * 1024;

/**
 * Inline when the roster is small (≤ MAX_INLINE_ROWS rows and within the body limit), else
 * by upload. Validated against the wire schema first: a body the server would refuse as
 * malformed is refused here, with the field named.
 */
export function prepareSubmission(store: Store, batch: BatchRecord, kind: SubmissionKind): PreparedSubmission | { mode: 'invalid'; error: WireError } {
  const header = submissionHeader(batch, kind);
  const schema = ACTIONS[kind].body;
  const rowCount = store.persons.count(batch.id);
  if (rowCount <= MAX_INLINE_ROWS) {
    const body = { ...header, roster: { rows: rosterRows(store, batch.id) } };
    const checked = parseWire(schema, body);
    if (!checked.ok) return { mode: 'invalid', error: checked.error };
    const jsonText = JSON.stringify(body);
    const totalBytes = Buffer.byteLength(jsonText);
    if (totalBytes <= INLINE_BYTES_LIMIT) return { mode: 'inline', jsonText, totalBytes };
  }
  // The rows are validated by the server when the upload completes (422 rosterInvalid).
  const checked = parseWire(schema, { ...header, roster: { uploadId: 'pending-upload' } });
  if (!checked.ok) return { mode: 'invalid', error: checked.error };
  const ndjson = rosterNdjson(store, batch.id);
  return {
    mode: 'upload',
    ndjson,
    sha256: createHash('sha256').update(ndjson).digest('hex'),
    rowCount,
    withUpload: (uploadId) => JSON.stringify({ ...header, roster: { uploadId } }),
  };
}
