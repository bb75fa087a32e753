/**
 * What the core hands back to the renderer. Plain data only (it crosses IPC and HTTP as
 * JSON): amounts in integer fen, calendar days as `YYYY-MM-DD`, times as ISO timestamps.
 */
import type { IsoDate, Period } from '../domain/dates';
import type { Fen } from '../domain/money';
import type { BatchEvent, BatchState, TransitionRecord } from '../domain/batch';
import type { PlanChoice } from '../domain/eligibility';
import type { HeadCountLine } from '../domain/pricing';
import type { RawRosterRow } from '../domain/roster/fields';
import type { FindingSeverity, RosterFinding } from '../domain/roster/findings';
import type { EnrollmentType } from '../domain/scheme';

/** Every refusal the API returns; `field` is the input path when one field is to blame. */
export interface ApiError {
  code: string;
  message: string;
  field?: string;
}

/** One problem (or note) about a roster row or the batch, with the fix in Chinese. */
export type Finding = RosterFinding;
export type { FindingSeverity };

export interface Contact {
  name: string;
  phone: string;
  role?: string;
}

export interface Handler {
  name: string;
  /** 经办人身份证号 (Wuxi). */
  idNumber?: string;
  phone: string;
  email?: string;
}

export interface UnitHeadCounts {
  /** 在职职工人数. */
  inService: number;
  /** 在职女职工人数. */
  femaleInService: number;
}

/** Where the unit's account stands with the association (unit registration goes through sync). */
export type UnitRegistration = 'local' | 'pending' | 'registered' | 'refused';

export interface UnitProfile {
  id: string;
  /** 单位名称. */
  name: string;
  /** 统一社会信用代码. */
  uscc?: string;
  /** 参保编码 (Shanghai). */
  insuranceCode?: string;
  /** 单位社保编码; Shanghai checks its 75% ratio per code. */
  socialSecurityCodes: string[];
  /** 医保代码, 6 or 8 digits (Wuxi). */
  medicalInsuranceCode?: string;
  handler: Handler;
  contacts: Contact[];
  headCounts?: UnitHeadCounts;
  address?: string;
  registration: UnitRegistration;
  /** Set when the association refused the registration. */
  registrationError?: ApiError;
  updatedAt: string;
}

export interface SchemeSummary {
  id: string;
  version: number;
  title: string;
  yearLabel: string;
  associationName: string;
  city: string;
  coverageYear: Period;
  enrollmentTypes: { type: EnrollmentType; label: string }[];
  /** Shipped with the app, or a newer version served by the association. */
  source: 'builtIn' | 'server';
}

export interface BatchCounts {
  /** Named rows plus head-count-only persons. */
  persons: number;
  errorRows: number;
  warningRows: number;
}

export interface BatchSummary {
  id: string;
  unitId: string;
  unitName: string;
  schemeId: string;
  enrollmentType: EnrollmentType;
  state: BatchState;
  stateLabel: string;
  title: string;
  /** The association's batch or policy number (参保批次号 / 保单号) once it has one. */
  policyNumber?: string;
  /** Null until known (Qingdao: set by the association). */
  cover: Period | null;
  counts: BatchCounts;
  /** What the unit pays, once the premium is confirmed. */
  payableFen: Fen | null;
  createdAt: string;
  updatedAt: string;
  /** A permanently refused action on this batch (e.g. a rejected person), shown on the batch. */
  syncError?: ApiError;
}

export interface BatchDetail extends BatchSummary {
  /** The unit's choice of plans (batch-scope schemes). */
  selection: PlanChoice[];
  /** 无名单: persons entered as a count only (Qingdao). */
  headCountLines: HeadCountLine[];
  /** The effective date the clerk asked for (Shenzhen 保单生效日期 / 保全生效日期). */
  requestedStart?: IsoDate;
  /** For supplementary enrollment: the batch whose policy in force the persons join. */
  policyBatchId?: string;
  contact?: Contact;
  headCounts?: UnitHeadCounts;
  /** Batch-level findings (unit rules such as Shanghai's 75% ratio). */
  unitFindings: Finding[];
  /** When the clerk confirmed the over-age commitment (超龄人员承诺书) for the persons kept. */
  overAgeCommitmentAt?: string;
  /** 社保在职人员总数 per social-security code (the participation ratio's denominator). */
  socialSecurityTotals?: Record<string, number>;
  /** The batch commands the clerk can give now, for the action buttons. */
  clerkEvents: BatchEvent[];
  history: TransitionRecord[];
}

export interface RosterRowView {
  id: string;
  /** The row number in the imported sheet, or null for rows entered by hand. */
  sourceRow: number | null;
  /** The values as the clerk gave them. */
  values: RawRosterRow;
  /** The worst finding's severity, or ok. */
  verdict: 'ok' | FindingSeverity;
  findings: Finding[];
}

export interface RosterPage {
  total: number;
  offset: number;
  rows: RosterRowView[];
}

export interface FindingCount {
  code: string;
  severity: FindingSeverity;
  /** One representative message, for the filter list. */
  message: string;
  rows: number;
}

export interface RosterCheckSummary {
  batchId: string;
  /** The state the check left the batch in (checkPassed or checkFailed). */
  state: BatchState;
  counts: BatchCounts;
  byCode: FindingCount[];
  unitFindings: Finding[];
}

export type ImportPhase = 'queued' | 'reading' | 'checking' | 'saving' | 'done' | 'failed' | 'cancelled';

export interface ImportProgress {
  jobId: string;
  batchId: string;
  fileName: string;
  phase: ImportPhase;
  rowsRead: number;
  /** Unknown until the sheet's dimension is read (a streaming read may not know it). */
  totalRows: number | null;
  /** Rows taken into the batch, and rows refused (with errors), Qingdao's 成功人数 / 失败人数. */
  accepted: number;
  rejected: number;
  /** Why a failed import failed (wrong template, corrupted or protected file); nothing stored was touched. */
  error?: ApiError;
}

export interface FileDownload {
  fileName: string;
  mimeType: string;
  base64: string;
}

export const DOCUMENT_KINDS = ['paymentNotice', 'confirmation', 'overAgeCommitment', 'earlyInvoiceCommitment', 'roster'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Readonly<Record<DocumentKind, string>> = {
  paymentNotice: '缴费通知单',
  confirmation: '参保确认书',
  overAgeCommitment: '超龄人员承诺书',
  earlyInvoiceCommitment: '提前开票承诺书',
  roster: '参保花名册',
};

export interface GeneratedDocument extends FileDownload {
  kind: DocumentKind;
  pages: number;
  /** The print number for a print (1 for the first), null for a preview. */
  printNumber: number | null;
  /** Characters the font lacks (printed as a box): the clerk must know before handing it out. */
  missingCharacters: string[];
}

/** A service window's print queue: one PDF for many batches, each print logged. */
export interface PrintQueueResult extends FileDownload {
  kind: DocumentKind;
  pages: number;
  printed: { batchId: string; printNumber: number }[];
  /** Batches that could not be printed, with the reason (e.g. premium not confirmed yet). */
  skipped: { batchId: string; reason: string }[];
  missingCharacters: string[];
}

export interface PrintLogEntry {
  batchId: string;
  unitId: string;
  kind: DocumentKind;
  printNumber: number;
  at: string;
  /** Who printed it (the clerk's account or the window's operator). */
  actor: string;
}

export interface PrintLogPage {
  total: number;
  entries: PrintLogEntry[];
}

/** What an action written to the outbox returns: it will reach the server when the connection allows. */
export interface OutboxReceipt {
  actionId: string;
  batchId?: string;
}

/** An outbox action as the clerk sees it; `kind` is the wire protocol's, `label` its Chinese name (提交批次, 批次撤回 …). */
export interface SyncActionRef {
  actionId: string;
  kind: string;
  label: string;
  batchId?: string;
}

export interface SyncFailure extends SyncActionRef {
  error: ApiError;
  at: string;
}

export interface SyncStatus {
  online: boolean;
  /** Actions waiting in the outbox. */
  pending: number;
  /** The action being sent now, with its upload progress. */
  sending: (SyncActionRef & { sentBytes: number; totalBytes: number }) | null;
  /** Permanently refused actions, per batch, until the clerk deals with them. */
  failed: SyncFailure[];
  /** When the next attempt is due while offline or backing off. */
  nextAttemptAt: string | null;
  lastPullAt: string | null;
}

export interface AuthStatus {
  loggedIn: boolean;
  /** The unit account's display name. */
  account?: string;
  unitId?: string;
}
