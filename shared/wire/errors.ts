/**
 * Every refusal the server sends is a JSON body `{ code, message, field?, details? }`: an
 * ApiError (shared/api/dto) the client can show as is, the message in Chinese. The HTTP
 * status says how the client must react; `code` says why.
 */
import { z } from 'zod';

export const wireProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});
export type WireProblem = z.infer<typeof wireProblemSchema>;

export const wireErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** The request field at fault (`roster.rows[3].values.name`), when one is. */
  field: z.string().optional(),
  /** Each problem when there are several (unit rules, selection rules). */
  details: z.array(wireProblemSchema).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/** The codes the server answers with, and the status each comes with. */
export const WIRE_ERROR_STATUS = {
  // 400: the request itself is broken (a client bug; never retried).
  malformedJson: 400,
  idempotencyKeyMissing: 400,
  idempotencyKeyInvalid: 400,
  // 401: log in again (the token is missing, unknown, expired or revoked) or wrong credentials.
  authRequired: 401,
  tokenExpired: 401,
  loginFailed: 401,
  adminAuthRequired: 401,
  // 404: no such thing for this unit (another unit's ids answer the same, so they cannot be probed).
  notFound: 404,
  // 409: the action conflicts with what the server holds.
  illegalTransition: 409,
  actorNotAllowed: 409,
  idempotencyKeyReused: 409,
  accountExists: 409,
  chunkConflict: 409,
  uploadIncomplete: 409,
  uploadNotOpen: 409,
  uploadAlreadyUsed: 409,
  invoiceNotAllowed: 409,
  earlyInvoiceTooLate: 409,
  policyNotInForce: 409,
  cursorAhead: 409,
  applicationNotEditable: 409,
  applicationNotPending: 409,
  // 410: an upload session that expired; start a new one.
  uploadExpired: 410,
  // 413 / 415: too large, not JSON.
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  // 422: the content is refused (permanent until the clerk changes something).
  validationFailed: 422,
  unknownScheme: 422,
  enrollmentTypeNotOffered: 422,
  outsideWindow: 422,
  requestedStartMissing: 422,
  requestedStartTooEarly: 422,
  policyPeriodMissing: 422,
  startAfterCoverageYear: 422,
  selectionInvalid: 422,
  copyFromCentral: 422,
  unitRuleFailed: 422,
  rosterEmpty: 422,
  rosterInvalid: 422,
  pricingFailed: 422,
  uploadNotReady: 422,
  sha256Mismatch: 422,
  chunkIndexOutOfRange: 422,
  chunkSizeWrong: 422,
  chunkSha256Mismatch: 422,
  proofFileType: 422,
  proofTooLarge: 422,
  paymentTooLow: 422,
  refundRequired: 422,
  refundMismatch: 422,
  invoiceExceedsPayable: 422,
  feeSourceUnknown: 422,
  feeSourceRequired: 422,
  invoiceTotalMismatch: 422,
  invoiceAmountInvalid: 422,
  paymentSchemesDiffer: 422,
  earlyInvoiceNotOffered: 422,
  personNotInBatch: 422,
  effectiveDateRequired: 422,
  schemeVersionNotNewer: 422,
  onboardingNotOffered: 422,
  attachmentType: 422,
  attachmentTooLarge: 422,
  commitmentNotRead: 422,
  onboardingFieldInvalid: 422,
  // 429: too many failed logins or refused registrations, or too many uploads pending; Retry-After says when to try again.
  tooManyAttempts: 429,
  uploadQuotaExceeded: 429,
  // 500: the server failed (retry later); `injectedFault` only from the test switch.
  internal: 500,
  injectedFault: 500,
} as const;

export type WireErrorCode = keyof typeof WIRE_ERROR_STATUS;

/**
 * What the client's sync engine does with a failed request:
 * - `relogin`: hold every action until the clerk logs in again, then resend (same keys);
 * - `retry`: transient (network, timeout, 5xx, 408, 429): back off and resend with the same key;
 * - `permanent`: show it on the batch and stop sending this action; other actions go on.
 * `status` 0 stands for "no response" (connection refused, dropped, timed out, unreadable body).
 */
export type FailureKind = 'relogin' | 'retry' | 'permanent';

export function classifyFailure(status: number, code?: string): FailureKind {
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  if (status === 401) return code === 'loginFailed' ? 'permanent' : 'relogin';
  return 'permanent';
}

/** The transition refusals the lifecycle may answer (shared/domain/batch `TransitionFailureCode`) map to 409 when they are about the state, 422 otherwise. */
export function transitionRefusalStatus(code: string): 409 | 422 {
  return code === 'illegalTransition' || code === 'actorNotAllowed' || code === 'sameState' || code === 'alreadySent' ? 409 : 422;
}

export function isWireError(value: unknown): value is WireError {
  return wireErrorSchema.safeParse(value).success;
}
