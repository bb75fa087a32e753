import { describe, expect, it } from 'vitest';
import { acrossPerson, checkRoster, duplicateFindings, unitFindings } from '../../../../shared/domain/roster/checkRoster';
import { checkRosterRow, type RowCheckContext } from '../../../../shared/domain/roster/checkRow';
import { schemeById } from '../../../../shared/schemes';

const shanghai = schemeById('shanghai-2020')!;
const suzhou = schemeById('suzhou-2024')!;

describe('duplicates', () => {
  it('keeps the first occurrence of a number and refuses each later one, naming the kept row by its 序号', () => {
    const f = duplicateFindings([
      { documentNumber: 'A', sourceRow: 2 },
      { documentNumber: 'B', sourceRow: 3 },
      { documentNumber: 'A', sourceRow: 4 },
      { documentNumber: 'A', sourceRow: null },
      { documentNumber: '', sourceRow: 6 },
      { documentNumber: '', sourceRow: 7 },
    ]);
    expect(f[0]).toEqual([]);
    expect(f[1]).toEqual([]);
    expect(f[2]![0]!.code).toBe('duplicateInBatch');
    expect(f[2]![0]!.message).toContain('序号 1（文件第 2 行）');
    expect(f[3]![0]!.message).toContain('已保留序号 1 的一行');
    expect(f[4]).toEqual([]);
    expect(f[5]).toEqual([]);
  });

  it('flags persons in the unit’s other open batch of the year and persons occupied by another unit, with its contact', () => {
    const f = duplicateFindings([{ documentNumber: 'A', sourceRow: 2 }, { documentNumber: 'B', sourceRow: 3 }], {
      otherBatches: new Map([['A', { batchTitle: '2020集中参保', stateLabel: '待审核' }]]),
      occupied: new Map([['B', { unitName: '上海某某有限公司', contact: '王经办 13900000000' }]]),
    });
    expect(f[0]).toMatchObject([{ code: 'duplicateInUnitBatch', severity: 'error' }]);
    expect(f[0]![0]!.message).toContain('2020集中参保');
    expect(f[1]).toMatchObject([{ code: 'occupiedElsewhere', severity: 'error' }]);
    expect(f[1]![0]!.message).toContain('上海某某有限公司');
    expect(f[1]![0]!.hint).toContain('13900000000');
  });
});

describe('a whole roster', () => {
  const ctx: RowCheckContext = {
    scheme: shanghai,
    enrollmentType: 'central',
    today: '2020-04-20',
    submissionDate: '2020-04-20',
    coverStart: '2020-04-01',
    selection: [{ planCode: 'A0', shares: 1 }],
    overAgeCommitmentSigned: false,
  };

  it('puts duplicate findings on the rows and checks the 75% ratio per social-security code', () => {
    const rows = [
      { sourceRow: 2, values: { name: '甲', documentType: '身份证', documentNumber: '310101198506151238', socialSecurity: '是', socialSecurityCode: 'S1' } },
      { sourceRow: 3, values: { name: '乙', documentType: '身份证', documentNumber: '310101198506151238', socialSecurity: '是', socialSecurityCode: 'S1' } },
      { sourceRow: 4, values: { name: '丙', documentType: '身份证', documentNumber: '310101199002281228', socialSecurity: '是', socialSecurityCode: 'S2' } },
    ];
    const result = checkRoster(rows, ctx, {}, { enrollmentType: 'central', socialSecurityTotals: { S1: 2, S2: 4 } });
    expect(result.rows[0]!.findings.map((f) => f.code)).toEqual([]);
    expect(result.rows[1]!.findings.map((f) => f.code)).toEqual(['duplicateInBatch']);
    expect(result.rows[2]!.findings).toEqual([]);
    expect(result.unitFindings).toHaveLength(1);
    expect(result.unitFindings[0]).toMatchObject({ code: 'socialSecurityRatio', severity: 'error' });
    expect(result.unitFindings[0]!.message).toContain('S2');
    expect(result.unitFindings[0]!.message).toContain('25.0%');
  });

  it('refuses re-opening a Suzhou policy (新参保 by a unit with a policy this year) below 10 persons', () => {
    const suzhouCtx: RowCheckContext = { ...ctx, scheme: suzhou, enrollmentType: 'new', coverStart: '2024-10-01', today: '2024-09-10', submissionDate: '2024-09-10', selection: [{ planCode: 'YL', shares: 1 }] };
    const rows = [{ sourceRow: 2, values: { name: '周芳', documentNumber: '320501198808080029' } }];
    const result = checkRoster(rows, suzhouCtx, {}, { enrollmentType: 'new', unitHasPolicyThisYear: true });
    expect(result.unitFindings.map((f) => f.code)).toContain('minPersonsForNewPolicy');
    const firstPolicy = checkRoster(rows, suzhouCtx, {}, { enrollmentType: 'new', unitHasPolicyThisYear: false });
    expect(firstPolicy.unitFindings).toEqual([]);
  });
});

describe('acrossPerson: what the checks across rows keep of a person', () => {
  const ctx: RowCheckContext = { scheme: schemeById('shanghai-2020')!, enrollmentType: 'central', today: '2020-04-20', submissionDate: '2020-04-20', coverStart: '2020-04-01', selection: [{ planCode: 'A0', shares: 1 }], overAgeCommitmentSigned: false };

  it('gives the unit rules and the duplicate checks the same answers as the whole person', () => {
    const rows = [
      { name: '张三', documentType: '身份证', documentNumber: '110101199001011237', socialSecurity: '是' },
      { name: '李四', documentType: '身份证', documentNumber: '110101199001011237', socialSecurity: '否' },
      { name: '王五', documentType: '护照', documentNumber: 'E12345678', socialSecurity: '是' },
    ];
    const persons = rows.map((values) => checkRosterRow(values, ctx).person);
    const kept = persons.map(acrossPerson);
    expect(kept.map((p) => p.documentNumber)).toEqual(persons.map((p) => p.documentNumber));
    expect(kept.map((p) => p.plans.length)).toEqual(persons.map((p) => p.plans.length));
    expect(unitFindings(ctx.scheme, kept, { enrollmentType: 'central' })).toEqual(unitFindings(ctx.scheme, persons, { enrollmentType: 'central' }));
    expect(Object.keys(kept[0]!).sort()).toEqual(['documentNumber', 'plans', 'socialSecurity']);
  });
});
