-- The truce record in PostgreSQL: the same tables, columns and behaviour as
-- the SQLite record after its migrations 0001 to 0005 (see ../migrations),
-- in PostgreSQL's dialect. Keys and days compare byte by byte (COLLATE "C"),
-- as in SQLite, whatever the database's locale.

CREATE TABLE documents (
    id          TEXT COLLATE "C" PRIMARY KEY,
    input       TEXT NOT NULL,
    format      TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    external_id TEXT,
    url         TEXT,
    outlet      TEXT,
    published   TEXT,
    date        TEXT COLLATE "C",
    language    TEXT,
    title       TEXT,
    style       TEXT,
    original    BYTEA NOT NULL,      -- as decoded; may hold characters TEXT refuses (NUL)
    text        TEXT NOT NULL,
    annotation  TEXT NOT NULL,
    n_sentences BIGINT NOT NULL,
    n_repairs   BIGINT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    observed    INTEGER NOT NULL DEFAULT 0,
    fts         tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED
);
CREATE INDEX documents_date ON documents (date);
CREATE INDEX documents_outlet ON documents (outlet);
CREATE INDEX documents_fts ON documents USING gin (fts);

CREATE TABLE observations (
    event    TEXT COLLATE "C" PRIMARY KEY,
    doc      TEXT COLLATE "C" NOT NULL REFERENCES documents (id),
    reported TEXT COLLATE "C",
    date     TEXT COLLATE "C",
    cameo    TEXT NOT NULL,
    body     TEXT NOT NULL
);
CREATE INDEX observations_doc ON observations (doc);
CREATE INDEX observations_reported ON observations (reported);
CREATE INDEX observations_date ON observations (date);

CREATE TABLE agreements (
    id         TEXT COLLATE "C" PRIMARY KEY,
    title      TEXT NOT NULL,
    file       TEXT NOT NULL,
    source     TEXT NOT NULL,
    added_at   TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    updated_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);

CREATE TABLE verdicts (
    seq        BIGSERIAL PRIMARY KEY,
    agreement  TEXT NOT NULL,
    provision  TEXT NOT NULL,
    party      TEXT NOT NULL,
    status     TEXT NOT NULL,
    as_of      TEXT COLLATE "C" NOT NULL,
    since      TEXT,
    confidence DOUBLE PRECISION NOT NULL,
    rationale  TEXT NOT NULL,
    detail     TEXT NOT NULL,
    decided_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
CREATE INDEX verdicts_key ON verdicts (agreement, provision, party, seq);

CREATE TABLE events (
    id       TEXT COLLATE "C" PRIMARY KEY,
    doc      TEXT COLLATE "C" NOT NULL REFERENCES documents (id),
    day      TEXT COLLATE "C",
    cameo    TEXT COLLATE "C" NOT NULL,
    plover   TEXT,
    modality TEXT NOT NULL,
    actors   TEXT NOT NULL,
    place    TEXT,
    country  TEXT,
    lat      DOUBLE PRECISION,
    lon      DOUBLE PRECISION,
    review   TEXT NOT NULL DEFAULT 'unreviewed'
);
CREATE INDEX events_doc ON events (doc);
CREATE INDEX events_plover ON events (plover, day);
CREATE INDEX events_order ON events ((day IS NULL), day, id);
CREATE INDEX events_place ON events (lower(place));
CREATE INDEX events_map ON events (lat, lon, review, day, place, country);
CREATE INDEX events_timeline ON events (day, plover, modality, review);

CREATE TABLE event_bodies (
    id   TEXT COLLATE "C" PRIMARY KEY,
    body TEXT NOT NULL
);

CREATE TABLE event_actors (
    code  TEXT COLLATE "C" NOT NULL,
    event TEXT COLLATE "C" NOT NULL
);
CREATE INDEX event_actors_code ON event_actors (code, event);
CREATE INDEX event_actors_event ON event_actors (event);

CREATE TABLE reviews (
    seq      BIGSERIAL PRIMARY KEY,
    event    TEXT COLLATE "C" NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('verified', 'rejected', 'corrected', 'reopened')),
    changes  TEXT,
    note     TEXT,
    reviewer TEXT NOT NULL,
    at       TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
CREATE INDEX reviews_event ON reviews (event, seq);

CREATE TABLE queue (
    seq         BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    original    BYTEA NOT NULL,
    source      TEXT NOT NULL,
    enqueued_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    claimed_by  TEXT,
    claimed_at  BIGINT,
    attempts    BIGINT NOT NULL DEFAULT 0,
    error       TEXT
);
CREATE INDEX queue_open ON queue (seq) WHERE error IS NULL;
