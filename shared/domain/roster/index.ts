/**
 * Roster rows: the canonical fields, cell normalisation, and the checks of SPEC 3.3 on one
 * row and across a whole batch.
 */
export { ROSTER_FIELDS, type RosterField, type RawRosterRow } from './fields';
export { verdictOf, hasError, type RosterFinding, type FindingSeverity } from './findings';
export { cleanCellText, compactCellText, toHalfWidth } from './cellText';
export { excelSerialToDate, parseRosterDate } from './excelDates';
export { readGender, readYesNo, readSocialSecurity, readEmploymentStatus, readShares, splitList, type EmploymentStatus } from './fieldValues';
export { derivedFacts, type DerivedFacts } from './derivedFacts';
export { checkRosterRow, cleanRow, type RowCheck, type RowCheckContext, type CheckedPerson } from './checkRow';
export {
  checkRoster,
  duplicateFindings,
  unitFindings,
  acrossPerson,
  type AcrossPerson,
  type DuplicateLookups,
  type OtherBatchEntry,
  type OccupyingUnit,
  type RowPlace,
  type UnitCheckInput,
  type RosterRowInput,
  type RosterCheckResult,
} from './checkRoster';
