-- Rosters as clerks keep them: a header the scheme does not know, mapped by hand in the
-- import dialog, is remembered per unit and scheme for the unit's next import; and an
-- import records the file's columns it read but did not take (never dropped silently).
CREATE TABLE unit_column_mappings (
  unit_id TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  scheme_id TEXT NOT NULL,
  mapping TEXT NOT NULL CHECK (json_valid(mapping)),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (unit_id, scheme_id)
) STRICT;

ALTER TABLE imports ADD COLUMN ignored_columns TEXT CHECK (ignored_columns IS NULL OR json_valid(ignored_columns));
