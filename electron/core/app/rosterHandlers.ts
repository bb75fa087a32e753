/**
 * roster.* and templates.generate: the roster grid's pages, rows typed or edited in place
 * (checked at once), removal, the full re-check, and the files the clerk downloads.
 */
import type { FileDownload, OperationHandlers, RosterRowView, ValidIn } from '../../../shared/api';
import type { RawRosterRow } from '../../../shared/domain/roster';
import { buildImportTemplate, buildRejectedRowsWorkbook, templateFileName, XLSX_MIME_TYPE } from '../roster';
import { toRosterRowView } from '../store';
import { schemeOf, storeCall, type CoreContext } from './coreContext';
import { CoreError } from './coreError';
import type { ImportJobs } from './importJobs';
import { beginRosterEdit, checkRowInBatch, recheckBatch, toNewPerson } from './rosterChecking';

function xlsx(fileName: string, bytes: Buffer): FileDownload {
  return { fileName, mimeType: XLSX_MIME_TYPE, base64: bytes.toString('base64') };
}

function addRow(ctx: CoreContext, { batchId, row }: ValidIn<'roster.addRow'>): RosterRowView {
  return storeCall(() =>
    ctx.store.transaction(() => {
      const batch = beginRosterEdit(ctx, ctx.store.batches.require(batchId));
      const check = checkRowInBatch(ctx, batch, row as RawRosterRow);
      const [id] = ctx.store.persons.insertMany(batchId, [toNewPerson(check, null)], { actor: ctx.clerk() });
      return toRosterRowView(ctx.store.persons.require(id!));
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
      ctx.store.persons.updateRow(rowId, { values: next.values, docNumber: next.docNumber, name: next.name, findings: next.findings }, ctx.clerk());
      return toRosterRowView(ctx.store.persons.require(rowId));
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

export function rosterHandlers(ctx: CoreContext, imports: ImportJobs): Pick<
  OperationHandlers,
  | 'roster.import'
  | 'roster.importProgress'
  | 'roster.cancelImport'
  | 'roster.rows'
  | 'roster.addRow'
  | 'roster.editRow'
  | 'roster.removeRows'
  | 'roster.recheck'
  | 'roster.exportRejected'
  | 'templates.generate'
> {
  return {
    'roster.import': async (input) => imports.start(input),
    'roster.importProgress': async ({ jobId }) => imports.progress(jobId),
    'roster.cancelImport': async ({ jobId }) => imports.cancel(jobId),
    'roster.rows': async ({ batchId, offset, limit, findingCode, severity, search }) => {
      storeCall(() => ctx.store.batches.require(batchId));
      const page = ctx.store.persons.page({
        batchId,
        offset,
        limit,
        ...(findingCode ? { findingCode } : {}),
        ...(severity ? { severity } : {}),
        ...(search ? { search } : {}),
      });
      return { total: page.total, offset: page.offset, rows: page.rows.map(toRosterRowView) };
    },
    'roster.addRow': async (input) => addRow(ctx, input),
    'roster.editRow': async (input) => editRow(ctx, input),
    'roster.removeRows': async (input) => removeRows(ctx, input),
    'roster.recheck': async ({ batchId }) => {
      storeCall(() => ctx.store.batches.require(batchId));
      return recheckBatch(ctx, batchId);
    },
    'roster.exportRejected': (input) => exportRejected(ctx, input),
    'templates.generate': async ({ schemeId }) => {
      const scheme = schemeOf(ctx, schemeId);
      return xlsx(templateFileName(scheme), await buildImportTemplate(scheme));
    },
  };
}
