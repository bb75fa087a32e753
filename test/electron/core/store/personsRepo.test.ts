import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../../electron/core/store/store';
import { toRosterRowView } from '../../../../electron/core/store/personRecord';
import {
  AGE_FINDING,
  CLERK,
  NOTE_FINDING,
  PHONE_FINDING,
  YEAR_2025,
  createBatch,
  idFor,
  openTestStore,
  person,
  unitInput,
  type TestStore,
} from './storeFixtures';

const AT = '2025-03-02T09:30:00+08:00';

describe('PersonsRepo with 100,000 rows', () => {
  const N = 100_000;
  let t: TestStore;
  let batchId: string;
  let ids: string[];

  beforeAll(() => {
    t = openTestStore();
    const unitId = t.store.units.save(unitInput(), CLERK).id;
    batchId = createBatch(t.store, unitId).id;
    ids = t.store.persons.insertMany(
      batchId,
      Array.from({ length: N }, (_, i) => person(i + 1)),
      { actor: CLERK },
    );
  }, 120_000);
  afterAll(() => t.dispose());

  // Row n (1-based): error when n % 10 == 0, warning when n % 7 == 0, info when n % 50 == 0.
  const count = (pred: (n: number) => boolean) => Array.from({ length: N }, (_, i) => i + 1).filter(pred).length;
  const errors = count((n) => n % 10 === 0);
  const warnings = count((n) => n % 7 === 0);
  const warningVerdicts = count((n) => n % 7 === 0 && n % 10 !== 0);
  const infos = count((n) => n % 50 === 0);

  it('stores every row once, in order, with its verdict', () => {
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
    expect(t.store.persons.count(batchId)).toBe(N);
    expect(t.store.persons.verdictCounts(batchId)).toEqual({ total: N, error: errors, warning: warningVerdicts, info: 0, ok: N - errors - warningVerdicts });
    const first = t.store.persons.get(ids[0]!)!;
    expect(first).toMatchObject({ seq: 1, sourceRow: 2, name: '职工1', docNumber: idFor(1), verdict: 'ok', findings: [], errorCount: 0, importId: null });
    expect(t.store.persons.get(ids[69]!)).toMatchObject({ seq: 70, verdict: 'error', errorCount: 1, findings: [AGE_FINDING, PHONE_FINDING] });
  });

  it('pages in display order', () => {
    const page = t.store.persons.page({ batchId, offset: 99_990, limit: 50 });
    expect(page.total).toBe(N);
    expect(page.offset).toBe(99_990);
    expect(page.rows.map((r) => r.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 99_991 + i));
  });

  it('filters by finding code, with the total over all pages', () => {
    const page = t.store.persons.page({ batchId, findingCode: 'phoneMalformed', offset: 100, limit: 3 });
    expect(page.total).toBe(warnings);
    expect(page.rows.map((r) => r.seq)).toEqual([707, 714, 721]);
    expect(t.store.persons.page({ batchId, findingCode: 'noSuchCode' })).toEqual({ total: 0, offset: 0, rows: [] });
  });

  it('filters by verdict and by severity present', () => {
    const errorPage = t.store.persons.page({ batchId, verdicts: ['error'], limit: 2 });
    expect(errorPage.total).toBe(errors);
    expect(errorPage.rows.map((r) => r.seq)).toEqual([10, 20]);
    const problems = t.store.persons.page({ batchId, verdicts: ['error', 'warning'], limit: 4 });
    expect(problems.total).toBe(errors + warningVerdicts);
    expect(problems.rows.map((r) => r.seq)).toEqual([7, 10, 14, 20]);
    // Severity present: rows 70, 140 … have a warning under their error and count too.
    expect(t.store.persons.page({ batchId, severity: 'warning', limit: 1 }).total).toBe(warnings);
    expect(t.store.persons.page({ batchId, severity: 'info', limit: 1 }).total).toBe(infos);
  });

  it('combines a code filter with text search on name or document number', () => {
    expect(t.store.persons.page({ batchId, search: '职工99999' }).rows.map((r) => r.seq)).toEqual([99_999]);
    const byId = t.store.persons.page({ batchId, search: idFor(4242).slice(0, 17).toLowerCase() });
    expect(byId.rows.map((r) => r.seq)).toEqual([4242]);
    const combined = t.store.persons.page({ batchId, search: '职工1234', findingCode: 'ageOverLimit' });
    expect(combined.rows.map((r) => r.seq)).toEqual([12340]);
    expect(combined.total).toBe(1);
  });

  it('counts rows per finding code, errors first, with a message', () => {
    expect(t.store.persons.findingCounts(batchId)).toEqual([
      { code: 'ageOverLimit', severity: 'error', message: AGE_FINDING.message, rows: errors },
      { code: 'phoneMalformed', severity: 'warning', message: PHONE_FINDING.message, rows: warnings },
      { code: 'oldIdConverted', severity: 'info', message: NOTE_FINDING.message, rows: infos },
    ]);
  });

  it('gives the roster view the renderer shows', () => {
    const row = t.store.persons.get(ids[9]!)!;
    expect(toRosterRowView(row, '2026-01-01')).toEqual({
      id: ids[9],
      sourceRow: 11,
      values: person(10).values,
      verdict: 'error',
      findings: [AGE_FINDING],
      // Read off the ID (320501, 苏州市市辖区, a code of the past): birth date, gender, region.
      derived: { documentNumber: person(10).docNumber, birthDate: '1960-01-01', gender: 'female', region: '江苏省苏州市市辖区' },
    });
  });
});

describe('PersonsRepo', () => {
  let t: TestStore;
  let store: Store;
  let unitId: string;
  beforeEach(() => {
    t = openTestStore();
    store = t.store;
    unitId = store.units.save(unitInput(), CLERK).id;
  });
  afterEach(() => t.dispose());

  const toState = (batchId: string, events: ('editRoster' | 'passCheck' | 'confirmPremium' | 'submit' | 'withdraw' | 'delete')[]) => {
    for (const event of events) {
      const outcome = store.batches.applyTransition(batchId, event, {
        at: AT,
        actor: CLERK,
        check: { persons: 1, errorRows: 0 },
        ...(event === 'withdraw' ? { reason: '重新整理' } : {}),
      });
      if (!outcome.ok) throw new Error(outcome.message);
    }
  };

  it('appends after the last row, keeping seq unique', () => {
    const batchId = createBatch(store, unitId).id;
    store.persons.insertMany(batchId, [person(1), person(2)], { actor: CLERK });
    store.persons.insertMany(batchId, [person(3)], { actor: CLERK });
    expect(store.persons.allRows(batchId).map((r) => [r.seq, r.name])).toEqual([
      [1, '职工1'],
      [2, '职工2'],
      [3, '职工3'],
    ]);
  });

  it('finds duplicates in the unit\'s other open batches of the same year only', () => {
    const dup = idFor(1);
    const self = createBatch(store, unitId, { title: '本批次' });
    const open = createBatch(store, unitId, { title: '同年度进行中' });
    const sentAndOpen = createBatch(store, unitId, { title: '同年度已提交' });
    const withdrawn = createBatch(store, unitId, { title: '已撤回' });
    const deleted = createBatch(store, unitId, { title: '已删除' });
    const otherYear = createBatch(store, unitId, { title: '下一年度', coverageYear: YEAR_2025 });
    const otherUnit = createBatch(store, store.units.save(unitInput({ name: '别的单位' }), CLERK).id, { title: '别的单位' });
    for (const b of [self, open, sentAndOpen, withdrawn, deleted, otherYear, otherUnit]) {
      store.persons.insertMany(b.id, [person(1, dup), person(2)], { actor: CLERK });
    }
    toState(sentAndOpen.id, ['editRoster', 'passCheck', 'confirmPremium', 'submit']);
    toState(withdrawn.id, ['editRoster', 'passCheck', 'confirmPremium', 'submit', 'withdraw']);
    toState(deleted.id, ['delete']);

    const matches = store.persons.findInOtherOpenBatches(self.id, [dup]);
    expect(matches.map((m) => m.batchTitle).sort()).toEqual(['同年度已提交', '同年度进行中'].sort());
    expect(matches[0]).toMatchObject({ docNumber: dup, seq: 1, name: '职工1' });
    // Without a list: every number of the batch (person 2 is in the same batches too).
    expect(store.persons.findInOtherOpenBatches(self.id)).toHaveLength(4);
    // The general lookup, as the next year's batch sees it.
    expect(store.persons.findByDocNumbers({ unitId, coverageYear: YEAR_2025, docNumbers: [dup] }).map((m) => m.batchId)).toEqual([otherYear.id]);
    expect(store.persons.findByDocNumbers({ unitId, coverageYear: YEAR_2025, docNumbers: [] })).toEqual([]);
  });

  it('finds duplicates inside the batch', () => {
    const batchId = createBatch(store, unitId).id;
    const ids = store.persons.insertMany(batchId, [person(1), person(2), person(3, idFor(1)), person(4, idFor(2)), person(5, idFor(1)), { ...person(6), docNumber: null }, { ...person(7), docNumber: null }], { actor: CLERK });
    expect(store.persons.duplicatesWithinBatch(batchId)).toEqual(
      [
        { docNumber: idFor(1), personIds: [ids[0], ids[2], ids[4]] },
        { docNumber: idFor(2), personIds: [ids[1], ids[3]] },
      ].sort((a, b) => a.docNumber.localeCompare(b.docNumber)),
    );
  });

  it('merges a corrected file by document number: updates in place, appends new, clears the server refusal', () => {
    const batchId = createBatch(store, unitId).id;
    const ids = store.persons.insertMany(batchId, [person(10), person(20), person(3)], { actor: CLERK });
    store.persons.markServerRejections(batchId, [{ docNumber: idFor(10), rejection: { code: 'overAge', severity: 'error', message: '超龄，不可参保' } }]);
    expect(store.persons.page({ batchId, serverRejected: true }).rows.map((r) => r.id)).toEqual([ids[0]]);

    const fixed10 = { ...person(10), sourceRow: 2, findings: [], values: { ...person(10).values, remark: '已更正' } };
    const fixed20 = { ...person(20), sourceRow: 3, findings: [] };
    const newcomer = person(4);
    const twiceInFile = { ...person(10), sourceRow: 9 };
    const result = store.persons.mergeByDocNumber(batchId, [fixed10, fixed20, newcomer, twiceInFile], { actor: CLERK, importId: null });
    expect(result).toEqual({ inserted: 2, updated: 2, ids: [ids[0], ids[1], result.ids[2], result.ids[3]] });
    const rows = store.persons.allRows(batchId);
    expect(rows.map((r) => [r.seq, r.docNumber, r.verdict])).toEqual([
      [1, idFor(10), 'ok'],
      [2, idFor(20), 'ok'],
      [3, idFor(3), 'ok'],
      [4, idFor(4), 'ok'],
      [5, idFor(10), 'error'],
    ]);
    expect(rows[0]).toMatchObject({ sourceRow: 2, serverRejection: null, values: { remark: '已更正' } });
    expect(store.persons.page({ batchId, findingCode: 'ageOverLimit' }).rows.map((r) => r.seq)).toEqual([5]);
  });

  it('updates one row, keeping the code index in step with its findings', () => {
    const batchId = createBatch(store, unitId).id;
    const [id] = store.persons.insertMany(batchId, [person(10)], { actor: CLERK });
    const edited = store.persons.updateRow(id!, { values: { ...person(10).values, phone: '13912345678' }, findings: [PHONE_FINDING] }, CLERK);
    expect(edited).toMatchObject({ verdict: 'warning', errorCount: 0, findings: [PHONE_FINDING], values: { phone: '13912345678' } });
    expect(store.persons.page({ batchId, findingCode: 'ageOverLimit' }).total).toBe(0);
    expect(store.persons.page({ batchId, findingCode: 'phoneMalformed' }).total).toBe(1);
    const audit = store.audit.list({ entity: 'batch', entityId: batchId })[0]!;
    expect(audit).toMatchObject({ action: 'roster.edit', detail: { personId: id, fields: ['phone'] } });
  });

  it('stores a check run over many rows at once', () => {
    const batchId = createBatch(store, unitId).id;
    const ids = store.persons.insertMany(batchId, [person(1), person(2), person(3)], { actor: CLERK });
    store.persons.setFindings(batchId, [
      { personId: ids[0]!, findings: [AGE_FINDING] },
      { personId: ids[2]!, findings: [NOTE_FINDING] },
    ]);
    expect(store.persons.verdictCounts(batchId)).toEqual({ total: 3, ok: 1, error: 1, warning: 0, info: 1 });
    expect(() => store.persons.setFindings(batchId, [{ personId: 'elsewhere', findings: [] }])).toThrow('清册行不存在');
  });

  it('removes rows by id (of this batch only) and their code index rows', () => {
    const a = createBatch(store, unitId).id;
    const b = createBatch(store, unitId).id;
    const idsA = store.persons.insertMany(a, [person(10), person(20), person(3)], { actor: CLERK });
    const idsB = store.persons.insertMany(b, [person(10)], { actor: CLERK });
    expect(store.persons.removeRows(a, [idsA[0]!, idsA[1]!, idsB[0]!], CLERK)).toBe(2);
    expect(store.persons.allRows(a).map((r) => r.id)).toEqual([idsA[2]]);
    expect(store.persons.count(b)).toBe(1);
    expect(store.db.prepare('SELECT COUNT(*) FROM person_findings WHERE batch_id = ?').pluck().get(a)).toBe(0);
    expect(store.persons.removeAll(b, CLERK)).toBe(1);
  });

  it('refuses roster changes when the batch is not editable, but takes findings and server refusals', () => {
    const batchId = createBatch(store, unitId).id;
    const [id] = store.persons.insertMany(batchId, [person(1)], { actor: CLERK });
    toState(batchId, ['editRoster', 'passCheck', 'confirmPremium', 'submit']);
    const message = '批次当前状态为“待发送”，不能修改清册';
    expect(() => store.persons.insertMany(batchId, [person(2)], { actor: CLERK })).toThrow(message);
    expect(() => store.persons.mergeByDocNumber(batchId, [person(2)], { actor: CLERK })).toThrow(message);
    expect(() => store.persons.updateRow(id!, { name: '改名' }, CLERK)).toThrow(message);
    expect(() => store.persons.removeRows(batchId, [id!], CLERK)).toThrow(message);
    expect(store.persons.updateRow(id!, { findings: [NOTE_FINDING] }, { kind: 'system' }).verdict).toBe('info');
    const refusal = { code: 'occupied', severity: 'error' as const, message: '已在其他单位参保' };
    expect(store.persons.markServerRejections(batchId, [{ docNumber: idFor(1), rejection: refusal }])).toBe(1);
    expect(store.persons.get(id!)!.serverRejection).toEqual(refusal);
    expect(store.persons.clearServerRejections(batchId)).toBe(1);
  });
});
