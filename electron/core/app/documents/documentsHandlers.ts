/**
 * documents.*: the PDFs a clerk or a service window prints, built from what the store
 * holds (the confirmed premium, the enrolled persons), every print counted and logged.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { DocumentKind, GeneratedDocument, OperationHandlers, PrintQueueResult } from '../../../../shared/api';
import { DOCUMENT_KIND_LABELS } from '../../../../shared/api';
import { batchStateLabel, type BatchState } from '../../../../shared/domain/batch';
import { todayInChina, type IsoDate, chinaTimestamp } from '../../../../shared/domain/dates';
import type { PriceQuote } from '../../../../shared/domain/pricing';
import { hasError } from '../../../../shared/domain/roster';
import { documentAvailable, generateDocument, type DocumentPerson, type DocumentRequest, type GeneratedPdf } from '../../documents';
import type { BatchRecord } from '../../store';
import { schemeOf, storeCall, today, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';
import { quoteBatch } from '../batches/pricing';
import { checkEach } from '../roster/rosterChecks';

/** The states from which each kind makes sense: a notice needs a confirmed premium, a confirmation an approved batch. */
const PRINTABLE_FROM: Record<DocumentKind, readonly BatchState[]> = {
  paymentNotice: ['premiumConfirmed', 'queued', 'underReview', 'awaitingPayment', 'paymentProofUploaded', 'paymentConfirmed', 'awaitingEffect', 'inForce'],
  confirmation: ['awaitingPayment', 'paymentProofUploaded', 'paymentConfirmed', 'awaitingEffect', 'inForce', 'expired'],
  overAgeCommitment: ['checkPassed', 'premiumConfirmed', 'queued', 'underReview', 'personsRejected', 'awaitingPayment', 'paymentProofUploaded', 'paymentConfirmed', 'awaitingEffect', 'inForce'],
  earlyInvoiceCommitment: ['premiumConfirmed', 'queued', 'underReview', 'awaitingPayment', 'paymentProofUploaded'],
  roster: ['checkPassed', 'premiumConfirmed', 'queued', 'underReview', 'awaitingPayment', 'paymentProofUploaded', 'paymentConfirmed', 'awaitingEffect', 'inForce'],
};

function premiumConfirmedOn(ctx: CoreContext, batch: BatchRecord): IsoDate | undefined {
  const record = [...ctx.store.batches.history(batch.id)].reverse().find((r) => r.event === 'confirmPremium');
  // The record's time carries its offset; the calendar day is China's.
  return record ? todayInChina(Date.parse(record.at)) : undefined;
}

/** The persons who go on the documents: rows without errors or the association's refusal, with what the checks read off them. */
function enrolledPersons(ctx: CoreContext, batch: BatchRecord): { persons: DocumentPerson[]; overAge: DocumentPerson[] } {
  const rows = ctx.store.persons.allRows(batch.id);
  const checks = checkEach(ctx, batch, rows);
  const persons: DocumentPerson[] = [];
  const overAge: DocumentPerson[] = [];
  rows.forEach((row, i) => {
    const c = checks[i]!;
    if (hasError(row.findings) || row.serverRejection) return;
    const p: DocumentPerson = { id: row.id, name: c.person.name, documentNumber: c.person.documentNumber, values: row.values };
    if (row.values.documentType) p.documentType = row.values.documentType;
    if (c.person.gender) p.gender = c.person.gender;
    if (c.person.birthDate) p.birthDate = c.person.birthDate;
    persons.push(p);
    if (c.person.keptOverAge.length > 0) overAge.push(p);
  });
  return { persons, overAge };
}

function documentRequest(ctx: CoreContext, batch: BatchRecord, kind: DocumentKind, print: { count: number; at: string } | null): DocumentRequest {
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  if (!documentAvailable(scheme, kind)) throw new CoreError('DOCUMENT_NOT_OFFERED', `${scheme.association.shortName}没有${DOCUMENT_KIND_LABELS[kind]}`, 422);
  if (!PRINTABLE_FROM[kind].includes(batch.state)) {
    throw new CoreError('DOCUMENT_NOT_YET', `批次当前状态为“${batchStateLabel(batch.state)}”，还不能打印${DOCUMENT_KIND_LABELS[kind]}`, 409);
  }
  const unit = storeCall(() => ctx.store.units.require(batch.unitId));
  const confirmedOn = premiumConfirmedOn(ctx, batch);
  const base = {
    scheme,
    unit: { name: unit.name, ...(unit.uscc ? { uscc: unit.uscc } : {}), ...(unit.insuranceCode ? { insuranceCode: unit.insuranceCode } : {}) },
    batch: { number: batch.policyNumber ?? batch.title, enrollmentType: batch.enrollmentType, cover: batch.cover, ...(confirmedOn ? { premiumConfirmedOn: confirmedOn } : {}) },
    issuedOn: today(ctx),
    print,
  };
  const quote = (): PriceQuote => batch.premium ?? quoteBatch(ctx, batch);
  switch (kind) {
    case 'paymentNotice':
      return { kind, data: { ...base, quote: quote() } };
    case 'earlyInvoiceCommitment':
      return { kind, data: { ...base, quote: quote() } };
    case 'confirmation': {
      if (!batch.policyNumber) throw new CoreError('DOCUMENT_NOT_YET', '互助会尚未给出批次号（保单号），还不能打印参保确认书', 409);
      return { kind, data: { ...base, confirmationNumber: batch.policyNumber, quote: quote(), persons: enrolledPersons(ctx, batch).persons } };
    }
    case 'overAgeCommitment': {
      const overAge = enrolledPersons(ctx, batch).overAge;
      if (overAge.length === 0) throw new CoreError('DOCUMENT_NO_PERSONS', '本批次没有保留的在职超龄人员，无需承诺书', 422);
      return { kind, data: { ...base, persons: overAge } };
    }
    case 'roster':
      return { kind, data: { ...base, persons: enrolledPersons(ctx, batch).persons } };
  }
}

function toGenerated(kind: DocumentKind, pdf: GeneratedPdf, printNumber: number | null): GeneratedDocument {
  return { kind, fileName: pdf.fileName, mimeType: 'application/pdf', base64: Buffer.from(pdf.bytes).toString('base64'), pages: pdf.pages, printNumber, missingCharacters: pdf.missingCharacters };
}

/** Renders and, for a print, logs it under the number printed on it; the hash is of the preview, so reprints compare equal. */
async function render(ctx: CoreContext, batch: BatchRecord, kind: DocumentKind, purpose: 'preview' | 'print'): Promise<{ pdf: GeneratedPdf; printNumber: number | null }> {
  if (purpose === 'preview') return { pdf: await generateDocument(documentRequest(ctx, batch, kind, null)), printNumber: null };
  const preview = await generateDocument(documentRequest(ctx, batch, kind, null));
  const count = ctx.store.printLog.nextPrintNumber(batch.id, kind);
  const pdf = await generateDocument(documentRequest(ctx, batch, kind, { count, at: chinaTimestamp(ctx.now()) }));
  const documentHash = createHash('sha256').update(preview.bytes).digest('hex');
  const record = storeCall(() => ctx.store.printLog.record({ batchId: batch.id, kind, actor: ctx.clerk().name ?? '经办人', documentHash, expectedPrintNumber: count }));
  return { pdf, printNumber: record.printNumber };
}

async function printQueue(ctx: CoreContext, batchIds: readonly string[], kind: DocumentKind): Promise<PrintQueueResult> {
  const merged = await PDFDocument.create();
  const printed: PrintQueueResult['printed'] = [];
  const skipped: PrintQueueResult['skipped'] = [];
  const missing = new Set<string>();
  let done = 0;
  for (const batchId of batchIds) {
    try {
      const batch = storeCall(() => ctx.store.batches.require(batchId));
      const { pdf, printNumber } = await render(ctx, batch, kind, 'print');
      const source = await PDFDocument.load(pdf.bytes);
      for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
      pdf.missingCharacters.forEach((c) => missing.add(c));
      printed.push({ batchId, printNumber: printNumber! });
    } catch (e) {
      if (!(e instanceof CoreError)) throw e;
      skipped.push({ batchId, reason: e.message });
    }
    ctx.events.emit({ type: 'print.progress', done: ++done, total: batchIds.length });
  }
  if (printed.length === 0) throw new CoreError('NOTHING_TO_PRINT', `所选批次都不能打印${DOCUMENT_KIND_LABELS[kind]}：${skipped.map((s) => s.reason).join('；')}`, 422);
  const bytes = await merged.save();
  return {
    kind,
    fileName: `${DOCUMENT_KIND_LABELS[kind]}-${printed.length}个批次-${today(ctx)}.pdf`,
    mimeType: 'application/pdf',
    base64: Buffer.from(bytes).toString('base64'),
    pages: merged.getPageCount(),
    printed,
    skipped,
    missingCharacters: [...missing],
  };
}

export function documentsHandlers(ctx: CoreContext): Pick<OperationHandlers, 'documents.generate' | 'documents.printQueue' | 'documents.printLog'> {
  return {
    'documents.generate': async ({ batchId, kind, purpose }) => {
      const batch = storeCall(() => ctx.store.batches.require(batchId));
      const { pdf, printNumber } = await render(ctx, batch, kind, purpose);
      return toGenerated(kind, pdf, printNumber);
    },
    'documents.printQueue': ({ batchIds, kind }) => printQueue(ctx, batchIds, kind),
    'documents.printLog': async ({ batchId, unitId, offset, limit }) =>
      ctx.store.printLog.list({ ...(batchId ? { batchId } : {}), ...(unitId ? { unitId } : {}), offset, limit }),
  };
}

