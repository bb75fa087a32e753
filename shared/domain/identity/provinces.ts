/**
 * Province-level codes (GB/T 2260) that can open an ID number.
 *
 * Only the province level is checked. A table of the ~340 prefecture and ~2,800 county
 * codes would go stale (an ID keeps the code that was valid when it was issued, and
 * codes are merged, renamed and abolished every year), and any gap in it would flag real
 * people; what the six-digit address code can say reliably is checked structurally in
 * `addressCodeProblem` instead.
 */
export const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古',
  '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东',
  '41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
  '50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏',
  '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
  '71': '台湾', '81': '香港', '82': '澳门',
  // Not in GB/T 2260: the Ministry of Public Security uses 83 for Taiwan residents' residence permits (830000).
  '83': '台湾（居住证）',
};

/** The 31 mainland provinces: where a permanent residence ID can be issued. */
const MAINLAND_MAX = 65;

// Indexed by the two-digit number, so the hot path is one array read.
const PROVINCE_FLAGS = new Uint8Array(100);
for (const code of Object.keys(PROVINCE_NAMES)) PROVINCE_FLAGS[Number(code)] = Number(code) <= MAINLAND_MAX ? 2 : 1;

/** `code` is the number the two digits form (0..99). */
export function isProvinceCode(code: number): boolean {
  return (PROVINCE_FLAGS[code] ?? 0) !== 0;
}

export function isMainlandProvinceCode(code: number): boolean {
  return PROVINCE_FLAGS[code] === 2;
}

/** Residence permits for Hong Kong, Macao and Taiwan residents carry these in place of an address code. */
export const RESIDENCE_PERMIT_PREFIXES: Readonly<Record<string, string>> = { '810000': '香港', '820000': '澳门', '830000': '台湾' };

/**
 * What is structurally wrong with a six-digit address code, or null. A county-level code
 * always has a non-zero prefecture part (municipal districts are 01.., province-governed
 * county-level cities 90..), so `xx00yy` cannot name the issuing county.
 */
export function addressCodeProblem(code: string): string | null {
  if (code.length !== 6) return null;
  if (code[2] === '0' && code[3] === '0') {
    return code[4] === '0' && code[5] === '0' ? '只有省级代码，不是县级行政区划代码' : '地市级部分为00，不是有效的县级行政区划代码';
  }
  return null;
}
