-- Documents as taken in: metadata, original and repaired text, and the
-- annotation layers as JSON (tokens and sentence texts are left out: they
-- follow from the text and the spans, and would triple the file).
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    input       TEXT NOT NULL,
    format      TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    external_id TEXT,
    url         TEXT,
    outlet      TEXT,
    published   TEXT,
    date        TEXT,
    language    TEXT,
    title       TEXT,
    style       TEXT,
    original    TEXT NOT NULL,
    text        TEXT NOT NULL,
    annotation  TEXT NOT NULL,
    n_sentences INTEGER NOT NULL,
    n_repairs   INTEGER NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE INDEX documents_date ON documents (date);
CREATE INDEX documents_outlet ON documents (outlet);
