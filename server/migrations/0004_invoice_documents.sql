-- The e-invoice document (PDF, OFD or image) the association attaches when issuing an invoice;
-- at most one per invoice, replaced never: a wrong invoice is voided and issued anew.
CREATE TABLE invoice_documents (
  invoice_id TEXT PRIMARY KEY REFERENCES invoices (id),
  batch_id TEXT NOT NULL REFERENCES batches (id),
  file_name TEXT NOT NULL,
  file_type TEXT NOT NULL,
  file_blob TEXT NOT NULL,
  file_bytes INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX invoice_documents_batch ON invoice_documents (batch_id);
