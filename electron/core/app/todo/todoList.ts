/**
 * The to-do list (待办事项): what needs the clerk, read from this machine's batches and the
 * unit's record pulled from the association, for one unit or every unit of the window. Each
 * item says where it is done; a refused onboarding application is one too. Deadlines come from the scheme (Shanghai's 15 days after the
 * premium is confirmed and its fixed date, Qingdao's 1st–25th of each month).
 */
import type { TodoItem, TodoKind, TodoList, ValidIn } from '../../../../shared/api';
import { TODO_KINDS } from '../../../../shared/api';
import { compareDates, daysBetween, todayInChina, type IsoDate } from '../../../../shared/domain/dates';
import { formatYuan } from '../../../../shared/domain/money';
import { APPLICATION_KIND_LABELS, APPLICATION_KINDS } from '../../../../shared/domain/onboarding';
import { remainingToInvoice } from '../../../../shared/domain/payment';
import { paymentDueOn } from '../../../../shared/domain/scheme';
import type { BatchRecord } from '../../store';
import type { ServerFacts } from '../../sync/feed/changeFeed';
import { serverFactsKey } from '../../sync/syncKeys';
import { storeCall, today, type CoreContext } from '../coreContext';
import { batchRef, COVERED_STATES, schemeOfBatch } from '../records/enrolledPersons';
import { invoicesView } from '../payments/invoicesHandlers';
import { renewalReminders } from '../units/renewalReminders';

/** When the premium was confirmed: the clerk's confirmation here, else the association's approval (a batch pulled from its record). */
function confirmedOn(ctx: CoreContext, batch: BatchRecord): IsoDate {
  const history = [...ctx.store.batches.history(batch.id)].reverse();
  const at = history.find((r) => r.event === 'confirmPremium')?.at ?? history.find((r) => r.event === 'approve')?.at ?? batch.updatedAt;
  return todayInChina(Date.parse(at));
}

function invoicedFen(ctx: CoreContext, batchId: string): number {
  const requested = invoicesView(ctx, batchId).requestedFen;
  // Invoices asked for on another machine reach this one only as issued ones.
  const issued = (ctx.store.syncState.getJson<ServerFacts>(serverFactsKey(batchId))?.invoices ?? []).reduce((sum, i) => sum + i.amountFen, 0);
  return Math.max(requested, issued);
}

class TodoCollector {
  readonly items: TodoItem[] = [];
  private readonly units: Map<string, string>;

  constructor(
    private readonly ctx: CoreContext,
    readonly day: IsoDate,
  ) {
    this.units = new Map(ctx.store.units.list().map((u) => [u.id, u.name]));
  }

  private add(batch: BatchRecord, item: Omit<TodoItem, 'unitId' | 'unitName' | 'batch'>): void {
    this.items.push({ ...item, unitId: batch.unitId, unitName: this.units.get(batch.unitId) ?? '', batch: batchRef(batch) });
  }

  batch(batch: BatchRecord): void {
    const { ctx, day } = this;
    const scheme = schemeOfBatch(ctx, batch);
    const name = batch.policyNumber ?? batch.title;
    if (batch.state === 'awaitingPayment') {
      const due = scheme ? paymentDueOn(scheme, batch.enrollmentType, confirmedOn(ctx, batch), day) : null;
      const returned = ctx.store.batches.history(batch.id).at(-1)?.event === 'rejectPaymentProof';
      const dueText = due ? `，${due} 前缴清（还剩 ${daysBetween(day, due)} 天）` : '';
      this.add(batch, {
        kind: returned ? 'voucherReturned' : 'payment',
        text: returned ? `“${name}”的缴费凭证被互助会退回，请重新上传${dueText}` : `“${name}”待缴费 ${formatYuan(batch.payableFen ?? 0)} 元${dueText}`,
        ...(due ? { dueOn: due, daysLeft: daysBetween(day, due) } : {}),
        ...(batch.payableFen !== null ? { amountFen: batch.payableFen } : {}),
        opens: { screen: 'batch', batchId: batch.id, step: 'payment' },
      });
    }
    if (batch.state === 'personsRejected') {
      const refused = ctx.store.persons.allRows(batch.id).filter((r) => r.serverRejection !== null).length;
      this.add(batch, {
        kind: 'personsRejected',
        text: `“${name}”有 ${refused} 人审核不通过，请修改名单后重新提交`,
        count: refused,
        opens: { screen: 'batch', batchId: batch.id, step: 'roster' },
      });
    }
    if (COVERED_STATES.includes(batch.state) && batch.state !== 'expired') {
      const remaining = remainingToInvoice({ payableFen: batch.payableFen ?? 0, invoicedFen: invoicedFen(ctx, batch.id) });
      if (remaining > 0) {
        this.add(batch, {
          kind: 'invoiceRemaining',
          text: `“${name}”还有 ${formatYuan(remaining)} 元未申请开票`,
          amountFen: remaining,
          opens: { screen: 'batch', batchId: batch.id, step: 'payment' },
        });
      }
      // A cover already over needs no confirmation printed any more.
      const current = batch.cover === null || compareDates(batch.cover.end, day) >= 0;
      const printed = ctx.store.printLog.list({ batchId: batch.id }).entries.some((e) => e.kind === 'confirmation');
      if (current && !printed) {
        this.add(batch, {
          kind: 'print',
          text: `“${name}”的参保确认书可以打印`,
          opens: { screen: 'batch', batchId: batch.id, step: 'documents' },
        });
      }
    }
  }

  /** An onboarding application the association refused (审核不通过): to correct and submit again. */
  onboarding(unitId: string): void {
    for (const kind of APPLICATION_KINDS) {
      const application = this.ctx.store.onboarding.application(unitId, kind);
      if (application?.reviewState !== 'rejected') continue;
      this.items.push({
        kind: 'onboarding',
        text: `“${APPLICATION_KIND_LABELS[kind]}”审核不通过${application.reason ? `：${application.reason}` : ''}，请修改后重新提交`,
        unitId,
        unitName: this.units.get(unitId) ?? '',
        opens: { screen: 'unit', unitId },
      });
    }
  }

  renewals(unitId: string | undefined): void {
    // One item per policy: its persons due, the day its cover ends.
    const byBatch = new Map<string, { first: ReturnType<typeof renewalReminders>['reminders'][number]; count: number }>();
    for (const r of renewalReminders(this.ctx, unitId).reminders) {
      if (r.renewingIn) continue;
      const seen = byBatch.get(r.batch.id);
      if (seen) seen.count++;
      else byBatch.set(r.batch.id, { first: r, count: 1 });
    }
    for (const { first, count } of byBatch.values()) {
      this.items.push({
        kind: 'renewal',
        text: `“${first.batch.policyNumber ?? first.batch.title}”有 ${count} 人的保障 ${first.coverEnd} 到期，尚未续保`,
        unitId: first.unitId,
        unitName: first.unitName,
        batch: first.batch,
        dueOn: first.coverEnd,
        daysLeft: first.daysLeft,
        count,
        opens: { screen: 'unit', unitId: first.unitId },
      });
    }
  }
}

/** Soonest due first, then those without a day; then the kinds in the list's order, then by unit. */
function byUrgency(a: TodoItem, b: TodoItem): number {
  const due = a.dueOn !== undefined && b.dueOn !== undefined ? compareDates(a.dueOn, b.dueOn) : Number(a.dueOn === undefined) - Number(b.dueOn === undefined);
  return due || TODO_KINDS.indexOf(a.kind) - TODO_KINDS.indexOf(b.kind) || a.unitName.localeCompare(b.unitName, 'zh-CN');
}

export function todoList(ctx: CoreContext, input: ValidIn<'todo.list'>): TodoList {
  if (input.unitId !== undefined) storeCall(() => ctx.store.units.require(input.unitId!));
  const collector = new TodoCollector(ctx, today(ctx));
  for (const batch of ctx.store.batches.list(input.unitId !== undefined ? { unitId: input.unitId } : {})) collector.batch(batch);
  collector.renewals(input.unitId);
  for (const id of input.unitId !== undefined ? [input.unitId] : ctx.store.units.list().map((u) => u.id)) collector.onboarding(id);
  const counts = Object.fromEntries(TODO_KINDS.map((k) => [k, 0])) as Record<TodoKind, number>;
  for (const item of collector.items) counts[item.kind]++;
  const wanted = input.kinds ? new Set(input.kinds) : null;
  return { today: collector.day, items: collector.items.filter((i) => !wanted || wanted.has(i.kind)).sort(byUrgency), counts };
}
