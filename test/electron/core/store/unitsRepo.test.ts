import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ValidIn } from '../../../../shared/api/operations';
import type { UnitInput } from '../../../../electron/core/store/unitsRepo';
import { CLERK, openTestStore, unitInput, type TestStore } from './storeFixtures';

let t: TestStore;
beforeEach(() => (t = openTestStore()));
afterEach(() => t.dispose());

// The repository takes exactly what the units.save operation hands over.
const _compatible: (input: ValidIn<'units.save'>['unit']) => UnitInput = (input) => input;

describe('UnitsRepo', () => {
  it('creates a unit with an id, registration "local" and its fields, and reads it back', () => {
    const saved = t.store.units.save(
      unitInput({
        insuranceCode: 'SH0001',
        medicalInsuranceCode: '12345678',
        contacts: [{ name: '李联系', phone: '0512-66668888', role: '财务' }],
        headCounts: { inService: 120, femaleInService: 45 },
        address: '苏州工业园区星湖街 1 号',
      }),
      CLERK,
    );
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved.registration).toBe('local');
    expect(t.store.units.get(saved.id)).toEqual(saved);
    expect(saved).toMatchObject({
      name: '苏州示例精密机械有限公司',
      insuranceCode: 'SH0001',
      medicalInsuranceCode: '12345678',
      socialSecurityCodes: ['SB001'],
      headCounts: { inService: 120, femaleInService: 45 },
      contacts: [{ name: '李联系', phone: '0512-66668888', role: '财务' }],
    });
    expect(saved).not.toHaveProperty('registrationError');
  });

  it('updates in place and audits only the names of the fields changed', () => {
    const created = t.store.units.save(unitInput(), CLERK);
    const updated = t.store.units.save({ ...unitInput(), id: created.id, name: '苏州示例精密机械股份有限公司', address: '新地址 8 号' }, CLERK);
    expect(updated.id).toBe(created.id);
    expect(updated.name).toBe('苏州示例精密机械股份有限公司');
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    expect(t.store.units.list()).toHaveLength(1);
    const [latest] = t.store.audit.list({ entity: 'unit', entityId: created.id });
    expect(latest).toMatchObject({ action: 'unit.update', detail: { fields: ['name', 'address'] } });
    expect(JSON.stringify(latest)).not.toContain('新地址');
  });

  it('lists by name and searches by part of the name or the start of the USCC', () => {
    const a = t.store.units.save(unitInput({ name: '无锡纺织厂', uscc: '91320200AAAAAAAA1A' }), CLERK);
    const b = t.store.units.save(unitInput({ name: '苏州电子厂', uscc: '91320500BBBBBBBB2B' }), CLERK);
    const c = t.store.units.save(unitInput({ name: '上海 100%_材料公司', uscc: undefined }), CLERK);
    const ids = (search?: string) => t.store.units.list(search === undefined ? {} : { search }).map((u) => u.id);
    expect(ids()).toHaveLength(3);
    expect(ids('电子')).toEqual([b.id]);
    expect(ids('913202')).toEqual([a.id]);
    expect(ids('9132')).toHaveLength(2);
    expect(ids('100%_')).toEqual([c.id]);
    expect(ids('%')).toEqual([c.id]); // the wildcard is matched literally
    expect(ids('不存在')).toEqual([]);
  });

  it('records the registration outcome', () => {
    const unit = t.store.units.save(unitInput(), CLERK);
    const refused = t.store.units.setRegistration(unit.id, 'refused', { code: 'duplicateUnit', message: '该统一社会信用代码已注册' }, { kind: 'server' });
    expect(refused.registration).toBe('refused');
    expect(refused.registrationError).toEqual({ code: 'duplicateUnit', message: '该统一社会信用代码已注册' });
    const registered = t.store.units.setRegistration(unit.id, 'registered', null, { kind: 'server' });
    expect(registered).not.toHaveProperty('registrationError');
  });

  it('refuses an unknown unit', () => {
    expect(() => t.store.units.require('nope')).toThrow('单位不存在');
    expect(() => t.store.units.setRegistration('nope', 'pending', null, CLERK)).toThrow('单位不存在');
  });
});
