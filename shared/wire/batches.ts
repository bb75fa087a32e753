/**
 * Batches on the wire: the submission (header plus roster), the clerk's later actions on
 * it, and the server's view of a batch.
 */
import { refundDetails } from '../api/paymentInputs';
import { z } from 'zod';
import {
  code,
  count,
  email,
  enrollmentType,
  id,
  isoDate,
  mobile,
  planChoice,
  positiveFen,
  positiveInt,
  text,
  typeError,
} from '../api/primitives';
import { BATCH_STATES, ENROLLMENT_TYPES } from '../domain/batch';
import { contactSchema, headCountLineSchema, periodSchema, planChoiceSchema, transitionRecordSchema } from './common';
import { MAX_INLINE_ROWS, MAX_PROOF_BYTES } from './limits';
import { wireRosterRowSchema } from './roster';

const headCountLine = z.strictObject({
  planCode: code,
  shares: positiveInt,
  headCount: positiveInt,
  newEmploymentForm: z.boolean({ error: typeError('必须是 true 或 false') }).optional(),
});

const unitHeadCounts = z
  .strictObject({ inService: count, femaleInService: count })
  .refine((h) => h.femaleInService <= h.inService, { path: ['femaleInService'], error: '在职女职工人数不能多于在职职工人数' });

/** Inline rows for a small roster, or a completed upload for a large one. */
export const rosterSourceSchema = z.union(
  [
    z.strictObject({ rows: z.array(wireRosterRowSchema).max(MAX_INLINE_ROWS, { error: `超过 ${MAX_INLINE_ROWS} 行的名单请分块上传` }) }),
    z.strictObject({ uploadId: id }),
  ],
  { error: '名单须为 { rows: [...] } 或 { uploadId }' },
);

const batchHeader = {
  /** The client's own id of the batch: the key of every later route on it, unique per unit. */
  clientBatchId: id,
  schemeId: code,
  /** The scheme version the client checked the roster against. */
  schemeVersion: positiveInt,
  title: text(100),
  /** The unit's plans (batch-scope schemes). Empty on an instant enrollment: the server copies the central enrollment's plans. */
  selection: z.array(planChoice).max(100, { error: '至多 100 个保障项目' }).default([]),
  /** 无名单 (Qingdao): persons entered as counts only. */
  headCountLines: z.array(headCountLine).max(100, { error: '至多 100 行' }).default([]),
  /** Shenzhen 保单生效日期 / 保全生效日期. */
  requestedStart: isoDate.optional(),
  contact: contactSchema.optional(),
  /** The unit's in-service and female in-service head counts (Qingdao). */
  headCounts: unitHeadCounts.optional(),
  /** 社保在职人员总数 per social-security code (the denominator of Shanghai's 75% rule). */
  socialSecurityTotals: z.record(z.string().max(30), count).optional(),
  /** The unit signed the over-age commitment (超龄人员承诺书) for the over-age persons it keeps. */
  overAgeCommitmentSigned: z.boolean({ error: typeError('必须是 true 或 false') }).default(false),
  roster: rosterSourceSchema,
};

/** `submitBatch` (POST /v1/batches): a new batch, or the same clientBatchId again after persons were rejected or it was withdrawn. */
export const submitBatchRequestSchema = z.strictObject({
  ...batchHeader,
  enrollmentType: enrollmentType.refine((t) => t !== 'supplementary', { error: '保全（保单补充）请提交到已生效保单的 supplements 路径' }),
});
export type SubmitBatchRequest = z.input<typeof submitBatchRequestSchema>;
export type ValidSubmitBatchRequest = z.output<typeof submitBatchRequestSchema>;

/** `submitSupplementary` (POST /v1/batches/:policyBatchId/supplements): new hires added to a policy in force (保全). */
export const submitSupplementaryRequestSchema = z.strictObject(batchHeader);
export type SubmitSupplementaryRequest = z.input<typeof submitSupplementaryRequestSchema>;
export type ValidSubmitSupplementaryRequest = z.output<typeof submitSupplementaryRequestSchema>;

/** `withdrawBatch` (批次撤回): allowed while the lifecycle allows it; the reason is required. */
export const withdrawBatchRequestSchema = z.strictObject({ reason: text(200) });
export type WithdrawBatchRequest = z.input<typeof withdrawBatchRequestSchema>;

/** A file sent inline as base64 (payment vouchers, signed commitments), at most `maxBytes` decoded. */
export const base64File = (maxBytes: number) =>
  z.strictObject({
    name: text(255),
    base64: z
      .string({ error: typeError('必须是 base64 编码的文件内容') })
      .min(4, { error: '文件内容为空' })
      .max(Math.ceil(maxBytes / 3) * 4, { error: `文件不能超过 ${maxBytes / 1024 / 1024} MB` })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '必须是 base64 编码的文件内容' })
      .refine((v) => v.length % 4 === 0, { error: '必须是 base64 编码的文件内容' }),
  });

/** `uploadPaymentProof` (缴费凭证): the voucher (JPG, PNG or PDF), payer and amount; refund details when more was paid than due. */
export const paymentProofRequestSchema = z.strictObject({
  payer: text(100),
  amountFen: positiveFen,
  method: text(20).optional(),
  paidOn: isoDate.optional(),
  proof: base64File(MAX_PROOF_BYTES),
  refund: refundDetails.optional(),
});
export type PaymentProofRequest = z.input<typeof paymentProofRequestSchema>;

export const invoiceLineSchema = z.strictObject({
  /** The client's id of this invoice line, echoed in views and in `invoicesIssued`. */
  ref: id.optional(),
  title: text(100),
  taxNumber: text(30).optional(),
  amountFen: positiveFen,
  /** 会费来源 (Qingdao): required where the scheme has fee sources. */
  feeSource: code.optional(),
  email: email.optional(),
  phone: mobile.optional(),
  remark: text(40).optional(),
});

/** `requestInvoices` (申请开票 / 专用收据): split by title or fee source, never more than is still to invoice. */
export const invoiceRequestSchema = z.strictObject({
  invoices: z.array(invoiceLineSchema).min(1, { error: '至少需要 1 张发票' }).max(50, { error: '至多 50 张发票' }),
  /** 提前开票 (Shenzhen): the signed and stamped commitment, where the scheme offers early invoicing. */
  earlyCommitment: base64File(MAX_PROOF_BYTES).optional(),
});
export type InvoiceRequest = z.input<typeof invoiceRequestSchema>;

// ---- What the server answers ----

export const reasonSchema = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() });
export type WireReason = z.infer<typeof reasonSchema>;

/** A person the association will not enrol, with every reason (被某单位占用, 超龄 …). */
export const rejectedPersonSchema = z.object({
  docNumber: z.string(),
  name: z.string(),
  rowId: z.string().optional(),
  sourceRow: z.number().int().nullable(),
  reasons: z.array(reasonSchema),
});
export type RejectedPerson = z.infer<typeof rejectedPersonSchema>;

export const INVOICE_STATUSES = ['requested', 'issued'] as const;

export const invoiceViewSchema = z.object({
  invoiceId: z.string(),
  requestId: z.string(),
  ref: z.string().optional(),
  title: z.string(),
  taxNumber: z.string().optional(),
  amountFen: z.number().int(),
  feeSource: z.string().optional(),
  status: z.enum(INVOICE_STATUSES),
  invoiceNumber: z.string().optional(),
  issuedOn: z.string().optional(),
  /** 提前开票: the signed commitment's file name sent with the request. */
  earlyCommitmentName: z.string().optional(),
  /** The e-invoice document the association attached, fetched from ROUTES.invoiceDocument. */
  document: z.object({ name: z.string(), bytes: z.number().int(), type: z.string() }).optional(),
});
export type InvoiceView = z.infer<typeof invoiceViewSchema>;

export const paymentViewSchema = z.object({
  payer: z.string(),
  amountFen: z.number().int(),
  method: z.string().optional(),
  paidOn: z.string().optional(),
  proofName: z.string(),
  proofBytes: z.number().int(),
  uploadedAt: z.string(),
  refund: z.object({ accountName: z.string(), accountNumber: z.string(), bank: z.string(), amountFen: z.number().int() }).optional(),
  confirmedFen: z.number().int().optional(),
  confirmedOn: z.string().optional(),
  /** A payment recorded through `recordPayment` (POST /v1/payments), possibly covering several batches. */
  paymentId: z.string().optional(),
  /** 收款帐户类别. */
  accountType: z.string().optional(),
  /** This batch's share of the transfer. */
  allocatedFen: z.number().int().optional(),
  /** Every batch the transfer paid (client ids) with its share. */
  allocations: z.array(z.object({ batchId: z.string(), serverBatchId: z.string(), amountFen: z.number().int() })).optional(),
});

export const batchViewSchema = z.object({
  /** The client's id (the one in every unit route). */
  batchId: z.string(),
  /** The association's batch number (参保批次号), for display and the staff. */
  serverBatchId: z.string(),
  schemeId: z.string(),
  schemeVersion: z.number().int(),
  enrollmentType: z.enum(ENROLLMENT_TYPES),
  title: z.string(),
  state: z.enum(BATCH_STATES),
  stateLabel: z.string(),
  /** Supplementary enrollment: the client id of the policy the persons join. */
  policyBatchId: z.string().nullable(),
  policyNumber: z.string().nullable(),
  cover: periodSchema.nullable(),
  requestedStart: z.string().nullable(),
  /** As applied: an instant enrollment shows the central enrollment's plans it copied. */
  selection: z.array(planChoiceSchema),
  headCountLines: z.array(headCountLineSchema),
  counts: z.object({ submitted: z.number().int(), enrolled: z.number().int(), rejected: z.number().int(), headCountOnly: z.number().int() }),
  /** The server's premium for the enrolled persons (priceBatch), before and after subsidies. */
  totalFen: z.number().int(),
  payableFen: z.number().int(),
  rejectedPersons: z.array(rejectedPersonSchema),
  payment: paymentViewSchema.nullable(),
  invoices: z.array(invoiceViewSchema),
  /** What may still be invoiced. */
  invoiceRemainingFen: z.number().int(),
  history: z.array(transitionRecordSchema),
  submittedAt: z.string(),
  updatedAt: z.string(),
});
export type BatchView = z.infer<typeof batchViewSchema>;

/** A batch without its persons, payment, invoices and history. */
export const batchSummarySchema = batchViewSchema.omit({ rejectedPersons: true, history: true, invoices: true, payment: true });
export type BatchSummary = z.infer<typeof batchSummarySchema>;

/** The unit's batches, each with the scheme's coverage year (保障年度) it belongs to: the unit's record is read year by year. */
export const batchListSchema = z.object({ batches: z.array(batchSummarySchema.extend({ coverageYear: periodSchema })) });
export type BatchList = z.infer<typeof batchListSchema>;

export const PERSON_STATUSES = ['enrolled', 'rejected'] as const;

export const batchPersonsPageSchema = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  persons: z.array(
    z.object({
      docNumber: z.string(),
      name: z.string(),
      rowId: z.string().optional(),
      sourceRow: z.number().int().nullable(),
      status: z.enum(PERSON_STATUSES),
      reasons: z.array(reasonSchema),
      /** The row as the association keeps it (plans, 职退情况, contact): the unit's record on a machine that did not submit it. */
      values: z.record(z.string(), z.string()),
    }),
  ),
});
export type BatchPersonsPage = z.infer<typeof batchPersonsPageSchema>;
