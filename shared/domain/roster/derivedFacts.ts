/**
 * What a stored row's check reads off it, for scripting users of the row views: the
 * normalised document number, and the birth date, gender and region the document carries
 * (or the row's own columns give, for documents without them).
 */
import type { IsoDate } from '../dates';
import { checkIdDocument, documentKindOfLabel, guessDocumentKind, regionName } from '../identity';
import type { Gender } from '../scheme';
import { parseRosterDate } from './excelDates';
import { readGender } from './fieldValues';
import type { RawRosterRow } from './fields';

export interface DerivedFacts {
  documentNumber?: string;
  birthDate?: IsoDate;
  gender?: Gender;
  /** 上海市黄浦区: the issuing region of a resident ID (or a residence permit's 香港/澳门/台湾). */
  region?: string;
}

// Documents whose first six digits are an administrative division code.
const ADDRESS_CODED = new Set(['residentId', 'hkMacaoTaiwanResidence']);

/** `values` as stored (cleaned); `today` bounds the birth date as the check does. */
export function derivedFacts(values: RawRosterRow, today: IsoDate): DerivedFacts {
  const out: DerivedFacts = {};
  const number = values.documentNumber;
  if (number) {
    const kind = values.documentType ? documentKindOfLabel(values.documentType) : guessDocumentKind(number);
    if (kind) {
      const r = checkIdDocument(kind, number, today);
      out.documentNumber = r.normalized;
      if (r.birthDate) out.birthDate = r.birthDate;
      if (r.gender) out.gender = r.gender;
      const region = ADDRESS_CODED.has(kind) ? regionName(r.normalized.slice(0, 6)) : undefined;
      if (region) out.region = region;
    } else {
      out.documentNumber = number;
    }
  }
  if (!out.birthDate && values.birthDate) {
    const parsed = parseRosterDate(values.birthDate);
    if (parsed) out.birthDate = parsed;
  }
  if (!out.gender && values.gender) {
    const g = readGender(values.gender);
    if (g) out.gender = g;
  }
  return out;
}
