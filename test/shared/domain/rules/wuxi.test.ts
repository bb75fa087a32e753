/**
 * 无锡市职工互助保障“三合一”项目 基层工会参保操作手册 2023 (seeds/001), in the manual's
 * order: the roster template and its 说明 row (every instruction as a rule), the example row,
 * the non-insurable persons list re-imported, and the renewal reminders.
 */
import { describe, expect, it } from 'vitest';
import { checkRosterRow, duplicateFindings } from '../../../../shared/domain/roster';
import { codes, context, errors, residentId, scheme } from './ruleFixtures';

const WX = scheme('wuxi-2023');
const NEW = context(WX, { enrollmentType: 'new', today: '2023-03-10', submissionDate: '2023-03-10', coverStart: null, selection: [{ planCode: 'SHY', shares: 1 }], overAgeCommitmentSigned: false });
const ID = residentId('320214', '1985-06-15', 123);
const good = { name: '张一', documentNumber: ID, bankCard: '6228480402564890018', bankName: '无锡市农村商业银行', phone: '13912345678' };

describe('三、参保 · 模板（说明行）', () => {
  it('一个填写完整的人员通过', () => {
    expect(codes(good, NEW)).toEqual([]);
  });

  it.each([
    ['姓名：必填', { ...good, name: undefined }, 'missingField', 'name'],
    ['姓名中不要出现空格', { ...good, name: '张 一' }, 'instructionNoSpaces', 'name'],
    ['姓名中不要出现空格（全角空格亦然）', { ...good, name: '张\u3000一' }, 'instructionNoSpaces', 'name'],
    ['居民身份证号：必填', { ...good, documentNumber: undefined }, 'missingField', 'documentNumber'],
    ['社保卡银行卡号：必填', { ...good, bankCard: undefined }, 'missingField', 'bankCard'],
    ['填社保卡上银行卡号：只含数字', { ...good, bankCard: '6228-4804-0256-4890-01A' }, 'idCharacter', 'bankCard'],
    ['开户行：必填', { ...good, bankName: undefined }, 'missingField', 'bankName'],
    ['手机号：必填', { ...good, phone: undefined }, 'missingField', 'phone'],
  ] as const)('%s', (_clause, raw, code, field) => {
    const found = checkRosterRow(raw as Record<string, string>, NEW).findings.filter((f) => f.severity === 'error');
    expect(found).toContainEqual(expect.objectContaining({ code, field }));
  });

  it('姓名中不要出现空格：说明怎么改', () => {
    const [f] = checkRosterRow({ ...good, name: '张 一' }, NEW).findings;
    expect(f).toMatchObject({ message: expect.stringContaining('姓名中不要出现空格'), hint: '请删除空格，改为“张一”' });
  });

  it('X要大写：小写的x改为大写后保存', () => {
    const lower = Array.from({ length: 100 }, (_, i) => residentId('320214', '1990-03-07', 900 + i)).find((id) => id.endsWith('X'))!;
    const r = checkRosterRow({ ...good, documentNumber: lower.toLowerCase() }, NEW);
    expect(r.values.documentNumber).toBe(lower);
    expect(r.findings).toEqual([]);
  });

  it('例如无锡市农村商业银行：开户行应写银行全称（提示）', () => {
    expect(codes({ ...good, bankName: '农行' }, NEW, ['warning'])).toEqual(['instructionContainsAnyOf']);
    expect(codes({ ...good, bankName: '中国建设银行滨湖支行' }, NEW)).toEqual([]);
  });

  it('每条说明都对应到规则或必填', () => {
    const withInstruction = WX.roster.columns.filter((c) => c.instruction);
    expect(withInstruction.map((c) => c.key)).toEqual(['name', 'documentNumber', 'bankCard', 'bankName', 'phone']);
    for (const c of withInstruction) expect(c.required).toBe(true);
    expect(WX.roster.columns.filter((c) => c.rules.length > 0).map((c) => [c.key, c.rules.map((r) => r.kind)])).toEqual([
      ['name', ['noSpaces']],
      ['documentNumber', ['upperCase']],
      ['bankName', ['containsAnyOf']],
    ]);
  });

  it('需将模板里的例子“张三”删除或修改', () => {
    expect(WX.roster.template.exampleRows).toEqual([{ name: '张三', documentNumber: '3202*****002X' }]);
  });
});

describe('不可参保人员', () => {
  it('不可参保原因写明如何修改（请填写正确居民身份证号码）', () => {
    const wrong = ID.slice(0, -1) + (ID.endsWith('0') ? '1' : '0');
    expect(errors({ ...good, documentNumber: wrong }, NEW)).toContain('idCheckDigit');
  });
  it('同一人出现两次：保留第一行，后一行不可参保并指出保留的序号', () => {
    const found = duplicateFindings([{ documentNumber: ID, sourceRow: 4 }, { documentNumber: ID, sourceRow: 9 }]);
    expect(found[0]).toEqual([]);
    expect(found[1]![0]).toMatchObject({ code: 'duplicateInBatch', message: expect.stringContaining('序号 1（文件第 4 行）') });
  });
});

describe('续保提醒', () => {
  it('到期前30天至到期后10天，每月1日提醒', () => {
    expect(WX.renewalReminder).toMatchObject({ daysBefore: 30, daysAfter: 10, dayOfMonth: 1 });
  });
});
