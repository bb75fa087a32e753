/**
 * Invoices and special receipts (Shanghai 专用收据, Qingdao 开票 by fee source): the amounts
 * requested may not exceed what is left to invoice (剩余开票金额), each names a fee source
 * where the scheme has them, and — where the association asks for it — together they come
 * to exactly what is payable.
 */
import { formatYuan, type Fen } from '../money';

export type InvoiceProblemCode = 'feeSourceRequired' | 'feeSourceUnknown' | 'invoiceExceedsPayable' | 'invoiceTotalMismatch' | 'invoiceAmountInvalid';

export interface InvoiceProblem {
  code: InvoiceProblemCode;
  message: string;
  field: string;
}

export interface InvoiceLine {
  amountFen: Fen;
  feeSource?: string | undefined;
}

export interface InvoiceContext {
  payableFen: Fen;
  /** Already requested or issued for this batch. */
  invoicedFen: Fen;
  /** The scheme's fee sources (code → name); empty when it invoices without them. */
  feeSources: ReadonlyMap<string, string>;
  /** The request must use up the whole remainder (Shanghai: receipts add up to the premium). */
  mustCoverRemainder?: boolean;
}

export function remainingToInvoice(ctx: Pick<InvoiceContext, 'payableFen' | 'invoicedFen'>): Fen {
  return Math.max(0, ctx.payableFen - ctx.invoicedFen);
}

export function checkInvoices(lines: readonly InvoiceLine[], ctx: InvoiceContext): InvoiceProblem | null {
  const names = [...ctx.feeSources.values()].join('、');
  for (const [i, inv] of lines.entries()) {
    const field = `invoices[${i}]`;
    if (!Number.isSafeInteger(inv.amountFen) || inv.amountFen <= 0) return { code: 'invoiceAmountInvalid', message: `第 ${i + 1} 张发票的金额必须大于 0`, field: `${field}.amountFen` };
    if (ctx.feeSources.size > 0 && inv.feeSource === undefined) {
      return { code: 'feeSourceRequired', message: `请为第 ${i + 1} 张发票选择会费来源（${names}）`, field: `${field}.feeSource` };
    }
    if (inv.feeSource !== undefined && !ctx.feeSources.has(inv.feeSource)) {
      const message = ctx.feeSources.size > 0 ? `会费来源“${inv.feeSource}”不是本方案的会费来源（${names}）` : '本方案不按会费来源开票';
      return { code: 'feeSourceUnknown', message, field: `${field}.feeSource` };
    }
  }
  const remaining = remainingToInvoice(ctx);
  const asked = lines.reduce((sum, inv) => sum + inv.amountFen, 0);
  if (asked > remaining) {
    return { code: 'invoiceExceedsPayable', message: `开票金额合计 ${formatYuan(asked)} 元超过尚可开票金额 ${formatYuan(remaining)} 元`, field: 'invoices' };
  }
  if (ctx.mustCoverRemainder && asked !== remaining) {
    return { code: 'invoiceTotalMismatch', message: `开票金额合计 ${formatYuan(asked)} 元应等于应开票金额 ${formatYuan(remaining)} 元`, field: 'invoices' };
  }
  return null;
}
