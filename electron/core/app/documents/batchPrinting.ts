/**
 * Previews and prints of a batch's documents. A preview is watermarked and never counted.
 * A print is numbered and handed out; it is counted (and its number and date fixed) only by
 * `recordPrints`, once the printer took it or the clerk confirmed it was printed. A print
 * with characters no font has is refused unless the clerk chose to print them marked.
 */
import { PDFDocument } from 'pdf-lib';
import type { DocumentAvailability, GeneratedDocument, MissingGlyphs, PendingPrint, PrintLogEntry, PrintQueueResult } from '../../../../shared/api';
import { DOCUMENT_KIND_LABELS, documentTitle, offeredKinds, type DocumentKind } from '../../../../shared/domain/documents';
import { schemeOf, storeCall, today, type CoreContext } from '../coreContext';
import { chinaTimestamp } from '../../../../shared/domain/dates';
import { CoreError } from '../../coreError';
import type { BatchRecord } from '../../store';
import { generateDocument, type DocumentRequest, type GeneratedPdf } from '../../documents/index';
import { ERRORS } from '../../documents/messages';
import { documentHash, prepareDocument, requirePrintable } from './documentRequest';

/** The names (and unit) in which each missing character stands. */
function missingIn(request: DocumentRequest, missing: readonly string[]): MissingGlyphs[] {
  if (missing.length === 0) return [];
  const data = request.data;
  const places: { where: string; text: string }[] = [{ where: data.unit.name, text: data.unit.name }];
  if ('persons' in data) for (const p of data.persons) places.push({ where: p.name, text: p.name });
  const out: MissingGlyphs[] = [];
  for (const place of places) {
    const chars = missing.filter((c) => place.text.includes(c));
    if (chars.length > 0) out.push({ where: place.where, characters: chars });
  }
  return out;
}

function toGenerated(kind: DocumentKind, pdf: GeneratedPdf, pendingPrint: PendingPrint | null, request: DocumentRequest): GeneratedDocument {
  return {
    kind,
    fileName: pdf.fileName,
    mimeType: 'application/pdf',
    base64: Buffer.from(pdf.bytes).toString('base64'),
    pages: pdf.pages,
    printNumber: pendingPrint?.printNumber ?? null,
    pendingPrint,
    missingCharacters: pdf.missingCharacters,
    missingIn: missingIn(request, pdf.missingCharacters),
  };
}

/** The handler of the batch's unit (the unit account's 经办人) prints, not the computer's user. */
function actorOf(ctx: CoreContext, batch: BatchRecord): string {
  const unit = storeCall(() => ctx.store.units.require(batch.unitId));
  return unit.handler.name.trim() || ctx.clerk().name || '经办人';
}

export function documentAvailability(ctx: CoreContext, batchId: string): DocumentAvailability[] {
  const batch = storeCall(() => ctx.store.batches.require(batchId));
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  const counts = new Map<DocumentKind, number>();
  for (const e of ctx.store.printLog.list({ batchId, limit: 10_000 }).entries) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  return offeredKinds(scheme).map((kind) => {
    const prepared = prepareDocument(ctx, batch, kind);
    const fixed = ctx.store.printLog.issue(batchId, kind);
    // The clerk confirms the over-age commitment only when the roster keeps over-age persons: without it there is nothing to sign.
    const reason = prepared.notYet?.reason ?? (kind === 'overAgeCommitment' && batch.overAgeCommitmentAt === null ? ERRORS.noOverAgePersons : undefined);
    return {
      kind,
      title: documentTitle(scheme, kind),
      printable: reason === undefined,
      ...(reason ? { reason } : {}),
      prints: counts.get(kind) ?? 0,
      ...(fixed ? { documentNumber: fixed.number, issuedOn: fixed.issuedOn } : {}),
    };
  });
}

export async function previewDocument(ctx: CoreContext, batchId: string, kind: DocumentKind): Promise<GeneratedDocument> {
  const batch = storeCall(() => ctx.store.batches.require(batchId));
  const request = prepareDocument(ctx, batch, kind).request(null);
  return toGenerated(kind, await generateDocument(request), null, request);
}

/** A numbered print, not yet counted. */
async function renderPrint(ctx: CoreContext, batch: BatchRecord, kind: DocumentKind, allowMissingGlyphs: boolean): Promise<{ pdf: GeneratedPdf; pending: PendingPrint; request: DocumentRequest }> {
  const prepared = prepareDocument(ctx, batch, kind);
  requirePrintable(prepared, kind);
  const printNumber = ctx.store.printLog.nextPrintNumber(batch.id, kind);
  const request = prepared.request({ count: printNumber, at: chinaTimestamp(ctx.now()) });
  const pdf = await generateDocument(request);
  if (pdf.missingCharacters.length > 0 && !allowMissingGlyphs) {
    throw new CoreError('DOCUMENT_MISSING_GLYPHS', ERRORS.missingGlyphsIn(missingIn(request, pdf.missingCharacters)), 422);
  }
  const pending: PendingPrint = { batchId: batch.id, kind, printNumber, documentNumber: prepared.issue.number, issuedOn: prepared.issue.issuedOn, documentHash: documentHash(pdf.bytes) };
  return { pdf, pending, request };
}

export async function printDocument(ctx: CoreContext, batchId: string, kind: DocumentKind, allowMissingGlyphs: boolean): Promise<GeneratedDocument> {
  const batch = storeCall(() => ctx.store.batches.require(batchId));
  const { pdf, pending, request } = await renderPrint(ctx, batch, kind, allowMissingGlyphs);
  return toGenerated(kind, pdf, pending, request);
}

/** Counts prints the printer took, all or none. */
export function recordPrints(ctx: CoreContext, prints: readonly PendingPrint[]): PrintLogEntry[] {
  return storeCall(() =>
    ctx.store.transaction(() =>
      prints.map((p) => {
        const batch = ctx.store.batches.require(p.batchId);
        const record = ctx.store.printLog.record({
          batchId: p.batchId,
          kind: p.kind,
          actor: actorOf(ctx, batch),
          documentHash: p.documentHash,
          issue: { number: p.documentNumber, issuedOn: p.issuedOn },
          expectedPrintNumber: p.printNumber,
        });
        const { id: _id, documentHash: _hash, ...entry } = record;
        return entry;
      }),
    ),
  );
}

export async function printQueue(ctx: CoreContext, batchIds: readonly string[], kind: DocumentKind, options: { duplex: boolean; allowMissingGlyphs: boolean }): Promise<PrintQueueResult> {
  const merged = await PDFDocument.create();
  const printed: PrintQueueResult['printed'] = [];
  const pendingPrints: PendingPrint[] = [];
  const skipped: PrintQueueResult['skipped'] = [];
  const missing = new Set<string>();
  let done = 0;
  for (const batchId of batchIds) {
    try {
      const batch = storeCall(() => ctx.store.batches.require(batchId));
      const { pdf, pending } = await renderPrint(ctx, batch, kind, options.allowMissingGlyphs);
      const source = await PDFDocument.load(pdf.bytes);
      // Printed on both sides, each document starts on a front (odd) page: a blank back before it where needed.
      if (options.duplex && merged.getPageCount() % 2 === 1) {
        const { width, height } = merged.getPage(merged.getPageCount() - 1).getSize();
        merged.addPage([width, height]);
      }
      for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
      pdf.missingCharacters.forEach((c) => missing.add(c));
      printed.push({ batchId, printNumber: pending.printNumber });
      pendingPrints.push(pending);
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
    pendingPrints,
    skipped,
    missingCharacters: [...missing],
  };
}
