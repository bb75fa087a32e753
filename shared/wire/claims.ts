/** Claim records (理赔记录) per unit: read-only for the client's records view (Wuxi 理赔记录查询). */
import { z } from 'zod';
import { fen, isoDate, text } from '../api/primitives';

export const CLAIM_STATUSES = ['reported', 'approved', 'paid', 'refused'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_STATUS_LABELS: Readonly<Record<ClaimStatus, string>> = {
  reported: '已受理',
  approved: '审核通过',
  paid: '已给付',
  refused: '不予给付',
};

export const claimRecordSchema = z.object({
  claimId: z.string(),
  claimNumber: z.string(),
  personName: z.string(),
  docNumber: z.string(),
  planCode: z.string().optional(),
  planName: z.string(),
  eventDate: z.string(),
  reportedOn: z.string(),
  claimedFen: z.number().int(),
  paidFen: z.number().int(),
  status: z.enum(CLAIM_STATUSES),
  statusLabel: z.string(),
  paidOn: z.string().optional(),
  remark: z.string().optional(),
  updatedAt: z.string(),
});
export type ClaimRecord = z.infer<typeof claimRecordSchema>;

export const claimsPageSchema = z.object({ total: z.number().int(), offset: z.number().int(), claims: z.array(claimRecordSchema) });
export type ClaimsPage = z.infer<typeof claimsPageSchema>;

/** Admin: a claim record to add to a unit's list (the association's claims system is out of scope). */
export const addClaimRequestSchema = z.strictObject({
  claimNumber: text(40),
  personName: text(50),
  docNumber: text(40),
  planCode: text(40).optional(),
  planName: text(100),
  eventDate: isoDate,
  reportedOn: isoDate,
  claimedFen: fen,
  paidFen: fen.default(0),
  status: z.enum(CLAIM_STATUSES),
  paidOn: isoDate.optional(),
  remark: text(200).optional(),
});
export type AddClaimRequest = z.input<typeof addClaimRequestSchema>;
