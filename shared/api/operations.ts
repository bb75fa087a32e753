/**
 * The application API: every operation the renderer calls on the core, by name, with the
 * zod schema its input must pass and the type it returns. The core binds this one map to
 * Electron IPC and to HTTP (`POST /api/<operation>`), so the two cannot drift apart.
 */
import { z } from 'zod';
import type { BatchEvent, BatchState } from '../domain/batch';
import type { PriceQuote } from '../domain/pricing';
import type { Scheme } from '../domain/scheme';
import {
  DOCUMENT_KINDS,
  type AuthStatus,
  type BatchDetail,
  type DocumentAvailability,
  type BatchSummary,
  type FileDownload,
  type FindingCount,
  type InvoicesView,
  type GeneratedDocument,
  type ImportProgress,
  type ImportRecordView,
  type OutboxReceipt,
  type PrintLogEntry,
  type PrintLogPage,
  type PrintQueueResult,
  type RecordsPage,
  type RenewalReminderList,
  type RosterCheckSummary,
  type RosterPage,
  type RosterRowView,
  type SchemeSummary,
  type SuggestedList,
  type SyncStatus,
  type TakeSuggestedResult,
  type UnitProfile,
} from './dto';
import { recordPaymentInput, refundDetails } from './paymentInputs';
import type { PaymentRecordView } from './paymentsDto';
import {
  batchState,
  code,
  email,
  enrollmentType,
  fileUpload,
  id,
  isoDate,
  medicalInsuranceCode,
  mobile,
  page,
  phone,
  planChoice,
  positiveFen,
  positiveInt,
  rawRosterRow,
  rosterField,
  residentIdFormat,
  severity,
  text,
  typeError,
  uscc,
  count,
} from './primitives';
import { ONBOARDING_OPERATIONS } from './onboardingOperations';
import { ENROLLMENT_VIEW_OPERATIONS } from './enrollmentViewOperations';
import { TODO_OPERATIONS } from './todoOperations';

/** A type-only marker for an operation's result: outputs are produced by our own core, not parsed. */
export interface Returns<T> {
  readonly __returns?: T;
}
export function returns<T>(): Returns<T> {
  return {};
}

export interface OperationSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  /** One line: what the operation does. */
  doc: string;
  input: I;
  output: Returns<O>;
}

/** Keeps each operation's literal types while checking its shape. */
export function defineOperations<const T extends Record<string, OperationSpec>>(operations: T): T {
  return operations;
}

/** The clerk's batch commands; roster edits, checks and the payment proof move the batch through their own operations. */
export const BATCH_COMMANDS = ['confirmPremium', 'changePlans', 'submit', 'cancelSubmission', 'withdraw', 'reopen', 'delete'] as const satisfies readonly BatchEvent[];
export type BatchCommand = (typeof BATCH_COMMANDS)[number];

/** Whether a lifecycle event is one the clerk gives through `batches.transition` (the action buttons). */
export function isClerkCommand(event: BatchEvent): event is BatchCommand {
  return (BATCH_COMMANDS as readonly string[]).includes(event);
}

const none = z.strictObject({});

const documentKind = z.enum(DOCUMENT_KINDS, { error: typeError(`必须是以下之一：${DOCUMENT_KINDS.join('、')}`) });
const pendingPrint = z.strictObject({
  batchId: id,
  kind: documentKind,
  printNumber: positiveInt,
  documentNumber: text(100),
  issuedOn: isoDate,
  documentHash: z.string({ error: typeError('必须是文本') }).regex(/^[0-9a-f]{64}$/, { error: '必须是 64 位十六进制的 SHA-256' }),
});

const contact = z.strictObject({ name: text(50), phone, role: text(50).optional() });

const headCounts = z
  .strictObject({ inService: count, femaleInService: count })
  .refine((h) => h.femaleInService <= h.inService, { path: ['femaleInService'], error: '在职女职工人数不能多于在职职工人数' });

export const unitProfileInput = z.strictObject({
  /** Absent for a new unit. */
  id: id.optional(),
  name: text(100),
  uscc: uscc.optional(),
  insuranceCode: text(20).optional(),
  socialSecurityCodes: z.array(text(30)).max(200, { error: '至多 200 个社保编码' }).default([]),
  medicalInsuranceCode: medicalInsuranceCode.optional(),
  handler: z.strictObject({ name: text(50), idNumber: residentIdFormat.optional(), phone: mobile, email: email.optional() }),
  contacts: z.array(contact).max(20, { error: '至多 20 位联系人' }).default([]),
  headCounts: headCounts.optional(),
  address: text(200).optional(),
});

const headCountLine = z.strictObject({
  planCode: code,
  shares: positiveInt,
  headCount: positiveInt,
  newEmploymentForm: z.boolean({ error: typeError('必须是 true 或 false') }).optional(),
});

const selection = z.array(planChoice).max(100, { error: '至多 100 个保障项目' });

const invoiceRequest = z.strictObject({
  /** 抬头. */
  title: text(100),
  /** 税号 (usually the payer's 统一社会信用代码; Qingdao allows none). */
  taxNumber: text(30).optional(),
  amountFen: positiveFen,
  /** 会费来源 (Qingdao: 工会经费 / 行政经费 / 会员自付), a code from the scheme. */
  feeSource: code.optional(),
  /** Where the electronic invoice goes (Qingdao 交款人邮箱, Suzhou's payer's mobile). */
  email: email.optional(),
  phone: mobile.optional(),
  /** 其他信息 / 备注 printed on the invoice (Qingdao: at most 40 characters). */
  remark: text(40).optional(),
});

/** 职退情况 as Shanghai's roster filter offers it (在职 / 退休 / “-”: unknown in past rosters). */
const employmentStatusFilter = z.enum(['在职', '退休', '-'], { error: typeError('必须是 在职、退休 或 -') });

/** What the records query filters on (参保记录查询: person, plan, coverage year, state). */
const recordsFilter = {
  /** Absent: every unit on this machine (a service window). */
  unitId: id.optional(),
  /** Part of a name or of a document number, or of a policy (work-order, 工单编号) number or batch title: that batch's persons. */
  search: text(50).optional(),
  planCode: code.optional(),
  /** The first day of the coverage year (保障年度), as RecordsPage.coverageYears lists them; absent: every year. */
  coverageYearStart: isoDate.optional(),
  /** Absent: every batch sent to the association (待发送 onwards, withdrawn and deleted ones aside). */
  states: z.array(batchState).min(1, { error: '至少选择 1 个批次状态' }).optional(),
};

export const OPERATIONS = defineOperations({
  'units.list': { doc: 'Units kept on this machine (a service window switches between many).', input: none, output: returns<UnitProfile[]>() },
  'units.get': { doc: 'One unit profile.', input: z.strictObject({ unitId: id }), output: returns<UnitProfile>() },
  'units.save': { doc: 'Creates or updates a unit profile locally.', input: z.strictObject({ unit: unitProfileInput }), output: returns<UnitProfile>() },
  'units.register': { doc: "Queues the unit's registration with the association (outbox).", input: z.strictObject({ unitId: id }), output: returns<OutboxReceipt>() },
  'units.renewalReminders': {
    doc: "Persons whose cover ends soon or ended lately (续保提醒, the scheme's window, else 30 days before to 10 after), not yet renewed.",
    input: z.strictObject({ unitId: id.optional() }),
    output: returns<RenewalReminderList>(),
  },
  'units.exportRenewalReminders': {
    doc: 'The renewal reminders as an xlsx in the import template layout, to edit and import as the renewal roster.',
    input: z.strictObject({ unitId: id.optional() }),
    output: returns<FileDownload>(),
  },

  'schemes.list': { doc: 'Schemes available offline: built in, or newer ones the server sent.', input: none, output: returns<SchemeSummary[]>() },
  'schemes.get': { doc: 'A whole scheme: plans, rules, roster columns, payment details.', input: z.strictObject({ schemeId: id }), output: returns<Scheme>() },

  'batches.create': {
    doc: 'Starts a batch in 暂存 for a unit, scheme and enrollment type.',
    input: z
      .strictObject({
        unitId: id,
        schemeId: id,
        enrollmentType,
        title: text(100).optional(),
        requestedStart: isoDate.optional(),
        /** Supplementary enrollment (保全) joins this batch's policy in force. */
        policyBatchId: id.optional(),
      })
      .refine((b) => b.enrollmentType !== 'supplementary' || b.policyBatchId !== undefined, {
        path: ['policyBatchId'],
        error: '保全（保单补充）必须选择要补充的已生效保单',
      })
      .refine((b) => b.enrollmentType === 'supplementary' || b.policyBatchId === undefined, {
        path: ['policyBatchId'],
        error: '只有保全（保单补充）才能指定已生效保单',
      }),
    output: returns<BatchDetail>(),
  },
  'batches.get': { doc: 'A batch with its plans, findings, available actions and history.', input: z.strictObject({ batchId: id }), output: returns<BatchDetail>() },
  'batches.list': {
    doc: 'Batches, optionally of one unit, scheme, states or enrollment types.',
    input: z.strictObject({
      unitId: id.optional(),
      schemeId: id.optional(),
      states: z.array(batchState).optional(),
      enrollmentTypes: z.array(enrollmentType).optional(),
    }),
    output: returns<BatchSummary[]>(),
  },
  'batches.update': {
    doc: "Changes a batch's title, plans, head-count lines, requested start, contact or head counts.",
    input: z
      .strictObject({
        batchId: id,
        title: text(100).optional(),
        selection: selection.optional(),
        headCountLines: z.array(headCountLine).max(100, { error: '至多 100 行' }).optional(),
        /** null clears it. */
        requestedStart: isoDate.nullable().optional(),
        contact: contact.optional(),
        headCounts: headCounts.optional(),
        /** true: the clerk has read and confirmed the over-age commitment; false withdraws it. */
        overAgeCommitment: z.boolean({ error: typeError('必须是 true 或 false') }).optional(),
        /** 社保在职人员总数 per social-security code. */
        socialSecurityTotals: z.record(text(30), count).optional(),
      })
      .refine((u) => Object.keys(u).some((k) => k !== 'batchId'), { error: '没有要修改的内容' }),
    output: returns<BatchDetail>(),
  },
  'batches.transition': {
    doc: 'Applies a clerk command (confirm premium, submit, withdraw with reason, delete …) through the lifecycle.',
    input: z
      .strictObject({
        batchId: id,
        event: z.enum(BATCH_COMMANDS, { error: typeError(`必须是以下之一：${BATCH_COMMANDS.join('、')}`) }),
        reason: text(200).optional(),
      })
      .refine((t) => t.event !== 'withdraw' || t.reason !== undefined, { path: ['reason'], error: '撤回批次必须填写原因' }),
    output: returns<BatchDetail>(),
  },

  'roster.import': {
    doc: 'Starts importing an xlsx roster into a batch; returns the job to follow.',
    input: z.strictObject({
      batchId: id,
      file: fileUpload,
      /** append: add to the roster; replace: the file becomes the roster. */
      mode: z.enum(['append', 'replace'], { error: typeError('必须是 append 或 replace') }).default('append'),
      /** Qingdao 人员清单导入 per benefit activity: the plans the imported persons take. */
      planCodes: z.array(code).min(1, { error: '至少需要 1 个保障项目' }).max(50, { error: '至多 50 个保障项目' }).optional(),
      /**
       * The file's own headers mapped by hand onto roster fields (the import dialog's 手工指定列);
       * remembered for the unit's next import. Omitted: the unit's remembered mapping; {} forgets it.
       */
      columnMapping: z.record(text(100), rosterField).refine((m) => Object.keys(m).length <= 50, { error: '至多 50 列' }).optional(),
    }),
    output: returns<{ jobId: string }>(),
  },
  'roster.importProgress': { doc: 'Where an import job stands.', input: z.strictObject({ jobId: id }), output: returns<ImportProgress>() },
  'roster.cancelImport': { doc: 'Stops an import; rows already stored stay as they were.', input: z.strictObject({ jobId: id }), output: returns<ImportProgress>() },
  'roster.rows': {
    doc: "A page of a batch's roster, optionally only rows with a finding code, severity or matching text.",
    input: z.strictObject({
      batchId: id,
      ...page,
      findingCode: code.optional(),
      severity: severity.optional(),
      search: text(50).optional(),
      /** 是否建议名单. */
      suggested: z.boolean({ error: typeError('必须是 true 或 false') }).optional(),
      /** 职退情况. */
      employmentStatus: employmentStatusFilter.optional(),
      /** Only the rows the association refused (审核不通过). */
      rejected: z.boolean({ error: typeError('必须是 true 或 false') }).optional(),
    }),
    output: returns<RosterPage>(),
  },
  'roster.addRow': {
    doc: 'Adds one person typed in by hand (on-site enrollment, foreigners without ID) and checks it at once.',
    input: z
      .strictObject({ batchId: id, row: rawRosterRow })
      .refine((r) => Object.values(r.row).some((v) => v !== undefined && v.trim() !== ''), { path: ['row'], error: '清册行不能为空' }),
    output: returns<RosterRowView>(),
  },
  'roster.editRow': {
    doc: 'Changes fields of one roster row and re-checks it.',
    input: z
      .strictObject({ batchId: id, rowId: id, changes: rawRosterRow })
      .refine((r) => Object.keys(r.changes).length > 0, { path: ['changes'], error: '没有要修改的字段' }),
    output: returns<RosterRowView>(),
  },
  'roster.removeRows': {
    doc: 'Removes rows from a batch (批量删除 / 移除).',
    input: z.strictObject({
      batchId: id,
      rowIds: z.array(id).min(1, { error: '至少选择 1 行' }).max(200_000, { error: '一次至多删除 200000 行' }),
    }),
    output: returns<{ removed: number; state: BatchState }>(),
  },
  'roster.findingCounts': {
    doc: 'How many rows carry each finding code, for the grid’s filter list (read only; roster.recheck re-runs the checks).',
    input: z.strictObject({ batchId: id }),
    output: returns<FindingCount[]>(),
  },
  'roster.recheck': { doc: 'Runs every roster and unit check on a batch and moves it to checkPassed or checkFailed.', input: z.strictObject({ batchId: id }), output: returns<RosterCheckSummary>() },
  'roster.export': { doc: "The batch's whole roster as xlsx in the import template's layout, with each row's check result.", input: z.strictObject({ batchId: id }), output: returns<FileDownload>() },
  'roster.imports': { doc: "The batch's roster imports, newest first, with their counts; one cut off by a crash reads as interrupted.", input: z.strictObject({ batchId: id }), output: returns<ImportRecordView[]>() },
  'roster.suggestedList': {
    doc: "Last year's enrolled persons of the unit (获取上年度建议名单) against the batch's roster: not in it, unchanged, changed, and who is new.",
    input: z.strictObject({ batchId: id }),
    output: returns<SuggestedList>(),
  },
  'roster.takeSuggested': {
    doc: 'Copies persons of the suggested list (all not yet in the roster, or the given document numbers) into the batch and checks them.',
    input: z.strictObject({
      batchId: id,
      documentNumbers: z
        .array(text(40))
        .min(1, { error: '至少选择 1 人' })
        .max(200_000, { error: '一次至多 200000 人' })
        .optional(),
      /** Per-person schemes (Qingdao): the plans the taken persons take. */
      planCodes: z.array(code).min(1, { error: '至少需要 1 个保障项目' }).max(50, { error: '至多 50 个保障项目' }).optional(),
    }),
    output: returns<TakeSuggestedResult>(),
  },
  'roster.exportRejected': {
    doc: 'An xlsx of the rows with errors, as imported, with the reasons (不可参保人员 / 导入失败人员).',
    input: z.strictObject({ batchId: id, findingCodes: z.array(code).min(1, { error: '至少需要 1 个问题代码' }).optional() }),
    output: returns<FileDownload>(),
  },

  'records.search': {
    doc: 'Enrollment records (参保记录) by person, plan, coverage year and state, a page at a time, with the filter choices.',
    input: z.strictObject({ ...recordsFilter, ...page }),
    output: returns<RecordsPage>(),
  },
  'records.export': { doc: 'The records the same filter finds, all of them, as xlsx (参保记录导出).', input: z.strictObject(recordsFilter), output: returns<FileDownload>() },

  'templates.generate': {
    doc: "The scheme's roster import template as xlsx.",
    input: z.strictObject({ schemeId: id, enrollmentType: enrollmentType.optional() }),
    output: returns<FileDownload>(),
  },
  'pricing.quote': {
    doc: "The batch's premium line by line; with `selection`, for a choice of plans not yet saved.",
    input: z.strictObject({ batchId: id, selection: selection.optional() }),
    output: returns<PriceQuote>(),
  },
  'payments.uploadProof': {
    doc: 'Records the payment voucher (缴费凭证 / 底单) and any refund details; queues it for the server.',
    input: z.strictObject({
      batchId: id,
      /** 付款单位. */
      payer: text(100),
      amountFen: positiveFen,
      /** 缴费方式 (转账, 支票 …). */
      method: text(20).optional(),
      paidOn: isoDate.optional(),
      proof: fileUpload,
      /** Shanghai: when more was paid than due, where the difference goes back. */
      refund: refundDetails.optional(),
    }),
    output: returns<BatchDetail>(),
  },
  'payments.record': {
    doc: 'Records ONE transfer (voucher, payer, amount, refund) paying one or several 待缴费 batches of a unit (合并缴费); queued for the server.',
    input: recordPaymentInput,
    output: returns<PaymentRecordView>(),
  },
  'payments.forBatch': {
    doc: "The batch's payment as recorded (payer, amount, method, voucher, each batch's share, refund), or null.",
    input: z.strictObject({ batchId: id }),
    output: returns<PaymentRecordView | null>(),
  },
  'invoices.request': {
    doc: 'Requests invoices (申请开票 / 专用收据), split by title or fee source; queued for the server. `earlyCommitment`: 提前开票 with the signed commitment.',
    input: z.strictObject({
      batchId: id,
      invoices: z.array(invoiceRequest).min(1, { error: '至少需要 1 张发票' }).max(50, { error: '至多 50 张发票' }),
      earlyCommitment: fileUpload.optional(),
    }),
    output: returns<OutboxReceipt>(),
  },
  'invoices.list': {
    doc: 'The invoice requests of a batch with their status, the invoices issued, and what is left to invoice (剩余开票金额).',
    input: z.strictObject({ batchId: id }),
    output: returns<InvoicesView>(),
  },
  'invoices.document': {
    doc: "An issued invoice's e-invoice document (电子发票 PDF/OFD), fetched from the association with the unit's login.",
    input: z.strictObject({ batchId: id, invoiceId: id }),
    output: returns<FileDownload>(),
  },
  'documents.available': {
    doc: "The kinds of document the batch's scheme offers, each printable now or only previewable with the reason.",
    input: z.strictObject({ batchId: id }),
    output: returns<DocumentAvailability[]>(),
  },
  'documents.generate': {
    doc: 'A PDF (payment notice, confirmation, commitment, roster). A preview is watermarked and never counted; a print is numbered and counted by documents.recordPrints once the printer took it.',
    input: z.strictObject({
      batchId: id,
      kind: documentKind,
      purpose: z.enum(['preview', 'print'], { error: typeError('必须是 preview 或 print') }),
      /** Print although some characters have no glyph in any font (each marked on the page). */
      allowMissingGlyphs: z.boolean({ error: typeError('必须是 true 或 false') }).optional(),
    }),
    output: returns<GeneratedDocument>(),
  },
  'documents.recordPrints': {
    doc: 'Counts and logs prints the printer accepted (or the clerk confirmed in a browser), under the signed-in unit’s handler.',
    input: z.strictObject({ prints: z.array(pendingPrint).min(1, { error: '至少需要 1 次打印' }).max(200, { error: '一次至多 200 次打印' }) }),
    output: returns<PrintLogEntry[]>(),
  },
  'documents.printQueue': {
    doc: "Prints one kind of document for several batches as one PDF (a service window's print queue), counted by documents.recordPrints; with duplex each document starts on an odd page.",
    input: z.strictObject({
      batchIds: z.array(id).min(1, { error: '至少选择 1 个批次' }).max(200, { error: '一次至多打印 200 个批次' }),
      kind: documentKind,
      duplex: z.boolean({ error: typeError('必须是 true 或 false') }).optional(),
      allowMissingGlyphs: z.boolean({ error: typeError('必须是 true 或 false') }).optional(),
    }),
    output: returns<PrintQueueResult>(),
  },
  'documents.printLog': {
    doc: 'The print log, newest first, optionally of one batch or unit.',
    input: z.strictObject({ batchId: id.optional(), unitId: id.optional(), ...page }),
    output: returns<PrintLogPage>(),
  },

  'sync.status': { doc: 'Online or not, pending actions, what is being sent, what failed and why.', input: none, output: returns<SyncStatus>() },
  'sync.retryNow': { doc: 'Retries the outbox now instead of waiting for the next back-off.', input: none, output: returns<SyncStatus>() },

  'auth.status': { doc: 'Whether a unit account is logged in (working offline needs no login).', input: none, output: returns<AuthStatus>() },
  'auth.requestSmsCode': { doc: 'Asks the server to text a login code to a phone.', input: z.strictObject({ phone: mobile }), output: returns<{ sentTo: string }>() },
  'auth.login': {
    doc: 'Logs in with unit name or phone, and a password or an SMS code.',
    input: z
      .strictObject({
        account: text(100),
        password: z.string({ error: typeError('必须是文本') }).min(1, { error: '不能为空' }).max(128, { error: '不能超过 128 个字符' }).optional(),
        smsCode: z.string({ error: typeError('必须是文本') }).regex(/^\d{4,8}$/, { error: '必须是 4 到 8 位数字' }).optional(),
      })
      .refine((l) => (l.password === undefined) !== (l.smsCode === undefined), { path: ['password'], error: '请填写密码或短信验证码（二者选一）' }),
    output: returns<AuthStatus>(),
  },
  'auth.logout': { doc: 'Forgets the token; local work stays.', input: none, output: returns<AuthStatus>() },
  ...ONBOARDING_OPERATIONS,
  ...ENROLLMENT_VIEW_OPERATIONS,
  ...TODO_OPERATIONS,
});

export type Operations = typeof OPERATIONS;
export type OpName = keyof Operations;
/** What a caller passes (defaults still optional). */
export type In<K extends OpName> = z.input<Operations[K]['input']>;
/** What a handler receives after validation (defaults filled, text trimmed). */
export type ValidIn<K extends OpName> = z.output<Operations[K]['input']>;
export type Out<K extends OpName> = Operations[K]['output'] extends Returns<infer O> ? O : never;

/** The renderer's view of the core. */
export type ApplicationApi = { [K in OpName]: (input: In<K>) => Promise<Out<K>> };
/** The core's implementation: inputs arrive validated. */
export type OperationHandlers = { [K in OpName]: (input: ValidIn<K>) => Promise<Out<K>> };

export const OPERATION_NAMES = Object.keys(OPERATIONS) as OpName[];

export function isOperationName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}
