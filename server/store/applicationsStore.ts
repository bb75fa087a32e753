/** Onboarding applications (申请参保编码, 单位信息完善) and their attachments. */
import type { ApplicationKind, ApplicationState } from '../../shared/domain/onboarding';
import type { ServerDb } from '../db/openServerDb';
import { fromJson, fromJsonOrNull, toJson } from './json';

export interface CommitmentRecord {
  title: string;
  readStartedAt: string;
  acceptedAt: string;
}

export interface ApplicationRecord {
  id: string;
  unitId: string;
  clientApplicationId: string;
  kind: ApplicationKind;
  schemeId: string;
  state: ApplicationState;
  form: Record<string, unknown>;
  commitment: CommitmentRecord | null;
  reason: string | null;
  insuranceCode: string | null;
  round: number;
  submittedAt: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
}

export interface StoredFile {
  name: string;
  type: string;
  bytes: Buffer;
}

interface ApplicationRow {
  id: string;
  unit_id: string;
  client_application_id: string;
  kind: ApplicationKind;
  scheme_id: string;
  state: ApplicationState;
  form: string;
  commitment: string | null;
  reason: string | null;
  insurance_code: string | null;
  round: number;
  submitted_at: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
}

const toRecord = (r: ApplicationRow): ApplicationRecord => ({
  id: r.id,
  unitId: r.unit_id,
  clientApplicationId: r.client_application_id,
  kind: r.kind,
  schemeId: r.scheme_id,
  state: r.state,
  form: fromJson<Record<string, unknown>>(r.form),
  commitment: fromJsonOrNull<CommitmentRecord>(r.commitment),
  reason: r.reason,
  insuranceCode: r.insurance_code,
  round: r.round,
  submittedAt: r.submitted_at,
  reviewedAt: r.reviewed_at,
  reviewedBy: r.reviewed_by,
});

export class ApplicationsStore {
  constructor(private readonly db: ServerDb) {}

  get(id: string): ApplicationRecord | null {
    const row = this.db.prepare<[string], ApplicationRow>('SELECT * FROM onboarding_applications WHERE id = ?').get(id);
    return row ? toRecord(row) : null;
  }

  byClientId(unitId: string, clientApplicationId: string): ApplicationRecord | null {
    const row = this.db
      .prepare<[string, string], ApplicationRow>('SELECT * FROM onboarding_applications WHERE unit_id = ? AND client_application_id = ?')
      .get(unitId, clientApplicationId);
    return row ? toRecord(row) : null;
  }

  list(filter: { unitId?: string; state?: ApplicationState; kind?: ApplicationKind } = {}): ApplicationRecord[] {
    return this.db
      .prepare<[string | null, string | null, string | null, string | null, string | null, string | null], ApplicationRow>(
        `SELECT * FROM onboarding_applications
         WHERE (? IS NULL OR unit_id = ?) AND (? IS NULL OR state = ?) AND (? IS NULL OR kind = ?)
         ORDER BY submitted_at, id`,
      )
      .all(filter.unitId ?? null, filter.unitId ?? null, filter.state ?? null, filter.state ?? null, filter.kind ?? null, filter.kind ?? null)
      .map(toRecord);
  }

  insert(a: Omit<ApplicationRecord, 'state' | 'reason' | 'insuranceCode' | 'round' | 'reviewedAt' | 'reviewedBy'>): void {
    this.db
      .prepare(
        `INSERT INTO onboarding_applications (id, unit_id, client_application_id, kind, scheme_id, state, form, commitment, submitted_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(a.id, a.unitId, a.clientApplicationId, a.kind, a.schemeId, toJson(a.form), a.commitment ? toJson(a.commitment) : null, a.submittedAt);
  }

  /** A new round after 审核不通过: the form replaced, the decision cleared. */
  resubmit(id: string, a: { schemeId: string; form: Record<string, unknown>; commitment: CommitmentRecord | null; submittedAt: string }): void {
    this.db
      .prepare(
        `UPDATE onboarding_applications SET scheme_id = ?, form = ?, commitment = ?, submitted_at = ?, state = 'pending', reason = NULL,
           reviewed_at = NULL, reviewed_by = NULL, round = round + 1 WHERE id = ?`,
      )
      .run(a.schemeId, toJson(a.form), a.commitment ? toJson(a.commitment) : null, a.submittedAt, id);
  }

  decide(id: string, d: { state: 'approved' | 'rejected'; reason: string | null; insuranceCode: string | null; at: string; staff: string | null }): void {
    this.db
      .prepare('UPDATE onboarding_applications SET state = ?, reason = ?, insurance_code = ?, reviewed_at = ?, reviewed_by = ? WHERE id = ?')
      .run(d.state, d.reason, d.insuranceCode, d.at, d.staff, id);
  }

  /** How many insurance codes were issued so far (the next automatic one follows). */
  issuedCodes(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM onboarding_applications WHERE insurance_code IS NOT NULL').get()!.n;
  }

  codeTaken(code: string): boolean {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM onboarding_applications WHERE insurance_code = ?').get(code)!.n > 0;
  }

  replaceFiles(applicationId: string, files: readonly StoredFile[]): void {
    this.db.prepare('DELETE FROM onboarding_files WHERE application_id = ?').run(applicationId);
    const insert = this.db.prepare('INSERT INTO onboarding_files (application_id, idx, name, type, bytes) VALUES (?, ?, ?, ?, ?)');
    files.forEach((f, i) => insert.run(applicationId, i, f.name, f.type, f.bytes));
  }

  fileInfo(applicationId: string): { name: string; type: string; bytes: number }[] {
    return this.db
      .prepare<[string], { name: string; type: string; bytes: number }>(
        'SELECT name, type, length(bytes) AS bytes FROM onboarding_files WHERE application_id = ? ORDER BY idx',
      )
      .all(applicationId);
  }

  file(applicationId: string, idx: number): StoredFile | null {
    return this.db.prepare<[string, number], StoredFile>('SELECT name, type, bytes FROM onboarding_files WHERE application_id = ? AND idx = ?').get(applicationId, idx) ?? null;
  }
}
