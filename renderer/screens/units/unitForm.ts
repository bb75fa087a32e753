/** The unit form's text fields, to and from the API's unit profile. */
import type { UnitProfile } from '../../../shared/api/dto';
import type { In } from '../../../shared/api/operations';

export interface UnitFormValues {
  name: string;
  uscc: string;
  insuranceCode: string;
  socialSecurityCodes: string;
  medicalInsuranceCode: string;
  handlerName: string;
  handlerPhone: string;
  handlerIdNumber: string;
  handlerEmail: string;
  inService: string;
  femaleInService: string;
  address: string;
}

export const EMPTY_UNIT_FORM: UnitFormValues = {
  name: '',
  uscc: '',
  insuranceCode: '',
  socialSecurityCodes: '',
  medicalInsuranceCode: '',
  handlerName: '',
  handlerPhone: '',
  handlerIdNumber: '',
  handlerEmail: '',
  inService: '',
  femaleInService: '',
  address: '',
};

/** Which API input path each form field fills, so a refusal naming a path marks the field. */
export const UNIT_FIELD_PATHS: Readonly<Record<keyof UnitFormValues, string>> = {
  name: 'unit.name',
  uscc: 'unit.uscc',
  insuranceCode: 'unit.insuranceCode',
  socialSecurityCodes: 'unit.socialSecurityCodes',
  medicalInsuranceCode: 'unit.medicalInsuranceCode',
  handlerName: 'unit.handler.name',
  handlerPhone: 'unit.handler.phone',
  handlerIdNumber: 'unit.handler.idNumber',
  handlerEmail: 'unit.handler.email',
  inService: 'unit.headCounts.inService',
  femaleInService: 'unit.headCounts.femaleInService',
  address: 'unit.address',
};

export function formFromUnit(unit: UnitProfile): UnitFormValues {
  return {
    name: unit.name,
    uscc: unit.uscc ?? '',
    insuranceCode: unit.insuranceCode ?? '',
    socialSecurityCodes: unit.socialSecurityCodes.join(', '),
    medicalInsuranceCode: unit.medicalInsuranceCode ?? '',
    handlerName: unit.handler.name,
    handlerPhone: unit.handler.phone,
    handlerIdNumber: unit.handler.idNumber ?? '',
    handlerEmail: unit.handler.email ?? '',
    inService: unit.headCounts ? String(unit.headCounts.inService) : '',
    femaleInService: unit.headCounts ? String(unit.headCounts.femaleInService) : '',
    address: unit.address ?? '',
  };
}

const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());

/** The units.save input; blanks are left out, counts that are not whole numbers go as typed so the API names them. */
export function unitInputFromForm(values: UnitFormValues, existing: UnitProfile | null): In<'units.save'>['unit'] {
  const count = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : (v as unknown as number));
  const headCounts =
    values.inService.trim() !== '' || values.femaleInService.trim() !== ''
      ? { inService: count(values.inService || '0'), femaleInService: count(values.femaleInService || '0') }
      : undefined;
  return {
    ...(existing ? { id: existing.id } : {}),
    name: values.name,
    uscc: optional(values.uscc),
    insuranceCode: optional(values.insuranceCode),
    socialSecurityCodes: values.socialSecurityCodes
      .split(/[,，、;；\s]+/)
      .map((c) => c.trim())
      .filter((c) => c !== ''),
    medicalInsuranceCode: optional(values.medicalInsuranceCode),
    handler: {
      name: values.handlerName,
      phone: values.handlerPhone,
      idNumber: optional(values.handlerIdNumber),
      email: optional(values.handlerEmail),
    },
    contacts: existing?.contacts ?? [],
    headCounts,
    address: optional(values.address),
  };
}
