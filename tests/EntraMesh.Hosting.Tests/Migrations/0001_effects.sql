-- The probe service's state: one row per applied effect. No unique key, so a double effect shows as two rows.
CREATE TABLE effect (
    message_kind text NOT NULL,
    worker_id    text NOT NULL,
    applied_at   timestamptz NOT NULL DEFAULT now()
);
