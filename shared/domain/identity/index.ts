/**
 * Identity documents and the other numbers on a roster or a unit's profile: resident ID
 * and the documents numbered like it, travel permits, passports, the unified social
 * credit code, mobile numbers and bank cards. Every check is pure, never throws, and
 * takes `today` from the caller where dates matter.
 */
export type {
  IdDocumentKind,
  IdDocumentResult,
  IdFinding,
  IdFindingCode,
  IdFindingSeverity,
  NumberCheckResult,
} from './types';
export { checkIdDocument } from './checkIdDocument';
export { ID_DOCUMENT_KINDS, ID_DOCUMENT_KIND_LABELS, documentKindOfLabel, documentCarriesBirthData } from './documentKinds';
export { guessDocumentKind } from './guessDocumentKind';
export { checkResidentId, convertResidentId15To18 } from './residentId';
export { checkPermanentResidence, isOldPermanentResidenceNumber } from './permanentResidence';
export { checkHkMacaoTaiwanResidence } from './hkMacaoTaiwanResidence';
export { checkHkMacaoTravelPermit, checkTaiwanTravelPermit, isHkMacaoTravelPermitNumber } from './travelPermits';
export { checkPassport, isPassportNumber, isChinesePassportNumber, PASSPORT_MIN_LENGTH, PASSPORT_MAX_LENGTH } from './passport';
export { mod11_2CheckCharacter, MOD11_2_WEIGHTS, MOD11_2_CHECK_CHARACTERS } from './mod11';
export { PROVINCE_NAMES, RESIDENCE_PERMIT_PREFIXES, isProvinceCode } from './provinces';
export { divisionStatus, regionName, type DivisionStatus } from './divisions';
export { EARLIEST_BIRTH_YEAR } from './birthDate';
export { checkUscc, usccCheckCharacter, USCC_ALPHABET, USCC_WEIGHTS } from './uscc';
export { checkMobile } from './mobile';
export { checkBankCard, luhnCheckDigit, isLuhnValid, BANK_CARD_MIN_LENGTH, BANK_CARD_MAX_LENGTH } from './bankCard';
export { scientificNotationFinding } from './findings';
