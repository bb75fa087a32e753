-- The request hashes stored so far were unkeyed SHA-256 over bodies that could hold a
-- password, which made the password guessable offline. They go; a retry of such an action
-- is still recognised by its key and route and gets the stored answer.
UPDATE idempotency_keys SET request_hash = 'legacy';
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
