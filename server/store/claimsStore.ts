/** Claim records per unit (the association's claims system feeds them; here the admin API and the demo). */
import type { ClaimStatus } from '../../shared/wire';
import type { ServerDb } from '../db/openServerDb';

export interface ClaimRecordRow {
  id: string;
  unitId: string;
  claimNumber: string;
  personName: string;
  docNumber: string;
  planCode: string | null;
  planName: string;
  eventDate: string;
  reportedOn: string;
  claimedFen: number;
  paidFen: number;
  status: ClaimStatus;
  paidOn: string | null;
  remark: string | null;
  updatedAt: string;
}

interface Row {
  id: string;
  unit_id: string;
  claim_number: string;
  person_name: string;
  doc_number: string;
  plan_code: string | null;
  plan_name: string;
  event_date: string;
  reported_on: string;
  claimed_fen: number;
  paid_fen: number;
  status: string;
  paid_on: string | null;
  remark: string | null;
  updated_at: string;
}

const toClaim = (r: Row): ClaimRecordRow => ({
  id: r.id,
  unitId: r.unit_id,
  claimNumber: r.claim_number,
  personName: r.person_name,
  docNumber: r.doc_number,
  planCode: r.plan_code,
  planName: r.plan_name,
  eventDate: r.event_date,
  reportedOn: r.reported_on,
  claimedFen: r.claimed_fen,
  paidFen: r.paid_fen,
  status: r.status as ClaimStatus,
  paidOn: r.paid_on,
  remark: r.remark,
  updatedAt: r.updated_at,
});

export class ClaimsStore {
  constructor(private readonly db: ServerDb) {}

  insert(c: ClaimRecordRow): void {
    this.db
      .prepare(
        `INSERT INTO claims (id, unit_id, claim_number, person_name, doc_number, plan_code, plan_name, event_date, reported_on,
           claimed_fen, paid_fen, status, paid_on, remark, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.id, c.unitId, c.claimNumber, c.personName, c.docNumber, c.planCode, c.planName, c.eventDate, c.reportedOn, c.claimedFen, c.paidFen, c.status, c.paidOn, c.remark, c.updatedAt);
  }

  numberTaken(claimNumber: string): boolean {
    return this.db.prepare('SELECT 1 FROM claims WHERE claim_number = ?').get(claimNumber) !== undefined;
  }

  /** The unit's own claim only. */
  get(unitId: string, id: string): ClaimRecordRow | null {
    const row = this.db.prepare<[string, string], Row>('SELECT * FROM claims WHERE id = ? AND unit_id = ?').get(id, unitId);
    return row ? toClaim(row) : null;
  }

  page(unitId: string, offset: number, limit: number): { total: number; claims: ClaimRecordRow[] } {
    const total = this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM claims WHERE unit_id = ?').get(unitId)!.n;
    const claims = this.db
      .prepare<[string, number, number], Row>('SELECT * FROM claims WHERE unit_id = ? ORDER BY reported_on DESC, claim_number LIMIT ? OFFSET ?')
      .all(unitId, limit, offset)
      .map(toClaim);
    return { total, claims };
  }
}
