-- The compliance record: coded events as evidence, agreements, and every
-- verdict a board has shown.

-- One row per coded event, with what the compliance engine reads (the
-- report's outlet and date, actors, codes, modality, place, sentence) as
-- JSON, written when the document is stored so that recomputing verdicts
-- never re-reads documents.
CREATE TABLE observations (
    event    TEXT PRIMARY KEY,
    doc      TEXT NOT NULL REFERENCES documents (id),
    reported TEXT,
    date     TEXT,
    cameo    TEXT NOT NULL,
    body     TEXT NOT NULL
);
CREATE INDEX observations_doc ON observations (doc);
CREATE INDEX observations_reported ON observations (reported);

-- Documents stored before this table existed have their observations
-- written on first use (observed = 0 until then).
ALTER TABLE documents ADD COLUMN observed INTEGER NOT NULL DEFAULT 0;

-- Agreements as their files were written (TOML), replaced when added again.
CREATE TABLE agreements (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    file       TEXT NOT NULL,
    source     TEXT NOT NULL,
    added_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Verdicts are only ever appended: a row each time an obligation's status
-- changes, so no verdict's history is lost by later reports.
CREATE TABLE verdicts (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    agreement  TEXT NOT NULL,
    provision  TEXT NOT NULL,
    party      TEXT NOT NULL,
    status     TEXT NOT NULL,
    as_of      TEXT NOT NULL,
    since      TEXT,
    confidence REAL NOT NULL,
    rationale  TEXT NOT NULL,
    detail     TEXT NOT NULL,
    decided_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX verdicts_key ON verdicts (agreement, provision, party, seq);
