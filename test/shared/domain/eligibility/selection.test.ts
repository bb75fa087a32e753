import { describe, it, expect } from 'vitest';
import {
  checkSelection,
  selectionIsValid,
  selectionForPerson,
  type PlanChoice,
  type SelectionContext,
  type SelectionViolationCode,
} from '../../../../shared/domain/eligibility';
import { loadScheme, type Scheme } from '../../../../shared/domain/scheme';
import { schemeById, BUILT_IN_SCHEME_FILES } from '../../../../shared/schemes';

const shanghai = schemeById('shanghai-2020')!;
const one = (...codes: string[]): PlanChoice[] => codes.map((planCode) => ({ planCode, shares: 1 }));
const centralCtx: SelectionContext = { enrollmentType: 'central' };

function violations(scheme: Scheme, selection: PlanChoice[], ctx: SelectionContext) {
  return checkSelection(scheme, selection, ctx).map((v) => [v.code, v.message]);
}

function variant(id: string, mutate: (file: any) => void): Scheme {
  const file = structuredClone(BUILT_IN_SCHEME_FILES[id]) as any;
  mutate(file);
  return loadScheme(file);
}

describe('Shanghai 2020 selection rules (参保手册 保障项目选择)', () => {
  const obeyed: [string, PlanChoice[]][] = [
    ['the manual example A0+B0+C0 with A3, B3, C3', one('A0', 'B0', 'C0', 'A3', 'B3', 'C3')],
    ['one basic plan alone', one('C0')],
    ['an enhanced plan on top of any basic plan', one('B0', 'A2')],
    ['one enhanced plan per family', one('A0', 'A1', 'B2', 'C3')],
  ];
  it.each(obeyed)('obeyed: %s', (_n, selection) => {
    expect(checkSelection(shanghai, selection, centralCtx)).toEqual([]);
  });

  const broken: [string, PlanChoice[], [SelectionViolationCode, string][]][] = [
    ['an enhanced plan without any basic plan', one('A3'), [
      ['atLeastOneOf', '基础保障A0、B0、C0至少选择1种'],
      ['requires', '加强保障A3需同时选择基础保障A0、B0、C0中的至少一种'],
    ]],
    ['two enhanced plans of one family', one('A0', 'A1', 'A3'), [['atMostOnePerFamily', '加强保障A1、A3同属“在职住院”，至多选择1种']]],
    ['two families doubled', one('B0', 'B1', 'B2', 'C1', 'C2'), [
      ['atMostOnePerFamily', '加强保障B1、B2同属“特种重病”，至多选择1种'],
      ['atMostOnePerFamily', '加强保障C1、C2同属“意外伤害”，至多选择1种'],
    ]],
    ['nothing chosen', [], [['atLeastOneOf', '基础保障A0、B0、C0至少选择1种']]],
    ['a plan not in the scheme', one('A0', 'D1'), [['unknownPlan', '保障项目 D1 不在本方案中']]],
    ['the same plan twice', one('A0', 'A0'), [['duplicatePlan', 'A0重复选择']]],
    ['two shares where one is allowed (每个保障项目只能参保一份)', [{ planCode: 'A0', shares: 2 }], [['sharesOutOfRange', 'A0只能参保1份（当前2份）']]],
  ];
  it.each(broken)('broken: %s', (_n, selection, expected) => {
    expect(violations(shanghai, selection, centralCtx)).toEqual(expected);
  });

  it('names the rule broken by its index in the scheme', () => {
    const [v] = checkSelection(shanghai, one('A0', 'A1', 'A3'), centralCtx);
    expect(shanghai.selectionRules[v!.ruleIndex!]!.kind).toBe('atMostOnePerFamily');
    expect(v!.planCodes).toEqual(['A1', 'A3']);
    expect(v!.hint).toBe('请只保留其中一种');
  });

  describe('instant enrollment must keep the central enrollment plans (即时参保保障项目和集中参保项目必须保持一致)', () => {
    const central = one('A0', 'B0', 'C0', 'A3');
    it('same plans in any order: obeyed', () => {
      expect(checkSelection(shanghai, one('A3', 'C0', 'B0', 'A0'), { enrollmentType: 'instant', centralSelection: central })).toEqual([]);
    });
    it('different plans: broken, naming both sets', () => {
      expect(violations(shanghai, one('A0', 'B0', 'C0'), { enrollmentType: 'instant', centralSelection: central })).toEqual([
        ['copyFromCentral', '即时参保的保障项目必须与集中参保一致（集中参保：A0、B0、C0、A3；本次：A0、B0、C0）'],
      ]);
    });
    it('a unit without a central enrollment chooses freely', () => {
      expect(checkSelection(shanghai, one('A0', 'B0', 'C0'), { enrollmentType: 'instant' })).toEqual([]);
    });
    it('does not apply to one person’s plans', () => {
      expect(checkSelection(shanghai, one('B0'), { enrollmentType: 'instant', centralSelection: central, scope: 'person' })).toEqual([]);
    });
  });

  it('with sameFamily, an enhanced plan requires the basic plan of its own family', () => {
    const scheme = variant('shanghai-2020', (f) => (f.selectionRules[2].sameFamily = true));
    expect(violations(scheme, one('A0', 'B3'), centralCtx)).toEqual([['requires', '加强保障B3需同时选择基础保障B0']]);
    expect(checkSelection(scheme, one('B0', 'B3'), centralCtx)).toEqual([]);
  });

  it('a warning-level rule does not make the selection invalid', () => {
    const scheme = variant('shanghai-2020', (f) => (f.selectionRules[1].severity = 'warning'));
    const found = checkSelection(scheme, one('A0', 'A1', 'A2'), centralCtx);
    expect(found.map((v) => v.severity)).toEqual(['warning']);
    expect(selectionIsValid(found)).toBe(true);
    expect(selectionIsValid(checkSelection(shanghai, one('A0', 'A1', 'A2'), centralCtx))).toBe(false);
  });
});

describe('other schemes', () => {
  it('exclusive plans', () => {
    const scheme = variant('qingdao-2025', (f) => f.selectionRules.push({ kind: 'exclusive', planCodes: ['ZDJB-36', 'ZDJB35-70'] }));
    expect(violations(scheme, one('ZDJB-36', 'ZDJB35-70'), { enrollmentType: 'new', scope: 'person' })).toEqual([
      ['exclusive', '职工重疾(会费36元)、在职职工重大疾病(35重+25轻)(会费70元)不能同时选择'],
    ]);
    expect(checkSelection(scheme, one('ZDJB-36', 'YWSH-20'), { enrollmentType: 'new' })).toEqual([]);
  });

  it('Qingdao shares: 1 to 5 per activity', () => {
    const qd = schemeById('qingdao-2025')!;
    expect(checkSelection(qd, [{ planCode: 'NGTB-25', shares: 2 }], { enrollmentType: 'new' })).toEqual([]);
    expect(violations(qd, [{ planCode: 'ZYYL-A95', shares: 6 }], { enrollmentType: 'new' })).toEqual([
      ['sharesOutOfRange', '住院医疗(A方案)(会费95元)份数须在1至5份之间（当前6份）'],
    ]);
  });

  it('Suzhou: at least one plan', () => {
    const sz = schemeById('suzhou-2024')!;
    expect(violations(sz, [], { enrollmentType: 'renewal' })).toEqual([['atLeastOneOf', '请至少选择1个保障项目']]);
    expect(checkSelection(sz, one('NZ'), { enrollmentType: 'renewal' })).toEqual([]);
  });

  it('a plan offered only in some enrollment types', () => {
    const scheme = variant('shanghai-2020', (f) => (f.plans[3].eligibility.enrollmentTypes = ['central']));
    expect(violations(scheme, one('A0', 'A3'), { enrollmentType: 'instant' })).toEqual([['planNotOffered', 'A3不能在即时参保中办理']]);
  });
});

describe('selectionForPerson: the batch plans a person takes', () => {
  const ctx = { enrollmentType: 'central' as const, submissionDate: '2020-04-20', coverStart: '2020-04-01' };
  it('a person without social security takes the batch plans but A0', () => {
    const r = selectionForPerson(shanghai, one('A0', 'B0', 'C0', 'A3'), { birthDate: '1990-01-01', gender: 'male', socialSecurity: 'no' }, ctx);
    expect(r.selection.map((c) => c.planCode)).toEqual(['B0', 'C0', 'A3']);
    expect(r.dropped.map((d) => [d.planCode, d.refusals[0]!.code])).toEqual([['A0', 'socialSecurityRequired']]);
    expect(r.violations).toEqual([]);
  });
  it('reports an enhanced plan left without a basic plan', () => {
    const r = selectionForPerson(shanghai, one('A0', 'A3'), { birthDate: '1990-01-01', gender: 'male', socialSecurity: 'no' }, ctx);
    expect(r.selection.map((c) => c.planCode)).toEqual(['A3']);
    expect(r.violations.map((v) => v.code)).toEqual(['atLeastOneOf', 'requires']);
  });
  it('an over-age person kept with the commitment', () => {
    const r = selectionForPerson(shanghai, one('A0', 'C0'), { birthDate: '1955-01-01', gender: 'male', socialSecurity: 'yes', medicalInService: true, overAgeCommitment: true }, ctx);
    expect(r.selection.map((c) => c.planCode)).toEqual(['A0', 'C0']);
    expect(r.keptOverAge).toEqual(['A0', 'C0']);
  });
  it('a person eligible for nothing takes nothing, without rule violations', () => {
    const r = selectionForPerson(shanghai, one('A0', 'C0'), { birthDate: '1955-01-01', gender: 'male', socialSecurity: 'no' }, ctx);
    expect(r.selection).toEqual([]);
    expect(r.dropped.map((d) => d.planCode)).toEqual(['A0', 'C0']);
    expect(r.violations).toEqual([]);
  });
});
