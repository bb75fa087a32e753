import { describe, it, expect } from 'vitest';
import { loadScheme, validateScheme, SchemeError, formatPath } from '../../../../shared/domain/scheme';
import { BUILT_IN_SCHEME_FILES } from '../../../../shared/schemes';

type Json = Record<string, any>;

function fileOf(id: string): Json {
  return structuredClone(BUILT_IN_SCHEME_FILES[id]) as Json;
}

function refusal(json: unknown): SchemeError {
  try {
    loadScheme(json);
  } catch (e) {
    if (e instanceof SchemeError) return e;
    throw e;
  }
  throw new Error('scheme was accepted');
}

describe('loadScheme refuses malformed schemes, naming the field', () => {
  const cases: [string, string, (s: Json) => void, string, RegExp][] = [
    ['negative price', 'shanghai-2020', (s) => (s.plans[3].priceFen = -100), 'plans[3].priceFen', /必须是非负整数/],
    ['fractional fen', 'shanghai-2020', (s) => (s.plans[3].priceFen = 330.5), 'plans[3].priceFen', /必须是非负整数/],
    ['price as text', 'suzhou-2024', (s) => (s.plans[0].priceFen = '30'), 'plans[0].priceFen', /必须是非负整数/],
    ['missing plan name', 'wuxi-2023', (s) => delete s.plans[0].name, 'plans[0].name', /缺少必填字段/],
    ['missing price unit', 'suzhou-2024', (s) => delete s.plans[0].priceUnit, 'plans[0].priceUnit', /缺少必填字段/],
    ['unknown layer', 'shanghai-2020', (s) => (s.plans[1].layer = 'premium'), 'plans[1].layer', /必须是以下之一/],
    ['invalid date', 'shanghai-2020', (s) => (s.coverageYear.end = '2021-02-30'), 'coverageYear.end', /有效日期/],
    ['unknown rule kind', 'shanghai-2020', (s) => (s.selectionRules[0].kind = 'atLeastTwo'), 'selectionRules[0].kind', /不是可识别的类型/],
    ['unknown roster key', 'wuxi-2023', (s) => (s.roster.columns[2].key = 'salary'), 'roster.columns[2].key', /不是已知的名单字段/],
    ['unknown extra field', 'qingdao-2025', (s) => (s.plans[0].colour = 'red'), 'plans[0]', /未知字段：colour/],
    ['empty plan list', 'suzhou-2024', (s) => (s.plans = []), 'plans', /至少需要 1 个保障项目/],
    ['bad code characters', 'suzhou-2024', (s) => (s.plans[0].code = '大病'), 'plans[0].code', /只能由字母/],
    ['shares min above max', 'qingdao-2025', (s) => (s.plans[0].shares = { min: 3, max: 2 }), 'plans[0].shares', /份数下限不能大于上限/],
    ['waiting period with both days and months', 'suzhou-2024', (s) => (s.plans[0].waitingPeriods[0].days = 30), 'plans[0].waitingPeriods[0]', /只能填写一项/],
    ['wrong format version', 'shenzhen', (s) => (s.formatVersion = 2), 'formatVersion', /必须是 1/],
    // cross-field rules
    ['duplicate plan code', 'shanghai-2020', (s) => (s.plans[2].code = 'A1'), 'plans[2].code', /保障项目代码 A1 重复/],
    ['plan in an undefined family', 'shanghai-2020', (s) => (s.plans[0].family = 'D'), 'plans[0].family', /保障类别 D 未在 families 中定义/],
    ['combo naming a missing plan', 'shanghai-2020', (s) => (s.selectionRules[3].planCodes[2] = 'C9'), 'selectionRules[3].planCodes[2]', /不存在的保障项目 C9/],
    ['combo dearer than its plans', 'shanghai-2020', (s) => (s.selectionRules[3].priceFen = 19500), 'selectionRules[3].priceFen', /不能高于/],
    ['rule selecting a missing plan', 'shanghai-2020', (s) => (s.selectionRules[0].of = { planCodes: ['A0', 'Z0'] }), 'selectionRules[0].of.planCodes[1]', /不存在的保障项目 Z0/],
    ['rule selecting a missing family', 'qingdao-2025', (s) => (s.selectionRules[1].of = { families: ['XX'] }), 'selectionRules[1].of.families[0]', /不存在的保障类别 XX/],
    ['waiting period for an undeclared type', 'shanghai-2020', (s) => (s.plans[0].waitingPeriods[0].enrollmentTypes = ['renewal']), 'plans[0].waitingPeriods[0].enrollmentTypes[0]', /renewal 未在 enrollmentTypes 中定义/],
    ['copyFromCentral without central', 'suzhou-2024', (s) => s.selectionRules.push({ kind: 'copyFromCentral', enrollmentTypes: ['instant'] }), 'selectionRules[1]', /未定义集中参保/],
    ['window ending before it starts', 'shanghai-2020', (s) => (s.enrollmentTypes[0].windows[0].end = '2020-03-01'), 'enrollmentTypes[0].windows[0].end', /早于开始日期/],
    ['duplicate enrollment type', 'qingdao-2025', (s) => (s.enrollmentTypes[1].type = 'new'), 'enrollmentTypes[1].type', /参保类型 new 重复/],
    ['duplicate roster column', 'wuxi-2023', (s) => (s.roster.columns[5].key = 'phone'), 'roster.columns[5].key', /名单字段 phone 重复/],
    ['header used twice', 'wuxi-2023', (s) => s.roster.columns[5].synonyms.push('手机号码'), 'roster.columns[5].synonyms[0]', /已用于 roster.columns\[4\]/],
    ['requiredWhen naming an absent column', 'wuxi-2023', (s) => (s.roster.columns[5].requiredWhen = { kind: 'fieldIn', field: 'documentType', values: ['护照'] }), 'roster.columns[5].requiredWhen.field', /没有 documentType 列/],
    ['default fee source not defined', 'qingdao-2025', (s) => (s.defaultFeeSource = 'lottery'), 'defaultFeeSource', /lottery 未在 feeSources 中定义/],
    ['subsidy rule of an unknown kind', 'qingdao-2025', (s) => s.subsidies.rules.push({ code: 'x', name: '测试', kind: 'cash', perPersonFen: 100 }), 'subsidies.rules[0].kind', /补贴类型 cash/],
    // documents
    ['two documents with one title', 'wuxi-2023', (s) => (s.documents.paymentNotice.title = s.roster.template.titleRows[0]), 'documents.printing.roster', /参保花名册与缴费通知单的标题同为/],
    ['a payment notice without an account', 'shenzhen', (s) => delete s.payment.accountNumber, 'payment.accountNumber', /缴费通知单必须印有收款账户/],
    ['a confirmation offered without its text', 'shanghai-2020', (s) => delete s.documents.confirmation, 'documents.confirmation', /提供参保确认书，但没有它的文本/],
    ['printing in an unknown state', 'suzhou-2024', (s) => (s.documents.printing.confirmation.states = ['printed']), 'documents.printing.confirmation.states[0]', /必须是以下之一/],
    ['an unknown association fact', 'qingdao-2025', (s) => (s.documents.printing.confirmation.needs = ['stamped']), 'documents.printing.confirmation.needs[0]', /必须是以下之一/],
  ];
  it.each(cases)('%s (%s)', (_name, id, mutate, path, message) => {
    const file = fileOf(id);
    mutate(file);
    const error = refusal(file);
    const issue = error.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(error.issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
    expect(error.message).toContain(`${path}: ${issue!.message}`);
  });

  it('the error message names the scheme and counts the problems', () => {
    const file = fileOf('shanghai-2020');
    file.plans[3].priceFen = -1;
    file.plans[4].priceFen = -1;
    const error = refusal(file);
    expect(error.message).toMatch(/^保障方案 shanghai-2020 无效（2 处问题）/);
    expect(error.message).toContain('plans[3].priceFen: 必须是非负整数');
  });

  it('refuses text that is not JSON, and accepts a JSON string', () => {
    expect(refusal('{ not json').issues[0]!.message).toMatch(/不是有效的 JSON/);
    expect(loadScheme(JSON.stringify(BUILT_IN_SCHEME_FILES['suzhou-2024'])).id).toBe('suzhou-2024');
  });

  it('refuses a non-object', () => {
    expect(refusal(42).issues[0]!.message).toMatch(/必须是对象/);
    expect(validateScheme(null).ok).toBe(false);
  });

  it('fills defaults: one share, no waiting period, either social security', () => {
    const file = fileOf('wuxi-2023');
    delete file.plans[0].shares;
    delete file.plans[0].waitingPeriods;
    delete file.plans[0].eligibility;
    const scheme = loadScheme(file);
    expect(scheme.plans[0]!.shares).toEqual({ min: 1, max: 1 });
    expect(scheme.plans[0]!.waitingPeriods).toEqual([]);
    expect(scheme.plans[0]!.eligibility.socialSecurity).toBe('either');
  });
});

describe('formatPath', () => {
  it.each([
    [['plans', 3, 'priceFen'], 'plans[3].priceFen'],
    [['roster', 'columns', 0, 'key'], 'roster.columns[0].key'],
    [[], ''],
  ] as [PropertyKey[], string][])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
