-- Transactional outbox: rows written in the same transaction as the service's state change, published by the relay
-- after commit and deleted once RabbitMQ confirmed them and routed them to at least one queue. A row that cannot be
-- published backs off on its own (next_attempt_at) so it never blocks the rows behind it.
CREATE TABLE outbox_message (
    sequence      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id    uuid        NOT NULL,
    message_type  text        NOT NULL,
    body          text        NOT NULL,
    trace_parent  text        NULL,
    trace_state   text        NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    attempts      integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error    text        NULL
);

CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at, sequence);

-- Inbox: the id of every consumed message, recorded in the same transaction as its effect.
CREATE TABLE inbox_message (
    message_id    uuid        NOT NULL,
    consumer      text        NOT NULL,
    consumed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);

CREATE INDEX inbox_message_consumed_at ON inbox_message (consumed_at);
