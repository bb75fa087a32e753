/** 保费: the premium line by line, each line explained, subsidies, and the total in figures and in Chinese capitals. */
import { useEffect, useState } from 'react';
import type { BatchDetail } from '../../../shared/api/dto';
import { formatYuan, fenToChineseCapitals } from '../../../shared/domain/money';
import type { PriceQuote } from '../../../shared/domain/pricing';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { ProgressBar } from '../../components/ProgressBar';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';
import { useBatch } from '../../state/batchStore';

const yuan = (fen: number) => M.money.yuan(formatYuan(fen, { grouped: true }));

export function PremiumStep({ detail, onNext }: { detail: BatchDetail; onNext(): void }) {
  const setDetail = useBatch((s) => s.setDetail);
  const notify = useApp((s) => s.notify);
  const [quote, setQuote] = useState<PriceQuote | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setError(null);
    api()
      ['pricing.quote']({ batchId: detail.id })
      .then(
        (q) => live && setQuote(q),
        (e: unknown) => live && setError(toApiFailure(e, M.errors.generic).message),
      );
    return () => {
      live = false;
    };
  }, [detail.id, detail.updatedAt]);

  const confirm = async () => {
    setBusy(true);
    const next = await attempt(() => api()['batches.transition']({ batchId: detail.id, event: 'confirmPremium' }));
    setBusy(false);
    if (next) {
      setDetail(next);
      notify('success', M.premium.confirmed(yuan(next.payableFen ?? 0)));
      onNext();
    }
  };

  if (error) return <Callout tone="error">{error}</Callout>;
  if (!quote) {
    return (
      <div className="premium-step">
        <ProgressBar done={0} total={null} label={M.premium.computing} />
        <p className="muted">{M.premium.computing}</p>
      </div>
    );
  }
  const canConfirm = detail.clerkEvents.includes('confirmPremium');
  const confirmed = detail.payableFen !== null;

  return (
    <div className="premium-step">
      <table className="table" data-testid="premium-lines">
        <thead>
          <tr>
            <th>{M.premium.colPlan}</th>
            <th className="num">{M.premium.colPersons}</th>
            <th className="num">{M.premium.colShares}</th>
            <th className="num">{M.premium.colUnit}</th>
            <th className="num">{M.premium.colAmount}</th>
            <th>{M.premium.colExplanation}</th>
          </tr>
        </thead>
        <tbody>
          {quote.lines.length === 0 && (
            <tr>
              <td colSpan={6} className="empty">
                {M.premium.noLines}
              </td>
            </tr>
          )}
          {quote.lines.map((l) => (
            <tr key={l.key}>
              <td>
                {l.label}
                {l.headCountOnly && <span className="badge neutral">{M.premium.headCountOnly}</span>}
              </td>
              <td className="num">{l.persons}</td>
              <td className="num">{l.shares}</td>
              <td className="num">
                {l.listUnitFen !== l.unitFen && <s className="muted">{formatYuan(l.listUnitFen)}</s>} {formatYuan(l.unitFen)}
              </td>
              <td className="num">{formatYuan(l.amountFen, { grouped: true })}</td>
              <td className="explanation">{l.explanation}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {quote.subsidies.length > 0 && (
        <>
          <h3>{M.premium.subsidiesTitle}</h3>
          <table className="table">
            <tbody>
              {quote.subsidies.map((s, i) => (
                <tr key={i}>
                  <td>{s.name || s.kindName}</td>
                  <td className="num">-{formatYuan(s.amountFen, { grouped: true })}</td>
                  <td className="explanation">{s.explanation}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {quote.feeSources.length > 0 && (
        <>
          <h3>{M.premium.feeSourcesTitle}</h3>
          <table className="table">
            <tbody>
              {quote.feeSources.map((f) => (
                <tr key={f.source}>
                  <td>{f.name}</td>
                  <td className="num">{formatYuan(f.amountFen, { grouped: true })}</td>
                  <td className="explanation">{f.parts.map((p) => p.explanation).join(M.common.clauseSeparator)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <div className="totals" data-testid="premium-total">
        <div>
          <span>{M.premium.total}</span>
          <strong>{yuan(quote.totalFen)}</strong>
        </div>
        {quote.subsidyTotalFen > 0 && (
          <div>
            <span>{M.premium.subsidyTotal}</span>
            <strong>-{yuan(quote.subsidyTotalFen)}</strong>
          </div>
        )}
        <div className="payable">
          <span>{M.premium.payable}</span>
          <strong data-testid="payable">{yuan(quote.payableFen)}</strong>
        </div>
        <div className="capitals">
          <span>{M.premium.capitals}</span>
          <strong data-testid="payable-capitals">{fenToChineseCapitals(quote.payableFen)}</strong>
        </div>
        <p className="muted small">{quote.summary}</p>
      </div>

      {quote.unpricedPersonIds.length > 0 && <Callout tone="warn">{M.premium.unpriced(quote.unpricedPersonIds.length)}</Callout>}
      {confirmed && !canConfirm && <Callout tone="success">{M.premium.alreadyConfirmed(yuan(detail.payableFen ?? 0))}</Callout>}
      <div className="form-actions">
        {canConfirm && (
          <button type="button" className="button primary" onClick={() => void confirm()} disabled={busy} data-testid="confirm-premium">
            {M.premium.confirm(yuan(quote.payableFen))}
          </button>
        )}
        {!canConfirm && !confirmed && <span className="muted">{M.premium.cannotConfirmYet(detail.stateLabel)}</span>}
        {confirmed && (
          <button type="button" className="button" onClick={onNext}>
            {M.batch.nextStep(M.batch.steps.submit)}
          </button>
        )}
      </div>
    </div>
  );
}
