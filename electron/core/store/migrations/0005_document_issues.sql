-- A document's own number and date, fixed when it is first printed (or taken from the
-- association), so every reprint bears the same ones; each print logs the number it bore.
CREATE TABLE document_issues (
  batch_id TEXT NOT NULL REFERENCES batches (id),
  kind TEXT NOT NULL,
  number TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  PRIMARY KEY (batch_id, kind)
) STRICT;

ALTER TABLE print_log ADD COLUMN document_number TEXT NOT NULL DEFAULT '';
