-- When the provisioning logs showed each sent operation (matched to it). A poll reads back only as far as the earliest
-- operation the logs have not shown yet (never further than the watermark allows), instead of the whole settle window
-- every time. Rows from before this column existed count as not shown; the watermark bounds them as before.
ALTER TABLE call_operation ADD COLUMN observed_at timestamptz NULL;
CREATE INDEX call_operation_unobserved ON call_operation (target, sent_at) WHERE observed_at IS NULL;
