-- The record as a service: coded events indexed for queries, analysts'
-- reviews kept as an audit log, and full-text search over the reports.

-- One row per coded event as the coder wrote it (the body is the event's
-- JSON), with the columns the API filters on. Reviews never rewrite a row:
-- they are applied when the record is read.
CREATE TABLE events (
    id       TEXT PRIMARY KEY,
    doc      TEXT NOT NULL REFERENCES documents (id),
    day      TEXT,            -- YYYY-MM-DD when the date is a day, else the date's first day or NULL
    cameo    TEXT NOT NULL,
    plover   TEXT,
    modality TEXT NOT NULL,
    actors   TEXT NOT NULL,   -- ' SRC1 SRC2 > TGT1 ' for LIKE filters on codes
    place    TEXT,            -- the place's name, else the report's words
    country  TEXT,
    lat      REAL,
    lon      REAL,
    body     TEXT NOT NULL
);
CREATE INDEX events_day ON events (day, id);
CREATE INDEX events_doc ON events (doc);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_plover ON events (plover, day);

-- Every review an analyst made, never rewritten: the latest row of an
-- event is its state (verified, rejected, corrected, or reopened to undo).
CREATE TABLE reviews (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    event    TEXT NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('verified', 'rejected', 'corrected', 'reopened')),
    changes  TEXT,            -- JSON object of corrected fields
    note     TEXT,
    reviewer TEXT NOT NULL,
    at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX reviews_event ON reviews (event, seq);

-- Full-text search over titles and repaired texts, kept in step with the
-- documents table by triggers.
CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, content = 'documents', content_rowid = 'rowid');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
END;
INSERT INTO documents_fts (rowid, title, text) SELECT rowid, coalesce(title, ''), text FROM documents;

-- Documents stored before this step have their events indexed on first
-- use, with their observations.
UPDATE documents SET observed = 0;

-- An event's other reports are looked for among observations of nearby days.
CREATE INDEX observations_date ON observations (date);
