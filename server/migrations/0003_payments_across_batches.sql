-- One transfer paying several batches (recordPayment): one row per transfer with its single
-- voucher, and each batch's share. A batch's current payment is its newest allocation
-- (after a voucher is sent back, a new transfer is recorded beside the old one).
CREATE TABLE shared_payments (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  payer TEXT NOT NULL,
  amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
  method TEXT,
  account_type TEXT,
  paid_on TEXT,
  proof_name TEXT NOT NULL,
  proof_type TEXT NOT NULL,
  proof_blob TEXT NOT NULL,
  proof_bytes INTEGER NOT NULL,
  -- Sealed JSON (the refund account).
  refund TEXT,
  uploaded_at TEXT NOT NULL,
  -- Transfers recorded at the same instant, in the order they were recorded.
  recorded BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX shared_payments_unit ON shared_payments (unit_id);

CREATE TABLE payment_allocations (
  payment_id TEXT NOT NULL REFERENCES shared_payments (id),
  batch_id TEXT NOT NULL REFERENCES batches (id),
  -- Listed in the order the unit chose the batches.
  position INTEGER NOT NULL,
  amount_fen BIGINT NOT NULL CHECK (amount_fen >= 0),
  confirmed_fen BIGINT,
  confirmed_on TEXT,
  PRIMARY KEY (payment_id, batch_id)
);
CREATE INDEX payment_allocations_batch ON payment_allocations (batch_id);

-- 提前开票 (Shenzhen): the signed commitment sent with an invoice request.
CREATE TABLE invoice_commitments (
  request_id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches (id),
  file_name TEXT NOT NULL,
  file_type TEXT NOT NULL,
  file_blob TEXT NOT NULL,
  file_bytes INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX invoice_commitments_batch ON invoice_commitments (batch_id);
