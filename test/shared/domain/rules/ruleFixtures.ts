/** What the per-scheme rule tables share: a row check context, resident IDs, and the codes a check found. */
import { mod11_2CheckCharacter } from '../../../../shared/domain/identity';
import { checkRosterRow, unitFindings, type RawRosterRow, type RosterFinding, type RowCheckContext, type UnitCheckInput } from '../../../../shared/domain/roster';
import type { Scheme } from '../../../../shared/domain/scheme';
import { schemeById } from '../../../../shared/schemes';

export function scheme(id: string): Scheme {
  const s = schemeById(id);
  if (!s) throw new Error(`no scheme ${id}`);
  return s;
}

/** A valid resident ID: address code, birth date (YYYY-MM-DD), sequence (odd male, even female). */
export function residentId(area: string, birth: string, sequence: number): string {
  const body = `${area}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return body + mod11_2CheckCharacter(body)!;
}

export function context(s: Scheme, rest: Omit<RowCheckContext, 'scheme'>): RowCheckContext {
  return { scheme: s, ...rest };
}

/** The codes of a row's findings of the given severities (all by default). */
export function codes(raw: RawRosterRow, ctx: RowCheckContext, severities: readonly RosterFinding['severity'][] = ['error', 'warning', 'info']): string[] {
  return checkRosterRow(raw, ctx).findings.filter((f) => severities.includes(f.severity)).map((f) => f.code);
}

export function errors(raw: RawRosterRow, ctx: RowCheckContext): string[] {
  return codes(raw, ctx, ['error']);
}

/** The unit findings of a roster of checked rows. */
export function unitCodes(s: Scheme, rows: readonly RawRosterRow[], ctx: RowCheckContext, input: UnitCheckInput): { code: string; severity: string }[] {
  const persons = rows.map((r) => checkRosterRow(r, ctx).person);
  return unitFindings(s, persons, input).map((f) => ({ code: f.code, severity: f.severity }));
}
