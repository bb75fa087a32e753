-- The association server's schema (PostgreSQL; PGlite runs the same SQL).
-- Conventions: money in BIGINT fen; calendar days TEXT 'YYYY-MM-DD'; times TEXT ISO 8601 UTC
-- ('…Z') so that text order is time order; structured values TEXT holding JSON; files in the
-- blob store, a row holding the key (`*_blob`) and the size. Columns marked "sealed" hold
-- AES-256-GCM text under a key derived from the server's secret (phones, bank cards).
-- No BEGIN/COMMIT: the migration runner wraps each file in its own transaction.

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  -- Sealed; found by its keyed blind index.
  login_phone TEXT NOT NULL,
  login_phone_index TEXT NOT NULL UNIQUE,
  -- scrypt$N$r$p$salt$hash, never the password.
  password_hash TEXT NOT NULL,
  -- Sealed JSON.
  profile TEXT NOT NULL,
  -- From the profile, for "one insurance code, one account".
  insurance_code TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Session tokens, stored as their sha256: a copy of the database logs nobody in.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_unit ON sessions (unit_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed logins and refused registrations per account and per client address, shared by every
-- instance. The subject is an HMAC of what was typed: no typed name (or a password typed into
-- the name field) is kept.
CREATE TABLE login_failures (
  subject TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures >= 1),
  last_failure_at TEXT NOT NULL
);
CREATE INDEX login_failures_last ON login_failures (last_failure_at);

CREATE TABLE schemes (
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  json TEXT NOT NULL,
  etag TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
);

-- One row per action: inserted pending (no status yet) as the action's transaction starts, so a
-- concurrent retry with the key waits for it and then replays the stored answer. The request
-- is kept only as an HMAC under the server's key, over the body without its secret fields.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  route TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER,
  -- Sealed: an answer may show a phone or a refund account.
  response TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

CREATE SEQUENCE batch_numbers;
CREATE SEQUENCE policy_numbers;
CREATE SEQUENCE invoice_numbers;
CREATE SEQUENCE insurance_code_numbers;

CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  client_batch_id TEXT NOT NULL,
  scheme_id TEXT NOT NULL,
  scheme_version INTEGER NOT NULL,
  coverage_year_start TEXT NOT NULL,
  coverage_year_end TEXT NOT NULL,
  enrollment_type TEXT NOT NULL,
  title TEXT NOT NULL,
  -- Written only through the domain's transition().
  state TEXT NOT NULL,
  selection TEXT NOT NULL,
  head_count_lines TEXT NOT NULL,
  requested_start TEXT,
  cover_start TEXT,
  cover_end TEXT,
  policy_batch_id TEXT REFERENCES batches (id),
  policy_number TEXT UNIQUE,
  -- Sealed JSON (the batch's contact and phone).
  contact TEXT,
  head_counts TEXT,
  over_age_commitment BOOLEAN NOT NULL,
  submitted_count INTEGER NOT NULL,
  head_count_only INTEGER NOT NULL,
  total_fen BIGINT NOT NULL CHECK (total_fen >= 0),
  payable_fen BIGINT NOT NULL CHECK (payable_fen >= 0),
  submitted_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (unit_id, client_batch_id),
  FOREIGN KEY (scheme_id, scheme_version) REFERENCES schemes (id, version),
  CHECK ((cover_start IS NULL) = (cover_end IS NULL))
);
CREATE INDEX batches_unit_year ON batches (unit_id, scheme_id, coverage_year_start);
CREATE INDEX batches_state ON batches (state, submitted_at);

CREATE TABLE batch_history (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches (id),
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  event TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT
);
CREATE INDEX batch_history_batch ON batch_history (batch_id, id);

-- The persons of a batch as last submitted; `status` says whether the association enrols them.
CREATE TABLE persons (
  batch_id TEXT NOT NULL REFERENCES batches (id),
  seq INTEGER NOT NULL,
  row_id TEXT,
  source_row INTEGER,
  doc_number TEXT NOT NULL,
  name TEXT NOT NULL,
  -- The row's values as JSON, but for its phone and bank card: those, when given, sealed apart.
  row_values TEXT NOT NULL,
  row_sealed TEXT,
  status TEXT NOT NULL CHECK (status IN ('enrolled', 'rejected')),
  -- Sealed JSON, NULL for none: a refusal names the holding unit's handler and phone.
  reasons TEXT,
  PRIMARY KEY (batch_id, seq)
);
CREATE INDEX persons_batch_status ON persons (batch_id, status, seq);

-- "One ID number enrolled once per coverage year" as claims: a holding batch's enrolled person
-- is a row here. `scope` is '*' where the scheme forbids a second unit (onePolicyPerPersonPerYear),
-- otherwise the unit's id, so only the unit's own batches compete. A submission claims its
-- persons with INSERT … ON CONFLICT DO NOTHING in document-number order; a withdrawal or a
-- refusal deletes the rows.
CREATE TABLE occupancy_claims (
  scheme_id TEXT NOT NULL,
  coverage_year_start TEXT NOT NULL,
  doc_number TEXT NOT NULL,
  scope TEXT NOT NULL,
  -- Checked at commit: a new batch claims its persons before its row is written.
  batch_id TEXT NOT NULL REFERENCES batches (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (scheme_id, coverage_year_start, doc_number, scope)
);
CREATE INDEX occupancy_claims_batch ON occupancy_claims (batch_id, doc_number);

CREATE TABLE uploads (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  total_bytes BIGINT NOT NULL CHECK (total_bytes > 0),
  chunk_bytes INTEGER NOT NULL CHECK (chunk_bytes > 0),
  total_chunks INTEGER NOT NULL CHECK (total_chunks > 0),
  sha256 TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'complete', 'failed', 'used')),
  row_count INTEGER,
  error TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  completed_at TEXT,
  used_by_batch TEXT REFERENCES batches (id)
);
CREATE INDEX uploads_unit ON uploads (unit_id);

CREATE TABLE upload_chunks (
  upload_id TEXT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  -- The chunk's bytes are in the blob store under this key.
  blob_key TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (upload_id, idx)
);

CREATE TABLE payments (
  batch_id TEXT PRIMARY KEY REFERENCES batches (id),
  payer TEXT NOT NULL,
  amount_fen BIGINT NOT NULL,
  method TEXT,
  paid_on TEXT,
  proof_name TEXT NOT NULL,
  proof_type TEXT NOT NULL,
  proof_blob TEXT NOT NULL,
  proof_bytes INTEGER NOT NULL,
  -- Sealed JSON (the refund account).
  refund TEXT,
  uploaded_at TEXT NOT NULL,
  confirmed_fen BIGINT,
  confirmed_on TEXT
);

CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches (id),
  request_id TEXT NOT NULL,
  ref TEXT,
  title TEXT NOT NULL,
  tax_number TEXT,
  amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
  fee_source TEXT,
  email TEXT,
  -- Sealed.
  phone TEXT,
  remark TEXT,
  status TEXT NOT NULL CHECK (status IN ('requested', 'issued')),
  invoice_number TEXT UNIQUE,
  requested_at TEXT NOT NULL,
  issued_on TEXT,
  -- Requests of one batch in the order they came.
  position BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX invoices_batch ON invoices (batch_id, requested_at, position);

-- Each unit's change feed. `unit_feeds.last_seq` is taken with an UPDATE in the transaction
-- that makes the change: the row lock orders the unit's writers, so its feed has no gaps and
-- grows in commit order.
CREATE TABLE unit_feeds (
  unit_id TEXT PRIMARY KEY REFERENCES units (id),
  last_seq BIGINT NOT NULL
);

CREATE TABLE changes (
  unit_id TEXT NOT NULL REFERENCES units (id),
  seq BIGINT NOT NULL,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  -- Sealed JSON: entries may carry a contact's phone.
  payload TEXT NOT NULL,
  PRIMARY KEY (unit_id, seq)
);

-- What every unit hears (a new scheme version): one row, merged into each unit's feed when read.
CREATE TABLE announcement_feed (
  id BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
  last_seq BIGINT NOT NULL
);
INSERT INTO announcement_feed (last_seq) VALUES (0);

CREATE TABLE announcements (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL
);

-- Units told that a person is enrolled elsewhere, to be told when the person is free again.
CREATE TABLE occupied_notices (
  scheme_id TEXT NOT NULL,
  coverage_year_start TEXT NOT NULL,
  doc_number TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units (id),
  PRIMARY KEY (scheme_id, coverage_year_start, doc_number, unit_id)
);

CREATE TABLE claims (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  claim_number TEXT NOT NULL UNIQUE,
  person_name TEXT NOT NULL,
  doc_number TEXT NOT NULL,
  plan_code TEXT,
  plan_name TEXT NOT NULL,
  event_date TEXT NOT NULL,
  reported_on TEXT NOT NULL,
  claimed_fen BIGINT NOT NULL CHECK (claimed_fen >= 0),
  paid_fen BIGINT NOT NULL CHECK (paid_fen >= 0),
  status TEXT NOT NULL,
  paid_on TEXT,
  remark TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX claims_unit ON claims (unit_id, reported_on);
