import { describe, expect, it } from 'vitest';
import { deriveFromId } from '../../../../renderer/screens/quickEntry/idDerivation';

const NOW = Date.parse('2020-04-20T02:00:00Z');

describe('deriveFromId', () => {
  it.each([
    ['a complete resident ID (male)', '身份证', '310101198506151238', { valid: true, birthDate: '1985-06-15', gender: '男' }],
    ['a complete resident ID (female)', '身份证', '310101199002281228', { valid: true, birthDate: '1990-02-28', gender: '女' }],
    ['a lower-case x', '身份证', '11010519491231002x', { valid: true, birthDate: '1949-12-31', gender: '女' }],
    ['half a number, as the reader is still typing', '身份证', '3101011985', { valid: false }],
    ['a wrong check digit (birth date still read)', '身份证', '310101198506151230', { valid: false, birthDate: '1985-06-15', gender: '男' }],
    ['a passport (no birth data in the number)', '护照', 'E12345678', { valid: true }],
    ['no document type column (a resident ID)', undefined, '310101198506151238', { valid: true, birthDate: '1985-06-15', gender: '男' }],
  ])('reads %s', (_, type, number, expected) => {
    const d = deriveFromId(type, number, NOW);
    expect({ valid: d.valid, ...(d.birthDate ? { birthDate: d.birthDate } : {}), ...(d.gender ? { gender: d.gender } : {}) }).toEqual(expected);
  });

  it('says nothing for an empty number or an unknown document type', () => {
    expect(deriveFromId('身份证', '', NOW)).toEqual({ kind: 'residentId', valid: false, findings: [] });
    expect(deriveFromId('驾驶证', '310101198506151238', NOW)).toEqual({ kind: null, valid: false, findings: [] });
  });
});
