/**
 * roster.* and templates.generate: the roster grid's pages, rows typed or edited in place
 * (checked at once), removal, the full re-check, and the files the clerk downloads.
 */
import type { FileDownload, OperationHandlers, RosterRowView, ValidIn } from '../../../../shared/api';
import type { RawRosterRow } from '../../../../shared/domain/roster';
import { buildImportTemplate, buildRejectedRowsWorkbook, buildRosterExportWorkbook, templateFileName, XLSX_MIME_TYPE, type ExportColumn } from '../../roster';
import { toRosterRowView, type Verdict } from '../../store';
import { schemeOf, storeCall, today, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';
import type { ImportJobs } from './import/importJobs';
import { beginRosterEdit, checkRowInBatch, recheckBatch, toNewPerson } from './rosterChecks';
import { suggestedList, takeSuggested } from './suggestedList';
import { templateSchemeFor } from './supplementTemplate';

function xlsx(fileName: string, bytes: Buffer): FileDownload {
  return { fileName, mimeType: XLSX_MIME_TYPE, base64: bytes.toString('base64') };
}

function addRow(ctx: CoreContext, { batchId, row }: ValidIn<'roster.addRow'>): RosterRowView {
  return storeCall(() =>
    ctx.store.transaction(() => {
      const batch = beginRosterEdit(ctx, ctx.store.batches.require(batchId));
      const check = checkRowInBatch(ctx, batch, row as RawRosterRow);
      const [id] = ctx.store.persons.insertMany(batchId, [toNewPerson(check, null)], { actor: ctx.clerk() });
      return toRosterRowView(ctx.store.persons.require(id!), today(ctx));
    }),
  );
}

function editRow(ctx: CoreContext, { batchId, rowId, changes }: ValidIn<'roster.editRow'>): RosterRowView {
  return storeCall(() =>
    ctx.store.transaction(() => {
      const person = ctx.store.persons.require(rowId);
      if (person.batchId !== batchId) throw new CoreError('NOT_FOUND', `批次中没有这一行（${rowId}）`, 404);
      const batch = beginRosterEdit(ctx, ctx.store.batches.require(batchId));
      // An emptied cell removes the field.
      const values: RawRosterRow = { ...person.values };
      for (const [k, v] of Object.entries(changes) as [keyof RawRosterRow, string | undefined][]) {
        if (v === undefined || v.trim() === '') delete values[k];
        else values[k] = v;
      }
      const check = checkRowInBatch(ctx, batch, values, rowId);
      const next = toNewPerson(check, person.sourceRow);
      // The clerk fixed the row the association refused: its own checks speak for it until the next review.
      ctx.store.persons.updateRow(rowId, { values: next.values, docNumber: next.docNumber, name: next.name, findings: next.findings, serverRejection: null }, ctx.clerk());
      return toRosterRowView(ctx.store.persons.require(rowId), today(ctx));
    }),
  );
}

function removeRows(ctx: CoreContext, { batchId, rowIds }: ValidIn<'roster.removeRows'>) {
  return storeCall(() =>
    ctx.store.transaction(() => {
      const batch = beginRosterEdit(ctx, ctx.store.batches.require(batchId));
      const removed = ctx.store.persons.removeRows(batchId, rowIds, ctx.clerk());
      return { removed, state: ctx.store.batches.require(batch.id).state };
    }),
  );
}

async function exportRejected(ctx: CoreContext, { batchId, findingCodes }: ValidIn<'roster.exportRejected'>): Promise<FileDownload> {
  const batch = storeCall(() => ctx.store.batches.require(batchId));
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  const wanted = findingCodes ? new Set(findingCodes) : null;
  const rows = ctx.store.persons
    .allRows(batchId)
    .map((p) => ({ p, reasons: [...p.findings, ...(p.serverRejection ? [p.serverRejection] : [])].filter((f) => f.severity === 'error' && (!wanted || wanted.has(f.code))) }))
    .filter(({ reasons }) => reasons.length > 0)
    .map(({ p, reasons }) => ({ sourceRow: p.sourceRow, values: p.values, reasons: reasons.map((f) => (f.hint ? `${f.message}（${f.hint}）` : f.message)).join('；') }));
  if (rows.length === 0) throw new CoreError('NOTHING_TO_EXPORT', '没有未通过校验的人员', 422);
  const bytes = await buildRejectedRowsWorkbook(scheme, rows, { includeSourceRow: true });
  return xlsx(`${batch.title}-不可参保人员.xlsx`, bytes);
}

const VERDICT_TEXT: Record<Verdict, string> = { ok: '通过', info: '通过', warning: '需确认', error: '不通过' };

/** The whole roster in the template's columns (so it imports again as it is), then each row's check result. */
async function exportRoster(ctx: CoreContext, batchId: string): Promise<FileDownload> {
  const batch = storeCall(() => ctx.store.batches.require(batchId));
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  const rows = ctx.store.persons.allRows(batchId);
  if (rows.length === 0) throw new CoreError('NOTHING_TO_EXPORT', '清册中还没有人员', 422);
  const withSuggested = rows.some((r) => r.suggestedFrom !== null);
  const extraColumns: ExportColumn[] = [
    { header: '校验结果', width: 10 },
    { header: '问题说明', width: 48 },
    ...(withSuggested ? [{ header: '是否建议名单', width: 12 }] : []),
  ];
  const exportRows = rows.map((p) => {
    const findings = [...p.findings, ...(p.serverRejection ? [p.serverRejection] : [])].filter((f) => f.severity !== 'info');
    const verdict: Verdict = p.serverRejection ? 'error' : p.verdict;
    const extra = [VERDICT_TEXT[verdict], findings.map((f) => (f.hint ? `${f.message}（${f.hint}）` : f.message)).join('；')];
    if (withSuggested) extra.push(p.suggestedFrom !== null ? '是' : '否');
    return { values: p.values, extra };
  });
  const bytes = await buildRosterExportWorkbook(scheme, exportRows, { extraColumns });
  return xlsx(`${batch.title}-参保名单.xlsx`, bytes);
}

export function rosterHandlers(ctx: CoreContext, imports: ImportJobs): Pick<
  OperationHandlers,
  | 'roster.import'
  | 'roster.importProgress'
  | 'roster.cancelImport'
  | 'roster.rows'
  | 'roster.addRow'
  | 'roster.editRow'
  | 'roster.removeRows'
  | 'roster.findingCounts'
  | 'roster.recheck'
  | 'roster.exportRejected'
  | 'roster.export'
  | 'roster.imports'
  | 'roster.suggestedList'
  | 'roster.takeSuggested'
  | 'templates.generate'
> {
  return {
    'roster.import': async (input) => imports.start(input),
    'roster.importProgress': async ({ jobId }) => imports.progress(jobId),
    'roster.cancelImport': async ({ jobId }) => imports.cancel(jobId),
    'roster.rows': async ({ batchId, offset, limit, findingCode, severity, search, suggested, employmentStatus, rejected }) => {
      storeCall(() => ctx.store.batches.require(batchId));
      const day = today(ctx);
      const page = ctx.store.persons.page({
        batchId,
        offset,
        limit,
        ...(findingCode ? { findingCode } : {}),
        ...(severity ? { severity } : {}),
        ...(search ? { search } : {}),
        ...(suggested !== undefined ? { suggested } : {}),
        ...(employmentStatus ? { employmentStatus } : {}),
        ...(rejected ? { serverRejected: true } : {}),
      });
      return { total: page.total, offset: page.offset, rows: page.rows.map((p) => toRosterRowView(p, day)) };
    },
    'roster.addRow': async (input) => addRow(ctx, input),
    'roster.editRow': async (input) => editRow(ctx, input),
    'roster.removeRows': async (input) => removeRows(ctx, input),
    'roster.findingCounts': async ({ batchId }) => {
      storeCall(() => ctx.store.batches.require(batchId));
      return ctx.store.persons.findingCounts(batchId);
    },
    'roster.recheck': async ({ batchId }) => {
      storeCall(() => ctx.store.batches.require(batchId));
      return recheckBatch(ctx, batchId);
    },
    'roster.exportRejected': (input) => exportRejected(ctx, input),
    'roster.export': ({ batchId }) => exportRoster(ctx, batchId),
    'roster.imports': async ({ batchId }) => {
      storeCall(() => ctx.store.batches.require(batchId));
      return imports.history(batchId);
    },
    'roster.suggestedList': async ({ batchId }) => suggestedList(ctx, batchId),
    'roster.takeSuggested': async (input) => takeSuggested(ctx, input),
    'templates.generate': async ({ schemeId, enrollmentType }) => {
      const scheme = templateSchemeFor(schemeOf(ctx, schemeId), enrollmentType);
      return xlsx(templateFileName(scheme), await buildImportTemplate(scheme));
    },
  };
}
