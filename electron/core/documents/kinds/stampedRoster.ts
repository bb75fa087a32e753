/**
 * 参保花名册: the roster in the association's own template columns (scheme.roster), for the
 * unit to print, stamp on every page and upload with its payment (Wuxi).
 */
import { CoreError } from '../../coreError';
import type { RosterField } from '../../../../shared/domain/roster/fields';
import { maskBankCard, maskDocumentNumber, type RosterColumn, type Scheme } from '../../../../shared/domain/scheme';
import type { DocumentFonts } from '../font/fontChain';
import { cleanText, genderLabel, numberOf } from '../format';
import { A4_LANDSCAPE, A4_PORTRAIT } from '../layout/page';
import { drawTable, type TableColumn, type TableRow } from '../layout/table';
import { ERRORS, LABELS, TEXT, TITLES } from '../messages';
import type { DocumentLayout } from '../render/writePdf';
import type { DocumentPerson, StampedRosterData } from '../types';
import { DocumentFrame, SIGNATURE_BLOCK_HEIGHT } from './frame';

/** Relative column widths by what a column holds (long numbers need room, a gender little). */
const COLUMN_WEIGHTS: Partial<Record<RosterField, number>> = {
  name: 1.3,
  documentType: 1.1,
  documentNumber: 2.6,
  gender: 0.6,
  birthDate: 1.4,
  socialSecurity: 0.9,
  socialSecurityCode: 1.8,
  medicalInService: 1.2,
  employmentStatus: 0.9,
  phone: 1.7,
  bankCard: 2.7,
  bankName: 2.4,
  employeeNo: 1.2,
  department: 1.6,
  plans: 2.2,
  shares: 0.7,
  effectiveDate: 1.4,
  remark: 1.6,
};
const PORTRAIT_MAX_COLUMNS = 5;

function cellValue(scheme: Scheme, person: DocumentPerson, key: RosterField): string {
  const raw = person.values?.[key];
  switch (key) {
    case 'name':
      return cleanText(person.name);
    case 'documentNumber':
      return maskDocumentNumber(person.documentNumber, scheme.masking);
    case 'bankCard':
      return raw ? maskBankCard(cleanText(raw), scheme.masking) : '';
    case 'gender':
      return genderLabel(person.gender, raw);
    case 'birthDate':
      return person.birthDate ?? cleanText(raw ?? '');
    case 'documentType':
      return cleanText(person.documentType ?? raw ?? '');
    default:
      return cleanText(raw ?? '');
  }
}

export function layoutStampedRoster(data: StampedRosterData, fonts: DocumentFonts): DocumentLayout {
  const { scheme, unit, persons } = data;
  if (persons.length === 0) throw new CoreError('DOCUMENT_NO_PERSONS', ERRORS.noPersons);
  const template = scheme.roster.template;
  const columns: RosterColumn[] = scheme.roster.columns.filter((c) => c.inTemplate);
  const title = template.titleRows[0] ?? TITLES.roster;
  const number = numberOf(data);
  const frame = new DocumentFrame(fonts, {
    pageSize: columns.length + 1 > PORTRAIT_MAX_COLUMNS ? A4_LANDSCAPE : A4_PORTRAIT,
    running: { left: `${title}（续）`, right: unit.name, keep: `${number.label}：${number.value}` },
    footerLeft: LABELS.stampUnit,
  });
  frame.title(title, template.titleRows.slice(1).join(' ') || undefined);
  frame.fields([
    [
      [LABELS.unit, unit.name],
      [number.label, number.value],
    ],
  ]);

  const tableColumns: TableColumn[] = [{ weight: 0.7, align: 'center' }, ...columns.map((c) => ({ weight: COLUMN_WEIGHTS[c.key] ?? 1.4, ...(c.key === 'gender' ? { align: 'center' as const } : {}) }))];
  const rows = (function* (): Generator<TableRow> {
    let seq = 0;
    for (const p of persons) {
      seq++;
      yield [String(seq), ...columns.map((c) => cellValue(scheme, p, c.key))];
    }
  })();
  drawTable(frame.flow, rows, {
    columns: tableColumns,
    header: [template.serialNumberHeader ?? LABELS.seq, ...columns.map((c) => c.header)],
    size: 9,
    keepWithLast: SIGNATURE_BLOCK_HEIGHT,
  });
  frame.flow.paragraph(TEXT.totalLine(persons.length), { size: 9.5, align: 'right' });
  frame.signatureArea();
  return frame.finish(data.print);
}
