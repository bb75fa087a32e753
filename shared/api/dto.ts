/**
 * What the core hands back to the renderer. Plain data only (it crosses IPC and HTTP as
 * JSON): amounts in integer fen, calendar days as `YYYY-MM-DD`, times as ISO timestamps.
 */
import type { IsoDate, Period } from '../domain/dates';
import type { Fen } from '../domain/money';
import type { BatchEvent, BatchState, TransitionRecord } from '../domain/batch';
import type { PlanChoice } from '../domain/eligibility';
import type { HeadCountLine } from '../domain/pricing';
import type { RawRosterRow, RosterField } from '../domain/roster/fields';
import type { FindingSeverity, RosterFinding } from '../domain/roster/findings';
import type { DerivedFacts } from '../domain/roster/derivedFacts';
import type { EnrollmentType } from '../domain/scheme';
import type { DocumentKind } from '../domain/documents';

/** Every refusal the API returns; `field` is the input path when one field is to blame. */
export interface ApiError {
  code: string;
  message: string;
  field?: string;
  /** For scripting users: each reason of the refusal with its own stable code and the figures it rests on. */
  details?: ApiErrorDetail[];
}

/** One reason of a refusal (a selection rule broken, the state a transition was refused in, a unit rule's figures). */
export interface ApiErrorDetail {
  code: string;
  message: string;
  hint?: string;
  field?: string;
  data?: Record<string, string | number | boolean | string[]>;
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
  /** Rows the association refused (审核不通过) and the clerk has not yet fixed or removed; absent when none. */
  rejectedRows?: number;
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
  /** 是否建议名单 = 是: taken from last year's suggested list (roster.takeSuggested); absent otherwise. */
  suggested?: boolean;
  /** The association refused this person (审核不通过): why, and what to do. Cleared when the clerk edits the row. */
  rejection?: Finding;
  /** What the check read off the row: the normalised document number, birth date, gender and the ID's region. */
  derived: DerivedFacts;
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
  /** With error missingColumns: what the dialog offers to map by hand. */
  unmatched?: UnmatchedColumns;
  /** Headers of the file that were read but name nothing the scheme imports (listed, never dropped silently). */
  ignoredColumns?: string[];
  /** The clerk's column mapping the import used (remembered per unit). */
  columnMapping?: Record<string, RosterField>;
}

/** A file whose header row lacks required columns: its headers, and per missing column the closest one, for the clerk to map by hand. */
export interface UnmatchedColumns {
  /** 1-based row number of the header in the file. */
  headerRow: number;
  /** Every non-empty header of that row, as the file writes it. */
  fileHeaders: string[];
  missing: { field: RosterField; header: string; closest?: string }[];
}

/** One import of a roster file into a batch, as recorded (Qingdao's 导入批次 with 成功人数 / 失败人数). */
export interface ImportRecordView extends ImportProgress {
  mode: 'append' | 'replace' | 'merge';
  startedAt: string;
  finishedAt: string | null;
}

export interface FileDownload {
  fileName: string;
  mimeType: string;
  base64: string;
}

export { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, type DocumentKind } from '../domain/documents';
/** A print generated and handed to the printer, counted once the printer took it (documents.recordPrints). */
export interface PendingPrint {
  batchId: string;
  kind: DocumentKind;
  printNumber: number;
  /** The document's own number and date as printed: the first print fixes them. */
  documentNumber: string;
  issuedOn: IsoDate;
  /** SHA-256 of the document without its print stamp, so reprints compare equal. */
  documentHash: string;
}

/** Where characters no font has stand: whose name (or which field) and which characters. */
export interface MissingGlyphs {
  where: string;
  characters: string[];
}

export interface GeneratedDocument extends FileDownload {
  kind: DocumentKind;
  pages: number;
  /** The print number for a print (1 for the first), null for a preview. */
  printNumber: number | null;
  /** For a print: what to send to documents.recordPrints once the printer took it. */
  pendingPrint: PendingPrint | null;
  /** Characters no font has (printed as a marked box): the clerk must know before handing it out. */
  missingCharacters: string[];
  /** Whose names hold them. */
  missingIn: MissingGlyphs[];
}

/** One kind of document a batch's scheme offers, and whether it may be printed now (else only previewed, with why). */
export interface DocumentAvailability {
  kind: DocumentKind;
  /** The document's own title under this scheme. */
  title: string;
  printable: boolean;
  /** Why only a preview exists now. */
  reason?: string;
  /** How often it has been printed. */
  prints: number;
  /** Its number and date once first printed. */
  documentNumber?: string;
  issuedOn?: IsoDate;
}

/** A service window's print queue: one PDF for many batches, each print logged. */
export interface PrintQueueResult extends FileDownload {
  kind: DocumentKind;
  pages: number;
  /** Batches in the PDF, each with the number its print bears; counted once the printer took the PDF. */
  printed: { batchId: string; printNumber: number }[];
  pendingPrints: PendingPrint[];
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
  /** Who printed it: the unit account's handler (经办人), not the computer's user. */
  actor: string;
  /** The document's own number as printed on it (保单号, 确认书号 …). */
  documentNumber: string;
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
  /** When the unit's record (its batches and persons of every coverage year) was last pulled whole from the association. */
  recordPulledAt: string | null;
  /** Why nothing moves while actions wait or were refused (null: nothing waits, or it is on its way). */
  blocker: SyncBlocker | null;
}

/**
 * Why the outbox is not moving: no server configured, waiting for a connection (with the
 * next probe), a login needed (or expired), an action held for another reason (another
 * unit's login), retrying after a transient failure, or refused by the association.
 */
export type SyncBlocker =
  | { kind: 'noServer' }
  | { kind: 'offline'; nextAttemptAt: string | null }
  | { kind: 'loginRequired'; expired: boolean; account?: string }
  | { kind: 'held'; reason: ApiError; nextAttemptAt: string | null }
  | { kind: 'retrying'; reason: ApiError; nextAttemptAt: string | null }
  | { kind: 'refused'; reason: ApiError; count: number };

export interface AuthStatus {
  loggedIn: boolean;
  /** The unit account's display name. */
  account?: string;
  unitId?: string;
}

/** A batch named in another list (a source of last year's roster, a reminder, a record). */
export interface BatchRef {
  id: string;
  title: string;
  state: BatchState;
  stateLabel: string;
  /** 参保批次号 / 保单号 / 工单编号, once the association gave one. */
  policyNumber?: string;
}

/** One field of a person that differs between last year's roster and this one. */
export interface FieldChange {
  field: RosterField;
  /** The column's name in the scheme's template (手机号, 社保卡银行卡号 …). */
  label: string;
  previous: string;
  current: string;
}

/**
 * Where a person of last year's list stands against this batch's roster: not in it yet
 * (left, or not taken yet), in it with the same data, or in it with some data changed.
 */
export type SuggestedStatus = 'notInRoster' | 'unchanged' | 'changed';

/** A person enrolled in the unit's previous coverage year (上年度建议名单). */
export interface SuggestedPerson {
  documentNumber: string;
  name: string;
  /** Last year's row: what roster.takeSuggested copies into the batch. */
  values: RawRosterRow;
  sourceBatchId: string;
  status: SuggestedStatus;
  /** The row of this batch's roster with the same document number. */
  rowId?: string;
  /** Fields filled on both sides with different values (empty unless status is changed). */
  changes: FieldChange[];
}

/** A person in this batch's roster who was not enrolled last year (新增人员). */
export interface NewRosterPerson {
  rowId: string;
  documentNumber: string | null;
  name: string | null;
}

export interface SuggestedList {
  batchId: string;
  /** The coverage year the list comes from; null when the unit had no enrolled batch in the year before this one. */
  previousCoverageYear: Period | null;
  sourceBatches: BatchRef[];
  persons: SuggestedPerson[];
  newInRoster: NewRosterPerson[];
  counts: { lastYear: number; notInRoster: number; unchanged: number; changed: number; newInRoster: number };
}

export interface TakeSuggestedResult {
  /** Rows added to the batch (each checked like an imported row). */
  taken: number;
  /** Document numbers asked for but not taken, with the reason. */
  skipped: { documentNumber: string; reason: string }[];
  check: RosterCheckSummary;
}

/** A person whose cover ends soon or ended lately (续保提醒, Wuxi). */
export interface RenewalReminder {
  unitId: string;
  unitName: string;
  batch: BatchRef;
  schemeId: string;
  enrollmentType: EnrollmentType;
  coverEnd: IsoDate;
  /** Days from today to the cover's last day: 0 on the day, negative once it has ended. */
  daysLeft: number;
  personId: string;
  name: string;
  documentNumber: string;
  values: RawRosterRow;
  /** A later batch of the unit, still being prepared, that holds this person (续保办理中). */
  renewingIn?: BatchRef;
}

export interface RenewalReminderList {
  /** The day (China) the window was counted from. */
  today: IsoDate;
  reminders: RenewalReminder[];
}

/** One person in one batch, as the records query shows it (参保记录). */
export interface EnrollmentRecord {
  personId: string;
  unitId: string;
  unitName: string;
  batch: BatchRef;
  schemeId: string;
  enrollmentType: EnrollmentType;
  enrollmentTypeLabel: string;
  coverageYear: Period;
  /** The person's cover: the batch's, from the person's own 生效日期 on a 保全; null until known. */
  cover: Period | null;
  name: string | null;
  documentNumber: string | null;
  values: RawRosterRow;
  /** The plans the person takes: as priced when the premium was confirmed, else as chosen. */
  plans: PlanChoice[];
  /** "A0+B0+C0"、"A3（2份）". */
  planText: string;
  /** The person's part of the confirmed premium; null before confirmation. */
  premiumFen: Fen | null;
  /** Why the association refused this person (审核不通过), if it did. */
  rejection?: string;
}

export interface RecordsPage {
  total: number;
  offset: number;
  records: EnrollmentRecord[];
  /** The coverage years the unit (or every unit) has records in, newest first: the year filter's choices. */
  coverageYears: Period[];
  /** The plans of those records' schemes: the plan filter's choices. */
  plans: { code: string; label: string }[];
}

/** One invoice line as the clerk asked for it (申请开票 / 专用收据). */
export interface InvoiceRequestLine {
  /** The core's id of the line, echoed back with its invoice number. */
  ref?: string;
  title: string;
  taxNumber?: string;
  amountFen: Fen;
  feeSource?: string;
  email?: string;
  phone?: string;
  remark?: string;
}

/** A request and how far it got: waiting in the outbox, being sent, accepted by the association, or refused. */
export interface InvoiceRequestView {
  actionId: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  requestedAt: string;
  invoices: InvoiceRequestLine[];
  error?: ApiError;
  /** 提前开票: the signed commitment's file name sent with this request. */
  earlyCommitmentName?: string;
}

/** An invoice the association has issued (its number, pulled back through sync). */
export interface IssuedInvoice {
  invoiceNumber: string;
  title: string;
  amountFen: Fen;
  feeSource?: string;
  issuedOn: IsoDate;
  /** The request line it was issued for (InvoiceRequestLine.ref). */
  ref?: string;
  /** The server's id of the invoice (for `invoices.document`). */
  invoiceId?: string;
  /** The e-invoice document the association attached (电子发票), fetched with `invoices.document`. */
  document?: { name: string; bytes: number; type: string };
}

export interface InvoicesView {
  payableFen: Fen | null;
  /** Asked for in requests not refused (剩余开票金额 = payable − this). */
  requestedFen: Fen;
  remainingFen: Fen;
  requests: InvoiceRequestView[];
  issued: IssuedInvoice[];
}
