/**
 * Request body fields that are secrets: the server never hashes or stores them outside
 * their own protection (a password only as its scrypt hash), so an idempotency record
 * cannot be used to guess them offline.
 */
export const SECRET_BODY_FIELDS: readonly string[] = ['password'];

/** The value with every secret field removed, at any depth. */
export function withoutSecretFields(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(withoutSecretFields);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!SECRET_BODY_FIELDS.includes(k)) out[k] = withoutSecretFields(v);
  }
  return out;
}
