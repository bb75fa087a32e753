-- Payments as the clerk recorded them: one transfer (with one voucher) may pay several
-- batches of a unit (Suzhou 合并支付, Shanghai 选择批次); each batch's share is kept beside
-- it. The voucher's bytes travel in the outbox action only; here its name, type and size.
CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL REFERENCES units (id),
  payer TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  method TEXT,
  account_type TEXT,
  paid_on TEXT,
  voucher_name TEXT NOT NULL,
  voucher_type TEXT NOT NULL,
  voucher_bytes INTEGER NOT NULL CHECK (voucher_bytes > 0),
  refund TEXT CHECK (refund IS NULL OR json_valid(refund)),
  recorded_at TEXT NOT NULL,
  outbox_id TEXT
) STRICT;

CREATE TABLE payment_batches (
  payment_id TEXT NOT NULL REFERENCES payments (id),
  batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  PRIMARY KEY (payment_id, batch_id)
) STRICT;
CREATE INDEX payment_batches_batch ON payment_batches (batch_id);
