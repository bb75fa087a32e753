/** A refusal on its way to the client: an HTTP status and a WireError body. */
import { WIRE_ERROR_STATUS, type WireError, type WireErrorCode, type WireProblem } from '../../shared/wire';

export class WireHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: WireError,
    /** Extra response headers (Retry-After on a 429). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.message);
    this.name = 'WireHttpError';
  }
}

/** A refusal by code, with the status the protocol gives that code. */
export function refuse(
  code: WireErrorCode,
  message: string,
  extra: { field?: string; details?: WireProblem[]; headers?: Record<string, string> } = {},
): WireHttpError {
  const body: WireError = { code, message };
  if (extra.field !== undefined) body.field = extra.field;
  if (extra.details !== undefined && extra.details.length > 0) body.details = extra.details;
  return new WireHttpError(WIRE_ERROR_STATUS[code], body, extra.headers);
}

/** The same answer for "no such id" and "another unit's id", so ids cannot be probed. */
export function notFound(what: string): WireHttpError {
  return refuse('notFound', `找不到该${what}`);
}
