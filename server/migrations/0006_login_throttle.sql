-- Failed logins and refused registrations per account and per client address, kept in the
-- database so every instance behind the load balancer sees the same count. The subject is
-- an HMAC of what was typed: no typed name (or a password typed into the name field) is kept.
CREATE TABLE login_failures (
  subject TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures >= 1),
  last_failure_at TEXT NOT NULL
) STRICT;
CREATE INDEX login_failures_last ON login_failures (last_failure_at);
