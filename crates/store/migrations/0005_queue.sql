-- The ingest queue: documents waiting to be coded by `truce worker`
-- processes. A worker claims one for a lease; storing the coded document
-- and removing it from the queue happen in one transaction, so a worker
-- killed mid-document leaves it in the queue for another once the lease
-- runs out, and a document is never stored twice (documents are keyed by
-- their content).
CREATE TABLE queue (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    original    TEXT NOT NULL,
    source      TEXT NOT NULL,      -- the document's metadata as JSON
    enqueued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    claimed_by  TEXT,
    claimed_at  INTEGER,            -- Unix seconds
    attempts    INTEGER NOT NULL DEFAULT 0,
    error       TEXT                -- why it could not be coded; kept, never dropped
);
CREATE INDEX queue_open ON queue (error, claimed_at, seq);
