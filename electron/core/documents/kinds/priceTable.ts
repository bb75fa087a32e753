/** The premium of a batch as a table: one row per price line, subsidies, totals in figures and capitals. */
import { fenToChineseCapitals } from '../../../../shared/domain/money';
import type { PriceQuote } from '../../../../shared/domain/pricing';
import { findPlan, type Scheme } from '../../../../shared/domain/scheme';
import { drawTable, type TableRow } from '../layout/table';
import { LABELS, TEXT } from '../messages';
import { yuan } from '../format';
import type { DocumentFrame } from './frame';

const TOTAL_FILL = 0.97;

/** 元/人 or 元/份 in the header when every line is priced alike, else on each price. */
function unitPriceLabels(scheme: Scheme, quote: PriceQuote): { header: string; suffix: (line: PriceQuote['lines'][number]) => string } {
  const byShare = (line: PriceQuote['lines'][number]) => line.planCodes.some((c) => findPlan(scheme, c)?.priceUnit === 'share');
  const shares = quote.lines.filter(byShare).length;
  if (shares === 0) return { header: LABELS.unitPricePerPerson, suffix: () => '' };
  if (shares === quote.lines.length) return { header: LABELS.unitPricePerShare, suffix: () => '' };
  return { header: LABELS.unitPriceMixed, suffix: (line) => (byShare(line) ? TEXT.perShare : TEXT.perPerson) };
}

export function drawPriceTable(frame: DocumentFrame, scheme: Scheme, quote: PriceQuote): void {
  const perShare = quote.lines.some((l) => l.planCodes.some((c) => findPlan(scheme, c)?.priceUnit === 'share'));
  const unitPrice = unitPriceLabels(scheme, quote);
  const columns = [{ weight: 5 }, ...(perShare ? [{ weight: 0.8, align: 'center' as const }] : []), { weight: 0.9, align: 'center' as const }, { weight: 1.5, align: 'right' as const }, { weight: 1.7, align: 'right' as const }];
  const header = [LABELS.plan, ...(perShare ? [LABELS.shares] : []), LABELS.headCount, unitPrice.header, LABELS.amount];
  const span = columns.length - 1;
  const rows: TableRow[] = quote.lines.map((line) => {
    let label = line.label;
    if (line.kind === 'combo') label += TEXT.comboListPrice(yuan(line.listUnitFen));
    if (line.headCountOnly) label += TEXT.headCountRow;
    return [label, ...(perShare ? [String(line.shares)] : []), String(line.persons), `${yuan(line.unitFen)}${unitPrice.suffix(line)}`, yuan(line.amountFen)];
  });
  const hasSubsidies = quote.subsidies.length > 0;
  if (hasSubsidies) {
    rows.push({ cells: [{ text: LABELS.total, span, align: 'right' }, yuan(quote.totalFen)], fill: TOTAL_FILL });
    for (const s of quote.subsidies) rows.push({ cells: [{ text: s.explanation, span }, `-${yuan(s.amountFen)}`] });
  }
  rows.push({ cells: [{ text: hasSubsidies ? LABELS.payable : LABELS.total, span, align: 'right' }, yuan(quote.payableFen)], fill: TOTAL_FILL, weight: 'bold' });
  rows.push({
    cells: [{ text: `${hasSubsidies ? LABELS.payable : LABELS.total}（${LABELS.inCapitals}）：${fenToChineseCapitals(quote.payableFen)}`, span, weight: 'bold' }, { text: `¥${yuan(quote.payableFen)}`, weight: 'bold' }],
    fill: TOTAL_FILL,
  });
  drawTable(frame.flow, rows, { columns, header, size: 9.5, paddingY: 3.5 });
  if (quote.proRata.kind !== 'full') {
    frame.flow.space(4);
    for (const line of quote.lines) frame.flow.paragraph(`※ ${line.explanation}`, { size: 8.5, gapAfter: 1 });
  }
  frame.flow.space(12);
}
