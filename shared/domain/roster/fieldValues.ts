/**
 * The closed vocabularies of roster cells (性别, 是/否, 有无社保, 职退情况) and how the
 * many ways clerks write them fold into one value. The scheme decides which columns exist
 * and which values its template offers; these tables only read what was written.
 */
import type { SocialSecurityStatus } from '../eligibility';
import type { Gender } from '../scheme';

const GENDER_WORDS: Record<string, Gender> = {
  男: 'male', 男性: 'male', m: 'male', male: 'male', '1': 'male',
  女: 'female', 女性: 'female', f: 'female', female: 'female', '2': 'female',
};

const YES_NO_WORDS: Record<string, boolean> = {
  是: true, 有: true, y: true, yes: true, true: true, '1': true, '√': true, '✓': true,
  否: false, 无: false, 没有: false, n: false, no: false, false: false, '0': false, '×': false,
};

export function readGender(text: string): Gender | null {
  return GENDER_WORDS[text.trim().toLowerCase()] ?? null;
}

export function readYesNo(text: string): boolean | null {
  // The template's own words, as nearly every row writes them.
  if (text === '是') return true;
  if (text === '否') return false;
  const v = YES_NO_WORDS[text.trim().toLowerCase()];
  return v === undefined ? null : v;
}

/** 是否有社保: yes / no, and "-" (or blank in a column that must say) for a status still to be confirmed. */
export function readSocialSecurity(text: string): SocialSecurityStatus | null {
  if (text === '是') return 'yes';
  if (text === '否') return 'no';
  const t = text.trim();
  if (t === '-' || t === '—' || t === '待确认') return 'unknown';
  const v = readYesNo(t);
  return v === null ? null : v ? 'yes' : 'no';
}

/** 职退情况: in service, retired, or "-" (Shanghai: status unknown in past rosters, for the clerk to confirm). */
export type EmploymentStatus = 'inService' | 'retired' | 'unknown';

export function readEmploymentStatus(text: string): EmploymentStatus | null {
  const t = text.trim();
  if (t === '在职') return 'inService';
  if (t === '退休') return 'retired';
  if (t === '-' || t === '—') return 'unknown';
  return null;
}

/** 份数: a whole number of shares. */
export function readShares(text: string): number | null {
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1 ? n : null;
}

// 住院医疗(A方案)(会费95元)×2, ZDJB-36*3, 职工重疾(2份), YWSH-20 2份: an activity with its own shares.
const SHARES_SUFFIX = /^(.+?)(?:[×xX*＊](\d{1,4})|[(（](\d{1,4})份[)）]|(\d{1,4})份)$/;

/** One listed plan and the shares written beside it, if any. */
export function readPlanWithShares(word: string): { plan: string; shares?: number } {
  const m = SHARES_SUFFIX.exec(word.trim());
  if (!m) return { plan: word.trim() };
  const n = Number(m[2] ?? m[3] ?? m[4]);
  return n >= 1 ? { plan: m[1]!.trim(), shares: n } : { plan: word.trim() };
}

/** Plan codes or names listed in one cell: 'A0、B0' / 'A0,B0' / 'A0 B0'. */
export function splitList(text: string): string[] {
  return text
    .split(/[、,，;；/\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
