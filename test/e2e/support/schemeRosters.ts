/** Roster files in a scheme's own column headers, for the synced end-to-end scenarios. */
import type { Scheme } from '../../../shared/domain/scheme';
import { personName, residentId, rosterXlsx } from './rosterFiles';

export interface RosterPerson {
  birth: string;
  /** Odd: male, even: female (the ID's sequence). */
  sequence: number;
}

/** Two men and a woman of working age. */
export const MEN_AND_WOMEN: readonly RosterPerson[] = [
  { birth: '1985-06-15', sequence: 123 },
  { birth: '1990-02-28', sequence: 122 },
  { birth: '1979-11-30', sequence: 34 },
];

/** A 19-digit bank card number whose last digit is its Luhn check digit. */
export function bankCard(seed: number): string {
  const body = `622848${String(seed).padStart(12, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** What a clerk types in each of the scheme's columns for person `i`; columns not named stay empty. */
function cell(key: string, person: RosterPerson, i: number): string {
  switch (key) {
    case 'name':
      return personName(i + 7);
    case 'documentType':
      return '身份证';
    case 'documentNumber':
      return residentId(person.birth, person.sequence);
    case 'socialSecurity':
      return '是';
    case 'phone':
      return `1390000${String(1000 + i)}`;
    case 'bankCard':
      return bankCard(1000 + i);
    case 'bankName':
      return '无锡农村商业银行';
    default:
      return '';
  }
}

/** Person `i` as a roster row of the scheme's fields (what roster.addRow takes); empty columns left out. */
export function schemeRosterRow(scheme: Scheme, person: RosterPerson, i: number): Record<string, string> {
  return Object.fromEntries(scheme.roster.columns.map((c) => [c.key, cell(c.key, person, i)] as const).filter(([, v]) => v !== ''));
}

/** An xlsx with the scheme's headers and one row per person. */
export function schemeRosterXlsx(scheme: Scheme, persons: readonly RosterPerson[]): Promise<Buffer> {
  const columns = scheme.roster.columns;
  return rosterXlsx(
    columns.map((c) => c.header),
    persons.map((p, i) => columns.map((c) => cell(c.key, p, i))),
  );
}
