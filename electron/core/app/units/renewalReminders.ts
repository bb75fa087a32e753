/**
 * Renewal reminders (续保提醒, Wuxi seed 001): persons whose cover ends within the scheme's
 * window before its last day or ended within the window after it, counted from today in
 * China, leaving out those already renewed. Wuxi refreshes its list on the 1st of each
 * month; this list is counted from today, so it is never staler than Wuxi's.
 */
import type { FileDownload, RenewalReminder, RenewalReminderList } from '../../../../shared/api';
import { addDays, compareDates, daysBetween, type IsoDate } from '../../../../shared/domain/dates';
import type { Scheme } from '../../../../shared/domain/scheme';
import { buildRosterExportWorkbook, XLSX_MIME_TYPE } from '../../roster';
import type { BatchRecord } from '../../store';
import { storeCall, today, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';
import { batchRef, COVERED_STATES, isEnrolledRow, PREPARING_STATES, schemeOfBatch, SENT_STATES } from '../records/enrolledPersons';

/** Wuxi's published window (30 days before the end to 10 after), for schemes that publish none. */
export const DEFAULT_RENEWAL_WINDOW = { daysBefore: 30, daysAfter: 10 } as const;

function windowOf(scheme: Scheme | null): { daysBefore: number; daysAfter: number } {
  return scheme?.renewalReminder ?? DEFAULT_RENEWAL_WINDOW;
}

function inWindow(end: IsoDate, day: IsoDate, window: { daysBefore: number; daysAfter: number }): boolean {
  return compareDates(end, addDays(day, -window.daysAfter)) >= 0 && compareDates(end, addDays(day, window.daysBefore)) <= 0;
}

interface Due {
  reminder: RenewalReminder;
  scheme: Scheme | null;
}

function dueReminders(ctx: CoreContext, unitId: string | undefined): { day: IsoDate; due: Due[] } {
  const day = today(ctx);
  if (unitId !== undefined) storeCall(() => ctx.store.units.require(unitId));
  const units = new Map(ctx.store.units.list().map((u) => [u.id, u.name]));
  const batches = ctx.store.batches
    .list({ ...(unitId !== undefined ? { unitId } : {}), states: COVERED_STATES })
    .filter((b): b is BatchRecord & { cover: NonNullable<BatchRecord['cover']> } => b.cover !== null)
    .map((b) => ({ batch: b, scheme: schemeOfBatch(ctx, b) }))
    .filter(({ batch, scheme }) => inWindow(batch.cover.end, day, windowOf(scheme)));

  const due: Due[] = [];
  for (const { batch, scheme } of batches) {
    const rows = ctx.store.persons.allRows(batch.id).filter(isEnrolledRow);
    // 已续保则不在界面显示: a later year's batch already sent holds them; one still being prepared is shown beside them.
    const later = ctx.store.records.laterEnrollments(batch.unitId, batch.coverageYear.start, [...SENT_STATES, ...PREPARING_STATES], rows.map((r) => r.docNumber));
    const renewed = new Set(later.filter((m) => SENT_STATES.includes(m.batchState)).map((m) => m.docNumber));
    const preparing = new Map(later.filter((m) => PREPARING_STATES.includes(m.batchState)).map((m) => [m.docNumber, m]));
    for (const row of rows) {
      if (renewed.has(row.docNumber)) continue;
      const reminder: RenewalReminder = {
        unitId: batch.unitId,
        unitName: units.get(batch.unitId) ?? '',
        batch: batchRef(batch),
        schemeId: batch.schemeId,
        enrollmentType: batch.enrollmentType,
        coverEnd: batch.cover.end,
        daysLeft: daysBetween(day, batch.cover.end),
        personId: row.id,
        name: row.name ?? row.values.name ?? '',
        documentNumber: row.docNumber,
        values: row.values,
      };
      const renewing = preparing.get(row.docNumber);
      if (renewing) {
        const ref = ctx.store.batches.get(renewing.batchId);
        if (ref) reminder.renewingIn = batchRef(ref);
      }
      due.push({ reminder, scheme });
    }
  }
  due.sort(
    (a, b) =>
      compareDates(a.reminder.coverEnd, b.reminder.coverEnd) ||
      a.reminder.unitName.localeCompare(b.reminder.unitName, 'zh-CN') ||
      a.reminder.batch.title.localeCompare(b.reminder.batch.title, 'zh-CN'),
  );
  return { day, due };
}

export function renewalReminders(ctx: CoreContext, unitId?: string): RenewalReminderList {
  const { day, due } = dueReminders(ctx, unitId);
  return { today: day, reminders: due.map((d) => d.reminder) };
}

/**
 * The reminders in the import template's columns (Wuxi: 导出需要续保的人员名单, edit it, then
 * upload it as the renewal): the columns after the template's are ignored on import.
 */
export async function exportRenewalReminders(ctx: CoreContext, unitId?: string): Promise<FileDownload> {
  const { day, due } = dueReminders(ctx, unitId);
  // The layout of the scheme the most recent cover was under: the one the renewal will most likely use.
  const scheme = [...due].reverse().find((d) => d.scheme !== null)?.scheme;
  if (due.length === 0 || !scheme) throw new CoreError('NOTHING_TO_EXPORT', '没有需要续保提醒的人员', 422);
  const rows = due.map(({ reminder: r }) => ({
    values: r.values,
    extra: [r.unitName, r.batch.policyNumber ?? r.batch.title, r.coverEnd, r.daysLeft, r.renewingIn ? r.renewingIn.title : ''],
  }));
  const bytes = await buildRosterExportWorkbook(scheme, rows, {
    sheetName: '续保提醒',
    extraColumns: [{ header: '单位名称', width: 24 }, { header: '原批次（保单号）', width: 24 }, { header: '保障期止', width: 12 }, { header: '距到期天数', width: 10 }, { header: '续保办理中', width: 24 }],
  });
  const who = unitId !== undefined ? (due[0]?.reminder.unitName ?? '') : '全部单位';
  return { fileName: `${who}-续保提醒-${day}.xlsx`, mimeType: XLSX_MIME_TYPE, base64: bytes.toString('base64') };
}
