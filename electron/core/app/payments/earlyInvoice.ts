/**
 * 提前开票 (Shenzhen): invoices before the money arrives, only with the unit's signed and
 * stamped commitment (the printed 提前开票承诺书, scanned). Whether the association offers it
 * is scheme data: a scheme with an early-invoice commitment text offers it.
 */
import type { BatchState } from '../../../../shared/domain/batch';
import { batchStateLabel } from '../../../../shared/domain/batch';
import { checkVoucherFile, EARLY_INVOICE_STATES, offersEarlyInvoice } from '../../../../shared/domain/payment';
import type { Scheme } from '../../../../shared/domain/scheme';
import { MAX_PROOF_BYTES } from '../../../../shared/wire';
import { CoreError } from '../../coreError';

/** Refuses a commitment the association would refuse: not offered, too late, or not a scan/PDF/Word file. */
export function checkEarlyCommitment(scheme: Scheme, state: BatchState, file: { name: string; base64: string }): void {
  if (!offersEarlyInvoice(scheme)) throw new CoreError('earlyInvoiceNotOffered', `${scheme.association.name}不办理提前开票`, 422, 'earlyCommitment');
  if (!EARLY_INVOICE_STATES.includes(state)) {
    throw new CoreError('earlyInvoiceTooLate', `批次当前状态为“${batchStateLabel(state)}”，缴费已确认，直接申请开票即可，无需提前开票承诺书`, 409, 'earlyCommitment');
  }
  const checked = checkVoucherFile(Buffer.from(file.base64, 'base64'), MAX_PROOF_BYTES);
  if (!checked.ok) throw new CoreError(checked.problem.code, checked.problem.message, 422, 'earlyCommitment');
}
