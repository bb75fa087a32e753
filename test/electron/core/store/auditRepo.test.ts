import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED, redactText } from '../../../../electron/core/store/auditRepo';
import type { Store } from '../../../../electron/core/store/store';
import { CLERK, createBatch, idFor, openTestStore, person, unitInput, type TestStore } from './storeFixtures';

let t: TestStore;
let store: Store;
beforeEach(() => (t = openTestStore(), (store = t.store)));
afterEach(() => t.dispose());

const ID_NUMBER = idFor(777);
const BANK_CARD = '6222021234567890123';
const PHONE = '13912345678';

describe('AuditRepo', () => {
  it('never holds the personal data written through the repositories', () => {
    const unitId = store.units.save(unitInput({ handler: { name: '王经办', idNumber: ID_NUMBER, phone: PHONE } }), CLERK).id;
    store.units.save({ ...unitInput({ handler: { name: '王经办', idNumber: idFor(778), phone: PHONE } }), id: unitId }, CLERK);
    const batchId = createBatch(store, unitId).id;
    const row = { ...person(777), values: { ...person(777).values, bankCard: BANK_CARD, phone: PHONE } };
    const [id] = store.persons.insertMany(batchId, [row], { actor: CLERK });
    store.persons.updateRow(id!, { values: { ...row.values, documentNumber: idFor(779) }, docNumber: idFor(779) }, CLERK);
    store.persons.mergeByDocNumber(batchId, [row], { actor: CLERK });
    store.persons.markServerRejections(batchId, [{ docNumber: ID_NUMBER, rejection: { code: 'x', severity: 'error', message: `${ID_NUMBER} 已参保` } }]);
    store.persons.removeRows(batchId, [id!], CLERK);
    store.batches.applyTransition(batchId, 'editRoster', { at: '2025-03-02T09:30:00+08:00', actor: CLERK });

    const text = JSON.stringify(store.db.prepare('SELECT * FROM audit_log').all());
    expect(store.audit.count()).toBeGreaterThanOrEqual(7);
    for (const secret of [ID_NUMBER, idFor(778), idFor(779), BANK_CARD, PHONE, '职工777']) expect(text).not.toContain(secret);
    // The records still say what happened.
    expect(store.audit.list({ entity: 'batch', entityId: batchId }).map((e) => e.action)).toEqual([
      'batch.transition',
      'roster.remove',
      'roster.merge',
      'roster.edit',
      'roster.insert',
      'batch.create',
    ]);
    expect(store.audit.list({ entity: 'unit', entityId: unitId })[0]!.detail).toEqual({ fields: ['handler'] });
  });

  it('blanks out number runs in details a caller passes by mistake, keeping counts', () => {
    store.audit.record({ actor: { kind: 'clerk', name: PHONE }, entity: 'batch', entityId: 'b1', action: 'test', detail: { note: `证件 ${ID_NUMBER}，卡 ${BANK_CARD}`, list: [ID_NUMBER, 3], rows: 100000 } });
    const [entry] = store.audit.list();
    expect(entry!.detail).toEqual({ note: `证件 ${REDACTED}，卡 ${REDACTED}`, list: [REDACTED, 3], rows: 100000 });
    expect(entry!.actor).toEqual({ kind: 'clerk', name: REDACTED });
  });

  it.each([
    [ID_NUMBER, REDACTED],
    ['32050119800101123x', REDACTED],
    ['E12345678', `E${REDACTED}`],
    ['2024-10-01', '2024-10-01'],
    ['rows 12345', 'rows 12345'],
    ['ed787665-3208-4aca-901f-2b239ede67a7', 'ed787665-3208-4aca-901f-2b239ede67a7'],
    ['12345678-1234-4234-8234-123456789012', '12345678-1234-4234-8234-123456789012'],
  ])('redactText(%s)', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});
