/** Unit accounts and their sessions. */
import type { SqlDb } from '../db/sqlDb';
import type { FieldCipher } from '../crypto/fieldCipher';

export interface UnitProfile {
  uscc?: string;
  insuranceCode?: string;
  socialSecurityCodes: string[];
  medicalInsuranceCode?: string;
  handler: { name: string; idNumber?: string; phone: string; email?: string };
  contacts: { name: string; phone: string; role?: string }[];
  headCounts?: { inService: number; femaleInService: number };
  address?: string;
  /** 所属区局 (Wuxi), from an approved unit profile completion. */
  district?: string;
}

export interface UnitRecord {
  id: string;
  name: string;
  loginPhone: string;
  passwordHash: string;
  profile: UnitProfile;
  createdAt: string;
}

interface UnitRow {
  id: string;
  name: string;
  login_phone: string;
  password_hash: string;
  profile: string;
  created_at: string;
}

export class UnitsStore {
  constructor(
    private readonly db: SqlDb,
    private readonly cipher: FieldCipher,
  ) {}

  private readonly toUnit = (r: UnitRow): UnitRecord => ({
    id: r.id,
    name: r.name,
    loginPhone: this.cipher.open(r.login_phone),
    passwordHash: r.password_hash,
    profile: this.cipher.openJson<UnitProfile>(r.profile),
    createdAt: r.created_at,
  });

  async insert(unit: UnitRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO units (id, name, login_phone, login_phone_index, password_hash, profile, insurance_code, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [
        unit.id, unit.name, this.cipher.seal(unit.loginPhone), this.cipher.blindIndex(unit.loginPhone), unit.passwordHash,
        this.cipher.sealJson(unit.profile), unit.profile.insuranceCode ?? null, unit.createdAt,
      ],
    );
  }

  async get(id: string): Promise<UnitRecord | null> {
    const row = await this.db.one<UnitRow>('SELECT * FROM units WHERE id = $1', [id]);
    return row ? this.toUnit(row) : null;
  }

  async byName(name: string): Promise<UnitRecord | null> {
    const row = await this.db.one<UnitRow>('SELECT * FROM units WHERE name = $1', [name]);
    return row ? this.toUnit(row) : null;
  }

  async byPhone(phone: string): Promise<UnitRecord | null> {
    const row = await this.db.one<UnitRow>('SELECT * FROM units WHERE login_phone_index = $1', [this.cipher.blindIndex(phone)]);
    return row ? this.toUnit(row) : null;
  }

  /** The login: a unit name or its login phone. */
  async byAccount(account: string): Promise<UnitRecord | null> {
    return (await this.byName(account)) ?? (await this.byPhone(account));
  }

  /** The profile replaced (onboarding approvals, handler details). */
  async updateProfile(id: string, profile: UnitProfile, at: string): Promise<void> {
    await this.db.run('UPDATE units SET profile = $1, insurance_code = $2, updated_at = $3 WHERE id = $4', [this.cipher.sealJson(profile), profile.insuranceCode ?? null, at, id]);
  }

  /** 联系电话变更: the phone the unit logs in with (unique across accounts). */
  async setLoginPhone(id: string, phone: string, at: string): Promise<void> {
    await this.db.run('UPDATE units SET login_phone = $1, login_phone_index = $2, updated_at = $3 WHERE id = $4', [this.cipher.seal(phone), this.cipher.blindIndex(phone), at, id]);
  }

  async list(): Promise<UnitRecord[]> {
    return (await this.db.all<UnitRow>('SELECT * FROM units ORDER BY created_at, id')).map(this.toUnit);
  }

  /** Another unit whose profile carries this insurance code (one code, one account). */
  async otherWithInsuranceCode(code: string, unitId: string): Promise<boolean> {
    const row = await this.db.one('SELECT 1 FROM units WHERE id <> $2 AND insurance_code = $1 LIMIT 1', [code, unitId]);
    return row !== null;
  }

  async createSession(unitId: string, tokenHash: string, createdAt: string, expiresAt: string): Promise<void> {
    await this.db.run('INSERT INTO sessions (token_hash, unit_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash, unitId, createdAt, expiresAt]);
  }

  /** The session's unit, in one look-up (every unit request starts here). */
  async bySession(tokenHash: string): Promise<{ unit: UnitRecord; expiresAt: string } | null> {
    const row = await this.db.one<UnitRow & { expires_at: string }>(
      'SELECT u.*, s.expires_at FROM sessions s JOIN units u ON u.id = s.unit_id WHERE s.token_hash = $1',
      [tokenHash],
    );
    return row ? { unit: this.toUnit(row), expiresAt: row.expires_at } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  /** Sessions expired for a day are of no use, even to say "expired". */
  async purgeSessions(before: string): Promise<number> {
    return this.db.run('DELETE FROM sessions WHERE expires_at < $1', [before]);
  }
}
