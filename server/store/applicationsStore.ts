/** Onboarding applications (申请参保编码, 单位信息完善) and their attachments. */
import { randomUUID } from 'node:crypto';
import type { ApplicationKind, ApplicationState } from '../../shared/domain/onboarding';
import type { BlobStore } from '../blobs/blobStore';
import type { FieldCipher } from '../crypto/fieldCipher';
import type { SqlDb } from '../db/sqlDb';
import { fromJsonOrNull, toJson } from './json';

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

const toRecord = (r: ApplicationRow, cipher: FieldCipher): ApplicationRecord => ({
  id: r.id,
  unitId: r.unit_id,
  clientApplicationId: r.client_application_id,
  kind: r.kind,
  schemeId: r.scheme_id,
  state: r.state,
  form: cipher.openJson<Record<string, unknown>>(r.form),
  commitment: fromJsonOrNull<CommitmentRecord>(r.commitment),
  reason: r.reason,
  insuranceCode: r.insurance_code,
  round: r.round,
  submittedAt: r.submitted_at,
  reviewedAt: r.reviewed_at,
  reviewedBy: r.reviewed_by,
});

export class ApplicationsStore {
  constructor(
    private readonly db: SqlDb,
    private readonly blobs: BlobStore,
    private readonly cipher: FieldCipher,
  ) {}

  async get(id: string): Promise<ApplicationRecord | null> {
    const row = await this.db.one<ApplicationRow>('SELECT * FROM onboarding_applications WHERE id = $1', [id]);
    return row ? toRecord(row, this.cipher) : null;
  }

  async byClientId(unitId: string, clientApplicationId: string): Promise<ApplicationRecord | null> {
    const row = await this.db.one<ApplicationRow>('SELECT * FROM onboarding_applications WHERE unit_id = $1 AND client_application_id = $2', [unitId, clientApplicationId]);
    return row ? toRecord(row, this.cipher) : null;
  }

  async list(filter: { unitId?: string; state?: ApplicationState; kind?: ApplicationKind } = {}): Promise<ApplicationRecord[]> {
    const rows = await this.db.all<ApplicationRow>(
      `SELECT * FROM onboarding_applications
       WHERE ($1::text IS NULL OR unit_id = $1) AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR kind = $3)
       ORDER BY submitted_at, id`,
      [filter.unitId ?? null, filter.state ?? null, filter.kind ?? null],
    );
    return rows.map((r) => toRecord(r, this.cipher));
  }

  async insert(a: Omit<ApplicationRecord, 'state' | 'reason' | 'insuranceCode' | 'round' | 'reviewedAt' | 'reviewedBy'>): Promise<void> {
    await this.db.run(
      `INSERT INTO onboarding_applications (id, unit_id, client_application_id, kind, scheme_id, state, form, commitment, submitted_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8)`,
      [a.id, a.unitId, a.clientApplicationId, a.kind, a.schemeId, this.cipher.sealJson(a.form), a.commitment ? toJson(a.commitment) : null, a.submittedAt],
    );
  }

  /** A new round after 审核不通过: the form replaced, the decision cleared. */
  async resubmit(id: string, a: { schemeId: string; form: Record<string, unknown>; commitment: CommitmentRecord | null; submittedAt: string }): Promise<void> {
    await this.db.run(
      `UPDATE onboarding_applications SET scheme_id = $1, form = $2, commitment = $3, submitted_at = $4, state = 'pending', reason = NULL,
         reviewed_at = NULL, reviewed_by = NULL, round = round + 1 WHERE id = $5`,
      [a.schemeId, this.cipher.sealJson(a.form), a.commitment ? toJson(a.commitment) : null, a.submittedAt, id],
    );
  }

  async decide(id: string, d: { state: 'approved' | 'rejected'; reason: string | null; insuranceCode: string | null; at: string; staff: string | null }): Promise<void> {
    await this.db.run('UPDATE onboarding_applications SET state = $1, reason = $2, insurance_code = $3, reviewed_at = $4, reviewed_by = $5 WHERE id = $6', [
      d.state, d.reason, d.insuranceCode, d.at, d.staff, id,
    ]);
  }

  /** The next number for an automatic insurance code (a sequence: two approvals never share one). */
  async nextCodeNumber(): Promise<number> {
    return (await this.db.one<{ n: number }>("SELECT nextval('insurance_code_numbers') AS n"))!.n;
  }

  async codeTaken(code: string): Promise<boolean> {
    return (await this.db.one('SELECT 1 FROM onboarding_applications WHERE insurance_code = $1', [code])) !== null;
  }

  async replaceFiles(applicationId: string, files: readonly StoredFile[]): Promise<void> {
    // A resubmission's files take new keys: the round being replaced may still be read until this commits.
    await this.db.run('DELETE FROM onboarding_files WHERE application_id = $1', [applicationId]);
    for (const [i, f] of files.entries()) {
      const key = `onboarding/${applicationId}/${randomUUID()}`;
      await this.blobs.put(key, f.bytes);
      await this.db.run('INSERT INTO onboarding_files (application_id, idx, name, type, blob_key, size) VALUES ($1, $2, $3, $4, $5, $6)', [
        applicationId, i, f.name, f.type, key, f.bytes.length,
      ]);
    }
  }

  async fileInfo(applicationId: string): Promise<{ name: string; type: string; bytes: number }[]> {
    return this.db.all<{ name: string; type: string; bytes: number }>(
      'SELECT name, type, size AS bytes FROM onboarding_files WHERE application_id = $1 ORDER BY idx',
      [applicationId],
    );
  }

  async file(applicationId: string, idx: number): Promise<StoredFile | null> {
    const row = await this.db.one<{ name: string; type: string; blob_key: string }>('SELECT name, type, blob_key FROM onboarding_files WHERE application_id = $1 AND idx = $2', [applicationId, idx]);
    return row ? { name: row.name, type: row.type, bytes: await this.blobs.get(row.blob_key) } : null;
  }
}
