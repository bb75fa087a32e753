import { describe, it, expect } from 'vitest';
import { maskValue, maskDocumentNumber } from '../../../../shared/domain/scheme';
import { schemeById } from '../../../../shared/schemes';

describe('masking', () => {
  it.each([
    ['342101197001012716', { onPrintouts: true, keepStart: 4, keepEnd: 4 }, '3421**********2716'],
    ['32020019900101002X', { onPrintouts: true, keepStart: 4, keepEnd: 4 }, '3202**********002X'],
    ['1234', { onPrintouts: true, keepStart: 4, keepEnd: 4 }, '****'],
    ['342101197001012716', { onPrintouts: false, keepStart: 4, keepEnd: 4 }, '342101197001012716'],
  ])('%s with %j → %s', (value, rule, masked) => {
    expect(maskValue(value, rule)).toBe(masked);
  });

  it('follows each scheme: Shanghai masks, Wuxi prints the stamped roster in full', () => {
    expect(maskDocumentNumber('110101199003079091', schemeById('shanghai-2020')!.masking)).toBe('1101**********9091');
    expect(maskDocumentNumber('110101199003079091', schemeById('wuxi-2023')!.masking)).toBe('110101199003079091');
  });
});
