import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../../../shared/domain/scheme';
import { schemeById } from '../../../../shared/schemes';
import { gridColumns } from '../../../../renderer/screens/batch/rosterColumns';

const scheme = (id: string): Scheme => schemeById(id)!;
/** A person-scope scheme whose template has neither plans nor shares. */
const withoutShares = (base: Scheme): Scheme => ({ ...base, roster: { ...base.roster, columns: base.roster.columns.filter((c) => c.key !== 'shares') } });

describe('gridColumns', () => {
  it.each([
    { name: 'Qingdao (per person): plans put before its shares', scheme: scheme('qingdao-2025'), tail: ['plans', 'shares', 'newEmploymentForm'] },
    { name: 'per person without shares in the template: both appended', scheme: withoutShares(scheme('qingdao-2025')), tail: ['newEmploymentForm', 'plans', 'shares'] },
  ])('$name', ({ scheme, tail }) => {
    const keys = gridColumns(scheme).map((c) => c.key);
    expect(keys.slice(-tail.length)).toEqual(tail);
    expect(keys.filter((k) => k === 'plans' || k === 'shares')).toEqual(['plans', 'shares']);
  });

  it.each(['shanghai-2020', 'shenzhen', 'suzhou-2024', 'wuxi-2023'])('%s (batch-wide plans): only the scheme columns', (id) => {
    const s = scheme(id);
    expect(gridColumns(s).map((c) => c.key)).toEqual(s.roster.columns.map((c) => c.key));
  });

  it('heads the added columns in Chinese, not required', () => {
    const added = gridColumns(withoutShares(scheme('qingdao-2025'))).filter((c) => c.key === 'plans' || c.key === 'shares');
    expect(added.map((c) => [c.title, c.required])).toEqual([
      ['保障项目', false],
      ['份数', false],
    ]);
  });
});
