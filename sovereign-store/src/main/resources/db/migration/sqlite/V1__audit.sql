-- Audit events: append-only chains, one per writer. The columns beside `body` are derived from it for
-- filtering; `sovereign audit verify` checks them against the hashed record.
CREATE TABLE audit_event (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    writer       TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    prev_hash    TEXT    NOT NULL,
    hash         TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    time_ms      INTEGER NOT NULL,
    request_id   TEXT    NOT NULL,
    key_id       TEXT,
    team         TEXT,
    workload     TEXT,
    provider     TEXT,
    jurisdiction TEXT,
    action       TEXT,
    categories   TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    UNIQUE (writer, seq)
);
CREATE INDEX audit_event_time ON audit_event (time_ms);
CREATE INDEX audit_event_request ON audit_event (request_id);
CREATE INDEX audit_event_workload ON audit_event (workload, time_ms);

-- Signed checkpoints; the same lines are also written to files outside the database.
CREATE TABLE audit_checkpoint (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    writer TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    reason TEXT    NOT NULL,
    line   TEXT    NOT NULL
);
CREATE INDEX audit_checkpoint_writer ON audit_checkpoint (writer, seq);
