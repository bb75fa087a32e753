/**
 * What an identity number says about its holder, as the clerk types it: the birth date and
 * gender filled from a resident ID (or any document that carries them), by the same pure
 * domain check the core runs.
 */
import { todayInChina } from '../../../shared/domain/dates';
import { checkIdDocument, documentCarriesBirthData, documentKindOfLabel, type IdDocumentKind, type IdFinding } from '../../../shared/domain/identity';
import { GENDER_LABELS } from '../../../shared/domain/scheme';

export interface IdDerivation {
  kind: IdDocumentKind | null;
  valid: boolean;
  birthDate?: string;
  /** As the roster writes it (男 / 女). */
  gender?: string;
  findings: IdFinding[];
}

/** `documentTypeLabel` is the row's 证件类型 (absent: the scheme has no such column, so a resident ID). */
export function deriveFromId(documentTypeLabel: string | undefined, number: string, now = Date.now()): IdDerivation {
  const kind: IdDocumentKind | null = documentTypeLabel === undefined || documentTypeLabel === '' ? 'residentId' : documentKindOfLabel(documentTypeLabel);
  if (kind === null || number.trim() === '') return { kind, valid: false, findings: [] };
  const result = checkIdDocument(kind, number, todayInChina(now));
  const derived: IdDerivation = { kind, valid: result.valid, findings: result.findings };
  if (documentCarriesBirthData(kind, result.normalized)) {
    if (result.birthDate) derived.birthDate = result.birthDate;
    if (result.gender) derived.gender = GENDER_LABELS[result.gender];
  }
  return derived;
}
