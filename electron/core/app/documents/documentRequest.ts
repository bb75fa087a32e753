/**
 * From a batch in the store to the data of one of its documents: the scheme's rule for the
 * kind, the persons enrolled, the premium, and the number and date the document bears
 * (fixed at its first print, or the association's).
 */
import { createHash } from 'node:crypto';
import { STAMP_MARKER, STAMP_STREAM_LENGTH } from '../../documents/render/writePdf';
import { DOCUMENT_KIND_LABELS, printability, type DocumentKind } from '../../../../shared/domain/documents';
import type { PriceQuote } from '../../../../shared/domain/pricing';
import { hasError } from '../../../../shared/domain/roster';
import type { Scheme } from '../../../../shared/domain/scheme';
import { schemeOf, storeCall, today, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';
import { quoteBatch } from '../batches/pricing';
import { checkEach } from '../roster/rosterChecks';
import type { BatchRecord, DocumentIssue } from '../../store';
import type { DocumentRequest } from '../../documents/index';
import { ERRORS } from '../../documents/messages';
import type { DocumentPerson, PrintStamp } from '../../documents/types';
import { batchDocumentFacts, type BatchDocumentFacts } from './batchFacts';

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

/** A batch's document as it would be printed now: its rule checked, its number and date settled. */
export interface PreparedDocument {
  scheme: Scheme;
  facts: BatchDocumentFacts;
  /** Why it may only be previewed; null when it may be printed. */
  notYet: { code: string; reason: string } | null;
  issue: DocumentIssue;
  request: (print: PrintStamp | null) => DocumentRequest;
}

/**
 * The number and date a document bears: those of its first print once it had one; before,
 * the association's number (for a confirmation, the policy's) or the local title, and the
 * association's 确认日期 where the scheme dates the document by it, else today.
 */
function settleIssue(ctx: CoreContext, batch: BatchRecord, kind: DocumentKind, scheme: Scheme, facts: BatchDocumentFacts): DocumentIssue {
  const fixed = ctx.store.printLog.issue(batch.id, kind);
  if (fixed) return fixed;
  const rule = scheme.documents.printing[kind]!;
  const issuedOn = rule.issuedOn === 'paymentConfirmed' && facts.paymentConfirmedOn ? facts.paymentConfirmedOn : today(ctx);
  return { number: batch.policyNumber ?? batch.title, issuedOn };
}

export function prepareDocument(ctx: CoreContext, batch: BatchRecord, kind: DocumentKind): PreparedDocument {
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  const facts = batchDocumentFacts(ctx, batch);
  const state = printability(scheme, kind, facts);
  if (!state.offered) throw new CoreError(state.code, state.reason, 422);
  const rule = scheme.documents.printing[kind]!;
  const issue = settleIssue(ctx, batch, kind, scheme, facts);
  const unit = storeCall(() => ctx.store.units.require(batch.unitId));
  // A confirmation shows the batch number the payment notice bore beside its own, where it differs.
  const batchNumber = kind === 'confirmation' ? (ctx.store.printLog.issue(batch.id, 'paymentNotice')?.number ?? issue.number) : issue.number;
  // Read once however many renderings (a 10,000-person roster is checked once).
  let quoted: PriceQuote | undefined;
  let persons: ReturnType<typeof enrolledPersons> | undefined;
  const request = (print: PrintStamp | null): DocumentRequest => {
    const base = {
      scheme,
      unit: { name: unit.name, ...(unit.uscc ? { uscc: unit.uscc } : {}), ...(unit.insuranceCode ? { insuranceCode: unit.insuranceCode } : {}) },
      batch: { number: batchNumber, enrollmentType: batch.enrollmentType, cover: batch.cover, ...(facts.premiumConfirmedOn ? { premiumConfirmedOn: facts.premiumConfirmedOn } : {}) },
      number: { label: rule.numberLabel, value: issue.number },
      issuedOn: issue.issuedOn,
      print,
    };
    const quote = (): PriceQuote => (quoted ??= batch.premium ?? quoteBatch(ctx, batch));
    const enrolled = () => (persons ??= enrolledPersons(ctx, batch));
    switch (kind) {
      case 'paymentNotice':
        return { kind, data: { ...base, quote: quote() } };
      case 'earlyInvoiceCommitment':
        return { kind, data: { ...base, quote: quote() } };
      case 'confirmation':
        return { kind, data: { ...base, quote: quote(), persons: enrolled().persons } };
      case 'overAgeCommitment': {
        const overAge = enrolled().overAge;
        if (overAge.length === 0) throw new CoreError('DOCUMENT_NO_PERSONS', ERRORS.noOverAgePersons, 422);
        return { kind, data: { ...base, persons: overAge } };
      }
      case 'roster':
        return { kind, data: { ...base, persons: enrolled().persons } };
    }
  };
  return { scheme, facts, notYet: state.printable ? null : { code: state.code, reason: state.reason }, issue, request };
}

/**
 * The hash a print is logged under: of the document with its print stamp's stream blanked
 * (the only bytes a reprint or the preview changes), so every print of it compares equal.
 */
export function documentHash(bytes: Uint8Array): string {
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(STAMP_MARKER, 0, 'latin1');
  if (at < 0) throw new Error('document without a print stamp');
  return createHash('sha256').update(bytes.subarray(0, at)).update(bytes.subarray(at + STAMP_STREAM_LENGTH)).digest('hex');
}

/** Refuses to print what may only be previewed, in the words the list showed before the click. */
export function requirePrintable(prepared: PreparedDocument, kind: DocumentKind): void {
  if (prepared.notYet) throw new CoreError(prepared.notYet.code, prepared.notYet.reason || `还不能打印${DOCUMENT_KIND_LABELS[kind]}`, 409);
}
