/**
 * The association staff's actions. Each moves the batch through `transition()` and writes
 * what the client must learn to the unit's change feed, facts before the state change.
 */
import { randomUUID } from 'node:crypto';
import { batchStateLabel } from '../../shared/domain/batch';
import { addDays, addYears, compareDates, type Period } from '../../shared/domain/dates';
import { findEnrollmentType, loadScheme, SchemeError } from '../../shared/domain/scheme';
import { CLAIM_STATUS_LABELS, type AddClaimRequest, type AdminBatchView, type AdminWork, type ClaimRecord } from '../../shared/wire';
import { isoAt, todayAt } from '../clock';
import type { ServerContext } from '../context';
import { notFound, refuse } from '../http/wireHttpError';
import type { BatchRecord } from '../store/batchesStore';
import type { ClaimRecordRow } from '../store/claimsStore';
import { adminBatchView, rejectedPersonOf } from './batchView';
import { checkedInvoiceDocument, keepInvoiceDocument } from './invoiceDocuments';
import { applyTransition, checkTransition, staffActor } from './lifecycle';
import { releasePersons } from './occupancy';
import { confirmSharedShare, sharedShareToConfirm } from './sharedPaymentView';
import { loadSchemeOf } from './schemeOf';

export async function requireBatch(ctx: ServerContext, id: string): Promise<BatchRecord> {
  const batch = await ctx.batches.get(id);
  if (!batch) throw notFound('批次');
  return batch;
}

export async function approve(ctx: ServerContext, batch: BatchRecord, staff?: string): Promise<AdminBatchView> {
  await applyTransition(ctx, batch, 'approve', { actor: staffActor(staff) });
  return adminBatchView(ctx, batch);
}

export async function rejectPersons(ctx: ServerContext, batch: BatchRecord, persons: readonly { docNumber: string; reason: string }[], staff?: string): Promise<AdminBatchView> {
  checkTransition(batch, 'rejectPersons', { at: isoAt(ctx.clock), actor: staffActor(staff) });
  const reasonsByDoc = new Map<string, string[]>();
  for (const p of persons) {
    const doc = p.docNumber.trim().toUpperCase();
    reasonsByDoc.set(doc, [...(reasonsByDoc.get(doc) ?? []), p.reason]);
  }
  const found = await ctx.batches.enrolledByDoc(batch.id, [...reasonsByDoc.keys()]);
  const missing = [...reasonsByDoc.keys()].filter((d) => !found.some((p) => p.docNumber === d));
  if (missing.length > 0) throw refuse('personNotInBatch', `批次中没有这 ${missing.length} 个证件号码的在审人员`, { field: 'persons' });
  const at = isoAt(ctx.clock);
  for (const p of found) {
    p.status = 'rejected';
    p.reasons = reasonsByDoc.get(p.docNumber)!.map((message) => ({ code: 'rejectedByAssociation', message }));
    await ctx.batches.rejectPerson(batch.id, p.seq, p.reasons);
  }
  await ctx.changes.append(batch.unitId, at, { kind: 'personsRejected', batchId: batch.clientBatchId, serverBatchId: batch.id, persons: found.map(rejectedPersonOf) });
  await applyTransition(ctx, batch, 'rejectPersons', { actor: staffActor(staff), reason: `${found.length} 人审核不通过，请修改后重新提交` });
  await releasePersons(ctx, batch, found.map((p) => p.docNumber), at);
  return adminBatchView(ctx, batch);
}

export async function rejectPaymentProof(ctx: ServerContext, batch: BatchRecord, reason: string, staff?: string): Promise<AdminBatchView> {
  await applyTransition(ctx, batch, 'rejectPaymentProof', { actor: staffActor(staff), reason });
  return adminBatchView(ctx, batch);
}

export async function confirmPayment(ctx: ServerContext, batch: BatchRecord, opts: { amountFen?: number; confirmedOn?: string; staff?: string }): Promise<AdminBatchView> {
  const at = isoAt(ctx.clock);
  checkTransition(batch, 'confirmPayment', { at, actor: staffActor(opts.staff) });
  const payment = await ctx.batches.payment(batch.id);
  const shared = await sharedShareToConfirm(ctx, batch);
  const amountFen = opts.amountFen ?? shared?.amountFen ?? (payment ? payment.amountFen - (payment.refund?.amountFen ?? 0) : batch.payableFen);
  const confirmedOn = opts.confirmedOn ?? todayAt(ctx.clock);
  if (shared) await confirmSharedShare(ctx, batch, shared.paymentId, amountFen, confirmedOn);
  else if (payment) await ctx.batches.confirmPayment(batch.id, amountFen, confirmedOn);
  await ctx.changes.append(batch.unitId, at, { kind: 'paymentConfirmed', batchId: batch.clientBatchId, serverBatchId: batch.id, amountFen, confirmedOn });
  await applyTransition(ctx, batch, 'confirmPayment', { actor: staffActor(opts.staff) });
  return adminBatchView(ctx, batch);
}

export async function issueInvoices(
  ctx: ServerContext,
  batch: BatchRecord,
  opts: { invoices?: readonly { invoiceId: string; invoiceNumber: string; document?: { name: string; base64: string } }[]; issuedOn?: string },
): Promise<AdminBatchView> {
  const requested = (await ctx.batches.invoices(batch.id)).filter((i) => i.status === 'requested');
  const issuedOn = opts.issuedOn ?? todayAt(ctx.clock);
  let plan: { invoiceId: string; invoiceNumber: string }[];
  if (opts.invoices) {
    plan = [...opts.invoices];
    for (const p of plan) {
      if (!requested.some((i) => i.id === p.invoiceId)) throw refuse('validationFailed', `发票 ${p.invoiceId} 不是该批次待开具的发票`, { field: 'invoices' });
      if (await ctx.batches.invoiceNumberTaken(p.invoiceNumber)) throw refuse('validationFailed', `发票号码 ${p.invoiceNumber} 已被使用`, { field: 'invoices' });
    }
  } else {
    plan = [];
    for (const i of requested) {
      // A number typed by the staff may have taken one the sequence would give.
      let number: string;
      do number = `FP${issuedOn.slice(0, 4)}${String(await ctx.batches.nextInvoiceNumber()).padStart(8, '0')}`;
      while (await ctx.batches.invoiceNumberTaken(number));
      plan.push({ invoiceId: i.id, invoiceNumber: number });
    }
  }
  if (plan.length === 0) throw refuse('validationFailed', '该批次没有待开具的发票');
  const documents = new Map((opts.invoices ?? []).flatMap((p) => (p.document ? [[p.invoiceId, checkedInvoiceDocument(p.document, p.invoiceNumber)] as const] : [])));
  for (const p of plan) await ctx.batches.issueInvoice(p.invoiceId, p.invoiceNumber, issuedOn);
  const documentInfos = new Map<string, Awaited<ReturnType<typeof keepInvoiceDocument>>>();
  for (const [invoiceId, doc] of documents) documentInfos.set(invoiceId, await keepInvoiceDocument(ctx, batch, invoiceId, doc));
  const issued = (await ctx.batches.invoices(batch.id)).filter((i) => plan.some((p) => p.invoiceId === i.id));
  await ctx.changes.append(batch.unitId, isoAt(ctx.clock), {
    kind: 'invoicesIssued',
    batchId: batch.clientBatchId,
    serverBatchId: batch.id,
    invoices: issued.map((i) => ({
      invoiceId: i.id,
      requestId: i.requestId,
      ...(i.ref !== null ? { ref: i.ref } : {}),
      invoiceNumber: i.invoiceNumber!,
      amountFen: i.amountFen,
      title: i.title,
      ...(i.feeSource !== null ? { feeSource: i.feeSource } : {}),
      issuedOn,
      ...(documentInfos.has(i.id) ? { document: documentInfos.get(i.id)! } : {}),
    })),
  });
  return adminBatchView(ctx, batch);
}

/** The cover from an effective date, ending as the enrollment type's rule says. */
async function coverFrom(ctx: ServerContext, batch: BatchRecord, start: string): Promise<Period> {
  const scheme = await loadSchemeOf(ctx, batch);
  const rule = findEnrollmentType(scheme, batch.enrollmentType);
  let end = scheme.coverageYear.end;
  if (rule?.coverEnd === 'oneYearFromStart') end = addDays(addYears(start, 1), -1);
  if (rule?.coverEnd === 'policyEnd' && batch.policyBatchId) end = (await ctx.batches.get(batch.policyBatchId))?.cover?.end ?? end;
  if (compareDates(start, end) > 0) throw refuse('validationFailed', `生效日期 ${start} 晚于保障结束日期 ${end}`, { field: 'effectiveDate' });
  return { start, end };
}

/** 设置生效日期和保单号 → 待生效. */
export async function setEffect(ctx: ServerContext, batch: BatchRecord, opts: { effectiveDate?: string; policyNumber?: string; staff?: string }): Promise<AdminBatchView> {
  const at = isoAt(ctx.clock);
  checkTransition(batch, 'scheduleEffect', { at, actor: staffActor(opts.staff) });
  const cover = opts.effectiveDate ? await coverFrom(ctx, batch, opts.effectiveDate) : batch.cover;
  if (!cover) throw refuse('effectiveDateRequired', '该批次的生效日期由互助会确定，请填写生效日期', { field: 'effectiveDate' });
  let policyNumber = opts.policyNumber;
  if (policyNumber !== undefined && await ctx.batches.policyNumberTaken(policyNumber)) {
    throw refuse('validationFailed', `保单号 ${policyNumber} 已被使用`, { field: 'policyNumber' });
  }
  if (policyNumber === undefined) {
    do policyNumber = `BD${cover.start.slice(0, 4)}${String(await ctx.batches.nextPolicyNumber()).padStart(6, '0')}`;
    while (await ctx.batches.policyNumberTaken(policyNumber));
  }
  await ctx.batches.setPolicy(batch.id, policyNumber, cover, at);
  batch.policyNumber = policyNumber;
  batch.cover = cover;
  await ctx.changes.append(batch.unitId, at, { kind: 'policy', batchId: batch.clientBatchId, serverBatchId: batch.id, policyNumber, cover });
  await applyTransition(ctx, batch, 'scheduleEffect', { actor: staffActor(opts.staff) });
  return adminBatchView(ctx, batch);
}

export async function takeEffect(ctx: ServerContext, batch: BatchRecord, staff?: string): Promise<AdminBatchView> {
  await applyTransition(ctx, batch, 'takeEffect', { actor: staffActor(staff) });
  return adminBatchView(ctx, batch);
}

/** A new version of a scheme; every unit hears of it through its feed (one announcement, merged into each feed when read). */
export async function publishScheme(ctx: ServerContext, file: unknown): Promise<{ schemeId: string; version: number; etag: string }> {
  let id: string;
  let version: number;
  try {
    const scheme = loadScheme(file);
    id = scheme.id;
    version = scheme.version;
  } catch (error) {
    if (error instanceof SchemeError) throw refuse('validationFailed', error.message, { field: 'scheme' });
    throw error;
  }
  const newest = await ctx.schemes.newest(id);
  if (newest && newest.scheme.version >= version) {
    throw refuse('schemeVersionNotNewer', `方案 ${id} 已有第 ${newest.scheme.version} 版，新版本号须更大`, { field: 'scheme.version' });
  }
  const at = isoAt(ctx.clock);
  const { stored } = await ctx.schemes.insert(file, at);
  await ctx.changes.announce(at, { kind: 'schemeVersion', schemeId: id, version, title: stored.scheme.title, etag: stored.etag });
  return { schemeId: id, version, etag: stored.etag };
}

export function claimRecordOf(c: ClaimRecordRow): ClaimRecord {
  const out: ClaimRecord = {
    claimId: c.id,
    claimNumber: c.claimNumber,
    personName: c.personName,
    docNumber: c.docNumber,
    planName: c.planName,
    eventDate: c.eventDate,
    reportedOn: c.reportedOn,
    claimedFen: c.claimedFen,
    paidFen: c.paidFen,
    status: c.status,
    statusLabel: CLAIM_STATUS_LABELS[c.status],
    updatedAt: c.updatedAt,
  };
  if (c.planCode !== null) out.planCode = c.planCode;
  if (c.paidOn !== null) out.paidOn = c.paidOn;
  if (c.remark !== null) out.remark = c.remark;
  return out;
}

type ValidAddClaim = Omit<AddClaimRequest, 'paidFen'> & { paidFen: number };

export async function addClaim(ctx: ServerContext, unitId: string, req: ValidAddClaim): Promise<ClaimRecord> {
  if (!await ctx.units.get(unitId)) throw notFound('单位');
  if (await ctx.claims.numberTaken(req.claimNumber)) throw refuse('validationFailed', `理赔编号 ${req.claimNumber} 已存在`, { field: 'claimNumber' });
  const at = isoAt(ctx.clock);
  const row: ClaimRecordRow = {
    id: randomUUID(),
    unitId,
    claimNumber: req.claimNumber,
    personName: req.personName,
    docNumber: req.docNumber.trim().toUpperCase(),
    planCode: req.planCode ?? null,
    planName: req.planName,
    eventDate: req.eventDate,
    reportedOn: req.reportedOn,
    claimedFen: req.claimedFen,
    paidFen: req.paidFen,
    status: req.status,
    paidOn: req.paidOn ?? null,
    remark: req.remark ?? null,
    updatedAt: at,
  };
  await ctx.claims.insert(row);
  const claim = claimRecordOf(row);
  await ctx.changes.append(unitId, at, { kind: 'claim', claim });
  return claim;
}

const TODO: Partial<Record<BatchRecord['state'], string>> = {
  underReview: '审核',
  paymentProofUploaded: '核对缴费凭证并确认缴费',
  paymentConfirmed: '设置生效日期和保单号',
  awaitingEffect: '到生效日期后设为生效',
};

/** What waits for the staff: batches to act on, and invoices to issue. */
export async function pendingWork(ctx: ServerContext): Promise<AdminWork> {
  const items: AdminWork['items'] = [];
  for (const b of await ctx.batches.list()) {
    const todo: string[] = [];
    const step = TODO[b.state];
    if (step) todo.push(step);
    const toIssue = (await ctx.batches.invoices(b.id)).filter((i) => i.status === 'requested').length;
    if (toIssue > 0) todo.push(`开具发票 ${toIssue} 张`);
    if (todo.length === 0) continue;
    items.push({
      serverBatchId: b.id,
      unitName: (await ctx.units.get(b.unitId))?.name ?? '',
      title: b.title,
      schemeId: b.schemeId,
      state: b.state,
      stateLabel: batchStateLabel(b.state),
      persons: (await ctx.batches.personCounts(b.id)).enrolled + b.headCountOnly,
      payableFen: b.payableFen,
      todo: todo.join('；'),
    });
  }
  return { items };
}
