import { describe, expect, it } from 'vitest';
import { checkEffectiveDate, type EffectiveDateContext } from '../../../../shared/domain/roster/effectiveDate';

const supplement: EffectiveDateContext = { enrollmentType: 'supplementary', submissionDate: '2025-06-20', policyPeriod: { start: '2025-01-01', end: '2025-12-31' } };

describe("a new hire's own effective date (保全生效日期)", () => {
  it.each<[string, string | undefined, EffectiveDateContext, string | null, string | undefined, string[]]>([
    ['absent: the batch date', undefined, supplement, null, undefined, []],
    ['blank: the batch date', '  ', supplement, null, '  ', []],
    ['ISO', '2025-07-15', supplement, '2025-07-15', '2025-07-15', []],
    ['Chinese form', '2025年7月1日', supplement, '2025-07-01', '2025-07-01', []],
    ['Excel serial', '45839', supplement, '2025-07-01', '2025-07-01', []],
    ['the submission day itself', '2025-06-20', supplement, '2025-06-20', '2025-06-20', []],
    ['the policy end itself', '2025-12-31', supplement, '2025-12-31', '2025-12-31', []],
    ['not a date', '七月', supplement, null, '七月', ['effectiveDateInvalid']],
    ['30 February', '2025-02-30', supplement, null, '2025-02-30', ['effectiveDateInvalid']],
    ['before the submission', '2025-06-19', supplement, null, '2025-06-19', ['effectiveDateTooEarly']],
    ['after the policy end', '2026-01-01', supplement, null, '2026-01-01', ['effectiveDateAfterPolicy']],
    ['inside the policy, submitted before it began', '2025-03-01', { ...supplement, submissionDate: '2024-12-20' }, '2025-03-01', '2025-03-01', []],
    ['before the policy start and submission', '2024-12-25', { ...supplement, submissionDate: '2024-12-20' }, null, '2024-12-25', ['effectiveDateBeforePolicy']],
    ['ignored outside 保全', '2025-07-15', { enrollmentType: 'new', submissionDate: '2025-06-20' }, null, '2025-07-15', []],
  ])('%s', (_name, raw, ctx, start, value, codes) => {
    const r = checkEffectiveDate(raw, ctx);
    expect(r.findings.map((f) => f.code)).toEqual(codes);
    expect(r.value).toBe(value);
    expect(r.start).toBe(start);
    for (const f of r.findings) expect(f).toMatchObject({ severity: 'error', field: 'effectiveDate' });
  });
});
