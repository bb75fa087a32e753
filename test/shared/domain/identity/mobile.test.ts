import { describe, expect, it } from 'vitest';
import { checkMobile, type IdFindingCode } from '../../../../shared/domain/identity';

describe('checkMobile', () => {
  it.each(['13812345678', '19912345678', '16612345678', ' 15012345678 '])('%j is valid', (n) => {
    expect(checkMobile(n)).toEqual({ normalized: n.trim(), valid: true, findings: [] });
  });

  it.each<[string, IdFindingCode[], string]>([
    ['', ['idEmpty'], '手机号码为空'],
    ['1381234567', ['idLength'], '手机号码应为11位（当前10位）'],
    ['138123456789', ['idLength'], '手机号码应为11位（当前12位）'],
    ['1381234S678', ['idCharacter'], '手机号码第8位“S”不是数字'],
    ['138-1234-5678', ['idCharacter', 'idLength'], '手机号码第4位“-”不是数字，第9位“-”不是数字'],
    ['12812345678', ['mobilePrefix'], '手机号码应以13–19开头（当前为“12”）'],
    ['02112345678', ['mobilePrefix'], '手机号码应以13–19开头（当前为“02”）'],
    ['+8613812345678', ['idCharacter', 'idLength'], '手机号码第1位“+”不是数字'],
  ])('%j: %j', (n, codes, message) => {
    const r = checkMobile(n);
    expect(r.valid).toBe(false);
    expect(r.findings.map((f) => f.code)).toEqual(codes);
    expect(r.findings[0]?.message).toBe(message);
  });

  it('tells the clerk to drop the country code', () => {
    expect(checkMobile('8613812345678').findings[0]?.hint).toBe('请去掉开头的国家代码86');
  });
});
