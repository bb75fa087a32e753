/** The kinds of document the app prints, with the generic name each is known by in lists and the print log. */

export const DOCUMENT_KINDS = ['paymentNotice', 'confirmation', 'overAgeCommitment', 'earlyInvoiceCommitment', 'roster'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Readonly<Record<DocumentKind, string>> = {
  paymentNotice: '缴费通知单',
  confirmation: '参保确认书',
  overAgeCommitment: '超龄人员承诺书',
  earlyInvoiceCommitment: '提前开票承诺书',
  roster: '参保花名册',
};

/**
 * What the association must have done before a document may be printed (besides the batch's
 * state), each read off what sync brought back.
 */
export const ASSOCIATION_FACTS = ['associationNumber', 'cover', 'paymentConfirmed'] as const;
export type AssociationFact = (typeof ASSOCIATION_FACTS)[number];

/** Why a document waits, as the clerk reads it before clicking. */
export const ASSOCIATION_FACT_WAITING: Readonly<Record<AssociationFact, string>> = {
  associationNumber: '互助会尚未给出编号',
  cover: '互助会尚未确定生效日期',
  paymentConfirmed: '互助会尚未确认收款（确认日期未定）',
};
