/** Units (参保单位) kept on this machine: a service window switches between many. */
import { randomUUID } from 'node:crypto';
import type { ApiError, Contact, Handler, UnitHeadCounts, UnitProfile, UnitRegistration } from '../../../shared/api/dto';
import type { Actor } from '../../../shared/domain/batch';
import type { AuditRepo } from './auditRepo';
import { notFound } from './errors';
import { fromJson, fromJsonOrNull, likePattern, toJson, toJsonOrNull } from './json';
import type { SqliteDatabase } from './openDatabase';
import type { PersonalDataCipher } from './personalDataCipher';
import { openSealedJson, sealedJson } from './sealPersonalData';
import { inWriteTransaction } from './statements';
import { isoAt, type Clock } from './time';

/** What `units.save` hands over (its validated input); `id` absent for a new unit. */
export interface UnitInput {
  id?: string;
  name: string;
  uscc?: string;
  insuranceCode?: string;
  socialSecurityCodes: string[];
  medicalInsuranceCode?: string;
  handler: Handler;
  contacts: Contact[];
  headCounts?: UnitHeadCounts;
  address?: string;
}

interface UnitRow {
  id: string;
  name: string;
  uscc: string | null;
  insurance_code: string | null;
  social_security_codes: string;
  medical_insurance_code: string | null;
  handler: string;
  contacts: string;
  head_counts: string | null;
  address: string | null;
  registration: UnitRegistration;
  registration_error: string | null;
  created_at: string;
  updated_at: string;
}

function toProfile(row: UnitRow, cipher: PersonalDataCipher): UnitProfile {
  const unit: UnitProfile = {
    id: row.id,
    name: row.name,
    socialSecurityCodes: fromJson<string[]>(row.social_security_codes),
    // The handler's and contacts' phones: sealed.
    handler: fromJson<Handler>(openSealedJson(cipher, row.handler)),
    contacts: fromJson<Contact[]>(openSealedJson(cipher, row.contacts)),
    registration: row.registration,
    updatedAt: row.updated_at,
  };
  if (row.uscc !== null) unit.uscc = row.uscc;
  if (row.insurance_code !== null) unit.insuranceCode = row.insurance_code;
  if (row.medical_insurance_code !== null) unit.medicalInsuranceCode = row.medical_insurance_code;
  const headCounts = fromJsonOrNull<UnitHeadCounts>(row.head_counts);
  if (headCounts) unit.headCounts = headCounts;
  if (row.address !== null) unit.address = row.address;
  const registrationError = fromJsonOrNull<ApiError>(row.registration_error);
  if (registrationError) unit.registrationError = registrationError;
  return unit;
}

/** The profile fields, in the order the audit names them. */
const PROFILE_FIELDS = ['name', 'uscc', 'insuranceCode', 'socialSecurityCodes', 'medicalInsuranceCode', 'handler', 'contacts', 'headCounts', 'address'] as const;

function changedFields(before: UnitProfile | null, after: UnitInput): string[] {
  return PROFILE_FIELDS.filter((f) => toJson(before?.[f] ?? null) !== toJson(after[f] ?? null));
}

export class UnitsRepo {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
    private readonly audit: AuditRepo,
    private readonly cipher: PersonalDataCipher,
  ) {}

  get(id: string): UnitProfile | null {
    const row = this.db.prepare<[string], UnitRow>('SELECT * FROM units WHERE id = ?').get(id);
    return row ? toProfile(row, this.cipher) : null;
  }

  require(id: string): UnitProfile {
    const unit = this.get(id);
    if (!unit) throw notFound('单位', id);
    return unit;
  }

  /** Ordered by name; `search` matches part of the name or the start of the 统一社会信用代码. */
  list(filter: { search?: string } = {}): UnitProfile[] {
    const search = filter.search?.trim();
    const rows = search
      ? this.db
          .prepare<[string, string], UnitRow>(
            "SELECT * FROM units WHERE name LIKE ? ESCAPE '\\' OR uscc LIKE ? ESCAPE '\\' ORDER BY name COLLATE NOCASE, id",
          )
          .all(likePattern(search, 'contains'), likePattern(search.toUpperCase(), 'prefix'))
      : this.db.prepare<[], UnitRow>('SELECT * FROM units ORDER BY name COLLATE NOCASE, id').all();
    return rows.map((row) => toProfile(row, this.cipher));
  }

  /** Inserts a new unit (no id, or an id not yet stored) or updates one; audited with the names of the fields changed. */
  save(input: UnitInput, actor: Actor): UnitProfile {
    return inWriteTransaction(this.db, () => {
      const now = isoAt(this.clock);
      const existing = input.id === undefined ? null : this.get(input.id);
      const id = input.id ?? randomUUID();
      const values = [
        input.name,
        input.uscc ?? null,
        input.insuranceCode ?? null,
        toJson(input.socialSecurityCodes),
        input.medicalInsuranceCode ?? null,
        sealedJson(this.cipher, toJson(input.handler)),
        sealedJson(this.cipher, toJson(input.contacts)),
        toJsonOrNull(input.headCounts),
        input.address ?? null,
      ];
      if (existing) {
        this.db
          .prepare(
            `UPDATE units SET name = ?, uscc = ?, insurance_code = ?, social_security_codes = ?, medical_insurance_code = ?,
               handler = ?, contacts = ?, head_counts = ?, address = ?, updated_at = ? WHERE id = ?`,
          )
          .run(...values, now, id);
      } else {
        this.db
          .prepare(
            `INSERT INTO units (name, uscc, insurance_code, social_security_codes, medical_insurance_code, handler, contacts,
               head_counts, address, id, registration, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'local', ?, ?)`,
          )
          .run(...values, id, now, now);
      }
      this.audit.record({
        actor,
        entity: 'unit',
        entityId: id,
        action: existing ? 'unit.update' : 'unit.create',
        detail: { fields: changedFields(existing, input) },
      });
      return this.require(id);
    });
  }

  /** Where the unit's registration with the association stands (set by the sync engine). */
  setRegistration(id: string, registration: UnitRegistration, error: ApiError | null, actor: Actor): UnitProfile {
    return inWriteTransaction(this.db, () => {
      const result = this.db
        .prepare('UPDATE units SET registration = ?, registration_error = ?, updated_at = ? WHERE id = ?')
        .run(registration, toJsonOrNull(error), isoAt(this.clock), id);
      if (result.changes === 0) throw notFound('单位', id);
      this.audit.record({ actor, entity: 'unit', entityId: id, action: 'unit.registration', detail: { registration, error: error?.code ?? null } });
      return this.require(id);
    });
  }
}
