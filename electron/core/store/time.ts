/**
 * The store's clock. Every time the store writes is UTC ISO 8601 with milliseconds
 * (`2025-04-01T01:30:00.000Z`, what Date.toISOString gives): one fixed offset and width, so
 * text order in SQL is time order (`next_attempt_at <= ?`, newest first). The renderer shows
 * them in China time. Times handed in by callers (a transition's `at`) are kept as given.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function isoAt(clock: Clock): string {
  return clock().toISOString();
}

/** A caller's time (Date or ISO text with any offset) in the store's own form. */
export function toStoreTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`不是有效的时间：${String(value)}`);
  return date.toISOString();
}
