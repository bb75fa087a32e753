/**
 * What the core pushes to the renderer without being asked: over IPC as messages, over
 * HTTP as the server-sent event stream at GET /api/events (the event name is `type`).
 */
import type { BatchState, TransitionRecord } from '../domain/batch';
import type { ImportProgress, SyncStatus } from './dto';

export type ApiEvent =
  /** An import job moved on (rows read, accepted, refused; done, failed or cancelled). */
  | { type: 'import.progress'; progress: ImportProgress }
  /** Connectivity, the outbox or a send's progress changed. */
  | { type: 'sync.status'; status: SyncStatus }
  /** A batch changed state, by the clerk elsewhere or by the association through sync. */
  | { type: 'batch.changed'; batchId: string; state: BatchState; record: TransitionRecord }
  /** The print queue moved on: `done` of `total` batches rendered. */
  | { type: 'print.progress'; done: number; total: number }
  /** The unit's record from the association is being pulled: `done` of `total` persons of the batches it brings. */
  | { type: 'record.progress'; done: number; total: number; finished: boolean };

export type ApiEventType = ApiEvent['type'];
export type ApiEventOf<T extends ApiEventType> = Extract<ApiEvent, { type: T }>;

export const API_EVENT_TYPES = ['import.progress', 'sync.status', 'batch.changed', 'print.progress', 'record.progress'] as const satisfies readonly ApiEventType[];

export interface ApiEventSource {
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

/** Narrows a decoded stream message; anything else (another version's event) is ignored by the caller. */
export function isApiEvent(value: unknown): value is ApiEvent {
  return (
    typeof value === 'object' && value !== null &&
    (API_EVENT_TYPES as readonly string[]).includes((value as { type?: unknown }).type as string)
  );
}
