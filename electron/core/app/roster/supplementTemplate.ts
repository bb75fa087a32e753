/**
 * 保全 asks each new hire's own 生效日期: its import template carries that column, which
 * the scheme keeps out of the ordinary template (a column only 保全 reads).
 */
import type { EnrollmentType, Scheme } from '../../../../shared/domain/scheme';

export function templateSchemeFor(scheme: Scheme, enrollmentType: EnrollmentType | undefined): Scheme {
  if (enrollmentType !== 'supplementary') return scheme;
  if (!scheme.roster.columns.some((c) => c.key === 'effectiveDate' && !c.inTemplate)) return scheme;
  return {
    ...scheme,
    roster: { ...scheme.roster, columns: scheme.roster.columns.map((c) => (c.key === 'effectiveDate' ? { ...c, inTemplate: true } : c)) },
  };
}
