import { describe, expect, it } from 'vitest';
import type { UnitProfile } from '../../../../shared/api/dto';
import { EMPTY_UNIT_FORM, formFromUnit, unitInputFromForm } from '../../../../renderer/screens/units/unitForm';

const unit: UnitProfile = {
  id: 'u1',
  name: '上海示例科技有限公司',
  uscc: '91310000MA1FL4XQ3B',
  socialSecurityCodes: ['S100', 'S200'],
  handler: { name: '李经办', phone: '13800000001' },
  contacts: [{ name: '王联系', phone: '13900000000' }],
  headCounts: { inService: 120, femaleInService: 50 },
  registration: 'local',
  updatedAt: '2020-04-20T10:00:00+08:00',
};

describe('the unit form', () => {
  it('round-trips a profile, keeping its id and contacts', () => {
    expect(unitInputFromForm(formFromUnit(unit), unit)).toEqual({
      id: 'u1',
      name: unit.name,
      uscc: unit.uscc,
      insuranceCode: undefined,
      socialSecurityCodes: ['S100', 'S200'],
      medicalInsuranceCode: undefined,
      handler: { name: '李经办', phone: '13800000001', idNumber: undefined, email: undefined },
      contacts: unit.contacts,
      headCounts: { inService: 120, femaleInService: 50 },
      address: undefined,
    });
  });

  it.each([
    ['commas of either width', 'S100，S200, S300', ['S100', 'S200', 'S300']],
    ['enumeration commas and spaces', 'S100、S200  S300', ['S100', 'S200', 'S300']],
    ['nothing', '  ', []],
  ])('splits social-security codes separated by %s', (_, text, codes) => {
    expect(unitInputFromForm({ ...EMPTY_UNIT_FORM, socialSecurityCodes: text }, null).socialSecurityCodes).toEqual(codes);
  });

  it.each([
    ['both blank', '', '', undefined],
    ['both given', '10', '4', { inService: 10, femaleInService: 4 }],
    ['not a number (left for the API to name)', '十', '', { inService: '十', femaleInService: 0 }],
  ])('sends head counts when %s', (_, inService, femaleInService, expected) => {
    expect(unitInputFromForm({ ...EMPTY_UNIT_FORM, inService, femaleInService }, null).headCounts).toEqual(expected);
  });
});
