-- Personal data at rest (issue 12): ID numbers, bank cards and phones are no longer stored in
-- plain text. A roster row's values (with its normalised document number) are sealed in
-- `sealed_values` (counter block and ciphertext, personalDataCipher.ts); `doc_index` is the
-- keyed blind index of the number (HMAC), which the duplicate checks and merges look up
-- instead. The sealing itself needs the data key, so it is done by code right after this
-- file, in the same transaction (sealPersonalData.ts); the plaintext columns go in 0008 once
-- every value is sealed.

DROP INDEX persons_doc_number;
ALTER TABLE persons ADD COLUMN sealed_values BLOB NOT NULL DEFAULT x'';
ALTER TABLE persons ADD COLUMN doc_index TEXT;
-- 职退情况 kept readable for the roster's filter: 在职 / 退休 / -, nothing personal.
ALTER TABLE persons ADD COLUMN employment_status TEXT;
CREATE INDEX persons_doc_index ON persons (doc_index, batch_id);

CREATE TABLE occupied_persons_indexed (
  doc_index TEXT NOT NULL,
  coverage_year_start TEXT NOT NULL,
  coverage_year_end TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  -- Sealed: the holding unit's handler and phone.
  contact TEXT,
  reported_at TEXT NOT NULL,
  PRIMARY KEY (doc_index, coverage_year_start)
) STRICT, WITHOUT ROWID;

-- Tells the data key the file was sealed with from any other (DataKey.checkValue), so a wrong
-- key is refused before anything is read or written with it.
CREATE TABLE data_key_check (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  check_value TEXT NOT NULL
) STRICT;
