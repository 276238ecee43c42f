-- RFC 3161 time-stamp tokens over checkpoints, from an authority outside the gateway; also written beside the
-- checkpoint files.
CREATE TABLE audit_timestamp (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    writer TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    line   TEXT    NOT NULL
);
CREATE INDEX audit_timestamp_writer ON audit_timestamp (writer, seq);
