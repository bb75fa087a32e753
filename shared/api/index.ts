/**
 * The application API contract between the renderer and the core: operations with their
 * validated inputs and typed outputs, the DTOs, the pushed events, and input validation.
 */
export * from './dto';
export * from './onboardingDto';
export * from './enrollmentViewsDto';
export * from './todoDto';
export type { PaymentRecordView, PaymentShare, RefundView } from './paymentsDto';
export {
  OPERATIONS,
  OPERATION_NAMES,
  BATCH_COMMANDS,
  isClerkCommand,
  defineOperations,
  returns,
  isOperationName,
  unitProfileInput,
  type BatchCommand,
  type OperationSpec,
  type Returns,
  type Operations,
  type OpName,
  type In,
  type ValidIn,
  type Out,
  type ApplicationApi,
  type OperationHandlers,
} from './operations';
export { validateInput, toApiError, type ValidationResult } from './validate';
export { FIELD_LABELS, FIELD_LABELS_BY_PATH, fieldLabel } from './fieldLabels';
export { associationNotice, NOTICE_TITLE } from './associationNotice';
export { API_EVENT_TYPES, isApiEvent, type ApiEvent, type ApiEventType, type ApiEventOf, type ApiEventSource } from './events';
export { createApiClient, httpPath, type Transport } from './client';
export * as schemas from './primitives';
