/**
 * 缴费记录: the batch's payment as recorded — payer, amount, method, day, voucher file, the
 * other batches the same transfer paid with each share, the refund, and whether the
 * association has confirmed it.
 */
import { useEffect, useState } from 'react';
import type { PaymentRecordView } from '../../../shared/api/paymentsDto';
import { formatYuan } from '../../../shared/domain/money';
import { api } from '../../api/session';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { formatTimestamp } from '../../util/dates';
import { kilobytes } from './voucherUpload';

const yuanText = (fen: number) => M.money.yuan(formatYuan(fen, { grouped: true }));

export function PaymentRecordCard({ batchId, state }: { batchId: string; state: string }) {
  const [record, setRecord] = useState<PaymentRecordView | null | undefined>(undefined);
  // A pull may bring the association's confirmation: read again after each.
  const lastPullAt = useApp((s) => s.sync.status?.lastPullAt ?? null);

  useEffect(() => {
    let live = true;
    void api()
      ['payments.forBatch']({ batchId })
      .then((r) => live && setRecord(r))
      .catch(() => live && setRecord(null));
    return () => {
      live = false;
    };
  }, [batchId, state, lastPullAt]);

  if (record === undefined) return null;
  if (record === null) return <p className="muted small" data-testid="payment-record-none">{M.paymentRecord.none}</p>;
  const rows: [string, string, string][] = [
    [M.paymentRecord.payer, record.payer, 'payer'],
    [M.paymentRecord.amount, yuanText(record.amountFen), 'amount'],
    ...(record.method ? [[M.paymentRecord.method, record.method, 'method'] as [string, string, string]] : []),
    ...(record.accountType ? [[M.paymentRecord.accountType, record.accountType, 'accountType'] as [string, string, string]] : []),
    ...(record.paidOn ? [[M.paymentRecord.paidOn, record.paidOn, 'paidOn'] as [string, string, string]] : []),
    [M.paymentRecord.voucher, M.paymentRecord.voucherFile(record.voucherName, kilobytes(record.voucherBytes)), 'voucher'],
    [M.paymentRecord.recordedAt, formatTimestamp(record.recordedAt), 'recordedAt'],
  ];
  return (
    <section className="payment-record" data-testid="payment-record">
      <h3>{M.paymentRecord.title}</h3>
      <dl className="facts">
        {rows.map(([label, value, key]) => (
          <div key={key} data-field={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {record.refund && (
          <div data-field="refund">
            <dt>{M.paymentRecord.refund}</dt>
            <dd data-testid="payment-record-refund">{M.paymentRecord.refundText(yuanText(record.refund.amountFen), record.refund.accountName, record.refund.accountNumber, record.refund.bank)}</dd>
          </div>
        )}
        <div data-field="confirmed">
          <dt />
          <dd data-testid="payment-record-confirmed">{record.confirmed ? M.paymentRecord.confirmed(yuanText(record.confirmed.amountFen), record.confirmed.confirmedOn) : M.paymentRecord.notConfirmed}</dd>
        </div>
      </dl>
      {record.shares.length > 1 && (
        <table className="table compact" data-testid="payment-record-shares">
          <caption>{M.paymentRecord.shares}</caption>
          <thead>
            <tr>
              <th>{M.paymentRecord.colBatch}</th>
              <th className="num">{M.paymentRecord.colShare}</th>
            </tr>
          </thead>
          <tbody>
            {record.shares.map((s) => (
              <tr key={s.batchId} className={s.batchId === batchId ? 'current' : ''}>
                <td>{s.batchTitle}</td>
                <td className="num">{yuanText(s.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
