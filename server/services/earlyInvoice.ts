/**
 * 提前开票 (Shenzhen): invoices before the association has the money, only with the unit's
 * signed and stamped commitment. Whether an association offers it is scheme data: a scheme
 * with an early-invoice commitment text offers it, never a city check.
 */
import { batchStateLabel } from '../../shared/domain/batch';
import { checkVoucherFile, EARLY_INVOICE_STATES, offersEarlyInvoice, VOUCHER_MIME } from '../../shared/domain/payment';
import { MAX_PROOF_BYTES, type InvoiceView } from '../../shared/wire';
import { isoAt } from '../clock';
import type { ServerContext } from '../context';
import { refuse } from '../http/wireHttpError';
import type { BatchRecord } from '../store/batchesStore';
import { sharedPaymentsOf } from '../store/sharedPaymentsStore';
import { loadSchemeOf } from './schemeOf';

/** Checks and keeps the signed commitment sent with invoice request `requestId` (inside the action's transaction). */
export async function keepEarlyCommitment(ctx: ServerContext, batch: BatchRecord, file: { name: string; base64: string }, requestId: string): Promise<void> {
  if (!offersEarlyInvoice(await loadSchemeOf(ctx, batch))) throw refuse('earlyInvoiceNotOffered', '本互助会不办理提前开票', { field: 'earlyCommitment' });
  if (!EARLY_INVOICE_STATES.includes(batch.state)) {
    throw refuse('earlyInvoiceTooLate', `批次当前状态为“${batchStateLabel(batch.state)}”，缴费已确认，直接申请开票即可，无需提前开票承诺书`, { field: 'earlyCommitment' });
  }
  const bytes = Buffer.from(file.base64, 'base64');
  const checked = checkVoucherFile(bytes, MAX_PROOF_BYTES);
  if (!checked.ok) throw refuse(checked.problem.code === 'voucherTooLarge' ? 'proofTooLarge' : 'proofFileType', checked.problem.message, { field: 'earlyCommitment.base64' });
  await sharedPaymentsOf(ctx).saveCommitment({ requestId, batchId: batch.id, fileName: file.name, fileType: VOUCHER_MIME[checked.type], file: bytes, uploadedAt: isoAt(ctx.clock) });
}

/** The commitment file name per invoice request of the batch, for its view. */
export async function earlyCommitmentNames(ctx: ServerContext, batchId: string): Promise<Map<string, string>> {
  return new Map([...await sharedPaymentsOf(ctx).commitments(batchId)].map(([requestId, c]) => [requestId, c.fileName]));
}

export async function withEarlyCommitments(ctx: ServerContext, batchId: string, invoices: InvoiceView[]): Promise<InvoiceView[]> {
  const names = await earlyCommitmentNames(ctx, batchId);
  return invoices.map((i) => {
    const name = names.get(i.requestId);
    return name === undefined ? i : { ...i, earlyCommitmentName: name };
  });
}
