/** How dates, times, amounts and people are written on documents. */
import { isIsoTimestamp } from '../../../shared/domain/batch/timestamp';
import { parseIsoDate, type IsoDate, type Period } from '../../../shared/domain/dates';
import { formatYuan, type Fen } from '../../../shared/domain/money';
import type { DocumentNumber, DocumentBatch } from './types';
import { LABELS } from './messages';
import { ENROLLMENT_TYPE_LABELS, GENDER_LABELS, findEnrollmentType, type EnrollmentType, type Gender, type Scheme } from '../../../shared/domain/scheme';

/** 2020-05-21 → 2020年5月21日. */
export function chineseDate(date: IsoDate): string {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`日期格式应为 YYYY-MM-DD: ${date}`);
  return `${p.year}年${p.month}月${p.day}日`;
}

export function periodText(period: Period): string {
  return `${chineseDate(period.start)} 至 ${chineseDate(period.end)}`;
}

/** An ISO timestamp with offset, as a wall-clock time in China: 2025-12-24 10:30:00. */
export function chinaTime(timestamp: string): string {
  if (!isIsoTimestamp(timestamp)) throw new RangeError(`时间格式应为带时区的 ISO 8601: ${timestamp}`);
  const d = new Date(Date.parse(timestamp) + 8 * 3600 * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** 478000 → 4,780.00: grouped as finance staff write amounts (the capitals beside the total are what a transfer copies). */
export function yuan(fen: Fen): string {
  return formatYuan(fen, { grouped: true });
}

export function enrollmentTypeLabel(scheme: Scheme, type: EnrollmentType): string {
  return findEnrollmentType(scheme, type)?.label ?? ENROLLMENT_TYPE_LABELS[type];
}

export function genderLabel(gender: Gender | undefined, fallback: string | undefined): string {
  if (gender) return GENDER_LABELS[gender];
  return fallback?.trim() || '—';
}

/**
 * Text as it may be drawn on one line: control characters and line breaks become spaces,
 * zero-width characters (which Excel and web forms leave behind, and which have no glyph)
 * are removed, runs of spaces collapse.
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    // oxlint-disable-next-line no-control-regex -- control characters are what this replaces
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A file name without characters file systems refuse. */
export function safeFileName(parts: readonly string[]): string {
  return `${parts
    .map((p) => cleanText(p).replace(/[\\/:*?"<>|]+/g, '_'))
    .filter((p) => p !== '')
    .join('-')}.pdf`;
}

/** The document's own number, or the batch number under 参保批次号 where it has none of its own. */
export function numberOf(data: { number?: DocumentNumber; batch: DocumentBatch }): DocumentNumber {
  return data.number ?? { label: LABELS.batchNumber, value: data.batch.number };
}

/** The batch number beside the document's own number, only where the two differ and the latter is not itself the 参保批次号. */
export function batchNumberRow(data: { number?: DocumentNumber; batch: DocumentBatch }): readonly [string, string] | null {
  const own = numberOf(data);
  return own.value === data.batch.number || own.label === LABELS.batchNumber || data.batch.number === '' ? null : [LABELS.batchNumber, data.batch.number];
}
