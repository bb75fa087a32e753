/**
 * The application API of the enrollment views: 保全 progress of a policy, a person's
 * enrollments across years, and the unit's claim records. Spread into OPERATIONS.
 */
import { z } from 'zod';
import { CLAIM_STATUSES } from '../wire/claims';
import type { FileDownload } from './dto';
import type { ClaimsView, PersonHistoryView, SupplementsView } from './enrollmentViewsDto';
import type { Returns } from './operations';
import { id, page, text, typeError } from './primitives';

/** operations.ts's `returns`, here without a runtime import of operations.ts (which spreads this map). */
const returns = <T>(): Returns<T> => ({});

/** 理赔记录查询: by person (name, ID number or claim number), plan, year reported and state. */
const claimsFilter = {
  unitId: id,
  search: text(50).optional(),
  planName: text(100).optional(),
  year: z.number({ error: typeError('必须是年份') }).int({ error: '必须是年份' }).min(2000, { error: '必须是 2000 年以后的年份' }).max(2100, { error: '必须是 2100 年以前的年份' }).optional(),
  status: z.enum(CLAIM_STATUSES, { error: typeError(`必须是以下之一：${CLAIM_STATUSES.join('、')}`) }).optional(),
};

export const ENROLLMENT_VIEW_OPERATIONS = {
  'batches.supplements': {
    doc: "A policy's supplementary enrollments (补充进度查询) with their states, and whether another may be started now.",
    input: z.strictObject({ batchId: id }),
    output: returns<SupplementsView>(),
  },
  'records.person': {
    doc: "A person's enrollments across batches, units and years (个人保单查询), by document number or name, from this machine.",
    input: z.strictObject({ query: text(50), unitId: id.optional() }),
    output: returns<PersonHistoryView>(),
  },
  'claims.search': {
    doc: "The unit's claim records (理赔记录): fetched from the association when `refresh` (or never fetched), else the last list fetched, filtered.",
    input: z.strictObject({ ...claimsFilter, refresh: z.boolean({ error: typeError('必须是 true 或 false') }).default(false), ...page }),
    output: returns<ClaimsView>(),
  },
  'claims.export': {
    doc: 'The claim records the same filter finds in the last list fetched, as xlsx (理赔记录导出).',
    input: z.strictObject(claimsFilter),
    output: returns<FileDownload>(),
  },
};
