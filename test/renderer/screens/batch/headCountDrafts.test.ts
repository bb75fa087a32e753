import { describe, expect, it } from 'vitest';
import { headCountLinesOf, toDraft, type HeadCountDraft } from '../../../../renderer/screens/batch/headCountDrafts';

const draft = (planCode: string, shares: string, headCount: string, newEmploymentForm = false): HeadCountDraft => ({ planCode, shares, headCount, newEmploymentForm });

describe('headCountLinesOf', () => {
  it.each([
    { name: 'no lines', drafts: [], expected: { ok: true, lines: [] } },
    { name: 'a filled line, spaces trimmed', drafts: [draft('ZYYL-A95', ' 2 ', '10')], expected: { ok: true, lines: [{ planCode: 'ZYYL-A95', shares: 2, headCount: 10 }] } },
    { name: 'new employment form kept', drafts: [draft('YWSH-20', '1', '3', true)], expected: { ok: true, lines: [{ planCode: 'YWSH-20', shares: 1, headCount: 3, newEmploymentForm: true }] } },
    { name: 'empty head count', drafts: [draft('A', '1', '5'), draft('B', '1', '')], expected: { ok: false, line: 2 } },
    { name: 'zero persons', drafts: [draft('A', '1', '0')], expected: { ok: false, line: 1 } },
    { name: 'fractional shares', drafts: [draft('A', '1.5', '2')], expected: { ok: false, line: 1 } },
    { name: 'no plan', drafts: [draft('', '1', '2')], expected: { ok: false, line: 1 } },
  ])('$name', ({ drafts, expected }) => {
    expect(headCountLinesOf(drafts)).toEqual(expected);
  });

  it('reads back what it saved', () => {
    const lines = [{ planCode: 'ZYYL-A95', shares: 3, headCount: 7, newEmploymentForm: true }];
    expect(headCountLinesOf(lines.map(toDraft))).toEqual({ ok: true, lines });
  });
});
