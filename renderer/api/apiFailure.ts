/**
 * A refused or failed call, as the screens handle it: the core's ApiError (its Chinese
 * message shown as given), or a transport failure with a message from the catalogue.
 */
import type { ApiError } from '../../shared/api/dto';

export class ApiFailure extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;

  constructor(error: ApiError, status: number) {
    super(error.message);
    this.name = 'ApiFailure';
    this.code = error.code;
    this.status = status;
    this.field = error.field;
  }
}

export function toApiFailure(e: unknown, fallbackMessage: string): ApiFailure {
  if (e instanceof ApiFailure) return e;
  return new ApiFailure({ code: 'CLIENT', message: fallbackMessage }, 0);
}

/** Reads an `{ error }` body or a bridge answer's error, tolerating anything malformed. */
export function apiErrorOf(value: unknown, fallbackMessage: string): ApiError {
  if (typeof value === 'object' && value !== null) {
    const e = value as { code?: unknown; message?: unknown; field?: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string') {
      return { code: e.code, message: e.message, ...(typeof e.field === 'string' ? { field: e.field } : {}) };
    }
  }
  return { code: 'MALFORMED_ANSWER', message: fallbackMessage };
}
