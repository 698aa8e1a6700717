-- Dispatch's own schema. See docs/dispatch.md for the life of an operation.

-- The newest revision seen per (target, source, worker): older plans are ignored, and the row is the lock that
-- serialises everything done to one worker's queue (consumer, release after a failed call).
CREATE TABLE worker_state (
    target           text   NOT NULL,
    source_id        text   NOT NULL,
    worker_id        text   NOT NULL,
    latest_revision  bigint NOT NULL,
    PRIMARY KEY (target, source_id, worker_id)
);

-- One row per planned change. pending -> in_flight -> submitted | rejected, or pending -> superseded (coalesced into a
-- newer change of the same worker). At most one pending row per worker and target; a row in flight is never changed
-- by a newer plan (the newer one waits as its own pending row and goes out in a later call).
CREATE TABLE operation (
    change_id        uuid        PRIMARY KEY,
    target           text        NOT NULL,
    source_id        text        NOT NULL,
    worker_id        text        NOT NULL,
    record_id        uuid        NOT NULL,
    revision         bigint      NOT NULL,
    change_kind      text        NOT NULL,
    priority         smallint    NOT NULL,           -- 0 Leaver, 1 Joiner/Rehire, 2 Mover, 3 Update
    external_id      text        NOT NULL,
    data             jsonb       NOT NULL,           -- the SCIM user sent as the operation's data
    planned_at       timestamptz NOT NULL,           -- earliest plan this row carries (coalescing keeps it)
    queued_at        timestamptz NOT NULL,           -- its place in line (coalescing keeps the earliest)
    stored_at        timestamptz NOT NULL DEFAULT clock_timestamp(),  -- when this row arrived (the batch window's clock)
    queue_seq        bigint      GENERATED ALWAYS AS IDENTITY,
    status           text        NOT NULL CHECK (status IN ('pending', 'in_flight', 'submitted', 'rejected', 'superseded')),
    call_id          uuid        NULL,               -- the call it is in, or was last in
    lease_until      timestamptz NULL,               -- in_flight: reserved until then
    attempts         integer     NOT NULL DEFAULT 0,
    first_failed_at  timestamptz NULL,               -- first 5xx/timeout since it was last accepted
    last_error       text        NULL,
    superseded_by    uuid        NULL,
    finished_at      timestamptz NULL
);

CREATE UNIQUE INDEX operation_one_pending_per_worker ON operation (target, source_id, worker_id) WHERE status = 'pending';
CREATE INDEX operation_queue ON operation (target, priority, queued_at, queue_seq) WHERE status = 'pending';
CREATE INDEX operation_in_flight ON operation (target, source_id, worker_id) WHERE status = 'in_flight';
CREATE INDEX operation_lease ON operation (lease_until) WHERE status = 'in_flight';
CREATE INDEX operation_finished ON operation (finished_at) WHERE finished_at IS NOT NULL;

-- Per tenant: the row locked while a call is reserved, and a pause after Entra said 429.
CREATE TABLE tenant_budget (
    tenant_key     text        PRIMARY KEY,
    blocked_until  timestamptz NULL
);

-- Every bulkUpload call, recorded (reserved) before it is sent. The call ledger of the rate window and the daily
-- budget: a call's arrival at Entra lies between reserved_at and completed_at (or reserved_at + request timeout).
CREATE TABLE call (
    call_id       uuid        PRIMARY KEY,
    tenant_key    text        NOT NULL,
    target        text        NOT NULL,
    reserved_at   timestamptz NOT NULL,
    completed_at  timestamptz NULL,
    operations    integer     NOT NULL,
    outcome       text        NOT NULL DEFAULT 'sending',
    http_status   integer     NULL,
    request_id    text        NULL,
    error         text        NULL
);

CREATE INDEX call_tenant_reserved ON call (tenant_key, reserved_at);

-- Which operation went out in which call and when: provisioning-log entries are matched to the latest of these.
CREATE TABLE call_operation (
    call_id      uuid        NOT NULL,
    change_id    uuid        NOT NULL,
    target       text        NOT NULL,
    external_id  text        NOT NULL,
    sent_at      timestamptz NOT NULL,
    PRIMARY KEY (call_id, change_id)
);

CREATE INDEX call_operation_match ON call_operation (target, external_id, sent_at);
CREATE INDEX call_operation_sent ON call_operation (sent_at);

-- Per target: back-off after failures (shared by replicas) and the stop after a 403.
CREATE TABLE target_state (
    target                text        PRIMARY KEY,
    paused_until          timestamptz NULL,
    consecutive_failures  integer     NOT NULL DEFAULT 0,
    probe_call_id         uuid        NULL,     -- the one call allowed while the target recovers
    stopped_reason        text        NULL,
    stopped_at            timestamptz NULL
);

-- Per target (job): how far the provisioning logs have been read.
CREATE TABLE log_watermark (
    target      text        PRIMARY KEY,
    job_id      text        NOT NULL,
    watermark   timestamptz NOT NULL,
    polled_at   timestamptz NOT NULL
);

-- Provisioning-log entries already handled, by log id.
CREATE TABLE observed_log_entry (
    target       text        NOT NULL,
    log_id       text        NOT NULL,
    activity_at  timestamptz NOT NULL,
    matched      boolean     NOT NULL,
    observed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (target, log_id)
);

CREATE INDEX observed_log_entry_activity ON observed_log_entry (activity_at);
