/**
 * 缴费通知单: who to pay (the association's account from the scheme), what for (the
 * premium line by line, subsidies, the total in figures and capitals), by when, and what
 * to write on the transfer.
 */
import { paymentDueDate, paymentRemark, type PaymentDetails } from '../../../../shared/domain/scheme';
import { CoreError } from '../../coreError';
import { batchNumberRow, chineseDate, enrollmentTypeLabel, numberOf, periodText } from '../format';
import { ERRORS, LABELS, TEXT } from '../messages';
import type { PaymentNoticeData } from '../types';
import { DocumentFrame, type FieldRow } from './frame';
import { drawPriceTable } from './priceTable';
import type { DocumentFonts } from '../font/fontChain';
import type { DocumentLayout } from '../render/writePdf';

/**
 * By when, or on which days, to pay: one date or one rule, never two that could disagree;
 * null when the scheme says nothing.
 */
function deadlineText(data: PaymentNoticeData): { label: string; text: string } | null {
  const { scheme, batch } = data;
  const payment: PaymentDetails = scheme.payment;
  if (payment.monthlyWindow) {
    const w = payment.monthlyWindow;
    return { label: LABELS.window, text: `${TEXT.monthlyWindow(w.firstDay, w.lastDay)}${w.lateNote ? `；${w.lateNote}` : ''}` };
  }
  if (batch.premiumConfirmedOn) {
    const due = paymentDueDate(scheme, batch.enrollmentType, batch.premiumConfirmedOn);
    return due ? { label: LABELS.deadline, text: TEXT.payBefore(chineseDate(due)) } : null;
  }
  // Not confirmed yet: the fixed date where there is one (it binds whatever the day of confirming), else the relative rule.
  const rules = payment.deadlines.filter((d) => !d.enrollmentTypes || d.enrollmentTypes.includes(batch.enrollmentType));
  const fixed = rules.flatMap((d) => (d.kind === 'fixedDate' ? [d.date] : [])).sort()[0];
  if (fixed) return { label: LABELS.deadline, text: TEXT.payBefore(chineseDate(fixed)) };
  const relative = rules.flatMap((d) => (d.kind === 'daysAfterConfirmation' ? [d.days] : [])).sort((a, b) => a - b)[0];
  return relative !== undefined ? { label: LABELS.deadline, text: TEXT.payWithin(relative) } : null;
}

export function layoutPaymentNotice(data: PaymentNoticeData, fonts: DocumentFonts): DocumentLayout {
  const { scheme, unit, batch, quote } = data;
  const texts = scheme.documents.paymentNotice;
  const p = scheme.payment;
  if (!p.accountNumber || !p.bank) throw new CoreError('DOCUMENT_NO_ACCOUNT', ERRORS.noAccount(`${scheme.association.shortName}${scheme.yearLabel}`));
  const number = numberOf(data);
  const frame = new DocumentFrame(fonts, { running: { left: texts.title, keep: `${number.label}：${number.value}` } });
  frame.title(texts.title);

  const payer: FieldRow[] = [[[LABELS.payer, unit.name]]];
  payer.push([
    unit.uscc ? [LABELS.uscc, unit.uscc] : [LABELS.insuranceCode, unit.insuranceCode ?? TEXT.none],
    [number.label, number.value],
  ]);
  const batchRow = batchNumberRow(data);
  if (batchRow) payer.push([batchRow]);
  payer.push([
    [LABELS.enrollmentType, enrollmentTypeLabel(scheme, batch.enrollmentType)],
    [LABELS.cover, batch.cover ? periodText(batch.cover) : TEXT.coverUnknown],
  ]);
  frame.fields(payer);

  frame.flow.heading(LABELS.planSection, { size: 11.5 });
  drawPriceTable(frame, scheme, quote);

  const payee: FieldRow[] = [[[LABELS.payee, p.payee]], [[LABELS.accountName, p.accountName]]];
  payee.push(p.bankCode ? [[LABELS.accountNumber, p.accountNumber], [LABELS.bankCode, p.bankCode]] : [[LABELS.accountNumber, p.accountNumber]]);
  payee.push([[LABELS.bank, p.bank]]);
  const deadline = deadlineText(data);
  if (deadline) payee.push([[deadline.label, deadline.text]]);
  payee.push([[LABELS.remark, paymentRemark(scheme, { unitName: unit.name, ...(unit.insuranceCode ? { unitCode: unit.insuranceCode } : {}), batchNo: number.value })]]);
  if (p.methods.length > 0) payee.push([[LABELS.methods, p.methods.join('、')]]);
  frame.flow.heading(LABELS.payeeSection, { size: 11.5 });
  frame.fields(payee);

  frame.flow.heading(LABELS.notes, { size: 11.5 });
  frame.paragraphs(texts.paragraphs, 10);

  frame.flow.ensure(40);
  frame.flow.paragraph(scheme.association.name, { size: 10.5, align: 'right', gapAfter: 2 });
  frame.flow.paragraph(chineseDate(data.issuedOn), { size: 10.5, align: 'right' });
  return frame.finish(data.print);
}
