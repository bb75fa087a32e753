/**
 * 选择批次: the other 待缴费 batches of the same unit and association that one transfer may
 * pay together with this one (Suzhou 合并支付, Shanghai 选择批次), with their payables.
 */
import { useEffect, useState } from 'react';
import type { BatchDetail, BatchSummary } from '../../../shared/api/dto';
import { formatYuan } from '../../../shared/domain/money';
import { api } from '../../api/session';
import { M } from '../../i18n/messages';

const yuanText = (fen: number) => M.money.yuan(formatYuan(fen, { grouped: true }));

export interface PayableBatch {
  id: string;
  title: string;
  payableFen: number;
}

export function PaymentBatchPicker({ detail, chosen, onChange }: { detail: BatchDetail; chosen: readonly PayableBatch[]; onChange(next: PayableBatch[]): void }) {
  const [others, setOthers] = useState<BatchSummary[] | null>(null);

  useEffect(() => {
    let live = true;
    void api()
      ['batches.list']({ unitId: detail.unitId, schemeId: detail.schemeId, states: ['awaitingPayment'] })
      .then((list) => live && setOthers(list.filter((b) => b.id !== detail.id)))
      .catch(() => live && setOthers([]));
    return () => {
      live = false;
    };
  }, [detail.id, detail.unitId, detail.schemeId]);

  // A batch chosen on the batches list that is no longer payable here drops out of the choice.
  useEffect(() => {
    if (others === null) return;
    const still = chosen.filter((c) => others.some((o) => o.id === c.id));
    if (still.length !== chosen.length) onChange(still);
    // Only when the list arrives: the clerk's own ticks always come from it.
  }, [others]); // eslint-disable-line react-hooks/exhaustive-deps

  const toggle = (b: BatchSummary, on: boolean) => {
    const rest = chosen.filter((c) => c.id !== b.id);
    onChange(on ? [...rest, { id: b.id, title: b.title, payableFen: b.payableFen ?? 0 }] : rest);
  };

  return (
    <fieldset className="payment-batches" data-testid="payment-batches">
      <legend>{M.paymentAcross.title}</legend>
      <p className="muted small">{M.paymentAcross.hint}</p>
      <table className="table compact">
        <tbody>
          <tr>
            <td>
              <input type="checkbox" checked disabled aria-label={M.paymentAcross.thisBatch} />
            </td>
            <td>{detail.title}（{M.paymentAcross.thisBatch}）</td>
            <td className="num">{yuanText(detail.payableFen ?? 0)}</td>
          </tr>
          {(others ?? []).map((b) => (
            <tr key={b.id} data-testid="payment-batch-choice" data-batch-id={b.id}>
              <td>
                <input type="checkbox" aria-label={M.paymentAcross.pick(b.title)} checked={chosen.some((c) => c.id === b.id)} onChange={(e) => toggle(b, e.target.checked)} />
              </td>
              <td>{b.title}</td>
              <td className="num">{yuanText(b.payableFen ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {others !== null && others.length === 0 && <p className="muted small">{M.paymentAcross.none}</p>}
    </fieldset>
  );
}
