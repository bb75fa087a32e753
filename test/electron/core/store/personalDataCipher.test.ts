import { describe, expect, it } from 'vitest';
import { DataKey } from '../../../../electron/core/store/dataKey';
import { isSealed, PersonalDataCipher } from '../../../../electron/core/store/personalDataCipher';
import { openRowValues, sealRowValues } from '../../../../electron/core/store/personRecord';

const key = DataKey.generate();
const cipher = new PersonalDataCipher(key);

describe('PersonalDataCipher', () => {
  it.each([
    ['an ID number', '31010119800101001X'],
    ['a row', JSON.stringify({ name: '张三', documentNumber: '31010119800101001X', phone: '13800138000', bankCard: '6222021234567890123' })],
    ['nothing', ''],
  ])('seals %s so that it opens to the same text and shows none of it', (_what, text) => {
    const sealed = cipher.seal(text);
    expect(isSealed(sealed)).toBe(true);
    expect(cipher.open(sealed)).toBe(text);
    if (text.length > 0) expect(sealed).not.toContain(text.slice(0, 8));
  });

  it('seals the same text differently each time (a fresh nonce per value)', () => {
    const a = cipher.seal('13800138000');
    const b = cipher.seal('13800138000');
    expect(a).not.toBe(b);
    expect(new Set(Array.from({ length: 10_000 }, () => cipher.seal('x'))).size).toBe(10_000);
  });

  it('refuses a changed byte and another key, saying so in Chinese', () => {
    const sealed = cipher.seal('6222021234567890123');
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => cipher.open(`s1.${bytes.toString('base64')}`)).toThrow(/个人信息无法解密/);
    expect(() => new PersonalDataCipher(DataKey.generate()).open(sealed)).toThrow(/个人信息无法解密/);
    expect(() => cipher.open('{"phone":"13800138000"}')).toThrow(/未加密/);
  });

  it('indexes a number the same whatever its spacing or case, differently under another key, without showing it', () => {
    const index = cipher.blindIndex('31010119800101001X');
    expect(cipher.blindIndex(' 310101 19800101001x ')).toBe(index);
    expect(cipher.blindIndex('310101198001010028')).not.toBe(index);
    expect(new PersonalDataCipher(DataKey.generate()).blindIndex('31010119800101001X')).not.toBe(index);
    expect(index).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new PersonalDataCipher(DataKey.fromBase64(key.toBase64())).blindIndex('31010119800101001X')).toBe(index);
  });

  it('keeps a row’s number and values apart in one seal', () => {
    const values = JSON.stringify({ documentNumber: '31010119800101001x', remark: '第一行\n第二行' });
    expect(openRowValues(cipher, sealRowValues(cipher, '31010119800101001X', values))).toEqual({ docNumber: '31010119800101001X', valuesJson: values });
    expect(openRowValues(cipher, sealRowValues(cipher, null, values))).toEqual({ docNumber: null, valuesJson: values });
  });
});

describe('DataKey', () => {
  it('refuses a key of the wrong length and tells keys apart by their check value', () => {
    expect(() => DataKey.fromBytes(Buffer.alloc(16))).toThrow(/32 字节/);
    const other = DataKey.generate();
    expect(key.matchesCheckValue(key.checkValue())).toBe(true);
    expect(other.matchesCheckValue(key.checkValue())).toBe(false);
    expect(key.checkValue()).not.toContain(key.toBase64());
    expect(key.subkey('personalData').equals(key.subkey('blindIndex'))).toBe(false);
  });
});
