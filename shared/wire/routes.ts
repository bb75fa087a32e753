/**
 * Every route of the protocol as `METHOD /path/:param`. The server registers exactly these
 * strings and the client builds its URLs from them with `routePath`, so the two cannot drift.
 * Unit routes name a batch by the id the CLIENT gave it (`clientBatchId` at submission):
 * the client never has to learn the server's id to address its own batch.
 */
export const ROUTES = {
  // Public.
  login: 'POST /v1/sessions',
  registerUnit: 'POST /v1/units',
  schemes: 'GET /v1/schemes',
  scheme: 'GET /v1/schemes/:schemeId',
  schemeVersion: 'GET /v1/schemes/:schemeId/versions/:version',
  // A unit's session token.
  logout: 'DELETE /v1/sessions/current',
  account: 'GET /v1/account',
  createUpload: 'POST /v1/uploads',
  upload: 'GET /v1/uploads/:uploadId',
  putChunk: 'PUT /v1/uploads/:uploadId/chunks/:index',
  completeUpload: 'POST /v1/uploads/:uploadId/complete',
  submitBatch: 'POST /v1/batches',
  batches: 'GET /v1/batches',
  batch: 'GET /v1/batches/:batchId',
  batchPersons: 'GET /v1/batches/:batchId/persons',
  withdrawBatch: 'POST /v1/batches/:batchId/withdrawal',
  uploadPaymentProof: 'POST /v1/batches/:batchId/payment-proof',
  requestInvoices: 'POST /v1/batches/:batchId/invoice-requests',
  invoiceDocument: 'GET /v1/batches/:batchId/invoices/:invoiceId/document',
  recordPayment: 'POST /v1/payments',
  submitSupplementary: 'POST /v1/batches/:batchId/supplements',
  changes: 'GET /v1/changes',
  claims: 'GET /v1/claims',
  claim: 'GET /v1/claims/:claimId',
  // Unit onboarding (onboarding.ts).
  applyInsuranceCode: 'POST /v1/onboarding/insurance-code',
  submitUnitProfile: 'POST /v1/onboarding/unit-profile',
  applications: 'GET /v1/onboarding',
  updateHandler: 'POST /v1/account/handler',
  changeContactPhone: 'POST /v1/account/contact-phone',
  // The association's staff (admin token); batches by the SERVER's id.
  adminWork: 'GET /admin/v1/work',
  adminUnits: 'GET /admin/v1/units',
  adminBatches: 'GET /admin/v1/batches',
  adminBatch: 'GET /admin/v1/batches/:batchId',
  adminApprove: 'POST /admin/v1/batches/:batchId/approve',
  adminRejectPersons: 'POST /admin/v1/batches/:batchId/reject-persons',
  adminRejectPaymentProof: 'POST /admin/v1/batches/:batchId/reject-payment-proof',
  adminConfirmPayment: 'POST /admin/v1/batches/:batchId/confirm-payment',
  adminIssueInvoices: 'POST /admin/v1/batches/:batchId/issue-invoices',
  adminSetEffect: 'POST /admin/v1/batches/:batchId/effect',
  adminTakeEffect: 'POST /admin/v1/batches/:batchId/take-effect',
  adminPublishScheme: 'POST /admin/v1/schemes',
  adminAddClaim: 'POST /admin/v1/units/:unitId/claims',
  adminApplications: 'GET /admin/v1/onboarding',
  adminApplication: 'GET /admin/v1/onboarding/:applicationId',
  adminApplicationFile: 'GET /admin/v1/onboarding/:applicationId/files/:index',
  adminApproveApplication: 'POST /admin/v1/onboarding/:applicationId/approve',
  adminRejectApplication: 'POST /admin/v1/onboarding/:applicationId/reject',
} as const;

export type RouteName = keyof typeof ROUTES;
export type Route = (typeof ROUTES)[RouteName];
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export function splitRoute(route: string): { method: HttpMethod; path: string } {
  const space = route.indexOf(' ');
  return { method: route.slice(0, space) as HttpMethod, path: route.slice(space + 1) };
}

/** The concrete path of a route, each `:param` filled (URL-encoded); throws on a missing one. */
export function routePath(route: string, params: Readonly<Record<string, string | number>> = {}): string {
  return splitRoute(route).path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`路由 ${route} 缺少参数 ${name}`);
    return encodeURIComponent(String(value));
  });
}
