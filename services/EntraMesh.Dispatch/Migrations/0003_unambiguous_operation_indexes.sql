-- Partial indexes that share a predicate look equally cheap to PostgreSQL when its statistics were taken while no row
-- matched (nothing pending or in flight: a new deployment's first import, the morning after a quiet night), and it then
-- picked the wrong one: a per-worker lookup of a batch read the target's whole queue (seen in the throughput benchmark),
-- and the in-flight check of a claim's candidates read every lease (seen reproducing it). Each index's predicate now
-- also names what only its own queries say, so no other query can use it:
-- the queue in claiming order, for the claim (which says priority >= 0; every priority is);
DROP INDEX operation_queue;
CREATE INDEX operation_queue ON operation (target, priority, queued_at, queue_seq) WHERE status = 'pending' AND priority >= 0;
-- the leases, for their expiry (lease_until < now implies it is set; an operation in flight always has one).
DROP INDEX operation_lease;
CREATE INDEX operation_lease ON operation (lease_until) WHERE status = 'in_flight' AND lease_until IS NOT NULL;
-- Statistics follow a busy queue within a minute instead of after a tenth of the table changed.
ALTER TABLE operation SET (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);
