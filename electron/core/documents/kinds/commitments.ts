/**
 * Commitment letters the unit signs and stamps: the over-age commitment listing the persons
 * it keeps (Shanghai: 医保享受在职待遇), and the early-invoice commitment (Shenzhen). Their
 * wording is the scheme's; a scheme without it has no such letter.
 */
import { CoreError } from '../../coreError';
import { fenToChineseCapitals } from '../../../../shared/domain/money';
import { maskDocumentNumber, type DocumentText, type Scheme } from '../../../../shared/domain/scheme';
import type { DocumentFonts } from '../font/fontChain';
import { cleanText, enrollmentTypeLabel, genderLabel, numberOf, yuan } from '../format';
import { drawTable, type TableRow } from '../layout/table';
import { ERRORS, LABELS, TEXT, TITLES } from '../messages';
import type { DocumentLayout } from '../render/writePdf';
import type { EarlyInvoiceCommitmentData, OverAgeCommitmentData } from '../types';
import { DocumentFrame, SIGNATURE_BLOCK_HEIGHT } from './frame';

/** The scheme's text for a letter, or a refusal naming what is missing. */
export function commitmentText(scheme: Scheme, kind: 'overAgeCommitment' | 'earlyInvoiceCommitment'): DocumentText {
  const text = scheme.documents[kind];
  if (!text) throw new CoreError('DOCUMENT_TEXT_MISSING', ERRORS.textMissing(TITLES[kind], `${scheme.association.shortName}${scheme.yearLabel}`));
  return text;
}

export function layoutOverAgeCommitment(data: OverAgeCommitmentData, fonts: DocumentFonts): DocumentLayout {
  const { scheme, unit, batch, persons } = data;
  const text = commitmentText(scheme, 'overAgeCommitment');
  if (persons.length === 0) throw new CoreError('DOCUMENT_NO_PERSONS', ERRORS.noPersons);
  const number = numberOf(data);
  const frame = new DocumentFrame(fonts, { running: { left: `${text.title}（续）`, right: unit.name, keep: `${number.label}：${number.value}` } });
  frame.title(text.title, TITLES.overAgeCommitment);
  frame.flow.paragraph(`${LABELS.addressedTo}${scheme.association.name}`, { size: 11, gapAfter: 8 });
  frame.fields([
    [[LABELS.unit, unit.name]],
    [
      unit.insuranceCode ? [LABELS.insuranceCode, unit.insuranceCode] : [LABELS.uscc, unit.uscc ?? TEXT.none],
      [number.label, number.value],
    ],
    [[LABELS.enrollmentType, enrollmentTypeLabel(scheme, batch.enrollmentType)]],
  ]);
  const rows = persons.map<TableRow>((p, i) => [
    String(i + 1),
    cleanText(p.name),
    cleanText(p.documentType ?? p.values?.documentType ?? TEXT.none),
    maskDocumentNumber(p.documentNumber, scheme.masking),
    genderLabel(p.gender, p.values?.gender),
    p.birthDate ?? p.values?.birthDate ?? TEXT.none,
    TEXT.yes,
  ]);
  drawTable(frame.flow, rows, {
    columns: [{ weight: 0.7, align: 'center' }, { weight: 1.3 }, { weight: 1.1, align: 'center' }, { weight: 2.5 }, { weight: 0.6, align: 'center' }, { weight: 1.5, align: 'center' }, { weight: 1.6, align: 'center' }],
    header: [LABELS.seq, LABELS.name, LABELS.documentType, LABELS.documentNumber, LABELS.gender, LABELS.birthDate, LABELS.medicalInService],
    size: 9,
    keepWithLast: SIGNATURE_BLOCK_HEIGHT,
  });
  frame.flow.paragraph(TEXT.totalLine(persons.length), { size: 9.5, align: 'right', gapAfter: 10 });
  frame.paragraphs(text.paragraphs, 11);
  frame.signatureArea();
  return frame.finish(data.print);
}

export function layoutEarlyInvoiceCommitment(data: EarlyInvoiceCommitmentData, fonts: DocumentFonts): DocumentLayout {
  const { scheme, unit, batch, quote, invoice } = data;
  const text = commitmentText(scheme, 'earlyInvoiceCommitment');
  const frame = new DocumentFrame(fonts);
  frame.title(text.title);
  frame.flow.paragraph(`${LABELS.addressedTo}${scheme.association.name}`, { size: 11, gapAfter: 8 });
  frame.paragraphs(text.paragraphs, 11);
  frame.fields([
    [[LABELS.unit, unit.name]],
    [[LABELS.uscc, unit.uscc ?? TEXT.none]],
    [
      [numberOf(data).label, numberOf(data).value],
      [LABELS.enrollmentType, enrollmentTypeLabel(scheme, batch.enrollmentType)],
    ],
    [[LABELS.amountDue, `¥${yuan(quote.payableFen)}（${LABELS.inCapitals}：${fenToChineseCapitals(quote.payableFen)}）`]],
    [[LABELS.invoiceTitle, invoice?.title ?? unit.name]],
    [
      [LABELS.taxNumber, invoice?.taxNumber ?? unit.uscc ?? TEXT.none],
      [LABELS.email, invoice?.email ?? TEXT.none],
    ],
  ]);
  frame.signatureArea();
  return frame.finish(data.print);
}
