-- Ingest's schema: accepted records with their per-(source, worker) revisions, source event ids for
-- de-duplication, rejected records, CSV import jobs and the cursors of SQL sources.

-- The latest revision of every (source, worker). Its row lock orders concurrent acceptances of one worker.
CREATE TABLE worker_state (
    source_id      text        NOT NULL,
    worker_id      text        NOT NULL,
    revision       bigint      NOT NULL,
    last_record_id uuid        NOT NULL,
    terminated     boolean     NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, worker_id)
);

CREATE TABLE accepted_record (
    record_id        uuid        PRIMARY KEY,
    source_id        text        NOT NULL,
    worker_id        text        NOT NULL,
    revision         bigint      NOT NULL,
    channel          text        NOT NULL,
    source_event_id  text        NULL,
    import_id        uuid        NULL,
    received_at      timestamptz NOT NULL,
    effective_at     timestamptz NULL,
    hire_date        date        NULL,
    termination_date date        NULL,
    terminated       boolean     NOT NULL,
    attributes       jsonb       NOT NULL,
    UNIQUE (source_id, worker_id, revision)
);

CREATE INDEX accepted_record_import ON accepted_record (import_id) WHERE import_id IS NOT NULL;

-- Every source event id ever accepted: a redelivery finds its id here and is acknowledged without processing.
CREATE TABLE source_event (
    source_id   text        NOT NULL,
    event_id    text        NOT NULL,
    record_id   uuid        NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, event_id)
);

CREATE TABLE rejected_record (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id       text        NOT NULL,
    channel         text        NOT NULL,
    import_id       uuid        NULL,
    position        bigint      NOT NULL,
    line_number     bigint      NULL,
    source_event_id text        NULL,
    worker_id       text        NULL,
    reason          text        NOT NULL,
    rejected_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX rejected_record_import ON rejected_record (import_id, position) WHERE import_id IS NOT NULL;

CREATE TABLE import_job (
    id              uuid        PRIMARY KEY,
    source_id       text        NOT NULL,
    mode            text        NOT NULL,
    status          text        NOT NULL,
    file_name       text        NULL,
    spool_path      text        NULL,
    created_by      text        NULL,
    decided_by      text        NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz NULL,
    rows_read       bigint      NOT NULL DEFAULT 0,
    rows_accepted   bigint      NOT NULL DEFAULT 0,
    rows_rejected   bigint      NOT NULL DEFAULT 0,
    applied_through bigint      NOT NULL DEFAULT 0,
    population      bigint      NULL,
    absent          bigint      NULL,
    terminated      bigint      NOT NULL DEFAULT 0,
    threshold       double precision NOT NULL,
    error           text        NULL
);

-- Rows of a full snapshot, held until the snapshot is checked (and, above the threshold, confirmed). A row that was
-- rejected but names a worker is kept with record NULL: that worker is present in the snapshot.
CREATE TABLE import_row (
    import_id   uuid   NOT NULL,
    position    bigint NOT NULL,
    worker_id   text   NOT NULL,
    record      jsonb  NULL,
    PRIMARY KEY (import_id, position)
);

CREATE INDEX import_row_worker ON import_row (import_id, worker_id);

-- Where each SQL source's reading stands: the last (watermark, key) accepted, written with the records.
CREATE TABLE sql_cursor (
    source_id      text        PRIMARY KEY,
    watermark      text        NOT NULL,
    watermark_type text        NOT NULL,
    last_key       text        NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
