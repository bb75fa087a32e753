-- 是否建议名单 (seed 002, 获取上年度建议名单): the batch of last year's roster a person was
-- taken from, so the roster shows which rows came from the suggested list through later
-- checks and edits. NULL for rows imported from a file or typed in. No foreign key: batches
-- are never removed (a deleted batch keeps its row), and the mark is only a provenance note.
ALTER TABLE persons ADD COLUMN suggested_from TEXT;
CREATE INDEX persons_batch_suggested ON persons (batch_id, seq) WHERE suggested_from IS NOT NULL;
