-- Every value was sealed by 0007's step: the plaintext columns and table go.
ALTER TABLE persons DROP COLUMN doc_number;
ALTER TABLE persons DROP COLUMN row_values;
DROP TABLE occupied_persons;
ALTER TABLE occupied_persons_indexed RENAME TO occupied_persons;
