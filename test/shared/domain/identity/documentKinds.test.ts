import { describe, expect, it } from 'vitest';
import { builtInSchemes } from '../../../../shared/schemes';
import {
  documentCarriesBirthData, documentKindOfLabel, ID_DOCUMENT_KIND_LABELS, ID_DOCUMENT_KINDS, type IdDocumentKind,
} from '../../../../shared/domain/identity';

describe('documentKindOfLabel', () => {
  it.each<[string, IdDocumentKind | null]>([
    ['身份证', 'residentId'],
    ['居民身份证', 'residentId'],
    [' 居民身份证 ', 'residentId'],
    ['\u3000身份证\u200b', 'residentId'],
    ['居民 身份证', 'residentId'],
    ['护照', 'passport'],
    ['外国护照', 'passport'],
    ['港澳台居民居住证', 'hkMacaoTaiwanResidence'],
    ['台湾居民居住证', 'hkMacaoTaiwanResidence'],
    ['外国人永久居留身份证', 'permanentResidence'],
    ['外国人永久居留证', 'permanentResidence'],
    ['回乡证', 'hkMacaoTravelPermit'],
    ['港澳居民来往内地通行证', 'hkMacaoTravelPermit'],
    ['台胞证', 'taiwanTravelPermit'],
    ['台湾居民来往大陆通行证', 'taiwanTravelPermit'],
    ['港澳通行证', null], // mainland residents' exit permit, not an ID of the holder
    ['驾驶证', null],
    ['', null],
  ])('%j -> %s', (label, kind) => {
    expect(documentKindOfLabel(label)).toBe(kind);
  });

  it('knows every document type the built-in schemes list', () => {
    const labels = builtInSchemes().flatMap((s) => s.roster.documentTypes);
    expect(labels.length).toBeGreaterThan(5);
    for (const label of labels) expect(documentKindOfLabel(label), label).not.toBeNull();
  });

  it('maps each kind’s own Chinese name back to the kind', () => {
    for (const kind of ID_DOCUMENT_KINDS) expect(documentKindOfLabel(ID_DOCUMENT_KIND_LABELS[kind])).toBe(kind);
  });
});

describe('documentCarriesBirthData', () => {
  it.each<[IdDocumentKind, string, boolean]>([
    ['residentId', '110101199003074477', true],
    ['residentId', '110105491231002', true],
    ['hkMacaoTaiwanResidence', '810000199408230021', true],
    ['permanentResidence', '931840198506150015', true],
    ['permanentResidence', 'USA310085061501', false],
    ['hkMacaoTravelPermit', 'H12345678', false],
    ['taiwanTravelPermit', '01234567', false],
    ['passport', 'E12345678', false],
  ])('%s %s: %s', (kind, n, carries) => {
    expect(documentCarriesBirthData(kind, n)).toBe(carries);
  });
});
