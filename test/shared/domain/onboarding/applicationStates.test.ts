import { describe, expect, it } from 'vitest';
import { canResubmit, INSURANCE_CODE_PATTERN, issuedInsuranceCode, resubmitRefusal, type ApplicationState } from '../../../../shared/domain/onboarding';

describe('resubmitting an application', () => {
  const cases: [ApplicationState | null, boolean, string | null][] = [
    [null, true, null],
    ['rejected', true, null],
    ['pending', false, '申请参保编码正在审核（申请中），审核完毕前不能修改'],
    ['approved', false, '申请参保编码已审核通过，如需修改请联系互助会工作人员'],
  ];
  it.each(cases)('in state %s', (state, allowed, message) => {
    expect(canResubmit(state)).toBe(allowed);
    expect(resubmitRefusal('insuranceCode', state)).toBe(message);
  });
});

describe('insurance codes', () => {
  it.each([['3019BJ', true], ['09000X', true], ['0072J3', true], ['3019bj', false], ['3019B', false], ['3019BJ1', false]])('%s matches the printed form: %s', (code, ok) => {
    expect(INSURANCE_CODE_PATTERN.test(code)).toBe(ok);
  });

  it('issues six-character codes, all different', () => {
    const codes = Array.from({ length: 2000 }, (_, i) => issuedInsuranceCode(i + 1));
    for (const c of codes) expect(c).toMatch(INSURANCE_CODE_PATTERN);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
