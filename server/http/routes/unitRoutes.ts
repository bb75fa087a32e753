/**
 * Routes of a logged-in unit. Every lookup is by (this unit, id): another unit's batch,
 * upload or claim answers 404 exactly like an id that does not exist.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CHANGES_DEFAULT_LIMIT,
  CHANGES_MAX_LIMIT,
  changesQuerySchema,
  createUploadRequestSchema,
  invoiceRequestSchema,
  MAX_CHUNK_BYTES,
  MAX_PROOF_BODY_BYTES,
  pageQuery,
  paymentProofRequestSchema,
  ROUTES,
  submitBatchRequestSchema,
  submitSupplementaryRequestSchema,
  WIRE_HEADERS,
  withdrawBatchRequestSchema,
  type BatchList,
  type BatchPersonsPage,
  type ChangesPage,
  type ClaimsPage,
} from '../../../shared/wire';
import type { ServerContext } from '../../context';
import { accountView } from '../../services/accounts';
import { claimRecordOf } from '../../services/adminActions';
import { requestInvoices, uploadPaymentProof, withdrawBatch } from '../../services/batchActions';
import { batchSummary, batchView } from '../../services/batchView';
import { requireInvoiceDocument } from '../../services/invoiceDocuments';
import { applySubmission, prepareSubmission, type PreparedSubmission } from '../../services/submission';
import { batchStateLabel } from '../../../shared/domain/batch';
import { completeUpload, createUpload, putChunk, requireUpload, uploadStatus } from '../../services/uploads';
import type { BatchRecord } from '../../store/batchesStore';
import type { UnitRecord } from '../../store/unitsStore';
import { idempotentAction } from '../idempotent';
import { parseOr422 } from '../parse';
import { requireUnit } from '../unitAuth';
import { notFound, refuse } from '../wireHttpError';
import { etagMatches, etagOf, on, params } from './routeHelpers';
import { decodeCursor, encodeCursor } from '../../store/changesStore';

const POLICY_STATES: readonly BatchRecord['state'][] = ['awaitingEffect', 'inForce'];

export function unitRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const scopeOf = (unit: UnitRecord) => `unit:${unit.id}`;
  const ownBatch = async (unit: UnitRecord, req: FastifyRequest): Promise<BatchRecord> => {
    const batch = await ctx.batches.byClientId(unit.id, params(req).batchId ?? '');
    if (!batch) throw notFound('批次');
    return batch;
  };

  on(app, ROUTES.logout, async (req, reply) => {
    const unit = await requireUnit(ctx, req);
    await ctx.units.deleteSession(unit.tokenHash);
    return reply.code(204).send();
  });

  on(app, ROUTES.account, async (req) => accountView(ctx, await requireUnit(ctx, req)));

  // ---- Chunked roster uploads ----

  on(app, ROUTES.createUpload, async (req, reply) => {
    const unit = await requireUnit(ctx, req);
    const body = parseOr422(createUploadRequestSchema, req.body);
    return idempotentAction(ctx, req, reply, scopeOf(unit), ROUTES.createUpload, async () => ({ status: 201, body: await createUpload(ctx, unit.id, body) }));
  });

  on(app, ROUTES.upload, async (req) => {
    const unit = await requireUnit(ctx, req);
    const upload = await ctx.uploads.get(unit.id, params(req).uploadId ?? '');
    if (!upload) throw notFound('名单上传');
    return await uploadStatus(ctx, upload);
  });

  on(
    app,
    ROUTES.putChunk,
    async (req) => {
      const unit = await requireUnit(ctx, req);
      const { uploadId = '', index = '' } = params(req);
      const upload = await requireUpload(ctx, unit.id, uploadId);
      if (!Buffer.isBuffer(req.body)) throw refuse('validationFailed', '分块须以 application/octet-stream 发送');
      if (!/^\d{1,9}$/.test(index)) throw refuse('chunkIndexOutOfRange', '分块序号须为非负整数', { field: 'index' });
      const declared = req.headers[WIRE_HEADERS.chunkSha256];
      const body = req.body;
      return putChunk(ctx, upload, Number(index), body, typeof declared === 'string' ? declared : undefined);
    },
    { bodyLimit: MAX_CHUNK_BYTES },
  );

  on(app, ROUTES.completeUpload, async (req) => {
    const unit = await requireUnit(ctx, req);
    const upload = await requireUpload(ctx, unit.id, params(req).uploadId ?? '');
    const result = await completeUpload(ctx, upload);
    // The failure is committed first: the session stays failed whatever the client does next.
    if (!result.ok) throw refuse(result.error.code as 'sha256Mismatch', result.error.message);
    return result.status;
  });

  // ---- Batches ----

  on(app, ROUTES.submitBatch, async (req, reply) => {
    const unit = await requireUnit(ctx, req);
    const body = parseOr422(submitBatchRequestSchema, req.body);
    return idempotentAction(
      ctx,
      req,
      reply,
      scopeOf(unit),
      ROUTES.submitBatch,
      async (prepared: PreparedSubmission) => {
        const result = await applySubmission(ctx, unit, prepared);
        return { status: result.status, body: result.view };
      },
      () => prepareSubmission(ctx, unit, body, null),
    );
  });

  on(app, ROUTES.submitSupplementary, async (req, reply) => {
    const unit = await requireUnit(ctx, req);
    const body = parseOr422(submitSupplementaryRequestSchema, req.body);
    const policyInForce = async () => {
      const policy = await ownBatch(unit, req);
      if (!POLICY_STATES.includes(policy.state)) {
        throw refuse('policyNotInForce', `保单当前状态为“${batchStateLabel(policy.state)}”，只有待生效或已生效的保单才能办理保全`);
      }
      if (policy.schemeId !== body.schemeId) throw refuse('validationFailed', '保全须使用原保单的保障方案', { field: 'schemeId' });
      return policy;
    };
    return idempotentAction(
      ctx,
      req,
      reply,
      scopeOf(unit),
      ROUTES.submitSupplementary,
      async (prepared: PreparedSubmission) => {
        // Checked again under the lock: the policy may have moved since the rows were checked.
        await policyInForce();
        const result = await applySubmission(ctx, unit, prepared);
        return { status: result.status, body: result.view };
      },
      async () => prepareSubmission(ctx, unit, { ...body, enrollmentType: 'supplementary' }, await policyInForce()),
    );
  });

  on(app, ROUTES.batches, async (req) => {
    const unit = await requireUnit(ctx, req);
    const list: BatchList = { batches: await Promise.all((await ctx.batches.list({ unitId: unit.id })).map(async (b) => ({ ...(await batchSummary(ctx, b)), coverageYear: b.coverageYear }))) };
    return list;
  });

  on(app, ROUTES.batch, async (req) => batchView(ctx, await ownBatch(await requireUnit(ctx, req), req)));

  on(app, ROUTES.batchPersons, async (req) => {
    const batch = await ownBatch(await requireUnit(ctx, req), req);
    const { offset, limit } = parseOr422(pageQuery(1000, 200), req.query);
    const page: BatchPersonsPage = {
      total: (await ctx.batches.personCounts(batch.id)).total,
      offset,
      persons: (await ctx.batches.persons(batch.id, offset, limit)).map((p) => ({
        docNumber: p.docNumber,
        name: p.name,
        ...(p.rowId !== null ? { rowId: p.rowId } : {}),
        sourceRow: p.sourceRow,
        status: p.status,
        reasons: p.reasons,
        values: p.values,
      })),
    };
    return page;
  });

  on(app, ROUTES.withdrawBatch, async (req, reply) => {
    const unit = await requireUnit(ctx, req);
    const body = parseOr422(withdrawBatchRequestSchema, req.body);
    return idempotentAction(ctx, req, reply, scopeOf(unit), ROUTES.withdrawBatch, async () => ({
      status: 200,
      body: await withdrawBatch(ctx, unit, await ownBatch(unit, req), body.reason),
    }));
  });

  on(
    app,
    ROUTES.uploadPaymentProof,
    async (req, reply) => {
      const unit = await requireUnit(ctx, req);
      const body = parseOr422(paymentProofRequestSchema, req.body);
      return idempotentAction(ctx, req, reply, scopeOf(unit), ROUTES.uploadPaymentProof, async () => ({
        status: 200,
        body: await uploadPaymentProof(ctx, unit, await ownBatch(unit, req), body),
      }));
    },
    { bodyLimit: MAX_PROOF_BODY_BYTES },
  );

  on(
    app,
    ROUTES.requestInvoices,
    async (req, reply) => {
      const unit = await requireUnit(ctx, req);
      const body = parseOr422(invoiceRequestSchema, req.body);
      return idempotentAction(ctx, req, reply, scopeOf(unit), ROUTES.requestInvoices, async () => ({
        status: 201,
        body: await requestInvoices(ctx, await ownBatch(unit, req), body),
      }));
    },
    // 提前开票 carries the signed commitment, as large as a voucher.
    { bodyLimit: MAX_PROOF_BODY_BYTES },
  );

  // The e-invoice document of one of this unit's invoices; another unit's batch or invoice is 404.
  on(app, ROUTES.invoiceDocument, async (req, reply) => {
    const batch = await ownBatch(await requireUnit(ctx, req), req);
    const doc = await requireInvoiceDocument(ctx, batch, params(req).invoiceId ?? '');
    return reply
      .code(200)
      .header('content-type', doc.type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.name)}`)
      .send(doc.file);
  });

  // ---- The change feed and claims ----

  // A pull that finds nothing new answers 304 to its ETag after one small read, without listing.
  on(app, ROUTES.changes, async (req, reply) => {
    const unit = await requireUnit(ctx, req);
    const query = parseOr422(changesQuerySchema, req.query);
    const after = decodeCursor(Number(query.after));
    const limit = query.limit ?? CHANGES_DEFAULT_LIMIT;
    if (limit < 1 || limit > CHANGES_MAX_LIMIT) throw refuse('validationFailed', `limit 须在 1 到 ${CHANGES_MAX_LIMIT} 之间`, { field: 'limit' });
    const last = await ctx.changes.last(unit.id);
    if (after.unit > last.unit || after.announcement > last.announcement) {
      throw refuse('cursorAhead', `同步游标 ${query.after} 超过服务器的最新变更 ${encodeCursor(last)}（服务器数据可能已重置），请从头同步`);
    }
    const etag = etagOf([unit.id, query.after, String(limit), String(encodeCursor(last))]);
    reply.header(WIRE_HEADERS.etag, etag).header('cache-control', 'no-cache');
    if (etagMatches(req, etag)) return reply.code(304).send();
    const { changes, position } = await ctx.changes.list(unit.id, after, limit);
    const page: ChangesPage = {
      changes,
      cursor: String(encodeCursor(position)),
      hasMore: position.unit < last.unit || position.announcement < last.announcement,
    };
    return page;
  });

  on(app, ROUTES.claims, async (req) => {
    const unit = await requireUnit(ctx, req);
    const { offset, limit } = parseOr422(pageQuery(500, 100), req.query);
    const { total, claims } = await ctx.claims.page(unit.id, offset, limit);
    const page: ClaimsPage = { total, offset, claims: claims.map(claimRecordOf) };
    return page;
  });

  on(app, ROUTES.claim, async (req) => {
    const unit = await requireUnit(ctx, req);
    const claim = await ctx.claims.get(unit.id, params(req).claimId ?? '');
    if (!claim) throw notFound('理赔记录');
    return claimRecordOf(claim);
  });
}

