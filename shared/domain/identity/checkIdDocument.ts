/**
 * The one entry point for identity documents: checks a number as the kind the roster
 * says, and tells the clerk when the number is plainly of another kind.
 */
import type { IsoDate } from '../dates';
import { ID_DOCUMENT_KIND_LABELS } from './documentKinds';
import { error, warning } from './findings';
import { guessDocumentKind } from './guessDocumentKind';
import { checkHkMacaoTaiwanResidence } from './hkMacaoTaiwanResidence';
import { checkPassport } from './passport';
import { checkPermanentResidence } from './permanentResidence';
import { checkResidentId } from './residentId';
import { checkHkMacaoTravelPermit, checkTaiwanTravelPermit } from './travelPermits';
import type { IdDocumentKind, IdDocumentResult } from './types';

function checkAs(kind: IdDocumentKind, raw: string, today: IsoDate): IdDocumentResult | null {
  switch (kind) {
    case 'residentId':
      return checkResidentId(raw, today);
    case 'permanentResidence':
      return checkPermanentResidence(raw, today);
    case 'hkMacaoTaiwanResidence':
      return checkHkMacaoTaiwanResidence(raw, today);
    case 'hkMacaoTravelPermit':
      return checkHkMacaoTravelPermit(raw);
    case 'taiwanTravelPermit':
      return checkTaiwanTravelPermit(raw);
    case 'passport':
      return checkPassport(raw);
    default:
      return null;
  }
}

// Numbers with a check character: a match is no coincidence.
const SELF_CHECKING: ReadonlySet<IdDocumentKind> = new Set(['residentId', 'permanentResidence', 'hkMacaoTaiwanResidence']);

/**
 * Checks `raw` as a document of `kind`; `today` bounds the birth date. Never throws.
 *
 * When the number fails but is a valid number of another kind, or is entered as a
 * passport yet is a valid ID-card-type number (so its birth data would be lost), an
 * `idKindMismatch` warning names the right kind. Passport is never suggested (any run of
 * letters and digits fits it), and a valid passport that merely looks like a travel
 * permit is left alone: a Korean passport is M and 8 digits too.
 */
export function checkIdDocument(kind: IdDocumentKind, raw: string, today: IsoDate): IdDocumentResult {
  const result = checkAs(kind, raw, today);
  if (result === null) {
    const s = typeof raw === 'string' ? raw.trim() : '';
    return { kind, normalized: s, valid: false, findings: [error('idFormat', `未知的证件类型“${String(kind)}”`, '请选择正确的证件类型')] };
  }
  if (result.valid && kind !== 'passport') return result;

  const other = guessDocumentKind(result.normalized);
  if (other === null || other === kind || other === 'passport' || (result.valid && !SELF_CHECKING.has(other))) return result;
  if (result.findings.some((f) => f.code === 'idKindMismatch')) return result;
  const asOther = checkAs(other, raw, today);
  if (asOther === null || !asOther.valid) return result;
  const label = ID_DOCUMENT_KIND_LABELS[other];
  result.findings.push(warning('idKindMismatch', `该号码符合${label}的格式`, `请核对证件类型，应为“${label}”`));
  return result;
}
