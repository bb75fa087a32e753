-- Every time a submission was told that a person is held by another unit: who asked, about
-- whom, which unit holds the person, and whether that unit's name and handler contact were
-- shown. The audit of the occupancy question, and what its daily limit counts.
CREATE TABLE occupancy_answers (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  scheme_id TEXT NOT NULL,
  coverage_year_start TEXT NOT NULL,
  doc_number TEXT NOT NULL,
  holder_unit_id TEXT NOT NULL REFERENCES units (id),
  named BOOLEAN NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX occupancy_answers_unit ON occupancy_answers (unit_id, at);
