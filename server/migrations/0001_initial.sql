-- The association server's first schema.
-- Conventions: money in INTEGER fen; calendar days TEXT 'YYYY-MM-DD'; times TEXT ISO 8601 UTC
-- ('…Z') so that text order is time order; structured values TEXT JSON. Every table STRICT.
-- No BEGIN/COMMIT: the migration runner wraps each file in its own transaction.

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  login_phone TEXT NOT NULL UNIQUE,
  -- scrypt$N$r$p$salt$hash, never the password.
  password_hash TEXT NOT NULL,
  profile TEXT NOT NULL CHECK (json_valid(profile)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Session tokens, stored as their sha256: a copy of this file logs nobody in.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_unit ON sessions (unit_id);

CREATE TABLE schemes (
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  json TEXT NOT NULL CHECK (json_valid(json)),
  etag TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
) STRICT;

-- One row per applied action: the key, a hash of the request and the response replayed to a retry.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  route TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;

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
  selection TEXT NOT NULL CHECK (json_valid(selection)),
  head_count_lines TEXT NOT NULL CHECK (json_valid(head_count_lines)),
  requested_start TEXT,
  cover_start TEXT,
  cover_end TEXT,
  policy_batch_id TEXT REFERENCES batches (id),
  policy_number TEXT UNIQUE,
  contact TEXT CHECK (contact IS NULL OR json_valid(contact)),
  head_counts TEXT CHECK (head_counts IS NULL OR json_valid(head_counts)),
  over_age_commitment INTEGER NOT NULL CHECK (over_age_commitment IN (0, 1)),
  submitted_count INTEGER NOT NULL,
  head_count_only INTEGER NOT NULL,
  total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
  payable_fen INTEGER NOT NULL CHECK (payable_fen >= 0),
  submitted_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (unit_id, client_batch_id),
  FOREIGN KEY (scheme_id, scheme_version) REFERENCES schemes (id, version),
  CHECK ((cover_start IS NULL) = (cover_end IS NULL))
) STRICT;
CREATE INDEX batches_scheme_year ON batches (scheme_id, coverage_year_start, unit_id);
CREATE INDEX batches_state ON batches (state);

CREATE TABLE batch_history (
  id INTEGER PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches (id),
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  event TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL CHECK (json_valid(actor)),
  reason TEXT
) STRICT;
CREATE INDEX batch_history_batch ON batch_history (batch_id, id);

-- The persons of a batch as last submitted; `status` says whether the association enrols them.
CREATE TABLE persons (
  batch_id TEXT NOT NULL REFERENCES batches (id),
  seq INTEGER NOT NULL,
  row_id TEXT,
  source_row INTEGER,
  doc_number TEXT NOT NULL,
  name TEXT NOT NULL,
  row_values TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('enrolled', 'rejected')),
  reasons TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (batch_id, seq)
) STRICT;
-- The occupancy check: who holds this document number.
CREATE INDEX persons_doc ON persons (doc_number, status);
CREATE INDEX persons_batch_status ON persons (batch_id, status, seq);

CREATE TABLE uploads (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  total_bytes INTEGER NOT NULL CHECK (total_bytes > 0),
  chunk_bytes INTEGER NOT NULL CHECK (chunk_bytes > 0),
  total_chunks INTEGER NOT NULL CHECK (total_chunks > 0),
  sha256 TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'complete', 'failed', 'used')),
  row_count INTEGER,
  error TEXT CHECK (error IS NULL OR json_valid(error)),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  completed_at TEXT,
  used_by_batch TEXT REFERENCES batches (id)
) STRICT;
CREATE INDEX uploads_unit ON uploads (unit_id);

CREATE TABLE upload_chunks (
  upload_id TEXT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (upload_id, idx)
) STRICT;

CREATE TABLE payments (
  batch_id TEXT PRIMARY KEY REFERENCES batches (id),
  payer TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  method TEXT,
  paid_on TEXT,
  proof_name TEXT NOT NULL,
  proof_type TEXT NOT NULL,
  proof BLOB NOT NULL,
  refund TEXT CHECK (refund IS NULL OR json_valid(refund)),
  uploaded_at TEXT NOT NULL,
  confirmed_fen INTEGER,
  confirmed_on TEXT
) STRICT;

CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches (id),
  request_id TEXT NOT NULL,
  ref TEXT,
  title TEXT NOT NULL,
  tax_number TEXT,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  fee_source TEXT,
  email TEXT,
  phone TEXT,
  remark TEXT,
  status TEXT NOT NULL CHECK (status IN ('requested', 'issued')),
  invoice_number TEXT UNIQUE,
  requested_at TEXT NOT NULL,
  issued_on TEXT
) STRICT;
CREATE INDEX invoices_batch ON invoices (batch_id, requested_at);

-- Each unit's change feed; seq grows by one per unit.
CREATE TABLE changes (
  unit_id TEXT NOT NULL REFERENCES units (id),
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  PRIMARY KEY (unit_id, seq)
) STRICT;

-- Units told that a person is enrolled elsewhere, to be told when the person is free again.
CREATE TABLE occupied_notices (
  scheme_id TEXT NOT NULL,
  coverage_year_start TEXT NOT NULL,
  doc_number TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units (id),
  PRIMARY KEY (scheme_id, coverage_year_start, doc_number, unit_id)
) STRICT, WITHOUT ROWID;

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
  claimed_fen INTEGER NOT NULL CHECK (claimed_fen >= 0),
  paid_fen INTEGER NOT NULL CHECK (paid_fen >= 0),
  status TEXT NOT NULL,
  paid_on TEXT,
  remark TEXT,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX claims_unit ON claims (unit_id, reported_on);
