/**
 * The batch lifecycle (参保批次 / 保单): states, events, who may trigger them, and
 * `transition(batch, event, ctx)`, the only way a batch changes state.
 */
export {
  BATCH_STATES,
  BATCH_STATE_INFO,
  OPEN_BATCH_STATES,
  BILLED_STATES,
  ROSTER_EDITABLE_STATES,
  SERVER_REPORTED_STATES,
  batchStateLabel,
  isBatchState,
  isOpenBatch,
  isRosterEditable,
  type BatchState,
  type BatchStateInfo,
} from './states';
export {
  BATCH_EVENTS,
  BATCH_EVENT_LABELS,
  ACTOR_KINDS,
  ACTOR_KIND_LABELS,
  isBatchEvent,
  type BatchEvent,
  type ActorKind,
  type Actor,
} from './events';
export {
  TRANSITION_RULES,
  ruleFor,
  type TransitionRule,
  type TransitionContext,
  type TransitionFailureCode,
  type BatchLifecycle,
  type RosterCheckOutcome,
  type GuardFailure,
} from './rules';
export { transition, availableEvents, legalTransitions, type TransitionRecord, type TransitionResult, type LegalTransition } from './transition';
export { isIsoTimestamp, type IsoTimestamp } from './timestamp';
// Enrollment types are part of the scheme format; re-exported here because every batch has one.
export { ENROLLMENT_TYPES, ENROLLMENT_TYPE_LABELS, type EnrollmentType } from '../scheme/primitives';
