-- An upload may name itself with an Idempotency-Key header: an upload retried with the same key (its answer was lost)
-- finds the first one's import instead of importing the file again. A key names one import per source.
ALTER TABLE import_job ADD COLUMN idempotency_key text NULL;

CREATE UNIQUE INDEX import_job_idempotency_key ON import_job (source_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
