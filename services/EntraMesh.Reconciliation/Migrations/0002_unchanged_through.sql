-- Mapping skips a record as NoChange when the identity it would send to a target equals the last one it planned there.
-- Such a revision does not replace what a target shows about Entra (the earlier change and its state): the target
-- records instead the highest revision found unchanged since that change, and counts as current for the worker at any
-- revision up to it. NULL: no newer revision was found unchanged. Existing rows keep NULL (a NoChange skip already
-- shown as the target's state stays shown; the change it hid is not recorded anywhere to bring back).
ALTER TABLE worker_target ADD COLUMN unchanged_through bigint NULL;
