/**
 * The actions a client sends from its outbox, by kind: the route, the Chinese label the
 * clerk sees (提交批次, 批次撤回 …) and the body schema. Every action carries an
 * `Idempotency-Key` (one per outbox action, reused on every retry). Batch actions take the
 * client's batch id as `:batchId`.
 */
import type { z } from 'zod';
import { registerUnitRequestSchema } from './accounts';
import {
  invoiceRequestSchema,
  paymentProofRequestSchema,
  submitBatchRequestSchema,
  submitSupplementaryRequestSchema,
  withdrawBatchRequestSchema,
} from './batches';
import { paymentRecordRequestSchema } from './payments';
import { applyInsuranceCodeRequestSchema, changeContactPhoneRequestSchema, submitUnitProfileRequestSchema, updateHandlerRequestSchema } from './onboarding';
import { ROUTES, routePath, splitRoute, type HttpMethod } from './routes';

export interface ActionSpec {
  route: string;
  label: string;
  body: z.ZodType;
  /** The status of a first success (a replay answers the same). */
  successStatus: 200 | 201;
  /** Needs `:batchId`. */
  onBatch: boolean;
  /** Needs the unit's session token. */
  authenticated: boolean;
}

export const ACTIONS = {
  registerUnit: { route: ROUTES.registerUnit, label: '单位注册', body: registerUnitRequestSchema, successStatus: 201, onBatch: false, authenticated: false },
  submitBatch: { route: ROUTES.submitBatch, label: '提交批次', body: submitBatchRequestSchema, successStatus: 201, onBatch: false, authenticated: true },
  submitSupplementary: { route: ROUTES.submitSupplementary, label: '保全（保单补充）', body: submitSupplementaryRequestSchema, successStatus: 201, onBatch: true, authenticated: true },
  withdrawBatch: { route: ROUTES.withdrawBatch, label: '批次撤回', body: withdrawBatchRequestSchema, successStatus: 200, onBatch: true, authenticated: true },
  uploadPaymentProof: { route: ROUTES.uploadPaymentProof, label: '上传缴费凭证', body: paymentProofRequestSchema, successStatus: 200, onBatch: true, authenticated: true },
  requestInvoices: { route: ROUTES.requestInvoices, label: '申请开票', body: invoiceRequestSchema, successStatus: 201, onBatch: true, authenticated: true },
  applyInsuranceCode: { route: ROUTES.applyInsuranceCode, label: '申请参保编码', body: applyInsuranceCodeRequestSchema, successStatus: 201, onBatch: false, authenticated: true },
  submitUnitProfile: { route: ROUTES.submitUnitProfile, label: '单位信息完善', body: submitUnitProfileRequestSchema, successStatus: 201, onBatch: false, authenticated: true },
  updateHandler: { route: ROUTES.updateHandler, label: '经办人填报', body: updateHandlerRequestSchema, successStatus: 200, onBatch: false, authenticated: true },
  changeContactPhone: { route: ROUTES.changeContactPhone, label: '联系电话变更', body: changeContactPhoneRequestSchema, successStatus: 200, onBatch: false, authenticated: true },
  recordPayment: { route: ROUTES.recordPayment, label: '缴费（可合并多个批次）', body: paymentRecordRequestSchema, successStatus: 201, onBatch: false, authenticated: true },
} as const satisfies Record<string, ActionSpec>;

export type ActionKind = keyof typeof ACTIONS;
export const ACTION_KINDS = Object.keys(ACTIONS) as ActionKind[];
export type ActionBody<K extends ActionKind> = z.input<(typeof ACTIONS)[K]['body']>;

export function isActionKind(value: string): value is ActionKind {
  return Object.prototype.hasOwnProperty.call(ACTIONS, value);
}

/** The method and path an action goes to; `batchId` is the client's batch id for batch actions. */
export function actionTarget(kind: ActionKind, batchId?: string): { method: HttpMethod; path: string } {
  const spec: ActionSpec = ACTIONS[kind];
  if (spec.onBatch && !batchId) throw new Error(`${spec.label}须指明批次`);
  return { method: splitRoute(spec.route).method, path: routePath(spec.route, spec.onBatch ? { batchId: batchId! } : {}) };
}
