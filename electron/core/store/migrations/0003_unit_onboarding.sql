-- Unit onboarding kept on this machine: the applications the association reviews
-- (申请参保编码, 单位信息完善) with their form and what the association decided, the timed
-- readings of the commitment (承诺书), and the account's profile as the association last
-- reported it. The attachments themselves travel in the outbox action only; here just
-- their names, types and sizes.

CREATE TABLE onboarding_applications (
  -- The client's application id, sent as clientApplicationId and kept across resubmissions.
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  kind TEXT NOT NULL CHECK (kind IN ('insuranceCode', 'unitProfile')),
  scheme_id TEXT NOT NULL,
  form TEXT NOT NULL CHECK (json_valid(form)),
  attachments TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attachments)),
  -- The association's state, NULL until it has said anything about this round.
  review_state TEXT CHECK (review_state IS NULL OR review_state IN ('pending', 'approved', 'rejected')),
  reason TEXT,
  insurance_code TEXT,
  server_application_id TEXT,
  -- The outbox action of the latest submission.
  action_id TEXT,
  submitted_at TEXT NOT NULL,
  reviewed_at TEXT,
  UNIQUE (unit_id, kind)
) STRICT;

CREATE TABLE commitment_readings (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  scheme_id TEXT NOT NULL,
  title TEXT NOT NULL,
  min_read_seconds INTEGER NOT NULL CHECK (min_read_seconds > 0),
  started_at TEXT NOT NULL,
  accepted_at TEXT,
  -- The application the acceptance went with; a reading is accepted for one submission only.
  used_by TEXT
) STRICT;

CREATE TABLE unit_account_snapshots (
  unit_id TEXT PRIMARY KEY REFERENCES units (id),
  snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
  received_at TEXT NOT NULL
) STRICT;
