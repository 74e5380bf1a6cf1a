-- Event queries on records of millions of events: orders and filters that
-- indexes can serve, over rows kept small.

-- The event's JSON lives apart from the columns queries filter on, so a
-- scan over a million events reads a hundred bytes a row, not kilobytes.
CREATE TABLE event_bodies (
    id   TEXT PRIMARY KEY,
    body TEXT NOT NULL
);
INSERT INTO event_bodies (id, body) SELECT id, body FROM events;
ALTER TABLE events DROP COLUMN body;

-- The review state of each event, kept in step with the reviews table by
-- `Store::add_review` in the same transaction, so filtering on it reads one
-- column instead of the review log.
ALTER TABLE events ADD COLUMN review TEXT NOT NULL DEFAULT 'unreviewed';
UPDATE events SET review = coalesce(
    (SELECT CASE r.action WHEN 'reopened' THEN 'unreviewed' ELSE r.action END
     FROM reviews r WHERE r.event = events.id ORDER BY r.seq DESC LIMIT 1), 'unreviewed');

-- Lists are ordered by day, undated last: an index in that order lets a
-- page be read without sorting the whole table.
CREATE INDEX events_order ON events (day IS NULL, day, id);
-- Day ranges are served by events_timeline below, and code prefixes (LIKE
-- with an escape) by no index: two fewer indexes to write per event.
DROP INDEX events_day;
DROP INDEX events_cameo;

-- Actor codes one row each, so `actor=RUS` is an index range, not a scan.
CREATE TABLE event_actors (
    code  TEXT NOT NULL,
    event TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE
);
CREATE INDEX event_actors_code ON event_actors (code, event);
CREATE INDEX event_actors_event ON event_actors (event);
INSERT INTO event_actors (code, event)
    WITH RECURSIVE split(event, rest, code) AS (
        SELECT id, trim(replace(actors, '>', ' ')) || ' ', NULL FROM events
        UNION ALL
        SELECT event, ltrim(substr(rest, instr(rest, ' ') + 1)), substr(rest, 1, instr(rest, ' ') - 1)
        FROM split WHERE rest <> ''
    )
    SELECT DISTINCT code, event FROM split WHERE code IS NOT NULL AND code <> '';

-- Places by name (any case); by latitude for bounding boxes, covering
-- what the map counts; and what the timeline counts, by day.
CREATE INDEX events_place ON events (place COLLATE NOCASE);
CREATE INDEX events_map ON events (lat, lon, review, day, place, country);
CREATE INDEX events_timeline ON events (day, plover, modality, review);
