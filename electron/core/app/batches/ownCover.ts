/** A person's own cover: the batch's, except that a 保全 person joins from their own effective date (生效日期). */
import { compareDates, isIsoDate, type Period } from '../../../../shared/domain/dates';
import type { RawRosterRow } from '../../../../shared/domain/roster';
import type { EnrollmentType } from '../../../../shared/domain/scheme';

export function ownCover(batch: { enrollmentType: EnrollmentType; cover: Period | null }, values: RawRosterRow): Period | null {
  const cover = batch.cover;
  const start = values.effectiveDate;
  if (!cover || batch.enrollmentType !== 'supplementary' || !start || !isIsoDate(start)) return cover;
  return compareDates(start, cover.start) > 0 && compareDates(start, cover.end) <= 0 ? { start, end: cover.end } : cover;
}
