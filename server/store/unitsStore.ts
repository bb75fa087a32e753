/** Unit accounts and their sessions. */
import type { ServerDb } from '../db/openServerDb';
import { fromJson, toJson } from './json';

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

const toUnit = (r: UnitRow): UnitRecord => ({
  id: r.id,
  name: r.name,
  loginPhone: r.login_phone,
  passwordHash: r.password_hash,
  profile: fromJson<UnitProfile>(r.profile),
  createdAt: r.created_at,
});

export class UnitsStore {
  constructor(private readonly db: ServerDb) {}

  insert(unit: UnitRecord): void {
    this.db
      .prepare('INSERT INTO units (id, name, login_phone, password_hash, profile, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(unit.id, unit.name, unit.loginPhone, unit.passwordHash, toJson(unit.profile), unit.createdAt, unit.createdAt);
  }

  get(id: string): UnitRecord | null {
    const row = this.db.prepare<[string], UnitRow>('SELECT * FROM units WHERE id = ?').get(id);
    return row ? toUnit(row) : null;
  }

  byName(name: string): UnitRecord | null {
    const row = this.db.prepare<[string], UnitRow>('SELECT * FROM units WHERE name = ?').get(name);
    return row ? toUnit(row) : null;
  }

  byPhone(phone: string): UnitRecord | null {
    const row = this.db.prepare<[string], UnitRow>('SELECT * FROM units WHERE login_phone = ?').get(phone);
    return row ? toUnit(row) : null;
  }

  /** The login: a unit name or its login phone. */
  byAccount(account: string): UnitRecord | null {
    return this.byName(account) ?? this.byPhone(account);
  }

  /** The profile replaced (onboarding approvals, handler details). */
  updateProfile(id: string, profile: UnitProfile, at: string): void {
    this.db.prepare('UPDATE units SET profile = ?, updated_at = ? WHERE id = ?').run(toJson(profile), at, id);
  }

  /** 联系电话变更: the phone the unit logs in with (unique across accounts). */
  setLoginPhone(id: string, phone: string, at: string): void {
    this.db.prepare('UPDATE units SET login_phone = ?, updated_at = ? WHERE id = ?').run(phone, at, id);
  }

  list(): UnitRecord[] {
    return this.db.prepare<[], UnitRow>('SELECT * FROM units ORDER BY created_at, id').all().map(toUnit);
  }

  ids(): string[] {
    return this.db.prepare<[], { id: string }>('SELECT id FROM units ORDER BY id').all().map((r) => r.id);
  }

  createSession(unitId: string, tokenHash: string, createdAt: string, expiresAt: string): void {
    this.db.prepare('INSERT INTO sessions (token_hash, unit_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, unitId, createdAt, expiresAt);
  }

  session(tokenHash: string): { unitId: string; expiresAt: string } | null {
    const row = this.db
      .prepare<[string], { unit_id: string; expires_at: string }>('SELECT unit_id, expires_at FROM sessions WHERE token_hash = ?')
      .get(tokenHash);
    return row ? { unitId: row.unit_id, expiresAt: row.expires_at } : null;
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  /** Sessions expired for a day are of no use, even to say "expired". */
  purgeSessions(before: string): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(before).changes;
  }
}
