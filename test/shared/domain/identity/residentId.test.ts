import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '../../../../shared/domain/dates';
import {
  checkIdDocument, checkResidentId, convertResidentId15To18, mod11_2CheckCharacter, PROVINCE_NAMES,
  type IdFindingCode,
} from '../../../../shared/domain/identity';
import divisionCodes from '../../../../shared/domain/identity/divisionCodes.json';
import { referenceMod11_2 } from './referenceChecks';

const TODAY = '2025-06-01';
const codes = (n: string, today = TODAY) => checkResidentId(n, today).findings.map((f) => f.code);

describe('MOD 11-2 check character', () => {
  // Each verified by hand with the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
  it.each([
    ['11010519491231002X', 'X'], // GB 11643-1999's own example
    ['440524188001010014', '4'], // GB 11643-1999's own example
    ['110101199003074477', '7'],
    ['110101199003079091', '1'], // Shanghai's import-template example
    ['320102198511055521', '1'],
    ['350102195001010114', '4'],
  ])('%s ends in %s', (id, check) => {
    expect(mod11_2CheckCharacter(id.slice(0, 17))).toBe(check);
    expect(referenceMod11_2(id.slice(0, 17))).toBe(check);
  });

  it.each(['', '1234567890123456', '1101051949123100A', '11010519491231 02'])('is null for %j', (s) => {
    expect(mod11_2CheckCharacter(s)).toBeNull();
  });
});

describe('checkResidentId: valid numbers', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['110101199003074477', '1990-03-07', 'male'],
    ['110101199003079091', '1990-03-07', 'male'],
    ['320102198511055521', '1985-11-05', 'female'],
    ['460102199912310007', '1999-12-31', 'female'],
    ['110105200002290013', '2000-02-29', 'male'], // a leap day in a year divisible by 400
    ['11010519000101001X', '1900-01-01', 'male'], // the earliest birth date accepted
    ['110105202506010010', '2025-06-01', 'male'], // born today
  ])('%s: born %s, %s', (id, birthDate, gender) => {
    expect(checkResidentId(id, TODAY)).toEqual({ kind: 'residentId', normalized: id, valid: true, birthDate, gender, findings: [] });
  });

  it('trims surrounding spaces, including a full-width one', () => {
    const r = checkResidentId('\u3000 110101199003074477 \t', TODAY);
    expect(r.normalized).toBe('110101199003074477');
    expect(r.valid).toBe(true);
  });

  it('accepts a lower-case x, stores it upper-case and records the change without a warning', () => {
    const r = checkResidentId('11010519491231002x', TODAY);
    expect(r.normalized).toBe('11010519491231002X');
    expect(r.valid).toBe(true);
    expect(r.findings).toEqual([{ code: 'idLowerCaseX', severity: 'info', message: '末位小写x已改为大写X' }]);
  });
});

describe('checkResidentId: check character', () => {
  it.each([
    ['110101199003074478', '7'],
    ['110105194912310020', 'X'],
    ['110101199003074470', '7'],
    ['11010119900307447X', '7'],
    ['440524199001010011', '8'],
  ])('%s is refused; the hint names %s', (id, expected) => {
    const r = checkResidentId(id, TODAY);
    expect(r.valid).toBe(false);
    const f = r.findings.find((x) => x.code === 'idCheckDigit');
    expect(f).toMatchObject({ severity: 'error', message: '身份证号码校验位错误' });
    expect(f?.hint).toMatch(new RegExp(`^校验位应为${expected}`));
  });

  it('keeps birth date and gender readable when only the check character is wrong', () => {
    expect(checkResidentId('110101199003074478', TODAY)).toMatchObject({ birthDate: '1990-03-07', gender: 'male', valid: false });
  });
});

describe('checkResidentId: birth date', () => {
  it.each<[string, IdFindingCode, string]>([
    ['11010519900230001X', 'idBirthDateInvalid', '出生日期 19900230 不存在'],
    ['110105199013010018', 'idBirthDateInvalid', '出生日期 19901301 不存在'],
    ['110105190002290017', 'idBirthDateInvalid', '出生日期 19000229 不存在'], // 1900 is no leap year
    ['110105202302290014', 'idBirthDateInvalid', '出生日期 20230229 不存在'],
    ['110105189912310015', 'idBirthDateTooOld', '出生日期 18991231 早于1900年'],
    ['110105202506020016', 'idBirthDateFuture', '出生日期 20250602 晚于今天（2025-06-01）'],
  ])('%s: %s', (id, code, message) => {
    const r = checkResidentId(id, TODAY);
    expect(r.valid).toBe(false);
    expect(r.birthDate).toBeUndefined();
    expect(r.findings).toEqual([expect.objectContaining({ code, severity: 'error', message })]);
  });

  it('GB 11643-1999’s own example: too old, and its address code 440524 (潮阳县, abolished) is not in the data: a warning only', () => {
    const r = checkResidentId('440524188001010014', TODAY);
    expect(r.valid).toBe(false);
    expect(r.findings).toEqual([
      expect.objectContaining({ code: 'idAddressCodeUnknown', severity: 'warning' }),
      expect.objectContaining({ code: 'idBirthDateTooOld', severity: 'error', message: '出生日期 18800101 早于1900年' }),
    ]);
  });

  it('says how many days the month has', () => {
    expect(checkResidentId('11010519900230001X', TODAY).findings[0]?.hint).toContain('1990年2月只有28天');
  });

  it('judges the future against the `today` given, not the clock', () => {
    expect(checkResidentId('110105202506020016', '2025-06-02').valid).toBe(true);
    expect(checkResidentId('110105202506020016', '2025-06-01').valid).toBe(false);
    // Alternating the day checks that a cached `today` is not reused.
    expect(checkResidentId('110105202506020016', '2025-06-02').valid).toBe(true);
  });

  it('skips the future check rather than failing every row when `today` is unusable', () => {
    expect(checkResidentId('110105202506020016', 'not a date').valid).toBe(true);
  });
});

describe('checkResidentId: province and address code', () => {
  it('has the 34 first-digit pairs, 83 for Taiwan residence permits and no 91', () => {
    expect(Object.keys(PROVINCE_NAMES)).toHaveLength(35);
    expect(PROVINCE_NAMES['83']).toBeDefined();
    expect(PROVINCE_NAMES['91']).toBeUndefined();
  });

  it.each([
    ['54010219800101001', true], // 西藏
    ['65010219880808888', true], // 新疆
    ['15010219700707707', true], // 内蒙古
    ['16010219800101001', false],
    ['20010219800101001', false],
    ['91010219800101001', false],
    ['00010219800101001', false],
    ['99010519491231002', false],
  ])('%s…: province valid %s', (body, ok) => {
    const id = body + referenceMod11_2(body);
    expect(codes(id).includes('idProvince')).toBe(!ok);
    expect(checkResidentId(id, TODAY).valid).toBe(ok);
  });

  it('explains a leading 9 as a permanent residence ID', () => {
    const f = checkResidentId('990105194912310023', TODAY).findings.find((x) => x.code === 'idProvince');
    expect(f?.message).toBe('身份证号码前两位“99”不是有效的省级行政区划代码');
    expect(f?.hint).toContain('外国人永久居留身份证');
  });

  it.each([
    ['11000019900101001', 'idAddressCodeUnknown'],
    ['11001219900101001', 'idAddressCodeUnknown'],
    ['71000019800101001', 'idAddressCodeUnknown'],
  ])('%s…: the address code is only a warning', (body, code) => {
    const r = checkResidentId(body + referenceMod11_2(body), TODAY);
    expect(r.valid).toBe(true);
    expect(r.findings).toEqual([expect.objectContaining({ code, severity: 'warning' })]);
  });

  it('flags a residence-permit prefix as the wrong kind but keeps the number valid', () => {
    const r = checkResidentId('810000199408230021', TODAY);
    expect(r.valid).toBe(true);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'idKindMismatch', severity: 'warning' })]);
  });
});

describe('checkResidentId: 15-digit numbers', () => {
  it('converts 110105491231002 to 11010519491231002X and flags it', () => {
    expect(convertResidentId15To18('110105491231002')).toBe('11010519491231002X');
    const r = checkResidentId('110105491231002', TODAY);
    expect(r).toMatchObject({ normalized: '11010519491231002X', valid: true, birthDate: '1949-12-31', gender: 'female' });
    expect(r.findings).toEqual([expect.objectContaining({ code: 'idConvertedFrom15', severity: 'warning' })]);
    expect(r.findings[0]?.message).toContain('11010519491231002X');
  });

  it.each([
    ['440524800101001', '440524198001010013'],
    ['320102851105552', '320102198511055521'],
  ])('%s -> %s', (old, converted) => {
    expect(convertResidentId15To18(old)).toBe(converted);
    expect(checkResidentId(old, TODAY).normalized).toBe(converted);
  });

  it('checks the converted birth date and province', () => {
    expect(codes('110105900230001')).toEqual(['idConvertedFrom15', 'idBirthDateInvalid']);
    expect(checkResidentId('110105900230001', TODAY).findings[1]?.hint).toContain('第7–12位');
    expect(codes('990105491231002')).toEqual(['idConvertedFrom15', 'idProvince']);
  });

  it('refuses a 15-character number with a letter, saying where', () => {
    const r = checkResidentId('11010549123100X', TODAY);
    expect(r).toMatchObject({ valid: false, normalized: '11010549123100X' });
    expect(r.findings).toEqual([expect.objectContaining({ code: 'idCharacter', message: '身份证号码第15位“X”不是数字' })]);
    expect(convertResidentId15To18('11010549123100X')).toBeNull();
  });
});

describe('checkResidentId: shape errors', () => {
  it.each([
    ['', 'idEmpty', '身份证号码为空'],
    ['   ', 'idEmpty', '身份证号码为空'],
    ['1101011990030744', 'idLength', '身份证号码应为18位（当前16位）'],
    ['1101011990030744770', 'idLength', '身份证号码应为18位（当前19位）'],
    ['11010119900307447', 'idLength', '身份证号码应为18位（当前17位）'],
    ['3.20102E+17', 'idScientificNotation', '身份证号码已被Excel转成科学计数法（3.20102E+17），原号码无法恢复'],
    ['11010119900307447A', 'idCharacter', '身份证号码第18位“A”应为数字或X'],
    ['1101011990030744X7', 'idCharacter', '身份证号码第17位“X”不是数字'],
    ['11010119900307-477', 'idCharacter', '身份证号码第15位“-”不是数字'],
    ['110101 99003074477', 'idCharacter', '身份证号码第7位“空格”不是数字'],
  ])('%j: %s', (id, code, message) => {
    const r = checkResidentId(id, TODAY);
    expect(r.valid).toBe(false);
    expect(r.normalized).toBe(id.trim());
    expect(r.birthDate).toBeUndefined();
    expect(r.gender).toBeUndefined();
    expect(r.findings).toEqual([expect.objectContaining({ code, severity: 'error', message })]);
  });

  it('suggests the missing check character of a 17-digit number', () => {
    expect(checkResidentId('11010119900307447', TODAY).findings[0]?.hint).toContain('应为7');
  });

  it('names every wrong position and the look-alike letters', () => {
    const f = checkResidentId('11O1051949123l002X', TODAY).findings[0];
    expect(f?.message).toBe('身份证号码第3位“O”不是数字，第14位“l”不是数字');
    expect(f?.hint).toContain('第3位的字母O应为数字0');
    expect(f?.hint).toContain('第14位的字母l应为数字1');
  });

  it('counts a Chinese character as one position', () => {
    expect(checkResidentId('11010119900307447七', TODAY).findings[0]?.message).toBe('身份证号码第18位“七”应为数字或X');
    expect(checkResidentId('身份证', TODAY).findings[0]?.message).toBe('身份证号码应为18位（当前3位）');
  });
});

describe('checkResidentId: properties', () => {
  // Issued numbers carry a real county's code.
  const counties = Object.keys(divisionCodes.current).filter((c) => Number(c.slice(0, 2)) <= 65 && !c.endsWith('00'));
  const body = fc
    .record({
      address: fc.constantFrom(...counties),
      day: fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber(TODAY) }),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ address, day, sequence }) => {
      const pad = (n: number, w: number) => String(n).padStart(w, '0');
      const date = fromDayNumber(day);
      return { first17: `${address}${date.replaceAll('-', '')}${pad(sequence, 3)}`, date };
    });

  it('17 digits with a real date and their check character form a valid ID with that birth date and gender', () => {
    fc.assert(fc.property(body, ({ first17, date }) => {
      const r = checkIdDocument('residentId', first17 + referenceMod11_2(first17), TODAY);
      expect(r.valid).toBe(true);
      expect(r.findings).toEqual([]);
      expect(r.birthDate).toBe(date);
      expect(r.gender).toBe(Number(first17[16]) % 2 === 1 ? 'male' : 'female');
    }));
  });

  it('changing any single character makes it invalid', () => {
    fc.assert(fc.property(body, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), ({ first17 }, at, shift) => {
      const id = first17 + referenceMod11_2(first17);
      const alphabet = at === 17 ? '0123456789X' : '0123456789';
      const old = alphabet.indexOf(id[at]!);
      const replacement = alphabet[(old + (shift % alphabet.length || 1)) % alphabet.length]!;
      const changed = id.slice(0, at) + replacement + id.slice(at + 1);
      expect(changed).not.toBe(id);
      const r = checkIdDocument('residentId', changed, TODAY);
      expect(r.valid).toBe(false);
      expect(r.findings.map((f) => f.code)).toContain('idCheckDigit');
    }));
  });

  it('never throws and always answers with findings when invalid', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
      const r = checkResidentId(s, TODAY);
      expect(r.valid).toBe(!r.findings.some((f) => f.severity === 'error'));
      if (!r.valid) expect(r.findings.length).toBeGreaterThan(0);
    }));
  });
});
