/**
 * Checks on the documents a scheme offers: each has its text, a payment notice has an
 * account to pay into, and no two documents share a title (a window clerk tells them apart
 * by it).
 */
import { DOCUMENT_KIND_LABELS } from '../documents/kinds';
import { documentTitle, offeredKinds } from '../documents/printing';
import type { SchemeIssue } from './errors';
import type { Scheme } from './schemeSchema';

const NEEDS_TEXT = ['confirmation', 'overAgeCommitment', 'earlyInvoiceCommitment'] as const;

export function crossCheckDocuments(scheme: Scheme): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const offered = offeredKinds(scheme);
  for (const kind of NEEDS_TEXT) {
    if (offered.includes(kind) && !scheme.documents[kind]) issues.push({ path: `documents.${kind}`, message: `方案提供${DOCUMENT_KIND_LABELS[kind]}，但没有它的文本` });
  }
  if (offered.includes('paymentNotice')) {
    for (const field of ['accountNumber', 'bank'] as const) {
      if (!scheme.payment[field]) issues.push({ path: `payment.${field}`, message: '缴费通知单必须印有收款账户：请填写账号和开户行（手册未印的，取自互助会的方案目录）' });
    }
  }
  const byTitle = new Map<string, string>();
  for (const kind of offered) {
    const title = documentTitle(scheme, kind);
    const other = byTitle.get(title);
    if (other) issues.push({ path: `documents.printing.${kind}`, message: `${DOCUMENT_KIND_LABELS[kind]}与${other}的标题同为“${title}”，两种文书不能同名` });
    else byTitle.set(title, DOCUMENT_KIND_LABELS[kind]);
  }
  return issues;
}
