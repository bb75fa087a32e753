/**
 * The association staff's API (`/admin/v1`, admin bearer token). Batches are named by the
 * server's id (`serverBatchId`). `staff` names who acted; it goes into the transition record.
 */
import { z } from 'zod';
import { BATCH_STATES } from '../domain/batch';
import { id, isoDate, positiveFen, text } from '../api/primitives';
import { MAX_INVOICE_DOCUMENT_BYTES } from '../domain/payment/invoiceDocumentFiles';
import { base64File, batchViewSchema } from './batches';

const staff = text(50).optional();

export const adminApproveRequestSchema = z.strictObject({ staff });

export const adminRejectPersonsRequestSchema = z.strictObject({
  staff,
  persons: z
    .array(z.strictObject({ docNumber: text(40), reason: text(200) }))
    .min(1, { error: '至少需要 1 人' })
    .max(100_000, { error: '一次至多 100000 人' }),
});
export type AdminRejectPersonsRequest = z.input<typeof adminRejectPersonsRequestSchema>;

export const adminRejectPaymentProofRequestSchema = z.strictObject({ staff, reason: text(200) });

export const adminConfirmPaymentRequestSchema = z.strictObject({
  staff,
  /** Defaults to the amount on the voucher, or the payable when there is none (Qingdao transfers). */
  amountFen: positiveFen.optional(),
  /** Defaults to today. */
  confirmedOn: isoDate.optional(),
});

/** Keeps the request body bounded (see MAX_ISSUE_INVOICES_BODY_BYTES). */
export const MAX_INVOICE_DOCUMENTS_PER_REQUEST = 8;
export const MAX_ISSUE_INVOICES_BODY_BYTES = MAX_INVOICE_DOCUMENTS_PER_REQUEST * (Math.ceil(MAX_INVOICE_DOCUMENT_BYTES / 3) * 4) + 256 * 1024;

export const adminIssueInvoicesRequestSchema = z.strictObject({
  staff,
  /** Numbers for particular invoices; absent: every requested invoice of the batch gets the next number. */
  invoices: z
    .array(
      z.strictObject({
        invoiceId: id,
        invoiceNumber: text(40),
        /** The e-invoice (PDF, OFD or image by content); the unit downloads it. */
        document: base64File(MAX_INVOICE_DOCUMENT_BYTES).optional(),
      }),
    )
    .min(1, { error: '至少需要 1 张发票' })
    .refine((list) => list.filter((i) => i.document).length <= MAX_INVOICE_DOCUMENTS_PER_REQUEST, {
      error: `一次至多附 ${MAX_INVOICE_DOCUMENTS_PER_REQUEST} 个发票文件`,
    })
    .optional(),
  issuedOn: isoDate.optional(),
});
export type AdminIssueInvoicesRequest = z.input<typeof adminIssueInvoicesRequestSchema>;

export const adminSetEffectRequestSchema = z.strictObject({
  staff,
  /** The first day of cover; absent: the cover resolved at submission (an error when there is none). */
  effectiveDate: isoDate.optional(),
  /** Absent: the next number. */
  policyNumber: text(40).optional(),
});

export const adminTakeEffectRequestSchema = z.strictObject({ staff });

/** A new version of a scheme (the file, validated with loadScheme); its version must be above the newest. */
export const adminPublishSchemeRequestSchema = z.strictObject({ scheme: z.record(z.string(), z.unknown()) });

export const adminBatchesQuerySchema = z.object({
  state: z.enum(BATCH_STATES, { error: '不是已知的批次状态' }).optional(),
  unitId: id.optional(),
});

export const adminBatchViewSchema = batchViewSchema.extend({ unitId: z.string(), unitName: z.string() });
export type AdminBatchView = z.infer<typeof adminBatchViewSchema>;

export const adminWorkItemSchema = z.object({
  serverBatchId: z.string(),
  unitName: z.string(),
  title: z.string(),
  schemeId: z.string(),
  state: z.enum(BATCH_STATES),
  stateLabel: z.string(),
  persons: z.number().int(),
  payableFen: z.number().int(),
  /** What the staff does next, in Chinese (审核, 确认缴费, 开票, 设置生效日期). */
  todo: z.string(),
});
export const adminWorkSchema = z.object({ items: z.array(adminWorkItemSchema) });
export type AdminWork = z.infer<typeof adminWorkSchema>;

export const adminUnitSchema = z.object({ unitId: z.string(), name: z.string(), loginPhone: z.string(), handlerName: z.string(), batches: z.number().int() });
export const adminUnitsSchema = z.object({ units: z.array(adminUnitSchema) });

