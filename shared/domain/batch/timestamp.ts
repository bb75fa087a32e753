/**
 * Transition times are ISO 8601 timestamps handed in by the caller (the clerk's clock, or
 * the server's for its own actions); the lifecycle never reads a clock, so replays and
 * tests are deterministic. An offset is required: a time without one is ambiguous.
 */
import { parseIsoDate } from '../dates';

/** An ISO 8601 timestamp with offset, e.g. `2020-04-15T09:30:00+08:00` or `2020-04-15T01:30:00.000Z`. */
export type IsoTimestamp = string;

const ISO_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export function isIsoTimestamp(value: unknown): value is IsoTimestamp {
  if (typeof value !== 'string') return false;
  const m = ISO_TIMESTAMP.exec(value);
  return m !== null && parseIsoDate(m[1]!) !== null;
}
