/** Claim records per unit (the association's claims system feeds them; here the admin API and the demo). */
import type { ClaimStatus } from '../../shared/wire';
import type { SqlDb } from '../db/sqlDb';

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
  constructor(private readonly db: SqlDb) {}

  async insert(c: ClaimRecordRow): Promise<void> {
    await this.db.run(
      `INSERT INTO claims (id, unit_id, claim_number, person_name, doc_number, plan_code, plan_name, event_date, reported_on,
         claimed_fen, paid_fen, status, paid_on, remark, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [c.id, c.unitId, c.claimNumber, c.personName, c.docNumber, c.planCode, c.planName, c.eventDate, c.reportedOn, c.claimedFen, c.paidFen, c.status, c.paidOn, c.remark, c.updatedAt],
    );
  }

  async numberTaken(claimNumber: string): Promise<boolean> {
    return (await this.db.one('SELECT 1 FROM claims WHERE claim_number = $1', [claimNumber])) !== null;
  }

  /** The unit's own claim only. */
  async get(unitId: string, id: string): Promise<ClaimRecordRow | null> {
    const row = await this.db.one<Row>('SELECT * FROM claims WHERE id = $1 AND unit_id = $2', [id, unitId]);
    return row ? toClaim(row) : null;
  }

  async page(unitId: string, offset: number, limit: number): Promise<{ total: number; claims: ClaimRecordRow[] }> {
    const total = (await this.db.one<{ n: number }>('SELECT COUNT(*)::int AS n FROM claims WHERE unit_id = $1', [unitId]))!.n;
    const rows = await this.db.all<Row>('SELECT * FROM claims WHERE unit_id = $1 ORDER BY reported_on DESC, claim_number LIMIT $2 OFFSET $3', [unitId, limit, offset]);
    return { total, claims: rows.map(toClaim) };
  }
}
