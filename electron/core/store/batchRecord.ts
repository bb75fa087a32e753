/** A batch as stored, and its mapping from and to the `batches` row. */
import type { ApiError, Contact, Finding, UnitHeadCounts } from '../../../shared/api/dto';
import type { BatchState, EnrollmentType } from '../../../shared/domain/batch';
import type { IsoDate, Period } from '../../../shared/domain/dates';
import type { PlanChoice } from '../../../shared/domain/eligibility';
import type { Fen } from '../../../shared/domain/money';
import type { HeadCountLine, PriceQuote } from '../../../shared/domain/pricing';
import { fromJson, fromJsonOrNull, toJson, toJsonOrNull } from './json';
import type { PersonalDataCipher } from './personalDataCipher';
import { openSealedJsonOrNull, sealedJsonOrNull } from './sealPersonalData';

export interface BatchRecord {
  id: string;
  unitId: string;
  schemeId: string;
  schemeVersion: number;
  enrollmentType: EnrollmentType;
  title: string;
  state: BatchState;
  selection: PlanChoice[];
  headCountLines: HeadCountLine[];
  requestedStart: IsoDate | null;
  /** The cover once known (set by the clerk's request or by the association). */
  cover: Period | null;
  /** The scheme's coverage year (保障年度): duplicates are looked for within it. */
  coverageYear: Period;
  policyBatchId: string | null;
  /** 参保批次号 / 保单号 from the association. */
  policyNumber: string | null;
  contact: Contact | null;
  headCounts: UnitHeadCounts | null;
  payableFen: Fen | null;
  /** The confirmed quote, as shown when the premium was confirmed. */
  premium: PriceQuote | null;
  unitFindings: Finding[];
  /** A permanently refused action on this batch. */
  syncError: ApiError | null;
  /** When the clerk confirmed the over-age commitment (超龄人员承诺书); null while not given. */
  overAgeCommitmentAt: string | null;
  /** 社保在职人员总数 per social-security code, the denominator of the participation ratio. */
  socialSecurityTotals: Record<string, number> | null;
  createdAt: string;
  updatedAt: string;
}

/** The fields `update` may change; state only ever changes through applyTransition. */
export interface BatchPatch {
  title?: string;
  schemeVersion?: number;
  selection?: PlanChoice[];
  headCountLines?: HeadCountLine[];
  requestedStart?: IsoDate | null;
  cover?: Period | null;
  policyNumber?: string | null;
  contact?: Contact | null;
  headCounts?: UnitHeadCounts | null;
  payableFen?: Fen | null;
  premium?: PriceQuote | null;
  unitFindings?: Finding[];
  syncError?: ApiError | null;
  overAgeCommitmentAt?: string | null;
  socialSecurityTotals?: Record<string, number> | null;
}

export interface BatchRow {
  id: string;
  unit_id: string;
  scheme_id: string;
  scheme_version: number;
  enrollment_type: string;
  title: string;
  state: string;
  selection: string;
  head_count_lines: string;
  requested_start: string | null;
  cover_start: string | null;
  cover_end: string | null;
  coverage_year_start: string;
  coverage_year_end: string;
  policy_batch_id: string | null;
  policy_number: string | null;
  contact: string | null;
  head_counts: string | null;
  payable_fen: number | null;
  premium: string | null;
  unit_findings: string;
  sync_error: string | null;
  over_age_commitment_at: string | null;
  social_security_totals: string | null;
  created_at: string;
  updated_at: string;
}

export function toBatchRecord(row: BatchRow, cipher: PersonalDataCipher): BatchRecord {
  return {
    id: row.id,
    unitId: row.unit_id,
    schemeId: row.scheme_id,
    schemeVersion: row.scheme_version,
    enrollmentType: row.enrollment_type as EnrollmentType,
    title: row.title,
    state: row.state as BatchState,
    selection: fromJson<PlanChoice[]>(row.selection),
    headCountLines: fromJson<HeadCountLine[]>(row.head_count_lines),
    requestedStart: row.requested_start,
    cover: row.cover_start !== null && row.cover_end !== null ? { start: row.cover_start, end: row.cover_end } : null,
    coverageYear: { start: row.coverage_year_start, end: row.coverage_year_end },
    policyBatchId: row.policy_batch_id,
    policyNumber: row.policy_number,
    // The contact's phone: sealed.
    contact: fromJsonOrNull<Contact>(openSealedJsonOrNull(cipher, row.contact)),
    headCounts: fromJsonOrNull<UnitHeadCounts>(row.head_counts),
    payableFen: row.payable_fen,
    premium: fromJsonOrNull<PriceQuote>(row.premium),
    unitFindings: fromJson<Finding[]>(row.unit_findings),
    syncError: fromJsonOrNull<ApiError>(row.sync_error),
    overAgeCommitmentAt: row.over_age_commitment_at,
    socialSecurityTotals: fromJsonOrNull<Record<string, number>>(row.social_security_totals),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Each patchable field's columns and their values. */
export function patchColumns(patch: BatchPatch, cipher: PersonalDataCipher): { columns: string[]; values: unknown[]; fields: string[] } {
  const columns: string[] = [];
  const values: unknown[] = [];
  const fields: string[] = [];
  const set = (field: keyof BatchPatch, cols: Record<string, unknown>) => {
    fields.push(field);
    for (const [col, value] of Object.entries(cols)) { columns.push(col); values.push(value); }
  };
  if (patch.title !== undefined) set('title', { title: patch.title });
  if (patch.schemeVersion !== undefined) set('schemeVersion', { scheme_version: patch.schemeVersion });
  if (patch.selection !== undefined) set('selection', { selection: toJson(patch.selection) });
  if (patch.headCountLines !== undefined) set('headCountLines', { head_count_lines: toJson(patch.headCountLines) });
  if (patch.requestedStart !== undefined) set('requestedStart', { requested_start: patch.requestedStart });
  if (patch.cover !== undefined) set('cover', { cover_start: patch.cover?.start ?? null, cover_end: patch.cover?.end ?? null });
  if (patch.policyNumber !== undefined) set('policyNumber', { policy_number: patch.policyNumber });
  if (patch.contact !== undefined) set('contact', { contact: sealedJsonOrNull(cipher, toJsonOrNull(patch.contact)) });
  if (patch.headCounts !== undefined) set('headCounts', { head_counts: toJsonOrNull(patch.headCounts) });
  if (patch.payableFen !== undefined) set('payableFen', { payable_fen: patch.payableFen });
  if (patch.premium !== undefined) set('premium', { premium: toJsonOrNull(patch.premium) });
  if (patch.unitFindings !== undefined) set('unitFindings', { unit_findings: toJson(patch.unitFindings) });
  if (patch.syncError !== undefined) set('syncError', { sync_error: toJsonOrNull(patch.syncError) });
  if (patch.overAgeCommitmentAt !== undefined) set('overAgeCommitmentAt', { over_age_commitment_at: patch.overAgeCommitmentAt });
  if (patch.socialSecurityTotals !== undefined) set('socialSecurityTotals', { social_security_totals: toJsonOrNull(patch.socialSecurityTotals) });
  return { columns, values, fields };
}
