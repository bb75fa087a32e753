/**
 * Row checks, with cases from the manuals: Shanghai's passport row and over-age rules
 * (002), Suzhou's women's plan (000), Wuxi's bank-card columns (001), Qingdao's
 * activities with shares (004).
 */
import { describe, expect, it } from 'vitest';
import { checkRosterRow, type RowCheckContext } from '../../../../shared/domain/roster/checkRow';
import type { RawRosterRow } from '../../../../shared/domain/roster/fields';
import { verdictOf } from '../../../../shared/domain/roster/findings';
import { schemeById } from '../../../../shared/schemes';

const shanghai = schemeById('shanghai-2020')!;
const suzhou = schemeById('suzhou-2024')!;
const wuxi = schemeById('wuxi-2023')!;
const qingdao = schemeById('qingdao-2025')!;

// Verified MOD 11-2 numbers: digit 17 odd = male, even = female.
const MAN_1985 = '310101198506151238';
const WOMAN_1964 = '310101196403101247'; // 56 on 2020-04-01: over Shanghai's 55
const MAN_1959 = '310101195901011215'; // 61 on 2020-04-01: over 60
const WOMAN_1990 = '310101199002281228';

const shanghaiCentral: RowCheckContext = {
  scheme: shanghai,
  enrollmentType: 'central',
  today: '2020-04-20',
  submissionDate: '2020-04-20',
  coverStart: '2020-04-01',
  selection: [
    { planCode: 'A0', shares: 1 },
    { planCode: 'B0', shares: 1 },
    { planCode: 'C0', shares: 1 },
  ],
  overAgeCommitmentSigned: false,
};

const row = (values: RawRosterRow): RawRosterRow => ({ name: '张三', documentType: '身份证', socialSecurity: '是', ...values });
const codes = (values: RawRosterRow, ctx: RowCheckContext = shanghaiCentral) => checkRosterRow(values, ctx).findings.map((f) => f.code);

describe('Shanghai rows', () => {
  it('accepts a person with social security for A0+B0+C0 and reads birth date and gender from the ID', () => {
    const r = checkRosterRow(row({ documentNumber: MAN_1985 }), shanghaiCentral);
    expect(r.findings).toEqual([]);
    expect(r.person).toMatchObject({ birthDate: '1985-06-15', gender: 'male', socialSecurity: 'yes', documentKind: 'residentId' });
    expect(r.person.plans.map((p) => p.planCode)).toEqual(['A0', 'B0', 'C0']);
  });

  it("takes the manual's passport row (王豆, 护照 H801213602X, 1998-12-09, 男, no social security) for B0 and C0 only", () => {
    const r = checkRosterRow(
      { name: '王豆', documentType: '护照', documentNumber: 'H801213602X', birthDate: '1998-12-09', gender: '男', socialSecurity: '否' },
      shanghaiCentral,
    );
    expect(verdictOf(r.findings)).toBe('info');
    expect(r.findings.map((f) => f.code)).toEqual(['socialSecurityRequired']);
    expect(r.person.plans.map((p) => p.planCode)).toEqual(['B0', 'C0']);
    expect(r.person).toMatchObject({ documentKind: 'passport', birthDate: '1998-12-09', gender: 'male' });
  });

  it.each([
    ['birthDate', { gender: '男' }],
    ['gender', { birthDate: '1998-12-09' }],
  ] as const)('requires %s on a passport row', (field, extra) => {
    const r = checkRosterRow({ name: '王豆', documentType: '护照', documentNumber: 'H801213602X', socialSecurity: '否', ...extra }, shanghaiCentral);
    const missing = r.findings.find((f) => f.code === 'missingField');
    expect(missing).toMatchObject({ severity: 'error', field });
  });

  it.each([
    ['an over-age woman with social security and nothing ticked', { documentNumber: WOMAN_1964 }, false, 'overAgeNeedsMedicalInService', 'error'],
    ['an over-age woman with 医保享受在职待遇 but no commitment', { documentNumber: WOMAN_1964, medicalInService: '是' }, false, 'overAgeNeedsCommitment', 'error'],
    ['an over-age woman kept with the commitment', { documentNumber: WOMAN_1964, medicalInService: '是' }, true, 'keptOverAge', 'info'],
    ['an over-age man without social security', { documentNumber: MAN_1959, socialSecurity: '否' }, true, 'overAge', 'error'],
  ] as const)('%s', (_what, values, signed, code, severity) => {
    const r = checkRosterRow(row(values), { ...shanghaiCentral, overAgeCommitmentSigned: signed });
    const f = r.findings.find((x) => x.code === code);
    expect(f?.severity).toBe(severity);
    expect(verdictOf(r.findings)).toBe(severity);
  });

  it('groups the same refusal over A0, B0 and C0 into one finding', () => {
    const r = checkRosterRow(row({ documentNumber: WOMAN_1964 }), shanghaiCentral);
    expect(r.findings.filter((f) => f.code === 'overAgeNeedsMedicalInService')).toHaveLength(1);
    expect(r.findings[0]!.message).toContain('B0');
    expect(r.person.plans).toEqual([]);
    expect(r.findings.some((f) => f.code === 'noEligiblePlan')).toBe(true);
  });

  it('lists the kept over-age plans for the commitment letter', () => {
    const r = checkRosterRow(row({ documentNumber: WOMAN_1964, medicalInService: '是' }), { ...shanghaiCentral, overAgeCommitmentSigned: true });
    expect(r.person.keptOverAge).toEqual(['A0', 'B0', 'C0']);
    expect(r.person.plans).toHaveLength(3);
  });

  it('asks the clerk to confirm a person whose 职退情况 is "-" (status unknown in past rosters)', () => {
    const r = checkRosterRow(row({ documentNumber: MAN_1985, socialSecurity: '否', employmentStatus: '-' }), shanghaiCentral);
    expect(r.person.socialSecurity).toBe('unknown');
    const f = r.findings.find((x) => x.code === 'socialSecurityUnknown');
    expect(f?.severity).toBe('warning');
  });

  it('says an ID that Excel turned into scientific notation cannot be recovered', () => {
    const r = checkRosterRow(row({ documentNumber: '3.10101E+17' }), shanghaiCentral);
    const f = r.findings.find((x) => x.code === 'idScientificNotation');
    expect(f).toMatchObject({ severity: 'error', field: 'documentNumber' });
    expect(f!.message).toContain('无法恢复');
    expect(f!.hint).toContain('文本');
  });

  it('normalises what Excel and IMEs leave: full-width digits, zero-width spaces, a lower-case x, 有/无', () => {
    const r = checkRosterRow(
      { name: ' 李\u200b四 ', documentType: '居民身份证', documentNumber: '１１０１０５１９４９１２３１００２ｘ', socialSecurity: '有' },
      shanghaiCentral,
    );
    expect(r.values).toMatchObject({ name: '李四', documentType: '身份证', documentNumber: '11010519491231002X', socialSecurity: '是' });
    // Born 1949: over age, but the number itself is clean.
    expect(r.findings.filter((f) => f.field === 'documentNumber')).toEqual([]);
  });

  it('reports a wrong check digit with the right one', () => {
    const r = checkRosterRow(row({ documentNumber: MAN_1985.slice(0, 17) + '0' }), shanghaiCentral);
    const f = r.findings.find((x) => x.field === 'documentNumber' && x.severity === 'error');
    expect(f?.hint).toContain('8');
  });

  it('refuses a value outside the template list', () => {
    const r = checkRosterRow(row({ documentNumber: MAN_1985, socialSecurity: '不清楚' }), shanghaiCentral);
    expect(r.findings.find((f) => f.field === 'socialSecurity')).toMatchObject({ code: 'valueNotAllowed', severity: 'error' });
  });

  it('warns when the gender column contradicts the ID and believes the ID', () => {
    const r = checkRosterRow(row({ documentNumber: WOMAN_1990, gender: '男' }), shanghaiCentral);
    expect(r.findings.map((f) => f.code)).toContain('genderMismatch');
    expect(r.person.gender).toBe('female');
  });

  it('reads Excel date serials in the birth-date column', () => {
    const r = checkRosterRow({ name: 'JOHN SMITH', documentType: '护照', documentNumber: 'P1234567', birthDate: '32874', gender: 'M', socialSecurity: '否' }, shanghaiCentral);
    expect(r.values.birthDate).toBe('1990-01-01');
    expect(r.person.gender).toBe('male');
  });

  it('refuses a number of no known document shape when no type is given', () => {
    const r = checkRosterRow({ name: '周芳', documentNumber: '12345' }, { ...shanghaiCentral });
    expect(r.findings.find((f) => f.field === 'documentNumber')).toMatchObject({ code: 'documentTypeUnknown', severity: 'error' });
  });

  it('refuses a document type the association does not accept', () => {
    expect(codes(row({ documentType: '回乡证', documentNumber: 'H12345678' }))).toContain('documentTypeNotAccepted');
  });

  it('requires the required columns', () => {
    const r = checkRosterRow({ documentNumber: MAN_1985 }, shanghaiCentral);
    const missing = r.findings.filter((f) => f.code === 'missingField').map((f) => f.field);
    expect(missing).toEqual(expect.arrayContaining(['name', 'documentType', 'socialSecurity']));
  });
});

describe('Suzhou rows: the women’s plan', () => {
  const ctx: RowCheckContext = {
    scheme: suzhou,
    enrollmentType: 'renewal',
    today: '2024-09-10',
    submissionDate: '2024-09-10',
    coverStart: '2024-10-01',
    selection: [
      { planCode: 'YL', shares: 1 },
      { planCode: 'NZ', shares: 1 },
    ],
    overAgeCommitmentSigned: false,
  };

  it('enrolls a woman in both plans', () => {
    const r = checkRosterRow({ name: '周芳', documentNumber: '320501198808080029' }, ctx);
    expect(r.findings).toEqual([]);
    expect(r.person.plans.map((p) => p.planCode)).toEqual(['YL', 'NZ']);
  });

  it('enrolls a man in the general plan only, with a note', () => {
    const r = checkRosterRow({ name: '吴强', documentNumber: '320501199201010010' }, ctx);
    expect(r.person.plans.map((p) => p.planCode)).toEqual(['YL']);
    expect(r.findings).toMatchObject([{ code: 'genderNotAllowed', severity: 'info' }]);
  });

  it('guesses the document from its shape where the template has no 证件类型 column value', () => {
    expect(checkRosterRow({ name: '周芳', documentNumber: '320501198808080029' }, ctx).person.documentKind).toBe('residentId');
  });
});

describe('Wuxi rows: bank card and phone', () => {
  const ctx: RowCheckContext = {
    scheme: wuxi,
    enrollmentType: 'central',
    today: '2023-02-10',
    submissionDate: '2023-02-10',
    coverStart: '2023-03-01',
    selection: [{ planCode: 'SHY', shares: 1 }],
    overAgeCommitmentSigned: false,
  };
  const base = { name: '钱多', documentNumber: '320501199201010010', bankName: '工商银行', phone: '13812345678' };

  it.each([
    ['a valid row', { bankCard: '6222021001115224' }, []],
    ['a missing bank card', {}, ['missingField']],
    ['a bank card Excel turned into 6.22202E+15', { bankCard: '6.22202E+15' }, ['idScientificNotation']],
    ['a phone one digit short', { bankCard: '6222021001115224', phone: '1381234567' }, ['phone']],
  ] as const)('%s', (_what, extra, expected) => {
    const r = checkRosterRow({ ...base, ...extra }, ctx);
    const errors = r.findings.filter((f) => f.severity === 'error');
    if (expected.length === 0) expect(errors).toEqual([]);
    else if (expected[0] === 'phone') expect(errors.map((f) => f.field)).toEqual(['phone']);
    else expect(errors.map((f) => f.code)).toEqual(expected);
  });

  it('only warns on a card number failing Luhn (not every bank uses it)', () => {
    const r = checkRosterRow({ ...base, bankCard: '6222021001115226' }, ctx);
    expect(verdictOf(r.findings)).toBe('warning');
  });
});

describe('Qingdao rows: each person takes activities with shares', () => {
  const ctx: RowCheckContext = {
    scheme: qingdao,
    enrollmentType: 'new',
    today: '2025-03-01',
    submissionDate: '2025-03-01',
    coverStart: null,
    selection: [],
    overAgeCommitmentSigned: false,
  };

  it('takes the activity named on the row with the row’s shares', () => {
    const r = checkRosterRow({ name: '孙丽', documentType: '居民身份证', documentNumber: '370202197512120022', plans: 'NGTB-25', shares: '2' }, ctx);
    expect(r.findings).toEqual([]);
    expect(r.person.plans).toEqual([{ planCode: 'NGTB-25', shares: 2 }]);
  });

  it('refuses the women’s activity for a man, as an error since it was chosen for him', () => {
    const r = checkRosterRow({ name: '赵刚', documentType: '居民身份证', documentNumber: '370202198001010037', plans: '女工特病2025版(标准版)(会费25元)' }, ctx);
    expect(r.findings.find((f) => f.code === 'genderNotAllowed')?.severity).toBe('error');
    expect(r.person.plans).toEqual([]);
  });

  it('reads plans named in the row by code or name, and refuses unknown ones', () => {
    const r = checkRosterRow({ name: '赵刚', documentType: '居民身份证', documentNumber: '370202198001010037', plans: 'YWSH-20、不存在的活动' }, ctx);
    expect(r.person.plans).toEqual([{ planCode: 'YWSH-20', shares: 1 }]);
    expect(r.findings.map((f) => f.code)).toEqual(['planUnknown']);
  });

  it('refuses a share count that is not a whole number', () => {
    expect(codes({ name: '孙丽', documentType: '居民身份证', documentNumber: '370202197512120022', plans: 'NGTB-25', shares: '1.5' }, ctx)).toContain('sharesInvalid');
  });

  it('asks for an activity when the row names none', () => {
    expect(codes({ name: '孙丽', documentType: '居民身份证', documentNumber: '370202197512120022' }, ctx)).toEqual(['planMissing']);
  });
});
