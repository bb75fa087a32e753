/**
 * # The wire protocol between the workbench and the association server (v1)
 *
 * Pure TypeScript + zod, shared by the client's sync engine and the reference server
 * (`server/`). The server validates every request body with these schemas (`parseWire`);
 * the client builds its requests with them and may parse responses with the `*Schema`s of
 * the views (loose: unknown fields are ignored, so the server can add fields). Request
 * schemas are strict: an unknown key is refused by name.
 *
 * ## Transport
 * - JSON over HTTP, UTF-8, `Content-Type: application/json`; chunk PUTs send raw bytes as
 *   `application/octet-stream`. An empty JSON body reads as no body.
 * - Money in integer fen, calendar days `YYYY-MM-DD`, times ISO 8601 (the server writes UTC `…Z`).
 * - Every route is in `ROUTES` (`METHOD /path/:param`); build paths with `routePath`,
 *   outbox actions with `actionTarget(kind, batchId)`.
 * - Body limits: MAX_JSON_BODY_BYTES in general, MAX_PROOF_BODY_BYTES for the payment
 *   proof, MAX_CHUNK_BYTES per chunk (413 `payloadTooLarge` beyond).
 *
 * ## Authentication
 * - `POST /v1/sessions` {account: unit name or login phone, password} → 200 SessionView
 *   {token, expiresAt, account}. Wrong account or password → 401 `loginFailed`, the same
 *   answer for both. After repeated failures for an account or from an address → 429
 *   `tooManyAttempts` with `Retry-After` (seconds): growing waits, then a lock of 15
 *   minutes. A login lasts 12 hours by default (`tokenTtlMs`).
 * - `Authorization: Bearer <token>` on every unit route. Missing, unknown or logged-out
 *   token → 401 `authRequired`; expired → 401 `tokenExpired`. Any 401 other than
 *   `loginFailed` means "log in again" (`classifyFailure` → `relogin`): hold the outbox,
 *   log in, resend with the SAME idempotency keys.
 * - `DELETE /v1/sessions/current` → 204. `GET /v1/account` → AccountView: the profile and
 *   `centralSelections` (the plans an instant enrollment must copy, for offline checks).
 * - `POST /v1/units` (action registerUnit, no token) {unit, password} → 201
 *   RegistrationView {registration: 'registered', account}; then log in with the password
 *   (no token is returned: responses are stored for replay, tokens never are). Unit name or
 *   handler phone (the login phone) taken → 409 `accountExists`, one message naming neither;
 *   refused registrations are throttled per address like failed logins.
 * - A unit sees only its own data: another unit's batch, upload or claim id answers 404
 *   `notFound`, exactly as an id that does not exist; an upload id in a body answers as a
 *   missing upload.
 *
 * ## Actions and idempotency
 * Actions (`ACTIONS`: registerUnit, submitBatch, submitSupplementary, withdrawBatch,
 * uploadPaymentProof, requestInvoices; and `POST /v1/uploads`) require
 * `Idempotency-Key: <8–200 of [A-Za-z0-9_.:-]>` (400 `idempotencyKeyMissing` /
 * `idempotencyKeyInvalid`); use one key per outbox action and reuse it on every retry.
 * The server stores the key (per unit; `public` for registration) with an HMAC, keyed by a
 * server secret, of the request (route, path parameters, `canonicalJson` of the body without
 * the `SECRET_BODY_FIELDS`) and the response, in the same transaction as the effect; keys
 * are purged after a retention window (30 days by default):
 * - the same key and request again → the stored status and body, with
 *   `Idempotency-Replayed: true`; nothing is applied twice (safe after a lost response);
 * - the same key with another request → 409 `idempotencyKeyReused`;
 * - only successes (2xx) are stored: a refused action changed nothing and may be sent again
 *   with the same key once its cause is gone.
 * After an action succeeds, pull the change feed: state changes reach the client there.
 *
 * ## Failures: body `WireError` {code, message, field?, details?}, message in Chinese
 * - 400 broken request · 401 log in again · 404 not found (or not yours) · 409 conflict
 *   with the server's state (`illegalTransition` / `actorNotAllowed` carry the lifecycle's
 *   own message, e.g. 批次当前状态为“已确认缴费”，不能撤回; `idempotencyKeyReused`,
 *   `policyNotInForce`, `invoiceNotAllowed`, `cursorAhead`, upload conflicts) · 410 upload
 *   expired · 413 too large · 415 not JSON · 422 refused content (`validationFailed` with
 *   `field`, `unknownScheme`, the scheme's coverage codes such as `outsideWindow`,
 *   `selectionInvalid` and `unitRuleFailed` with `details`, `copyFromCentral`,
 *   `rosterEmpty`, payment and invoice checks …) · 500 `internal` (or `injectedFault`).
 *   `WIRE_ERROR_STATUS` lists every code.
 * - `classifyFailure(status, code)`: `retry` for no response (status 0, incl. a dropped
 *   connection, a truncated or unparsable body), 408, 429, 5xx; `relogin` for 401 (not
 *   `loginFailed`); `permanent` otherwise: show it on the batch, the other lanes go on.
 *   A 422 on submitBatch is the association refusing the submission as it stands: apply
 *   `refuseSubmission` locally with the message as the reason. Upload refusals in
 *   `RESTART_UPLOAD_CODES` mean: open a new upload session and resend.
 *
 * ## Scheme catalogue (no token)
 * `GET /v1/schemes` → Catalogue (newest version of each scheme, each with its ETag);
 * `GET /v1/schemes/:schemeId` → the newest scheme file (validate with `loadScheme`);
 * `GET /v1/schemes/:schemeId/versions/:version` → that version. All three send `ETag`
 * and answer 304 (no body) to a matching `If-None-Match`. New versions are announced in
 * every unit's feed (`schemeVersion`).
 *
 * ## Submitting a batch
 * `POST /v1/batches` SubmitBatchRequest → 201 BatchView (200 when the clientBatchId is
 * known: a resubmission). The roster is `{rows}` inline (≤ MAX_INLINE_ROWS and within the
 * body limit) or `{uploadId}` of a completed upload (uploads.ts). The server:
 * 1. refuses (422) an unknown scheme version, an enrollment type the scheme lacks, a day
 *    outside its window (server clock, China date), a bad selection (`selectionInvalid`,
 *    `details` per rule), an instant enrollment whose plans differ from the unit's central
 *    enrollment (`copyFromCentral`; an EMPTY selection is filled with the central plans and
 *    the view shows them), a broken unit rule (`unitRuleFailed`), an empty roster;
 * 2. re-checks every row with the domain's roster checks (`checkRosterRow`,
 *    `duplicateFindings`) plus what only it knows: the person in another open batch of the
 *    unit (`duplicateInUnitBatch`) and, where the scheme has `onePolicyPerPersonPerYear`,
 *    enrolled by ANOTHER unit this coverage year (`occupiedElsewhere`: the message names
 *    that unit, the hint its handler and phone);
 * 3. records `submit` and `acknowledge` (→ 待审核); when anyone failed, `rejectPersons`
 *    (→ 审核不通过) with `rejectedPersons` (by document number, with `rowId` when sent).
 *    Fix the roster and resubmit the same clientBatchId with a NEW key: the roster is
 *    replaced. Resubmission is legal from 审核不通过 and 已撤回 only (else 409 with the
 *    lifecycle's message).
 * `POST /v1/batches/:batchId/supplements` (保全; `:batchId` = the policy) takes the same
 * header without `enrollmentType`; the policy must be 待生效 or 已生效 (409
 * `policyNotInForce`) and of the same scheme.
 * Reads: `GET /v1/batches` → BatchList; `GET /v1/batches/:batchId` → BatchView;
 * `GET /v1/batches/:batchId/persons?offset&limit(≤1000)` → BatchPersonsPage.
 *
 * ## Later actions on a batch (`:batchId` = the client's id; each → BatchView)
 * - `POST …/withdrawal` {reason} → 200: the lifecycle's `withdraw`; the persons are freed.
 * - `POST …/payment-proof` {payer, amountFen, method?, paidOn?, proof {name, base64}
 *   (JPG, PNG or PDF by content, ≤ MAX_PROOF_BYTES), refund?} → 200: `uploadPaymentProof`.
 *   Less than the payable → 422 `paymentTooLow`; more without refund details → 422
 *   `refundRequired`; a refund other than the difference → 422 `refundMismatch`.
 * - `GET …/invoices/:invoiceId/document` → 200 the e-invoice file (Content-Type as sniffed,
 *   Content-Disposition with its name); 404 `notFound` for another unit's batch, an unknown
 *   invoice or one without a document. Views and `invoicesIssued` say `document` {name, bytes, type}.
 * - `POST …/invoice-requests` {invoices: [{ref?, title, taxNumber?, amountFen, feeSource?,
 *   email?, phone?, remark?}]} → 201: from 待缴费 on (else 409 `invoiceNotAllowed`); the
 *   total may not exceed `invoiceRemainingFen` (422 `invoiceExceedsPayable`); where the
 *   scheme has fee sources each invoice names one (422 `feeSourceRequired` /
 *   `feeSourceUnknown`). `earlyCommitment` {name, base64} (提前开票, signed commitment, same
 *   file rules as the voucher) only where the scheme offers early invoicing (422
 *   `earlyInvoiceNotOffered`) and before the payment is confirmed (409 `earlyInvoiceTooLate`).
 * - `POST /v1/payments` (action recordPayment) {batchIds, payer, amountFen, method?,
 *   accountType?, paidOn?, proof, refund?} → 201 PaymentRecordView: ONE transfer for several
 *   batches of the unit, all 待缴费 (else 409 `illegalTransition`) and of one scheme (422
 *   `paymentSchemesDiffer`); each batch gets exactly its payable, the rest is the refund.
 *
 * ## Change feed
 * `GET /v1/changes?after=<cursor>&limit=<1..1000, default 500>` → ChangesPage
 * {changes, cursor, hasMore}; see changes.ts for the kinds and the rule for applying
 * `batchState`. Pull after every successful action and periodically.
 *
 * ## Claims
 * `GET /v1/claims?offset&limit(≤500)` → ClaimsPage; `GET /v1/claims/:claimId` → ClaimRecord;
 * new and changed records also arrive in the feed (`claim`).
 *
 * ## Unit onboarding
 * 申请参保编码, 单位信息完善 (with the timed 承诺书), 经办人填报 and 联系电话变更, as the
 * scheme's `onboarding` section offers them: actions applyInsuranceCode, submitUnitProfile,
 * updateHandler, changeContactPhone; the feed's `onboardingReview` and `unitProfile`; the
 * staff's review under `/admin/v1/onboarding`. See onboarding.ts.
 *
 * ## Admin (association staff; `Authorization: Bearer <admin token>`, else 401 `adminAuthRequired`)
 * `/admin/v1`: work, units, batches?state&unitId, batches/:id (the SERVER's id), approve,
 * reject-persons {persons: [{docNumber, reason}]}, reject-payment-proof {reason},
 * confirm-payment {amountFen?, confirmedOn?}, issue-invoices {invoices?: [{invoiceId,
 * invoiceNumber, document? {name, base64} (the e-invoice: PDF, OFD or JPG/PNG by content,
 * ≤ 5 MB, at most 8 per request; else 422 `proofFileType` / `proofTooLarge`, nothing issued)}]}, effect {effectiveDate?, policyNumber?} (→ 待生效), take-effect,
 * schemes {scheme} (publish a version), units/:unitId/claims; every body takes `staff?`,
 * the name recorded in the transition. The same actions from the command line:
 * `npm run server:admin -- help`.
 */
export * from './limits';
export * from './errors';
export * from './headers';
export * from './routes';
export * from './canonicalJson';
export * from './secretFields';
export * from './common';
export * from './accounts';
export * from './schemes';
export * from './roster';
export * from './uploads';
export * from './batches';
export * from './payments';
export * from './changes';
export * from './claims';
export * from './onboarding';
export * from './admin';
export * from './actions';
export * from './validate';
