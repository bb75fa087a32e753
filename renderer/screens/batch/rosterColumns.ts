/** The grid's columns: the scheme's own roster columns, headed by its own (shortened) Chinese headers. */
import type { RosterField } from '../../../shared/domain/roster';
import type { RosterColumn, Scheme } from '../../../shared/domain/scheme';
import { M } from '../../i18n/messages';

export interface GridColumn {
  key: RosterField;
  title: string;
  width: number;
  required: boolean;
  enumValues?: readonly string[];
  mono: boolean;
}

const WIDTHS: Partial<Record<RosterField, number>> = {
  name: 110,
  documentType: 96,
  documentNumber: 190,
  gender: 56,
  birthDate: 108,
  socialSecurity: 92,
  socialSecurityCode: 110,
  medicalInService: 120,
  employmentStatus: 86,
  phone: 124,
  bankCard: 190,
  bankName: 130,
  plans: 150,
  shares: 60,
  remark: 160,
};

const MONO: ReadonlySet<RosterField> = new Set(['documentNumber', 'birthDate', 'phone', 'bankCard', 'socialSecurityCode', 'employeeNo']);

/** "*证件类型 (身份证、护照)" → "证件类型", as the checks name the column. */
export function shortHeader(column: Pick<RosterColumn, 'header'>): string {
  return column.header.replace(/^\*/, '').replace(/\s*[(（].*$/, '');
}

/**
 * Schemes whose plans are chosen per person need the plans and shares of each row in view
 * and editable, even when their import template leaves those columns out.
 */
function withPersonPlanColumns(scheme: Scheme): Pick<RosterColumn, 'key' | 'header' | 'required' | 'enumValues'>[] {
  const out: Pick<RosterColumn, 'key' | 'header' | 'required' | 'enumValues'>[] = [...scheme.roster.columns];
  if (scheme.selectionScope !== 'person') return out;
  if (!out.some((c) => c.key === 'shares')) out.push({ key: 'shares', header: M.roster.colShares, required: false });
  // The plans go just before the shares: the two are read together.
  if (!out.some((c) => c.key === 'plans')) out.splice(out.findIndex((c) => c.key === 'shares'), 0, { key: 'plans', header: M.roster.colPlans, required: false });
  return out;
}

export function gridColumns(scheme: Scheme): GridColumn[] {
  return withPersonPlanColumns(scheme).map((c) => ({
    key: c.key,
    title: shortHeader(c),
    width: WIDTHS[c.key] ?? 110,
    required: c.required,
    ...(c.enumValues ? { enumValues: c.enumValues } : {}),
    mono: MONO.has(c.key),
  }));
}
