-- Unit onboarding: applications the association reviews (申请参保编码, 单位信息完善) and
-- their attachments. One row per (unit, client application id): a resubmission after
-- 审核不通过 replaces the form and files and counts a new round.

CREATE TABLE onboarding_applications (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  client_application_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('insuranceCode', 'unitProfile')),
  scheme_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
  -- Sealed JSON (handler and contact phones).
  form TEXT NOT NULL,
  commitment TEXT,
  reason TEXT,
  insurance_code TEXT,
  round INTEGER NOT NULL DEFAULT 1,
  submitted_at TEXT NOT NULL,
  reviewed_at TEXT,
  reviewed_by TEXT,
  UNIQUE (unit_id, client_application_id)
);
CREATE INDEX onboarding_applications_state ON onboarding_applications (state, submitted_at);
CREATE UNIQUE INDEX onboarding_insurance_codes ON onboarding_applications (insurance_code) WHERE insurance_code IS NOT NULL;

CREATE TABLE onboarding_files (
  application_id TEXT NOT NULL REFERENCES onboarding_applications (id),
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  blob_key TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (application_id, idx)
);
