import { describe, it, expect, expectTypeOf } from 'vitest';
import { z } from 'zod';
import {
  API_EVENT_TYPES,
  OPERATIONS,
  OPERATION_NAMES,
  createApiClient,
  httpPath,
  isApiEvent,
  isOperationName,
  validateInput,
  type ApplicationApi,
  type BatchDetail,
  type In,
  type OpName,
  type Out,
  type UnitProfile,
  type ValidIn,
} from '../../../shared/api';
import type { PriceQuote } from '../../../shared/domain/pricing';
import { ONBOARDING_INVALID, ONBOARDING_VALID } from './onboardingOperationSamples';

const AAAA = 'UEsDBBQAAAAIAA=='; // any valid base64 stands in for file bytes
const unit = {
  name: '上海浦东园林绿化实业第一公司',
  uscc: '91310115132200236k',
  insuranceCode: '3019BJ',
  socialSecurityCodes: ['200911246718870'],
  medicalInsuranceCode: '12345678',
  handler: { name: '丁一', idNumber: '11010119900307909x', phone: '13912345678', email: '123@163.com' },
  contacts: [{ name: '沈晓雯', phone: '0512-65245900', role: '参保联系人' }],
  headCounts: { inService: 328, femaleInService: 68 },
  address: '上海市浦东新区',
};

// Typed against each operation's input, so the samples also check the contract at compile time.
const VALID: { [K in OpName]: In<K>[] } = {
  'units.list': [{}],
  'units.get': [{ unitId: 'unit-1' }],
  'units.save': [{ unit }, { unit: { name: '苏州测试单位', handler: { name: '张三', phone: '13800000000' } } }],
  'units.register': [{ unitId: 'unit-1' }],
  'units.renewalReminders': [{}, { unitId: 'unit-1' }],
  'units.exportRenewalReminders': [{}, { unitId: 'unit-1' }],
  'schemes.list': [{}],
  'schemes.get': [{ schemeId: 'shanghai-2020' }],
  'batches.create': [
    { unitId: 'unit-1', schemeId: 'shanghai-2020', enrollmentType: 'central' },
    { unitId: 'unit-1', schemeId: 'shenzhen', enrollmentType: 'supplementary', policyBatchId: 'batch-7', requestedStart: '2024-11-01' },
  ],
  'batches.get': [{ batchId: 'SZSH202003130024' }],
  'batches.list': [{}, { unitId: 'unit-1', states: ['awaitingPayment', 'paymentProofUploaded'], enrollmentTypes: ['instant'] }],
  'batches.update': [
    { batchId: 'b1', selection: [{ planCode: 'A0', shares: 1 }, { planCode: 'B0', shares: 1 }, { planCode: 'C0', shares: 1 }] },
    { batchId: 'b1', headCountLines: [{ planCode: 'QD-ZY-A', shares: 1, headCount: 12, newEmploymentForm: true }], headCounts: { inService: 2, femaleInService: 1 } },
    { batchId: 'b1', requestedStart: null },
  ],
  'batches.transition': [{ batchId: 'b1', event: 'submit' }, { batchId: 'b1', event: 'withdraw', reason: '漏选保障项目' }],
  'roster.import': [{ batchId: 'b1', file: { name: '参保人员导入模板.xlsx', base64: AAAA } }, { batchId: 'b1', file: { name: 'a.xlsx', base64: AAAA }, mode: 'replace', planCodes: ['QD-ZY-A'] }],
  'roster.importProgress': [{ jobId: 'job-1' }],
  'roster.cancelImport': [{ jobId: 'job-1' }],
  'roster.rows': [
    { batchId: 'b1' },
    { batchId: 'b1', offset: 1000, limit: 1000, findingCode: 'id.checkDigit', severity: 'error', search: '王豆' },
    { batchId: 'b1', suggested: true, employmentStatus: '-' },
  ],
  'roster.addRow': [{ batchId: 'b1', row: { name: '王豆', documentType: '护照', documentNumber: 'H801213602X', birthDate: '1998-12-09', gender: '男', socialSecurity: '否' } }],
  'roster.editRow': [{ batchId: 'b1', rowId: 'r-17', changes: { medicalInService: '是' } }],
  'roster.removeRows': [{ batchId: 'b1', rowIds: ['r-1', 'r-2'] }],
  'roster.findingCounts': [{ batchId: 'b1' }],
  'roster.recheck': [{ batchId: 'b1' }],
  'roster.exportRejected': [{ batchId: 'b1' }, { batchId: 'b1', findingCodes: ['occupiedElsewhere'] }],
  'roster.export': [{ batchId: 'b1' }],
  'roster.imports': [{ batchId: 'b1' }],
  'roster.suggestedList': [{ batchId: 'b1' }],
  'roster.takeSuggested': [{ batchId: 'b1' }, { batchId: 'b1', documentNumbers: ['310101198506151238', ' 31010119900228122x '], planCodes: ['QD-ZY-A'] }],
  'records.search': [{}, { unitId: 'unit-1', search: '张一', planCode: 'A0', coverageYearStart: '2020-04-01', states: ['inForce', 'expired'], offset: 200, limit: 100 }],
  'records.export': [{ unitId: 'unit-1' }, { search: '3101', coverageYearStart: '2019-04-01' }],
  'records.person': [{ query: '440301199001011234' }, { query: '王小明', unitId: 'unit-1' }],
  'batches.supplements': [{ batchId: 'b1' }],
  'todo.list': [{}, { unitId: 'unit-1', kinds: ['payment', 'renewal'] }],
  'claims.search': [{ unitId: 'unit-1' }, { unitId: 'unit-1', refresh: true, search: '王', planName: '三合一', year: 2022, status: 'paid', offset: 0, limit: 50 }],
  'claims.export': [{ unitId: 'unit-1' }, { unitId: 'unit-1', status: 'refused', year: 2023 }],
  'templates.generate': [{ schemeId: 'wuxi-2023' }, { schemeId: 'shanghai-2020', enrollmentType: 'instant' }],
  'pricing.quote': [{ batchId: 'b1' }, { batchId: 'b1', selection: [{ planCode: 'A3', shares: 1 }] }],
  'payments.uploadProof': [
    {
      batchId: 'b1',
      payer: '上海YYYY公司',
      amountFen: 945000,
      method: '转账',
      paidOn: '2020-04-20',
      proof: { name: '缴费凭证.pdf', base64: AAAA },
      refund: { accountName: '上海YYYY公司', accountNumber: '31602300008022150', bank: '上海银行人民广场支行', amountFen: 45000 },
    },
  ],
  'invoices.request': [
    { batchId: 'b1', invoices: [{ title: '青岛区测试单位工会委员会', taxNumber: '123702006762229200', amountFen: 8000, feeSource: 'unionFunds', email: '644981393@qq.com', remark: '2份' }] },
  ],
  'invoices.list': [{ batchId: 'b1' }],
  'invoices.document': [{ batchId: 'b1', invoiceId: 'inv-1' }],
  'payments.record': [
    { batchIds: ['b1', 'b2'], payer: '上海YYYY公司', amountFen: 945000, method: '转账', accountType: '在职', paidOn: '2020-04-20', proof: { name: '凭证.pdf', base64: 'JVBERi0=' } },
    { batchIds: ['b1'], payer: '上海YYYY公司', amountFen: 946000, proof: { name: '凭证.png', base64: 'iVBORw==' }, refund: { accountName: '上海YYYY公司', accountNumber: '31602300008022150', bank: '上海银行', amountFen: 1000, accountType: '对公', method: '原路退回' } },
  ],
  'payments.forBatch': [{ batchId: 'b1' }],
  'documents.available': [{ batchId: 'b1' }],
  'documents.generate': [{ batchId: 'b1', kind: 'paymentNotice', purpose: 'print' }, { batchId: 'b1', kind: 'confirmation', purpose: 'preview' }, { batchId: 'b1', kind: 'confirmation', purpose: 'print', allowMissingGlyphs: true }],
  'documents.recordPrints': [{ prints: [{ batchId: 'b1', kind: 'confirmation', printNumber: 2, documentNumber: 'BD2020000001', issuedOn: '2020-05-21', documentHash: 'a'.repeat(64) }] }],
  'documents.printQueue': [{ batchIds: ['b1', 'b2'], kind: 'paymentNotice' }, { batchIds: ['b1'], kind: 'confirmation', duplex: true }],
  'documents.printLog': [{}, { batchId: 'b1', limit: 50 }],
  'sync.status': [{}],
  'sync.retryNow': [{}],
  'auth.status': [{}],
  'auth.requestSmsCode': [{ phone: '13912345678' }],
  'auth.login': [{ account: '苏州市测试单位', password: 'secret' }, { account: '13912345678', smsCode: '8473' }],
  'auth.logout': [{}],
  ...ONBOARDING_VALID,
};

// [operation, input, the field the refusal must name, part of its message]
const INVALID: [OpName, unknown, string, string][] = [
  ['units.list', { unitId: 'u1' }, 'unitId', '不是此操作的输入'],
  ['units.get', {}, 'unitId', '缺少必填字段'],
  ['units.get', { unitId: '单位一' }, 'unitId', '编号格式不正确'],
  ['units.save', { unit: { ...unit, name: '   ' } }, 'unit.name', '（单位名称）：不能为空'],
  ['units.save', { unit: { ...unit, uscc: '91310115132200236' } }, 'unit.uscc', '18 位统一社会信用代码'],
  ['units.save', { unit: { ...unit, uscc: '9131011513220023IO' } }, 'unit.uscc', '不含 I、O、S、V、Z'],
  ['units.save', { unit: { ...unit, medicalInsuranceCode: '1234567' } }, 'unit.medicalInsuranceCode', '（医保代码）：必须是 6 位或 8 位数字'],
  ['units.save', { unit: { ...unit, handler: { ...unit.handler, phone: '1391234567' } } }, 'unit.handler.phone', '（经办人手机号码）：必须是 11 位手机号码'],
  ['units.save', { unit: { ...unit, handler: { ...unit.handler, idNumber: '11010119900307909' } } }, 'unit.handler.idNumber', '18 位身份证号码'],
  ['units.save', { unit: { ...unit, handler: { name: '丁一' } } }, 'unit.handler.phone', '缺少必填字段'],
  ['units.save', { unit: { ...unit, headCounts: { inService: 2, femaleInService: 3 } } }, 'unit.headCounts.femaleInService', '在职女职工人数不能多于在职职工人数'],
  ['units.save', { unit: { ...unit, contacts: [{ name: '沈晓雯', phone: '65245900' }] } }, 'unit.contacts[0].phone', '（联系人电话）'],
  ['units.register', { unitId: 7 }, 'unitId', '必须是文本编号'],
  ['units.renewalReminders', { unitId: '' }, 'unitId', '编号格式不正确'],
  ['units.exportRenewalReminders', { days: 30 }, 'days', '不是此操作的输入'],
  ['schemes.list', { city: '苏州' }, 'city', '不是此操作的输入'],
  ['schemes.get', {}, 'schemeId', '（保障方案）：缺少必填字段'],
  ['batches.create', { unitId: 'u1', schemeId: 'suzhou-2024', enrollmentType: 'monthly' }, 'enrollmentType', '必须是集中参保、即时参保、续保、新参保或保全之一'],
  ['batches.create', { unitId: 'u1', schemeId: 'shenzhen', enrollmentType: 'supplementary' }, 'policyBatchId', '保全（保单补充）必须选择要补充的已生效保单'],
  ['batches.create', { unitId: 'u1', schemeId: 'shenzhen', enrollmentType: 'central', policyBatchId: 'b0' }, 'policyBatchId', '只有保全（保单补充）才能指定已生效保单'],
  ['batches.create', { unitId: 'u1', schemeId: 'shanghai-2020', enrollmentType: 'instant', requestedStart: '2021-02-29' }, 'requestedStart', '必须是 YYYY-MM-DD 格式的有效日期'],
  ['batches.get', { batchId: '' }, 'batchId', '编号格式不正确'],
  ['batches.list', { states: ['paid'] }, 'states[0]', '（批次状态）：不是已知的批次状态'],
  ['batches.update', { batchId: 'b1', selection: [{ planCode: 'A0', shares: 0 }] }, 'selection[0].shares', '（份数）：必须是正整数'],
  ['batches.update', { batchId: 'b1', headCounts: { inService: -1, femaleInService: 0 } }, 'headCounts.inService', '必须是非负整数'],
  ['batches.transition', { batchId: 'b1', event: 'withdraw' }, 'reason', '撤回批次必须填写原因'],
  ['batches.transition', { batchId: 'b1', event: 'withdraw', reason: '  ' }, 'reason', '（原因）：不能为空'],
  ['batches.transition', { batchId: 'b1', event: 'approve' }, 'event', '必须是以下之一'],
  ['roster.import', { batchId: 'b1', file: { name: 'a.xlsx', base64: '一二三' } }, 'file.base64', '必须是 base64 编码的文件内容'],
  ['roster.import', { batchId: 'b1', file: { name: 'a.xlsx', base64: AAAA }, mode: 'merge' }, 'mode', '必须是 append 或 replace'],
  ['roster.importProgress', { jobId: null }, 'jobId', '必须是文本编号'],
  ['roster.cancelImport', {}, 'jobId', '（导入任务）：缺少必填字段'],
  ['roster.rows', { batchId: 'b1', limit: 5000 }, 'limit', '每次至多取 1000 条'],
  ['roster.rows', { batchId: 'b1', offset: -1 }, 'offset', '必须是非负整数'],
  ['roster.rows', { batchId: 'b1', severity: 'fatal' }, 'severity', '必须是 error、warning 或 info'],
  ['roster.addRow', { batchId: 'b1', row: { name: ' ' } }, 'row', '清册行不能为空'],
  ['roster.addRow', { batchId: 'b1', row: { idNumber: '110101199003079091' } }, 'row.idNumber', '不是此操作的输入'],
  ['roster.editRow', { batchId: 'b1', rowId: 'r1', changes: {} }, 'changes', '没有要修改的字段'],
  ['roster.editRow', { batchId: 'b1', rowId: 'r1', changes: { documentNumber: 320102 } }, 'changes.documentNumber', '（证件号码）：必须是文本'],
  ['roster.removeRows', { batchId: 'b1', rowIds: [] }, 'rowIds', '至少选择 1 行'],
  ['roster.findingCounts', { batchId: '' }, 'batchId', '编号格式不正确'],
  ['roster.recheck', { batchId: 'b1', force: true }, 'force', '不是此操作的输入'],
  ['roster.exportRejected', { batchId: 'b1', findingCodes: ['不可参保'] }, 'findingCodes[0]', '代码只能由字母、数字'],
  ['roster.rows', { batchId: 'b1', employmentStatus: '在岗' }, 'employmentStatus', '（在职状态）：必须是 在职、退休 或 -'],
  ['roster.rows', { batchId: 'b1', suggested: '是' }, 'suggested', '必须是 true 或 false'],
  ['roster.export', {}, 'batchId', '（批次）：缺少必填字段'],
  ['roster.imports', { batchId: 'b1', limit: 10 }, 'limit', '不是此操作的输入'],
  ['roster.suggestedList', { batchId: 'b 1' }, 'batchId', '编号格式不正确'],
  ['roster.takeSuggested', { batchId: 'b1', documentNumbers: [] }, 'documentNumbers', '至少选择 1 人'],
  ['roster.takeSuggested', { batchId: 'b1', documentNumbers: ['  '] }, 'documentNumbers[0]', '不能为空'],
  ['roster.takeSuggested', { batchId: 'b1', planCodes: [] }, 'planCodes', '（保障项目）：至少需要 1 个保障项目'],
  ['records.search', { coverageYearStart: '2020-04-31' }, 'coverageYearStart', '必须是 YYYY-MM-DD 格式的有效日期'],
  ['records.search', { states: [] }, 'states', '至少选择 1 个批次状态'],
  ['records.search', { limit: 1001 }, 'limit', '每次至多取 1000 条'],
  ['records.export', { planCode: 'A 0' }, 'planCode', '代码只能由字母、数字'],
  ['records.export', { offset: 0 }, 'offset', '不是此操作的输入'],
  ['records.person', { query: '' }, 'query', '不能为空'],
  ['batches.supplements', { batchId: '' }, 'batchId', '编号格式不正确'],
  ['todo.list', { kinds: ['coffee'] }, 'kinds[0]', '必须是以下之一'],
  ['claims.search', { unitId: 'u1', status: 'lost' }, 'status', '必须是以下之一'],
  ['claims.export', { unitId: 'u1', year: 1999 }, 'year', '2000 年以后'],
  ['templates.generate', { enrollmentType: 'central' }, 'schemeId', '缺少必填字段'],
  ['pricing.quote', { batchId: 'b1', selection: 'A0' }, 'selection', '（保障项目）：必须是列表'],
  ['payments.uploadProof', { ...VALID['payments.uploadProof'][0], amountFen: 9450.5 }, 'amountFen', '必须是以分为单位的整数金额'],
  ['payments.uploadProof', { ...VALID['payments.uploadProof'][0], amountFen: 0 }, 'amountFen', '金额必须大于 0'],
  ['payments.uploadProof', { ...VALID['payments.uploadProof'][0], amountFen: 2 ** 53 }, 'amountFen', '必须是以分为单位的整数金额'],
  ['payments.uploadProof', { ...VALID['payments.uploadProof'][0], paidOn: '2020/04/20' }, 'paidOn', '（缴费日期）：必须是 YYYY-MM-DD 格式的有效日期'],
  ['payments.uploadProof', { ...VALID['payments.uploadProof'][0], refund: { accountName: 'x', accountNumber: '3160-2300', bank: 'y', amountFen: 1 } }, 'refund.accountNumber', '（退款账号）'],
  ['invoices.request', { batchId: 'b1', invoices: [] }, 'invoices', '至少需要 1 张发票'],
  ['invoices.request', { batchId: 'b1', invoices: [{ title: '上海XXX公司', amountFen: -900000 }] }, 'invoices[0].amountFen', '（开票金额）：金额不能为负数'],
  ['invoices.request', { batchId: 'b1', invoices: [{ title: '上海XXX公司', amountFen: 100, remark: '备'.repeat(41) }] }, 'invoices[0].remark', '不能超过 40 个字符'],
  ['invoices.list', {}, 'batchId', '缺少必填字段'],
  ['invoices.document', { batchId: 'b1' }, 'invoiceId', '缺少必填字段'],
  ['payments.record', { ...VALID['payments.record'][0], batchIds: [] }, 'batchIds', '至少选择 1 个批次'],
  ['payments.forBatch', {}, 'batchId', '缺少必填字段'],
  ['invoices.request', { batchId: 'b1', invoices: [{ title: '深圳XXX公司', amountFen: 100 }], earlyCommitment: { name: '承诺书.pdf' } }, 'earlyCommitment.base64', '缺少必填字段'],
  ['payments.record', { ...VALID['payments.record'][0], batchIds: ['b1', 'b1'] }, 'batchIds', '同一批次不能选择两次'],
  ['payments.record', { ...VALID['payments.record'][0], proof: { name: '凭证.pdf', base64: '' } }, 'proof.base64', '文件内容为空'],
  ['documents.generate', { batchId: 'b1', kind: 'invoice', purpose: 'print' }, 'kind', '（文书种类）'],
  ['documents.generate', { batchId: 'b1', kind: 'paymentNotice' }, 'purpose', '缺少必填字段'],
  ['documents.printQueue', { batchIds: [], kind: 'paymentNotice' }, 'batchIds', '至少选择 1 个批次'],
  ['documents.available', {}, 'batchId', '缺少必填字段'],
  ['documents.recordPrints', { prints: [] }, 'prints', '至少需要 1 次打印'],
  ['documents.recordPrints', { prints: [{ batchId: 'b1', kind: 'confirmation', printNumber: 1, documentNumber: 'BD1', issuedOn: '2020-05-21', documentHash: 'not a hash' }] }, 'prints[0].documentHash', 'SHA-256'],
  ['documents.printLog', { limit: 0 }, 'limit', '必须是正整数'],
  ['sync.status', { verbose: true }, 'verbose', '不是此操作的输入'],
  ['sync.retryNow', { actionId: 'a1' }, 'actionId', '不是此操作的输入'],
  ['auth.status', { token: 'x' }, 'token', '不是此操作的输入'],
  ['auth.requestSmsCode', { phone: '0512-65245900' }, 'phone', '必须是 11 位手机号码'],
  ['auth.login', { account: '苏州市测试单位' }, 'password', '请填写密码或短信验证码（二者选一）'],
  ['auth.login', { account: '苏州市测试单位', password: 'x', smsCode: '8473' }, 'password', '二者选一'],
  ['auth.login', { account: '13912345678', smsCode: '84a3' }, 'smsCode', '必须是 4 到 8 位数字'],
  ['auth.logout', { all: true }, 'all', '不是此操作的输入'],
  ...ONBOARDING_INVALID,
];

describe('the operation map', () => {
  it('every operation has a zod input schema and a one-line description', () => {
    expect(OPERATION_NAMES.length).toBeGreaterThanOrEqual(30);
    for (const name of OPERATION_NAMES) {
      const op = OPERATIONS[name];
      expect(op.input, name).toBeInstanceOf(z.ZodType);
      expect(op.doc, name).toMatch(/^\S.*\S$/);
      expect(op.doc, name).not.toContain('\n');
      expect(name, name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    }
  });

  it('has valid and invalid samples for every operation, so no operation goes untested', () => {
    expect(Object.keys(VALID).sort()).toEqual([...OPERATION_NAMES].sort());
    expect([...new Set(INVALID.map(([op]) => op))].sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it('recognises operation names', () => {
    expect(isOperationName('batches.transition')).toBe(true);
    expect(isOperationName('toString')).toBe(false);
    expect(isOperationName('batches.approve')).toBe(false);
  });
});

describe('validateInput', () => {
  const valid = OPERATION_NAMES.flatMap((op) => (VALID[op] as unknown[]).map((input, i) => [`${op} #${i + 1}`, op, input] as const));
  it.each(valid)('accepts %s', (_label, op, input) => {
    const result = validateInput(op, input);
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
  });

  it.each(INVALID)('%s refuses %j naming the field', (op, input, field, message) => {
    const result = validateInput(op, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toContain(`字段“${field}”`);
    expect(result.error.message).toContain(message);
    expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(result.error.message).not.toMatch(/Invalid|expected|received/i);
  });

  it('names the first failing field in `field`', () => {
    const result = validateInput('units.save', { unit: { ...unit, handler: { ...unit.handler, phone: 'x' } } });
    expect(!result.ok && result.error.field).toBe('unit.handler.phone');
  });

  it('refuses unknown operations and non-object input', () => {
    expect(validateInput('batches.approve', {})).toEqual({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: '没有这个操作：batches.approve' } });
    for (const raw of [null, 'x', 3, [], undefined]) {
      expect(validateInput('units.list', raw)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '输入有误：必须是一个对象' } });
    }
  });

  it('lists at most five problems and counts the rest', () => {
    const result = validateInput('units.save', {
      unit: { name: '', uscc: 'x', medicalInsuranceCode: 'x', handler: { name: '', phone: 'x', email: 'x', idNumber: 'x' } },
    });
    expect(!result.ok && result.error.message).toMatch(/；另有 2 处问题$/);
  });

  it('hands the handler normalised values with defaults filled in', () => {
    const result = validateInput('units.save', { unit: { ...unit, name: ' 上海浦东园林绿化实业第一公司 ', contacts: undefined } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectTypeOf(result.value).toEqualTypeOf<ValidIn<'units.save'>>();
    expect(result.value.unit).toMatchObject({
      name: '上海浦东园林绿化实业第一公司',
      uscc: '91310115132200236K',
      handler: { idNumber: '11010119900307909X' },
      contacts: [],
    });
    const rows = validateInput('roster.rows', { batchId: 'b1' });
    expect(rows.ok && rows.value).toEqual({ batchId: 'b1', offset: 0, limit: 200 });
    const imported = validateInput('roster.import', { batchId: 'b1', file: { name: 'a.xlsx', base64: AAAA } });
    expect(imported.ok && imported.value.mode).toBe('append');
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2020-13-01', false],
    ['20200401', false],
  ])('calendar days go through parseIsoDate: %s', (requestedStart, ok) => {
    expect(validateInput('batches.update', { batchId: 'b1', requestedStart }).ok).toBe(ok);
  });
});

describe('the typed API', () => {
  it('derives each method from the map', () => {
    expectTypeOf<Out<'batches.get'>>().toEqualTypeOf<BatchDetail>();
    expectTypeOf<Out<'pricing.quote'>>().toEqualTypeOf<PriceQuote>();
    expectTypeOf<ApplicationApi['units.list']>().toEqualTypeOf<(input: In<'units.list'>) => Promise<UnitProfile[]>>();
    expectTypeOf<In<'roster.rows'>>().toHaveProperty('offset');
  });

  it('a client forwards every operation by name over its transport', async () => {
    const calls: [string, unknown][] = [];
    const api = createApiClient(async (operation, input) => {
      calls.push([operation, input]);
      return { echoed: operation };
    });
    for (const op of OPERATION_NAMES) expect(typeof api[op], op).toBe('function');
    await expect(api['batches.get']({ batchId: 'b1' })).resolves.toEqual({ echoed: 'batches.get' });
    await api['roster.removeRows']({ batchId: 'b1', rowIds: ['r1'] });
    expect(calls).toEqual([
      ['batches.get', { batchId: 'b1' }],
      ['roster.removeRows', { batchId: 'b1', rowIds: ['r1'] }],
    ]);
    expect(httpPath('roster.importProgress')).toBe('/api/roster.importProgress');
  });
});

describe('pushed events', () => {
  it('recognises the event types and nothing else', () => {
    expect(API_EVENT_TYPES).toEqual(['import.progress', 'sync.status', 'batch.changed', 'print.progress', 'record.progress']);
    expect(isApiEvent({ type: 'sync.status', status: {} })).toBe(true);
    expect(isApiEvent({ type: 'sync.unknown' })).toBe(false);
    expect(isApiEvent(null)).toBe(false);
  });
});
