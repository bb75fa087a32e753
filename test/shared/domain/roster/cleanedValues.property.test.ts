/**
 * The stored row is the cleaned one (RowCheck.values), and every later check (an edit, a
 * full re-check, the association's) starts from it: checking the cleaned values of a row
 * must give the same findings as checking the row as the clerk's file had it, whatever
 * Excel and IMEs did to its cells.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mod11_2CheckCharacter } from '../../../../shared/domain/identity';
import { checkRosterRow, type RawRosterRow, type RowCheckContext } from '../../../../shared/domain/roster';
import { schemeById } from '../../../../shared/schemes';

const FULL_WIDTH = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const NOISE = ['', ' ', '\u3000', '\u200b', '\u00a0', '\ufeff'];

/** What happens to a cell on its way from the clerk's hands: padding, invisible characters, full-width forms. */
const mangled = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.constantFrom(...NOISE), fc.constantFrom(...NOISE), fc.boolean()).map(([t, before, after, wide]) => `${before}${wide ? FULL_WIDTH(t) : t}${after}`);

const residentId = fc
  .tuple(fc.constantFrom('310101', '110105', '320214', '310102', '319999'), fc.integer({ min: 1940, max: 2010 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 999 }), fc.boolean())
  .map(([area, y, m, d, seq, broken]) => {
    const body = `${area}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
    const check = mod11_2CheckCharacter(body)!;
    return (body + (broken ? (check === '0' ? '1' : '0') : check)).toLowerCase();
  });
const documentNumber = fc.oneof(residentId, fc.constantFrom('3.20102E+17', 'E12345678', 'H80121360', '12345', '310101900307123'));
const name = fc.constantFrom('王豆豆', '张 三', 'John Smith', '李四1', '欧阳娜娜');
const yesNo = fc.constantFrom('是', '否', '有', '无', 'Y', 'N', '-', '不知道');
const gender = fc.constantFrom('男', '女', '男性', '女性', 'M', 'F', '未知');
const date = fc.constantFrom('1990-01-01', '1990/1/1', '19900101', '1990.01.01', '33000', '1990-02-30');
const phone = fc.constantFrom('13800138000', '138 0013 8000', '1380013800', '');
const documentType = fc.constantFrom('身份证', '居民身份证', '护照', '驾驶证');

function rowOf(scheme: string): fc.Arbitrary<RawRosterRow> {
  const cells: Record<string, fc.Arbitrary<string>> = {
    name: mangled(name),
    documentType: mangled(documentType),
    documentNumber: mangled(documentNumber),
    birthDate: mangled(date),
    gender: mangled(gender),
    phone: mangled(phone),
    socialSecurity: mangled(yesNo),
    employmentStatus: mangled(fc.constantFrom('在职', '退休', '-')),
    medicalInService: mangled(yesNo),
    bankCard: mangled(fc.constantFrom('6228480402564890018', '6228 4804 0256 4890 018', '622848')),
    bankName: mangled(fc.constantFrom('无锡市农村商业银行', '工行', '中国银行无锡分行')),
    shares: mangled(fc.constantFrom('1', '2', '0', '一')),
    newEmploymentForm: mangled(yesNo),
  };
  const columns = schemeById(scheme)!.roster.columns.map((c) => c.key).filter((k) => k in cells);
  return fc.record(Object.fromEntries(columns.map((k) => [k, fc.option(cells[k]!, { nil: undefined })]))).map((r) => {
    const out: RawRosterRow = {};
    for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k as keyof RawRosterRow] = v;
    return out;
  });
}

const CONTEXTS: [string, Omit<RowCheckContext, 'scheme'>][] = [
  ['shanghai-2020', { enrollmentType: 'central', today: '2020-04-20', submissionDate: '2020-04-20', coverStart: '2020-04-01', selection: [{ planCode: 'A0', shares: 1 }, { planCode: 'B0', shares: 1 }], overAgeCommitmentSigned: false }],
  ['wuxi-2023', { enrollmentType: 'new', today: '2023-03-10', submissionDate: '2023-03-10', coverStart: null, selection: [{ planCode: 'SHY', shares: 1 }], overAgeCommitmentSigned: false }],
  ['suzhou-2024', { enrollmentType: 'renewal', today: '2024-09-10', submissionDate: '2024-09-10', coverStart: '2024-10-01', selection: [{ planCode: 'YL', shares: 1 }], overAgeCommitmentSigned: false }],
  ['shenzhen', { enrollmentType: 'new', today: '2025-01-10', submissionDate: '2025-01-10', coverStart: '2025-02-01', selection: [{ planCode: 'ZY', shares: 1 }], overAgeCommitmentSigned: false }],
  ['qingdao-2025', { enrollmentType: 'new', today: '2025-11-25', submissionDate: '2025-11-25', coverStart: null, selection: [], overAgeCommitmentSigned: false }],
];

describe.each(CONTEXTS)('%s: checking the cleaned values gives the findings of the raw row', (schemeId, rest) => {
  const ctx: RowCheckContext = { scheme: schemeById(schemeId)!, ...rest };
  it('for rows as clerks’ files have them', () => {
    fc.assert(
      fc.property(rowOf(schemeId), (raw) => {
        const first = checkRosterRow(raw, ctx);
        const again = checkRosterRow(first.values, ctx);
        expect(again.findings).toEqual(first.findings);
        expect(again.values).toEqual(first.values);
      }),
      { numRuns: 400 },
    );
  });
});
