-- The first schema of the workbench's local store.
-- Conventions: money in INTEGER fen; calendar days as TEXT 'YYYY-MM-DD'; times the store
-- writes as TEXT ISO 8601 in UTC ('…Z', from Date.toISOString) so that text order is time
-- order; structured values as TEXT JSON. Every table is STRICT so a wrong type is refused.
-- No BEGIN/COMMIT here: the migration runner wraps each file in its own transaction.

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  uscc TEXT,
  insurance_code TEXT,
  social_security_codes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(social_security_codes)),
  medical_insurance_code TEXT,
  handler TEXT NOT NULL CHECK (json_valid(handler)),
  contacts TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(contacts)),
  head_counts TEXT CHECK (head_counts IS NULL OR json_valid(head_counts)),
  address TEXT,
  registration TEXT NOT NULL DEFAULT 'local' CHECK (registration IN ('local', 'pending', 'registered', 'refused')),
  registration_error TEXT CHECK (registration_error IS NULL OR json_valid(registration_error)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX units_name ON units (name);
CREATE INDEX units_uscc ON units (uscc) WHERE uscc IS NOT NULL;

-- A batch's state is written only by the store's applyTransition, which asks the domain's
-- transition() first; states are not listed in a CHECK so a new domain state needs no table rebuild.
CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  scheme_id TEXT NOT NULL,
  scheme_version INTEGER NOT NULL,
  enrollment_type TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL,
  selection TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(selection)),
  head_count_lines TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(head_count_lines)),
  requested_start TEXT,
  cover_start TEXT,
  cover_end TEXT,
  -- The scheme's coverage year (保障年度), for duplicate checks across the unit's batches.
  coverage_year_start TEXT NOT NULL,
  coverage_year_end TEXT NOT NULL,
  -- Supplementary enrollment (保全): the batch whose policy in force the persons join.
  policy_batch_id TEXT REFERENCES batches (id),
  policy_number TEXT,
  contact TEXT CHECK (contact IS NULL OR json_valid(contact)),
  head_counts TEXT CHECK (head_counts IS NULL OR json_valid(head_counts)),
  payable_fen INTEGER CHECK (payable_fen IS NULL OR payable_fen >= 0),
  premium TEXT CHECK (premium IS NULL OR json_valid(premium)),
  unit_findings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(unit_findings)),
  sync_error TEXT CHECK (sync_error IS NULL OR json_valid(sync_error)),
  -- When the clerk confirmed the over-age commitment (超龄人员承诺书) for the persons kept.
  over_age_commitment_at TEXT,
  -- 社保在职人员总数 per social-security code: the denominator of the participation ratio.
  social_security_totals TEXT CHECK (social_security_totals IS NULL OR json_valid(social_security_totals)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((cover_start IS NULL) = (cover_end IS NULL)),
  CHECK (coverage_year_start <= coverage_year_end)
) STRICT;
CREATE INDEX batches_unit_year ON batches (unit_id, coverage_year_start);
CREATE INDEX batches_scheme ON batches (scheme_id);
CREATE INDEX batches_state ON batches (state);
CREATE INDEX batches_policy ON batches (policy_batch_id) WHERE policy_batch_id IS NOT NULL;

-- One row per TransitionRecord (保单操作记录), in the order they happened.
CREATE TABLE batch_history (
  id INTEGER PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  event TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL CHECK (json_valid(actor)),
  reason TEXT
) STRICT;
CREATE INDEX batch_history_batch ON batch_history (batch_id, id);

CREATE TABLE imports (
  id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('append', 'replace', 'merge')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  total INTEGER,
  accepted INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  error TEXT CHECK (error IS NULL OR json_valid(error))
) STRICT;
CREATE INDEX imports_batch ON imports (batch_id, started_at);

-- Roster rows (清册). `row_values` is the RawRosterRow exactly as the clerk gave it;
-- `doc_number` is the normalised document number the checks compare.
CREATE TABLE persons (
  id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  source_row INTEGER,
  row_values TEXT NOT NULL,
  doc_number TEXT,
  name TEXT,
  verdict TEXT NOT NULL CHECK (verdict IN ('ok', 'error', 'warning', 'info')),
  findings TEXT NOT NULL DEFAULT '[]',
  error_count INTEGER NOT NULL DEFAULT 0,
  import_id TEXT REFERENCES imports (id) ON DELETE SET NULL,
  server_rejection TEXT,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX persons_batch_seq ON persons (batch_id, seq);
-- Leading doc_number for the lookups across batches; batch_id second for the merge by number.
CREATE INDEX persons_doc_number ON persons (doc_number, batch_id);
-- Ends in seq so a verdict filter is read in display order and counted from the index alone.
CREATE INDEX persons_batch_verdict ON persons (batch_id, verdict, seq);

-- The finding codes of each row, one row per (row, code), keyed by the row's place (batch, seq)
-- so that "rows with code X" and "rows with a warning" are index ranges already in display
-- order, and counts per code never parse a row's findings JSON (json_each would, on every
-- page request, for all 100,000 rows).
CREATE TABLE person_findings (
  batch_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  code TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  PRIMARY KEY (batch_id, seq, code),
  FOREIGN KEY (batch_id, seq) REFERENCES persons (batch_id, seq) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX person_findings_code ON person_findings (batch_id, code, seq);
CREATE INDEX person_findings_severity ON person_findings (batch_id, severity, seq);

CREATE TABLE scheme_cache (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  json TEXT NOT NULL CHECK (json_valid(json)),
  etag TEXT,
  source TEXT NOT NULL CHECK (source IN ('builtIn', 'server')),
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
) STRICT;

CREATE TABLE print_log (
  id INTEGER PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches (id),
  unit_id TEXT NOT NULL REFERENCES units (id),
  kind TEXT NOT NULL,
  print_number INTEGER NOT NULL CHECK (print_number >= 1),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  document_hash TEXT NOT NULL,
  UNIQUE (batch_id, kind, print_number)
) STRICT;
CREATE INDEX print_log_batch ON print_log (batch_id, id);
CREATE INDEX print_log_unit ON print_log (unit_id, id);

-- Who did what to which record. `detail` holds counts and field names, never values:
-- no ID numbers, bank cards or phone numbers.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL CHECK (json_valid(actor)),
  entity TEXT NOT NULL,
  entity_id TEXT,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);

-- Actions for the association's server, written in the same transaction as the change they
-- report. `lane` orders them: actions of one batch (or of one unit when there is no batch)
-- go one at a time in `seq` order; lanes are independent.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  lane TEXT NOT NULL,
  batch_id TEXT REFERENCES batches (id),
  unit_id TEXT REFERENCES units (id),
  idempotency_key TEXT NOT NULL UNIQUE,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'failed', 'done')),
  -- Where a chunked upload stopped, so a retry resumes there.
  progress TEXT CHECK (progress IS NULL OR json_valid(progress)),
  finished_at TEXT,
  -- The clerk has seen a permanent failure and put it away.
  dismissed_at TEXT
) STRICT;
CREATE INDEX outbox_status_lane ON outbox (status, lane, seq);
CREATE INDEX outbox_batch ON outbox (batch_id, seq) WHERE batch_id IS NOT NULL;

CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Persons the server reports enrolled by another unit in a coverage year (被某单位占用).
CREATE TABLE occupied_persons (
  doc_number TEXT NOT NULL,
  coverage_year_start TEXT NOT NULL,
  coverage_year_end TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  contact TEXT CHECK (contact IS NULL OR json_valid(contact)),
  reported_at TEXT NOT NULL,
  PRIMARY KEY (doc_number, coverage_year_start)
) STRICT, WITHOUT ROWID;
