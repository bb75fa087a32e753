/**
 * A refusal the core hands back to the renderer as an ApiError: a stable code, a Chinese
 * message the clerk can act on, and the HTTP-like status the browser host answers with.
 */
import type { ApiError, ApiErrorDetail } from '../../shared/api';

export class CoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 422,
    readonly field?: string,
    readonly details?: ApiErrorDetail[],
  ) {
    super(message);
    this.name = 'CoreError';
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.details && this.details.length > 0 ? { details: this.details } : {}),
    };
  }
}

export const notFound = (what: string, id: string) => new CoreError('NOT_FOUND', `找不到${what}（${id}）`, 404);
