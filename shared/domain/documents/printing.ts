/**
 * When a document may be printed: each scheme lists, per kind it offers, the batch states
 * and the association's facts the document needs. Before that only a preview exists.
 */
import { batchStateLabel, type BatchState } from '../batch/states';
import type { Scheme } from '../scheme';
import { ASSOCIATION_FACT_WAITING, DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type AssociationFact, type DocumentKind } from './kinds';

/** What the app knows of a batch that decides whether its documents may be printed. */
export interface BatchPrintFacts {
  state: BatchState;
  facts: ReadonlySet<AssociationFact>;
}

export type Printability =
  | { offered: false; code: 'DOCUMENT_NOT_OFFERED'; reason: string }
  | { offered: true; printable: true }
  | { offered: true; printable: false; code: 'DOCUMENT_NOT_YET'; reason: string };

/** The kinds the scheme offers, in the app's order. */
export function offeredKinds(scheme: Scheme): DocumentKind[] {
  return DOCUMENT_KINDS.filter((k) => scheme.documents.printing[k] !== undefined);
}

export function printability(scheme: Scheme, kind: DocumentKind, batch: BatchPrintFacts): Printability {
  const rule = scheme.documents.printing[kind];
  const label = documentTitle(scheme, kind);
  if (!rule) return { offered: false, code: 'DOCUMENT_NOT_OFFERED', reason: `${scheme.association.shortName}没有${DOCUMENT_KIND_LABELS[kind]}` };
  if (!rule.states.includes(batch.state)) {
    const allowed = rule.states.map(batchStateLabel).join('、');
    return { offered: true, printable: false, code: 'DOCUMENT_NOT_YET', reason: `批次当前状态为“${batchStateLabel(batch.state)}”，${label}须在“${allowed}”时打印，现在只能预览` };
  }
  const waiting = rule.needs.filter((f) => !batch.facts.has(f));
  if (waiting.length > 0) {
    return { offered: true, printable: false, code: 'DOCUMENT_NOT_YET', reason: `${waiting.map((f) => ASSOCIATION_FACT_WAITING[f]).join('，')}，${label}还不能打印，现在只能预览` };
  }
  return { offered: true, printable: true };
}

/** The document's own title: the scheme's where it has one, else the generic name. */
export function documentTitle(scheme: Scheme, kind: DocumentKind): string {
  switch (kind) {
    case 'paymentNotice':
      return scheme.documents.paymentNotice.title;
    case 'confirmation':
      return scheme.documents.confirmation?.title ?? DOCUMENT_KIND_LABELS.confirmation;
    case 'overAgeCommitment':
      return scheme.documents.overAgeCommitment?.title ?? DOCUMENT_KIND_LABELS.overAgeCommitment;
    case 'earlyInvoiceCommitment':
      return scheme.documents.earlyInvoiceCommitment?.title ?? DOCUMENT_KIND_LABELS.earlyInvoiceCommitment;
    case 'roster':
      return scheme.roster.template.titleRows[0] ?? DOCUMENT_KIND_LABELS.roster;
  }
}
