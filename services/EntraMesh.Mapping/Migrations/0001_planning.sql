-- Mapping's schema: the last accepted record of every worker, the last planned identity per worker and target, changes
-- held until a future date, and the values SelectUniqueValue handed out.

-- The last accepted record of every (source, worker) (the highest revision seen): what replays, released holds and the
-- population preview plan from. Its row lock orders everything mapping does for one worker - consumers, the hold
-- releaser and replays, on every replica - so two revisions of one worker are never planned at the same time.
-- A row with revision 0 was only created to be locked (the worker has no record yet).
CREATE TABLE worker_record (
    source_id        text        NOT NULL,
    worker_id        text        NOT NULL,
    revision         bigint      NOT NULL DEFAULT 0,
    record_id        uuid        NULL,
    received_at      timestamptz NULL,
    effective_at     timestamptz NULL,
    hire_date        date        NULL,
    termination_date date        NULL,
    terminated       boolean     NOT NULL DEFAULT false,
    channel          text        NULL,
    attributes       jsonb       NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, worker_id)
);

-- Per (source, worker, target): the identity last planned there (the SCIM data as planned, active, OU), with the record,
-- revision, change and rule-set version that produced it. The next record of the worker is classified against it.
CREATE TABLE planned_identity (
    source_id        text        NOT NULL,
    worker_id        text        NOT NULL,
    target           text        NOT NULL,
    data             jsonb       NOT NULL,
    active           boolean     NOT NULL,
    parent_dn        text        NULL,
    creation_only    text[]      NOT NULL DEFAULT '{}',
    revision         bigint      NOT NULL,
    record_id        uuid        NOT NULL,
    change_id        uuid        NOT NULL,
    change_kind      text        NOT NULL,
    planned_at       timestamptz NOT NULL,
    rule_set_version text        NOT NULL,
    PRIMARY KEY (source_id, worker_id, target)
);

-- At most one held change per worker: its latest record, to be planned again at due_at (an effective date, the hire
-- date minus the pre-hire window, or a termination date). A newer record replaces it; the releaser deletes it in the
-- transaction that plans it, under the worker's row lock, so it is released once whatever the number of replicas.
CREATE TABLE held_change (
    source_id   text        NOT NULL,
    worker_id   text        NOT NULL,
    revision    bigint      NOT NULL,
    record_id   uuid        NOT NULL,
    reason      text        NOT NULL,
    target      text        NULL,
    due_at      timestamptz NOT NULL,
    held_at     timestamptz NOT NULL,
    PRIMARY KEY (source_id, worker_id)
);

CREATE INDEX held_change_due ON held_change (due_at);

-- Values handed out by SelectUniqueValue, per target and attribute (compared without regard to case, as Entra compares
-- userPrincipalName and mail), and the worker that holds each. Claimed in the planning transaction.
CREATE TABLE unique_value (
    target      text        NOT NULL,
    attribute   text        NOT NULL,
    value_key   text        NOT NULL,
    value       text        NOT NULL,
    source_id   text        NOT NULL,
    worker_id   text        NOT NULL,
    claimed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (target, attribute, value_key)
);

CREATE INDEX unique_value_worker ON unique_value (source_id, worker_id, target, attribute);
