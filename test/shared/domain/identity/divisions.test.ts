import { describe, expect, it } from 'vitest';
import { checkResidentId, divisionStatus, mod11_2CheckCharacter, regionName } from '../../../../shared/domain/identity';

const TODAY = '2025-06-01';
const withCheck = (first17: string) => first17 + mod11_2CheckCharacter(first17)!;

describe('administrative division codes (GB/T 2260)', () => {
  it.each([
    ['310101', 'current', '上海市黄浦区'],
    ['110105', 'current', '北京市朝阳区'],
    ['320214', 'current', '江苏省无锡市新吴区'],
    ['440309', 'current', '广东省深圳市龙华区'],
    ['370214', 'current', '山东省青岛市城阳区'],
    ['320500', 'current', '江苏省苏州市'],
    ['310000', 'current', '上海市'],
    // abolished, still on the IDs issued while they stood
    ['110103', 'historical', '北京市崇文区'],
    ['310102', 'historical', '上海市南市区'],
    ['310103', 'historical', '上海市卢湾区'],
    // never issued
    ['319999', 'unknown', undefined],
    ['110199', 'unknown', undefined],
  ] as const)('%s is %s (%s)', (code, status, region) => {
    expect(divisionStatus(code)).toBe(status);
    expect(regionName(code)).toBe(region);
  });

  it('a code never issued is a warning on the ID, never a refusal', () => {
    const r = checkResidentId(withCheck('31999919900307447'), TODAY);
    expect(r.valid).toBe(true);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'idAddressCodeUnknown', severity: 'warning' })]);
  });

  it('current and historical codes pass without a word', () => {
    expect(checkResidentId(withCheck('31010119900307447'), TODAY).findings).toEqual([]);
    expect(checkResidentId(withCheck('11010319900307447'), TODAY).findings).toEqual([]);
  });
});
