/**
 * The document kinds, their Chinese names, and the labels rosters and scheme files use
 * for them in a 证件类型 column.
 */
import type { IdDocumentKind } from './types';

export const ID_DOCUMENT_KINDS: readonly IdDocumentKind[] = [
  'residentId',
  'permanentResidence',
  'hkMacaoTaiwanResidence',
  'hkMacaoTravelPermit',
  'taiwanTravelPermit',
  'passport',
];

export const ID_DOCUMENT_KIND_LABELS: Readonly<Record<IdDocumentKind, string>> = {
  residentId: '居民身份证',
  permanentResidence: '外国人永久居留身份证',
  hkMacaoTaiwanResidence: '港澳台居民居住证',
  hkMacaoTravelPermit: '港澳居民来往内地通行证',
  taiwanTravelPermit: '台湾居民来往大陆通行证',
  passport: '护照',
};

// Not here on purpose: 港澳通行证 is what people call the 往来港澳通行证 of mainland
// residents travelling to Hong Kong, which is not an identity document of the holder.
const LABEL_SYNONYMS: Readonly<Record<IdDocumentKind, readonly string[]>> = {
  residentId: [
    '身份证', '居民身份证', '二代身份证', '第二代身份证', '第二代居民身份证', '临时身份证', '临时居民身份证',
    '中国居民身份证', '中华人民共和国居民身份证', '大陆居民身份证', '内地居民身份证',
  ],
  permanentResidence: [
    '外国人永久居留身份证', '外国人永久居留证', '永久居留身份证', '永久居留证', '外国人永久居留身份证件',
    '中华人民共和国外国人永久居留身份证',
  ],
  hkMacaoTaiwanResidence: [
    '港澳台居民居住证', '港澳台居住证', '港澳居民居住证', '台湾居民居住证', '香港居民居住证', '澳门居民居住证',
  ],
  hkMacaoTravelPermit: [
    '港澳居民来往内地通行证', '港澳居民往来内地通行证', '回乡证', '港澳回乡证',
    '香港居民来往内地通行证', '澳门居民来往内地通行证',
  ],
  taiwanTravelPermit: ['台湾居民来往大陆通行证', '台湾居民往来大陆通行证', '台胞证', '台湾同胞来往大陆通行证'],
  passport: ['护照', '中国护照', '中华人民共和国护照', '外国护照', '外籍护照', '普通护照', '因私护照'],
};

// Rosters come from Excel: stray, full-width and zero-width spaces anywhere in a label.
const SPACES = /[\s\u200b-\u200d\u2060\ufeff]/g;

const BY_LABEL: ReadonlyMap<string, IdDocumentKind> = new Map(
  ID_DOCUMENT_KINDS.flatMap((kind) => LABEL_SYNONYMS[kind].map((label) => [label, kind] as const)),
);

/** The kind a 证件类型 label names, or null for a label this module does not know. */
export function documentKindOfLabel(label: string): IdDocumentKind | null {
  if (typeof label !== 'string') return null;
  // Nearly every row writes the label exactly: look it up before removing spaces from it.
  return BY_LABEL.get(label) ?? BY_LABEL.get(label.replace(SPACES, '')) ?? null;
}

/**
 * Whether the number states its holder's birth date and gender. When false, the roster
 * needs them as columns (Shanghai: passport rows need 出生日期 and 性别).
 */
export function documentCarriesBirthData(kind: IdDocumentKind, normalizedNumber: string): boolean {
  switch (kind) {
    case 'residentId':
    case 'hkMacaoTaiwanResidence':
      return true;
    case 'permanentResidence':
      // Only the 2023 form; the old 3-letter form's digits are no documented birth date.
      return typeof normalizedNumber === 'string' && normalizedNumber.trim().length === 18;
    case 'hkMacaoTravelPermit':
    case 'taiwanTravelPermit':
    case 'passport':
    default:
      return false;
  }
}
