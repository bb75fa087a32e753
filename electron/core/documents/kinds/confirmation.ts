/**
 * 参保确认书 / 电子保单: the batch, its cover and plans, the waiting periods that apply,
 * and the full roster over as many pages as it needs, then the stamp and signature area.
 */
import { getPlan, maskDocumentNumber, planLabel, waitingPeriodFor, waitingPeriodSpan } from '../../../../shared/domain/scheme';
import type { DocumentFonts } from '../font/fontChain';
import { CoreError } from '../../coreError';
import { batchNumberRow, cleanText, chineseDate, enrollmentTypeLabel, genderLabel, numberOf, periodText, yuan } from '../format';
import { drawTable, type TableRow } from '../layout/table';
import { ERRORS, LABELS, TEXT, TITLES } from '../messages';
import type { DocumentLayout } from '../render/writePdf';
import type { ConfirmationData } from '../types';
import { DocumentFrame, SIGNATURE_BLOCK_HEIGHT } from './frame';
import { personPlanLabels } from './personPlans';
import { drawPriceTable } from './priceTable';

/** 免责期 lines for the plans of the batch, e.g. "A0：30天免责期（2020年5月21日 至 2020年6月19日）". */
function waitingPeriodLines(data: ConfirmationData): string[] {
  const { scheme, batch, quote } = data;
  const lines: string[] = [];
  for (const total of quote.planTotals) {
    const plan = getPlan(scheme, total.planCode);
    const label = planLabel(scheme, plan);
    if (batch.cover) {
      const span = waitingPeriodSpan(plan, batch.enrollmentType, batch.cover.start);
      if (span) lines.push(`${TEXT.waitingLine(label, span.label)}（${periodText(span.period)}）${span.note ? `，${span.note}` : ''}`);
    } else {
      const w = waitingPeriodFor(plan, batch.enrollmentType);
      if (w) lines.push(`${TEXT.waitingLine(label, w.days !== undefined ? TEXT.waitingDays(w.days) : TEXT.waitingMonths(w.months ?? 0))}${w.note ? `，${w.note}` : ''}`);
    }
  }
  return lines;
}

export function layoutConfirmation(data: ConfirmationData, fonts: DocumentFonts): DocumentLayout {
  const { scheme, unit, batch, quote, persons } = data;
  const texts = scheme.documents.confirmation;
  if (!texts) throw new CoreError('DOCUMENT_NOT_OFFERED', ERRORS.textMissing(TITLES.confirmation, `${scheme.association.shortName}${scheme.yearLabel}`), 422);
  const number = numberOf(data);
  const frame = new DocumentFrame(fonts, { running: { left: `${texts.title}（续）`, right: unit.name, keep: `${number.label}：${number.value}` } });
  frame.title(texts.title);

  const headCountOnly = quote.lines.filter((l) => l.headCountOnly).reduce((s, l) => s + l.persons, 0);
  const batchRow = batchNumberRow(data);
  frame.fields([
    [[LABELS.unit, unit.name]],
    batchRow ? [[number.label, number.value], batchRow] : [[number.label, number.value]],
    [
      unit.uscc ? [LABELS.uscc, unit.uscc] : [LABELS.insuranceCode, unit.insuranceCode ?? TEXT.none],
      [LABELS.enrollmentType, enrollmentTypeLabel(scheme, batch.enrollmentType)],
    ],
    [[LABELS.cover, batch.cover ? periodText(batch.cover) : TEXT.coverUnknown]],
    [
      [LABELS.persons, `${TEXT.totalLine(persons.length)}${headCountOnly > 0 ? TEXT.headCountOnlyPersons(headCountOnly) : ''}`],
      [LABELS.payable, `${yuan(quote.payableFen)} 元`],
    ],
  ]);
  frame.paragraphs(texts.paragraphs);

  frame.flow.heading(LABELS.confirmationPlans, { size: 11.5 });
  drawPriceTable(frame, scheme, quote);

  const waiting = waitingPeriodLines(data);
  if (waiting.length > 0) {
    frame.flow.heading(LABELS.waitingPeriods, { size: 11.5 });
    for (const line of waiting) frame.flow.paragraph(line, { size: 9.5, gapAfter: 2 });
    frame.flow.space(10);
  }

  frame.flow.heading(`${LABELS.roster}（${TEXT.totalLine(persons.length)}）`, { size: 11.5 });
  const plans = personPlanLabels(scheme, quote);
  const rows = (function* (): Generator<TableRow> {
    let seq = 0;
    for (const p of persons) {
      seq++;
      yield [String(seq), cleanText(p.name), maskDocumentNumber(p.documentNumber, scheme.masking), genderLabel(p.gender, p.values?.gender), plans.get(p.id) ?? TEXT.none];
    }
  })();
  drawTable(frame.flow, rows, {
    columns: [{ weight: 0.8, align: 'center' }, { weight: 1.4 }, { weight: 2.6 }, { weight: 0.6, align: 'center' }, { weight: 4.2 }],
    header: [LABELS.seq, LABELS.name, LABELS.documentNumber, LABELS.gender, LABELS.plans],
    size: 9,
    paddingY: 2,
    keepWithLast: SIGNATURE_BLOCK_HEIGHT,
  });
  frame.flow.paragraph(`${TEXT.totalLine(persons.length)}`, { size: 9.5, align: 'right' });

  frame.signatureArea();
  frame.flow.paragraph(`${scheme.association.name}　${chineseDate(data.issuedOn)}`, { size: 10, align: 'right' });
  return frame.finish(data.print);
}
