/**
 * 中国职工保险互助会青岛办事处 参（续）保操作 2025 (seeds/004), in the manual's order: the
 * benefit activities with their fee per share and shares, the roster per activity, the
 * head-count-only entries (新增无名单), the unit's head counts, and the premium.
 */
import { describe, expect, it } from 'vitest';
import { checkUnitRules } from '../../../../shared/domain/eligibility';
import { priceBatch } from '../../../../shared/domain/pricing';
import { checkRosterRow } from '../../../../shared/domain/roster';
import { context, errors, residentId, scheme } from './ruleFixtures';

const QD = scheme('qingdao-2025');
const NEW = context(QD, { enrollmentType: 'new', today: '2025-11-25', submissionDate: '2025-11-25', coverStart: null, selection: [], overAgeCommitmentSigned: false });
const MAN = residentId('370214', '1985-06-15', 123);
const WOMAN = residentId('370214', '1990-02-28', 122);
const RETIRED_MAN = residentId('370214', '1960-01-01', 123);

describe('5. 选择要参加的保障活动', () => {
  it.each([
    ['保障活动细类与份数：住院医疗（A方案）1份', { plans: 'ZYYL-A95', shares: '1' }, []],
    ['以名称选择保障活动', { plans: '职工重疾(会费36元)', shares: '2' }, []],
    ['参加多项保障活动', { plans: 'ZYYL-A95、ZDJB-36' }, []],
    ['没有的保障活动', { plans: 'XX-1' }, ['planUnknown']],
    ['份数须为正整数', { plans: 'ZYYL-A95', shares: '0' }, ['sharesInvalid']],
    ['未选择保障活动', {}, ['planMissing']],
  ] as const)('%s', (_clause, more, expected) => {
    expect(errors({ name: '张一', documentType: '居民身份证', documentNumber: MAN, ...more }, NEW)).toEqual(expected);
  });

  it('女工特病仅限女职工', () => {
    expect(errors({ name: '张一', documentType: '居民身份证', documentNumber: MAN, plans: 'NGTB-25' }, NEW)).toContain('genderNotAllowed');
    expect(errors({ name: '李二', documentType: '居民身份证', documentNumber: WOMAN, plans: 'NGTB-25' }, NEW)).toEqual([]);
  });

  it('在职职工：达到法定退休年龄者不能参加（按提交日计）', () => {
    expect(errors({ name: '王五', documentType: '居民身份证', documentNumber: RETIRED_MAN, plans: 'ZYYL-A95' }, NEW)).toContain('overAge');
  });

  it('是否新业态：按人员标记', () => {
    const r = checkRosterRow({ name: '张一', documentType: '居民身份证', documentNumber: MAN, plans: 'ZYYL-A95', newEmploymentForm: '是' }, NEW);
    expect(r.person.newEmploymentForm).toBe(true);
  });
});

describe('6. 人员名单上传 · 参保单位在职人数', () => {
  it.each([
    ['在职职工人数、在职女职工人数必填', {}, ['headCountsRequired', 'headCountsRequired']],
    ['填写完整', { inService: 328, femaleInService: 68 }, []],
    ['在职女职工人数不能大于在职职工人数', { inService: 10, femaleInService: 68 }, ['headCountsRequired']],
  ] as const)('%s', (_clause, headCounts, expected) => {
    expect(checkUnitRules(QD, { enrollmentType: 'new', personCount: 2, headCounts }).map((f) => f.code)).toEqual(expected);
  });
});

describe('会费', () => {
  it('标准会费（元/份）× 份数，人员清单与无名单人数一并计入', () => {
    const quote = priceBatch(QD, {
      enrollmentType: 'new',
      submissionDate: '2025-11-25',
      persons: [{ id: 'p1', selection: [{ planCode: 'ZYYL-A95', shares: 1 }, { planCode: 'ZDJB-36', shares: 2 }] }],
      headCountLines: [{ planCode: 'ZYYL-A95', shares: 1, headCount: 3 }],
    });
    expect(quote.totalFen).toBe(9500 + 2 * 3600 + 3 * 9500);
  });
});
