/**
 * Queries across a unit's batches (RecordsRepo), and the 是否建议名单 mark on roster rows
 * (migration 0002): written on insert, kept by a corrected re-import, filtered on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchState } from '../../../../shared/domain/batch';
import { CLERK, SERVER, YEAR_2024, YEAR_2025, createBatch, idFor, openTestStore, person, unitInput, type TestStore } from './storeFixtures';

const AT = '2025-03-02T09:30:00+08:00';

let t: TestStore;
let unitId: string;
beforeEach(() => {
  t = openTestStore();
  unitId = t.store.units.save(unitInput(), CLERK).id;
});
afterEach(() => t.dispose());

function moveTo(batchId: string, state: BatchState): void {
  const outcome = t.store.batches.applyTransition(batchId, 'adoptServerState', { at: AT, actor: SERVER, serverState: state });
  if (!outcome.ok) throw new Error(outcome.message);
}

describe('RecordsRepo.refs and rowsByIds', () => {
  it('finds rows of the given batches by part of a name or document number, and loads them in the order asked', () => {
    const a = createBatch(t.store, unitId, { title: 'A' }).id;
    const b = createBatch(t.store, unitId, { title: 'B' }).id;
    const other = createBatch(t.store, unitId, { title: 'C' }).id;
    const [a1, a2] = t.store.persons.insertMany(a, [person(1), person(2)], { actor: CLERK });
    const [b1] = t.store.persons.insertMany(b, [person(8)], { actor: CLERK });
    t.store.persons.insertMany(other, [person(4)], { actor: CLERK });

    expect(t.store.records.refs([a, b]).map((r) => r.id).sort()).toEqual([a1, a2, b1].sort());
    expect(t.store.records.refs([a, b], '职工2').map((r) => r.id)).toEqual([a2]);
    // A lower-case x in the search still finds an upper-case X in a number.
    expect(idFor(8).endsWith('X')).toBe(true);
    expect(t.store.records.refs([a, b], idFor(8).slice(-6).toLowerCase()).map((r) => [r.id, r.batchId, r.seq])).toEqual([[b1, b, 1]]);
    expect(t.store.records.refs([a], '50%_')).toEqual([]);
    expect(t.store.records.refs([])).toEqual([]);

    expect(t.store.records.rowsByIds([b1!, 'missing', a1!]).map((r) => r.name)).toEqual(['职工8', '职工1']);
  });
});

describe('RecordsRepo.laterEnrollments', () => {
  it('finds a person in the unit’s batches of later coverage years, in the states asked for', () => {
    const last = createBatch(t.store, unitId, { coverageYear: YEAR_2024 }).id;
    t.store.persons.insertMany(last, [person(1), person(2), person(3)], { actor: CLERK });
    const sent = createBatch(t.store, unitId, { coverageYear: YEAR_2025, title: '已提交' }).id;
    t.store.persons.insertMany(sent, [person(1)], { actor: CLERK });
    moveTo(sent, 'underReview');
    const draft = createBatch(t.store, unitId, { coverageYear: YEAR_2025, title: '暂存' }).id;
    t.store.persons.insertMany(draft, [person(2)], { actor: CLERK });
    const withdrawn = createBatch(t.store, unitId, { coverageYear: YEAR_2025, title: '已撤回' }).id;
    t.store.persons.insertMany(withdrawn, [person(3)], { actor: CLERK });
    moveTo(withdrawn, 'withdrawn');
    const otherUnit = t.store.units.save(unitInput({ name: '另一单位' }), CLERK).id;
    t.store.persons.insertMany(createBatch(t.store, otherUnit, { coverageYear: YEAR_2025 }).id, [person(3)], { actor: CLERK });

    const docs = [idFor(1), idFor(2), idFor(3)];
    const found = t.store.records.laterEnrollments(unitId, YEAR_2024.start, ['underReview', 'draft'], docs);
    expect(found.map((m) => [m.docNumber, m.batchTitle, m.batchState, m.coverageYearStart])).toEqual([
      [idFor(1), '已提交', 'underReview', YEAR_2025.start],
      [idFor(2), '暂存', 'draft', YEAR_2025.start],
    ]);
    expect(t.store.records.laterEnrollments(unitId, YEAR_2025.start, ['underReview', 'draft'], docs)).toEqual([]);
    expect(t.store.records.laterEnrollments(unitId, YEAR_2024.start, ['underReview'], [])).toEqual([]);
  });
});

describe('the 是否建议名单 mark', () => {
  it('is stored with the row, shown on its view, survives a corrected re-import and can be filtered on', () => {
    const last = createBatch(t.store, unitId, { coverageYear: YEAR_2024 }).id;
    const batch = createBatch(t.store, unitId, { coverageYear: YEAR_2025 }).id;
    const retired = { ...person(2), values: { ...person(2).values, employmentStatus: '退休' } };
    const [taken, typed] = t.store.persons.insertMany(batch, [{ ...person(1), suggestedFrom: last }, retired], { actor: CLERK });

    expect(t.store.persons.require(taken!).suggestedFrom).toBe(last);
    expect(t.store.persons.require(typed!).suggestedFrom).toBeNull();
    expect(t.store.persons.page({ batchId: batch, suggested: true }).rows.map((r) => r.id)).toEqual([taken]);
    expect(t.store.persons.page({ batchId: batch, suggested: false }).rows.map((r) => r.id)).toEqual([typed]);
    expect(t.store.persons.page({ batchId: batch, employmentStatus: '退休' }).rows.map((r) => r.id)).toEqual([typed]);
    expect(t.store.persons.page({ batchId: batch, employmentStatus: '在职' }).total).toBe(0);

    const corrected = { ...person(1), values: { ...person(1).values, phone: '13900139000' } };
    t.store.persons.mergeByDocNumber(batch, [corrected], { actor: CLERK });
    const after = t.store.persons.require(taken!);
    expect(after.values.phone).toBe('13900139000');
    expect(after.suggestedFrom).toBe(last);
  });
});
