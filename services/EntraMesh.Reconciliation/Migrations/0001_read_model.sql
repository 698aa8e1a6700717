-- Reconciliation's read model: where every worker stands, overall and per target, and every event seen for it.
-- Identifiers use the "C" collation: byte order, so keyset cursors and lock order are the same everywhere.

-- One row per worker (source, worker id): its latest revision and its overall state, which is derived from the
-- worker-level events of that revision (accepted, skipped without a target) and from its lanes at that revision.
CREATE TABLE worker (
    source_id            text COLLATE "C" NOT NULL,
    worker_id            text COLLATE "C" NOT NULL,
    revision             bigint      NOT NULL DEFAULT 0,
    state                text        NOT NULL DEFAULT 'Accepted',
    change_kind          text        NULL,
    targets              text[]      NOT NULL DEFAULT '{}',
    -- what the worker-level events of the current revision said
    base_state           text        NULL,
    base_at              timestamptz NULL,
    base_skip_reason     text        NULL,
    base_skip_detail     text        NULL,
    base_held_until      timestamptz NULL,
    record_id            uuid        NULL,
    accepted_at          timestamptz NULL,
    effective_at         timestamptz NULL,
    terminated           boolean     NULL,
    channel              text        NULL,
    -- details of whatever decided the overall state
    skip_reason          text        NULL,
    skip_detail          text        NULL,
    held_until           timestamptz NULL,
    error_code           text        NULL,
    error_reason         text        NULL,
    revision_started_at  timestamptz NULL,
    first_seen_at        timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    trace_id             text        NULL,
    PRIMARY KEY (source_id, worker_id)
);

CREATE INDEX worker_by_state ON worker (state, source_id, worker_id);
CREATE INDEX worker_by_updated ON worker (updated_at, source_id, worker_id);
-- Oldest pending worker for the summary (Held is waiting on purpose and is not pending).
CREATE INDEX worker_pending ON worker (revision_started_at)
    WHERE state IN ('Accepted', 'Planned', 'Queued', 'Submitted', 'Stuck');

-- One row per worker and target ("lane"): the state of the latest revision and change attempt for that target.
CREATE TABLE worker_target (
    source_id            text COLLATE "C" NOT NULL,
    worker_id            text COLLATE "C" NOT NULL,
    target               text COLLATE "C" NOT NULL,
    revision             bigint      NOT NULL,
    state                text        NOT NULL,
    stage                smallint    NOT NULL,
    state_at             timestamptz NOT NULL,
    change_id            uuid        NULL,
    attempt_at           timestamptz NULL,
    change_kind          text        NULL,
    record_id            uuid        NULL,
    accepted_at          timestamptz NULL,
    planned_at           timestamptz NULL,
    skipped_at           timestamptz NULL,
    skip_reason          text        NULL,
    skip_detail          text        NULL,
    held_until           timestamptz NULL,
    queued_at            timestamptz NULL,
    submitted_at         timestamptz NULL,
    submission_id        uuid        NULL,
    job_id               text        NULL,
    bulk_id              text        NULL,
    completed_at         timestamptz NULL,
    outcome_status       text        NULL,
    action               text        NULL,
    log_id               text        NULL,
    target_object_id     text        NULL,
    status_code          integer     NULL,
    error_code           text        NULL,
    error_reason         text        NULL,
    stuck_at             timestamptz NULL,
    latency_recorded     boolean     NOT NULL DEFAULT false,
    first_seen_at        timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    trace_id             text        NULL,
    PRIMARY KEY (source_id, worker_id, target)
);

-- Lists of one target (by state, or by last change). Every index here costs every projected event, so there are few.
CREATE INDEX worker_target_by_target_state ON worker_target (target, state, source_id, worker_id);
CREATE INDEX worker_target_by_target_updated ON worker_target (target, updated_at, source_id, worker_id);
-- What needs a human, across targets: the stuck and failures lists, bulk replay, failures by error code.
CREATE INDEX worker_target_attention ON worker_target (source_id, worker_id, target) WHERE state IN ('Failed', 'Rejected', 'Stuck');
CREATE INDEX worker_target_failures ON worker_target (target, state, error_code) WHERE state IN ('Failed', 'Rejected');
-- Candidates for the stuck scan.
CREATE INDEX worker_target_submitted ON worker_target (submitted_at) WHERE state = 'Submitted';

-- Every event seen for a worker, applied or not, plus operators' replay requests.
CREATE TABLE timeline_entry (
    source_id            text COLLATE "C" NOT NULL,
    worker_id            text COLLATE "C" NOT NULL,
    id                   bigint GENERATED ALWAYS AS IDENTITY,
    target               text        NULL,
    revision             bigint      NULL,
    event                text        NOT NULL,
    state                text        NULL,
    effect               text        NOT NULL,
    occurred_at          timestamptz NOT NULL,
    recorded_at          timestamptz NOT NULL,
    change_id            uuid        NULL,
    message_id           uuid        NULL,
    trace_id             text        NULL,
    detail               jsonb       NULL,
    PRIMARY KEY (source_id, worker_id, id)
);

-- Counts by state: scope '' is the workers' overall state, any other scope is a target. Sharded so concurrent
-- projections rarely wait on the same row; the summary adds the shards up.
CREATE TABLE state_count (
    scope                text COLLATE "C" NOT NULL,
    state                text        NOT NULL,
    shard                smallint    NOT NULL,
    n                    bigint      NOT NULL,
    PRIMARY KEY (scope, state, shard)
);

-- Latency from accepted to succeeded as a log-scale histogram per minute and target.
CREATE TABLE latency_bucket (
    minute               timestamptz NOT NULL,
    target               text COLLATE "C" NOT NULL,
    bucket               smallint    NOT NULL,
    shard                smallint    NOT NULL,
    n                    bigint      NOT NULL,
    PRIMARY KEY (minute, target, bucket, shard)
);

-- The daily call budget as dispatch last reported it, per target.
CREATE TABLE dispatch_budget (
    target               text COLLATE "C" PRIMARY KEY,
    job_id               text        NULL,
    calls_remaining      integer     NOT NULL,
    calls_limit          integer     NULL,
    reported_at          timestamptz NOT NULL,
    submission_id        uuid        NOT NULL
);

-- Operators' replay requests: who, when, why (also written to the worker's timeline).
CREATE TABLE replay_request (
    request_id           uuid PRIMARY KEY,
    source_id            text COLLATE "C" NOT NULL,
    worker_id            text COLLATE "C" NOT NULL,
    requested_by         text        NOT NULL,
    reason               text        NOT NULL,
    requested_at         timestamptz NOT NULL,
    bulk_request_id      uuid        NULL,
    message_id           uuid        NOT NULL
);

CREATE INDEX replay_request_by_worker ON replay_request (source_id, worker_id, requested_at);

-- Events that could not be attributed to a worker (no source, worker or target): kept, counted and logged
-- instead of failing the batch they arrived in.
CREATE TABLE invalid_event (
    message_id           uuid        NOT NULL,
    consumer             text        NOT NULL,
    message_type         text        NOT NULL,
    reason               text        NOT NULL,
    received_at          timestamptz NOT NULL,
    trace_id             text        NULL,
    -- identifiers only (record, change, submission ids); never the HR record
    detail               jsonb       NULL,
    PRIMARY KEY (message_id, consumer)
);
