/**
 * The records query (参保记录, Wuxi seed 001): every person of the unit's batches sent to
 * the association, searchable by person, plan, coverage year and batch state, as a page
 * for the grid or all of them as xlsx (导出). A person's plans are those priced when the
 * premium was confirmed, so the record shows what the unit paid for.
 */
import type { EnrollmentRecord, FileDownload, RecordsPage, ValidIn } from '../../../../shared/api';
import { batchStateLabel, ENROLLMENT_TYPE_LABELS } from '../../../../shared/domain/batch';
import { compareDates, type Period } from '../../../../shared/domain/dates';
import type { PlanChoice } from '../../../../shared/domain/eligibility';
import { readShares, splitList } from '../../../../shared/domain/roster';
import { findPlan, planLabel, type Scheme } from '../../../../shared/domain/scheme';
import { buildRosterExportWorkbook, XLSX_MIME_TYPE, type RosterExportRow } from '../../roster';
import type { BatchRecord, PersonRecord, PersonRef } from '../../store';
import { storeCall, today, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';
import { batchRef, schemeOfBatch, SENT_STATES } from './enrolledPersons';
import { ownCover } from '../batches/ownCover';

export type RecordsFilter = ValidIn<'records.export'>;

interface PersonPlans {
  plans: PlanChoice[];
  text: string;
  premiumFen: number | null;
}

/** How one batch's persons' plans are read: from the confirmed premium, else from the choice. */
class BatchPlans {
  private priced: Map<string, PersonPlans> | null = null;
  private ownCells: Map<string, PersonPlans> | null = null;

  constructor(
    readonly batch: BatchRecord,
    readonly scheme: Scheme | null,
    private readonly allRows: () => PersonRecord[],
  ) {}

  private label(code: string): string {
    const plan = this.scheme ? findPlan(this.scheme, code) : undefined;
    return plan && this.scheme ? planLabel(this.scheme, plan) : code;
  }

  private text(groups: readonly { codes: readonly string[]; shares: number }[]): string {
    return groups.map((g) => `${g.codes.map((c) => this.label(c)).join('+')}${g.shares > 1 ? `（${g.shares}份）` : ''}`).join('、');
  }

  private fromPremium(): Map<string, PersonPlans> {
    if (this.priced) return this.priced;
    this.priced = new Map();
    for (const person of this.batch.premium?.perPerson ?? []) {
      const plans = person.items.flatMap((i) => i.planCodes.map((planCode) => ({ planCode, shares: i.shares })));
      const text = this.text(person.items.map((i) => ({ codes: i.planCodes, shares: i.shares })));
      this.priced.set(person.personId, { plans, text, premiumFen: person.totalFen });
    }
    return this.priced;
  }

  /** The plans of the batch's choice, or (per-person schemes) of the row's own 保障项目 cell. */
  private chosen(row: Pick<PersonRecord, 'values'>): PersonPlans {
    let plans: PlanChoice[];
    if (!this.scheme || this.scheme.selectionScope === 'batch') plans = this.batch.selection;
    else {
      const shares = (row.values.shares ? readShares(row.values.shares) : null) ?? 1;
      const codes = splitList(row.values.plans ?? '').flatMap((w) => {
        const plan = findPlan(this.scheme!, w) ?? this.scheme!.plans.find((p) => p.name === w || p.shortName === w);
        return plan ? [plan.code] : [];
      });
      plans = [...new Set(codes)].map((planCode) => ({ planCode, shares }));
    }
    return { plans, text: this.text(plans.map((p) => ({ codes: [p.planCode], shares: p.shares }))), premiumFen: null };
  }

  of(row: Pick<PersonRecord, 'id' | 'values'>): PersonPlans {
    if (this.batch.premium) return this.fromPremium().get(row.id) ?? { plans: [], text: '', premiumFen: null };
    return this.chosen(row);
  }

  /** Whether the person takes the plan; reads the rows only when the batch's plans differ per person and are not priced yet. */
  takes(ref: PersonRef, planCode: string): boolean {
    if (this.batch.premium) return this.fromPremium().get(ref.id)?.plans.some((p) => p.planCode === planCode) ?? false;
    if (!this.scheme || this.scheme.selectionScope === 'batch') return this.batch.selection.some((p) => p.planCode === planCode);
    this.ownCells ??= new Map(this.allRows().map((row) => [row.id, this.chosen(row)]));
    return this.ownCells.get(ref.id)?.plans.some((p) => p.planCode === planCode) ?? false;
  }
}

interface Found {
  refs: PersonRef[];
  batches: Map<string, BatchPlans>;
  coverageYears: Period[];
  plans: { code: string; label: string }[];
}

const byYearThenNewest = (a: BatchRecord, b: BatchRecord) =>
  compareDates(b.coverageYear.start, a.coverageYear.start) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);

function find(ctx: CoreContext, filter: RecordsFilter): Found {
  if (filter.unitId !== undefined) storeCall(() => ctx.store.units.require(filter.unitId!));
  const all = ctx.store.batches.list({ ...(filter.unitId !== undefined ? { unitId: filter.unitId } : {}), states: filter.states ?? SENT_STATES }).sort(byYearThenNewest);

  const years = new Map<string, Period>();
  const planChoices = new Map<string, string>();
  const schemes = new Map<string, Scheme | null>();
  for (const b of all) {
    years.set(b.coverageYear.start, b.coverageYear);
    const key = `${b.schemeId}@${b.schemeVersion}`;
    if (!schemes.has(key)) {
      const scheme = schemeOfBatch(ctx, b);
      schemes.set(key, scheme);
      for (const plan of scheme?.plans ?? []) if (!planChoices.has(plan.code)) planChoices.set(plan.code, planLabel(scheme!, plan));
    }
  }

  const chosen = all.filter((b) => filter.coverageYearStart === undefined || b.coverageYear.start === filter.coverageYearStart);
  const batches = new Map(
    chosen.map((b) => [b.id, new BatchPlans(b, schemes.get(`${b.schemeId}@${b.schemeVersion}`) ?? null, () => ctx.store.persons.allRows(b.id))]),
  );
  const order = new Map(chosen.map((b, i) => [b.id, i]));
  // A policy or work-order number (工单编号) or a batch title finds the whole batch.
  const text = filter.search?.trim().toUpperCase();
  const wholeBatches = text ? chosen.filter((b) => (b.policyNumber ?? '').toUpperCase().includes(text) || b.title.toUpperCase().includes(text)).map((b) => b.id) : [];
  const whole = new Set(wholeBatches);
  const byPerson = ctx.store.records.refs([...batches.keys()].filter((id) => !whole.has(id)), filter.search);
  let refs = [...ctx.store.records.refs(wholeBatches), ...byPerson].sort((a, b) => order.get(a.batchId)! - order.get(b.batchId)! || a.seq - b.seq);
  if (filter.planCode !== undefined) {
    const planCode = filter.planCode;
    refs = refs.filter((r) => batches.get(r.batchId)!.takes(r, planCode));
  }
  return {
    refs,
    batches,
    coverageYears: [...years.values()],
    plans: [...planChoices].map(([code, label]) => ({ code, label })),
  };
}

function toRecord(row: PersonRecord, plans: BatchPlans, unitNames: Map<string, string>): EnrollmentRecord {
  const b = plans.batch;
  const p = plans.of(row);
  const record: EnrollmentRecord = {
    personId: row.id,
    unitId: b.unitId,
    unitName: unitNames.get(b.unitId) ?? '',
    batch: batchRef(b),
    schemeId: b.schemeId,
    enrollmentType: b.enrollmentType,
    enrollmentTypeLabel: ENROLLMENT_TYPE_LABELS[b.enrollmentType],
    coverageYear: b.coverageYear,
    cover: ownCover(b, row.values),
    name: row.name,
    documentNumber: row.docNumber,
    values: row.values,
    plans: p.plans,
    planText: p.text,
    premiumFen: p.premiumFen,
  };
  if (row.serverRejection) record.rejection = row.serverRejection.message;
  return record;
}

function unitNames(ctx: CoreContext): Map<string, string> {
  return new Map(ctx.store.units.list().map((u) => [u.id, u.name]));
}

export function searchRecords(ctx: CoreContext, input: ValidIn<'records.search'>): RecordsPage {
  const { offset, limit, ...filter } = input;
  const found = find(ctx, filter);
  const pageRefs = found.refs.slice(offset, offset + limit);
  const names = unitNames(ctx);
  const records = ctx.store.records.rowsByIds(pageRefs.map((r) => r.id)).map((row) => toRecord(row, found.batches.get(row.batchId)!, names));
  return { total: found.refs.length, offset, records, coverageYears: found.coverageYears, plans: found.plans };
}

const EXPORT_CHUNK = 2000;

/** The whole result as xlsx: the roster's columns (all the scheme keeps), then the record's own. */
export async function exportRecords(ctx: CoreContext, filter: RecordsFilter): Promise<FileDownload> {
  const found = find(ctx, filter);
  if (found.refs.length === 0) throw new CoreError('NOTHING_TO_EXPORT', '没有符合条件的参保记录', 422);
  // The newest batch's scheme lays out the roster columns; the fields are the same keys in every scheme.
  const scheme = [...found.batches.values()].find((b) => b.scheme !== null)?.scheme;
  if (!scheme) throw new CoreError('NOT_FOUND', '找不到这些参保记录所用的保障方案', 404);
  const names = unitNames(ctx);
  const refs = found.refs;
  // Rows are read a chunk at a time as the writer streams, so a large export never holds them all.
  const rows = (function* (): Generator<RosterExportRow> {
    for (let i = 0; i < refs.length; i += EXPORT_CHUNK) {
      for (const row of ctx.store.records.rowsByIds(refs.slice(i, i + EXPORT_CHUNK).map((r) => r.id))) {
        const r = toRecord(row, found.batches.get(row.batchId)!, names);
        yield {
          values: r.values,
          extra: [
            r.unitName,
            r.batch.policyNumber ?? r.batch.title,
            r.enrollmentTypeLabel,
            batchStateLabel(r.batch.state),
            `${r.coverageYear.start} 至 ${r.coverageYear.end}`,
            r.cover ? `${r.cover.start} 至 ${r.cover.end}` : '',
            r.planText,
            r.premiumFen === null ? null : r.premiumFen / 100,
            r.rejection ?? '',
          ],
        };
      }
    }
  })();
  const bytes = await buildRosterExportWorkbook(scheme, rows, {
    sheetName: '参保记录',
    fields: 'all',
    extraColumns: [
      { header: '单位名称', width: 24 },
      { header: '批次号（保单号）', width: 24 },
      { header: '参保类型', width: 10 },
      { header: '批次状态', width: 12 },
      { header: '保障年度', width: 24 },
      { header: '保障期间', width: 24 },
      { header: '保障项目', width: 20 },
      { header: '个人保费（元）', width: 12 },
      { header: '审核意见', width: 30 },
    ],
  });
  const who = filter.unitId !== undefined ? (names.get(filter.unitId) ?? '') : '全部单位';
  return { fileName: `${who}-参保记录-${today(ctx)}.xlsx`, mimeType: XLSX_MIME_TYPE, base64: bytes.toString('base64') };
}
