/** Unit onboarding on this machine: applications, commitment readings, the account as reported. */
import type { ApplicationKind, ApplicationState } from '../../../shared/domain/onboarding';
import type { UnitProfileSnapshot } from '../../../shared/wire';
import { notFound } from './errors';
import { fromJson, toJson } from './json';
import type { SqliteDatabase } from './openDatabase';
import type { PersonalDataCipher } from './personalDataCipher';
import { openSealedJson, sealedJson } from './sealPersonalData';
import { Statements } from './statements';
import { isoAt, type Clock } from './time';

export interface AttachmentMeta {
  name: string;
  type: string;
  bytes: number;
}

export interface LocalApplication {
  id: string;
  unitId: string;
  kind: ApplicationKind;
  schemeId: string;
  form: Record<string, unknown>;
  attachments: AttachmentMeta[];
  reviewState: ApplicationState | null;
  reason: string | null;
  insuranceCode: string | null;
  serverApplicationId: string | null;
  actionId: string | null;
  submittedAt: string;
  reviewedAt: string | null;
}

export interface CommitmentReading {
  id: string;
  unitId: string;
  schemeId: string;
  title: string;
  minReadSeconds: number;
  startedAt: string;
  acceptedAt: string | null;
  usedBy: string | null;
}

interface ApplicationRow {
  id: string;
  unit_id: string;
  kind: ApplicationKind;
  scheme_id: string;
  form: string;
  attachments: string;
  review_state: ApplicationState | null;
  reason: string | null;
  insurance_code: string | null;
  server_application_id: string | null;
  action_id: string | null;
  submitted_at: string;
  reviewed_at: string | null;
}

interface ReadingRow {
  id: string;
  unit_id: string;
  scheme_id: string;
  title: string;
  min_read_seconds: number;
  started_at: string;
  accepted_at: string | null;
  used_by: string | null;
}

const toApplication = (r: ApplicationRow, cipher: PersonalDataCipher): LocalApplication => ({
  id: r.id,
  unitId: r.unit_id,
  kind: r.kind,
  schemeId: r.scheme_id,
  // The form's phones and bank account: sealed.
  form: fromJson<Record<string, unknown>>(openSealedJson(cipher, r.form)),
  attachments: fromJson<AttachmentMeta[]>(r.attachments),
  reviewState: r.review_state,
  reason: r.reason,
  insuranceCode: r.insurance_code,
  serverApplicationId: r.server_application_id,
  actionId: r.action_id,
  submittedAt: r.submitted_at,
  reviewedAt: r.reviewed_at,
});

const toReading = (r: ReadingRow): CommitmentReading => ({
  id: r.id,
  unitId: r.unit_id,
  schemeId: r.scheme_id,
  title: r.title,
  minReadSeconds: r.min_read_seconds,
  startedAt: r.started_at,
  acceptedAt: r.accepted_at,
  usedBy: r.used_by,
});

export class OnboardingRepo {
  private readonly sql: Statements;

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.sql = new Statements(db);
  }

  application(unitId: string, kind: ApplicationKind): LocalApplication | null {
    const row = this.sql.get<[string, string], ApplicationRow>('SELECT * FROM onboarding_applications WHERE unit_id = ? AND kind = ?').get(unitId, kind);
    return row ? toApplication(row, this.cipher) : null;
  }

  applicationById(id: string): LocalApplication | null {
    const row = this.sql.get<[string], ApplicationRow>('SELECT * FROM onboarding_applications WHERE id = ?').get(id);
    return row ? toApplication(row, this.cipher) : null;
  }

  /** A new submission (or a new round of one): the form and attachments replaced, the association's word cleared until it speaks again. */
  saveSubmission(a: { id: string; unitId: string; kind: ApplicationKind; schemeId: string; form: Record<string, unknown>; attachments: AttachmentMeta[]; actionId: string }): LocalApplication {
    const now = isoAt(this.clock);
    this.sql
      .get(
        `INSERT INTO onboarding_applications (id, unit_id, kind, scheme_id, form, attachments, action_id, submitted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET scheme_id = excluded.scheme_id, form = excluded.form, attachments = excluded.attachments,
           action_id = excluded.action_id, submitted_at = excluded.submitted_at, review_state = NULL, reason = NULL, reviewed_at = NULL`,
      )
      .run(a.id, a.unitId, a.kind, a.schemeId, sealedJson(this.cipher, toJson(a.form)), toJson(a.attachments), a.actionId, now);
    return this.applicationById(a.id)!;
  }

  /** What the association said (the feed's onboardingReview). */
  recordReview(id: string, r: { state: ApplicationState; reason: string | null; insuranceCode: string | null; serverApplicationId: string; at: string }): void {
    this.sql
      .get('UPDATE onboarding_applications SET review_state = ?, reason = ?, insurance_code = ?, server_application_id = ?, reviewed_at = ? WHERE id = ?')
      .run(r.state, r.reason, r.insuranceCode, r.serverApplicationId, r.state === 'pending' ? null : r.at, id);
  }

  startReading(r: { id: string; unitId: string; schemeId: string; title: string; minReadSeconds: number }): CommitmentReading {
    this.sql
      .get('INSERT INTO commitment_readings (id, unit_id, scheme_id, title, min_read_seconds, started_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.id, r.unitId, r.schemeId, r.title, r.minReadSeconds, isoAt(this.clock));
    return this.requireReading(r.id);
  }

  reading(id: string): CommitmentReading | null {
    const row = this.sql.get<[string], ReadingRow>('SELECT * FROM commitment_readings WHERE id = ?').get(id);
    return row ? toReading(row) : null;
  }

  requireReading(id: string): CommitmentReading {
    const reading = this.reading(id);
    if (!reading) throw notFound('承诺书阅读记录', id);
    return reading;
  }

  acceptReading(id: string, at: string): void {
    this.sql.get('UPDATE commitment_readings SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL').run(at, id);
  }

  useReading(id: string, applicationId: string): void {
    this.sql.get('UPDATE commitment_readings SET used_by = ? WHERE id = ?').run(applicationId, id);
  }

  saveAccountSnapshot(unitId: string, snapshot: UnitProfileSnapshot): void {
    this.sql
      .get(
        `INSERT INTO unit_account_snapshots (unit_id, snapshot, received_at) VALUES (?, ?, ?)
         ON CONFLICT (unit_id) DO UPDATE SET snapshot = excluded.snapshot, received_at = excluded.received_at`,
      )
      .run(unitId, sealedJson(this.cipher, toJson(snapshot)), isoAt(this.clock));
  }

  accountSnapshot(unitId: string): UnitProfileSnapshot | null {
    const row = this.sql.get<[string], { snapshot: string }>('SELECT snapshot FROM unit_account_snapshots WHERE unit_id = ?').get(unitId);
    return row ? fromJson<UnitProfileSnapshot>(openSealedJson(this.cipher, row.snapshot)) : null;
  }

  /** The unit's latest outbox action of a kind (经办人填报, 联系电话变更), by id. */
  latestActionId(unitId: string, kind: string): string | null {
    return this.sql.get<[string, string], { id: string }>('SELECT id FROM outbox WHERE unit_id = ? AND kind = ? ORDER BY seq DESC LIMIT 1').get(unitId, kind)?.id ?? null;
  }

  /** Whether an action of these kinds for the unit is still on its way (a local edit newer than what the server reports). */
  hasUnsentAction(unitId: string, kinds: readonly string[]): boolean {
    const marks = kinds.map(() => '?').join(', ');
    return (
      this.sql
        .get<string[], { n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE unit_id = ? AND kind IN (${marks}) AND status IN ('pending', 'sending')`)
        .get(unitId, ...kinds)!.n > 0
    );
  }
}
