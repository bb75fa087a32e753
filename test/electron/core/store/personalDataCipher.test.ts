import { describe, expect, it } from 'vitest';
import { DataKey } from '../../../../electron/core/store/dataKey';
import { addToCounter, isSealed, PersonalDataCipher } from '../../../../electron/core/store/personalDataCipher';
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

  it('seals the same text differently each time (its own counter block per value)', () => {
    const a = cipher.seal('13800138000');
    const b = cipher.seal('13800138000');
    expect(a).not.toBe(b);
    expect(new Set(Array.from({ length: 10_000 }, () => cipher.seal('x'))).size).toBe(10_000);
  });

  it('seals a chunk with one cipher call, each value on its own part of the keystream', () => {
    const texts = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? '' : `${'张三'.repeat(i % 5)}${'1'.repeat(i % 40)}`));
    texts.push('同一值', '同一值');
    const sealed = cipher.sealManyBytes(texts);
    expect(sealed.map((s) => cipher.openBytes(s))).toEqual(texts);
    expect(sealed.at(-1)!.equals(sealed.at(-2)!)).toBe(false);
    const counters = sealed.map((s) => s.subarray(0, 16).toString('hex'));
    expect(new Set(counters).size).toBe(counters.length);
    // Keystream blocks never shared: each value's blocks start past the previous value's last.
    const start = (s: Buffer) => BigInt(`0x${s.subarray(0, 16).toString('hex')}`);
    for (let i = 1; i < sealed.length; i++) {
      const before = Buffer.byteLength(texts[i - 1]!);
      expect(start(sealed[i]!) - start(sealed[i - 1]!)).toBe(BigInt(Math.ceil(before / 16) + 1));
    }
  });

  it('opens the first blocks of many values with one call, as opening each whole would', () => {
    const texts = ['31010119800101001X\n{"a":1}', '', '短', 'x'.repeat(100), '310101198001010028'];
    const sealed = cipher.sealManyBytes(texts);
    const heads = cipher.openHeads(sealed, 2);
    expect(heads.map((h) => h.toString('utf8'))).toEqual(texts.map((t) => Buffer.from(t).subarray(0, 32).toString('utf8')));
  });

  it('counts counter blocks over all 128 bits, as OpenSSL does', () => {
    const out = Buffer.alloc(16);
    addToCounter(Buffer.from('00000000000000000000000000fffffe', 'hex'), 3, out, 0);
    expect(out.toString('hex')).toBe('00000000000000000000000001000001');
    addToCounter(Buffer.from('ffffffffffffffffffffffffffffffff', 'hex'), 1, out, 0);
    expect(out.toString('hex')).toBe('00000000000000000000000000000000');
    addToCounter(Buffer.from('0000000000000000000000ffffffffff', 'hex'), 0x12345, out, 0);
    expect(out.toString('hex')).toBe('00000000000000000000010000012344');
  });

  it('shows nothing of a value under another key, and refuses what is not sealed', () => {
    const sealed = cipher.seal('6222021234567890123');
    expect(new PersonalDataCipher(DataKey.generate()).open(sealed)).not.toBe('6222021234567890123');
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
