//! Coded events indexed for queries: by day, code, PLOVER category,
//! modality, actor, place and bounding box, a page at a time.
//!
//! Each row keeps the event's JSON as the coder wrote it; analysts'
//! reviews ([`crate::reviews`]) are applied when the record is read, so a
//! correction never destroys what the machine said.

use crate::{Store, StoreError};
use rusqlite::{params, params_from_iter, types::Value};
use truce_core::DocId;

/// One event as indexed.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// Event id.
    pub id: String,
    /// `YYYY-MM-DD`: the event's day, or the first day of a coarser date.
    pub day: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// PLOVER category.
    pub plover: Option<String>,
    /// Modality.
    pub modality: String,
    /// Source codes.
    pub sources: Vec<String>,
    /// Target codes.
    pub targets: Vec<String>,
    /// The place's name.
    pub place: Option<String>,
    /// The place's country code.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// The event's JSON.
    pub body: String,
}

/// Which events to return. Empty lists and `None` filter nothing; all the
/// filters given must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventQuery {
    /// On or after this day.
    pub from: Option<String>,
    /// On or before this day.
    pub to: Option<String>,
    /// Some source or target code starts with one of these (`AZE`,
    /// `ARMMIL`).
    pub actors: Vec<String>,
    /// The CAMEO code starts with one of these (`19`, `0871`).
    pub cameo: Vec<String>,
    /// The PLOVER category is one of these.
    pub plover: Vec<String>,
    /// The modality is one of these.
    pub modality: Vec<String>,
    /// The place's name or the report's words for it contain this
    /// (case-insensitive).
    pub place: Option<String>,
    /// The place's country code is this.
    pub country: Option<String>,
    /// West, south, east, north: the event's point lies within.
    pub bbox: Option<[f64; 4]>,
    /// Only the events of this document.
    pub doc: Option<String>,
    /// Only these events.
    pub ids: Option<Vec<String>>,
    /// Only events whose review state is one of these (`unreviewed` —
    /// never reviewed or reopened —, `verified`, `corrected`, `rejected`);
    /// empty takes every state.
    pub review: Vec<String>,
    /// Rows skipped.
    pub offset: usize,
    /// Rows returned at most.
    pub limit: usize,
}

impl EventQuery {
    /// The WHERE clause and its values.
    fn clause(&self) -> (String, Vec<Value>) {
        self.clause_for(false)
    }

    /// The WHERE clause and its values, with PostgreSQL's placeholders
    /// (`$1`) and case folding when `postgres`, SQLite's (`?1`) otherwise.
    pub(crate) fn clause_for(&self, postgres: bool) -> (String, Vec<Value>) {
        let mark = if postgres { '$' } else { '?' };
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        let mut push = |sql: &str, v: Value| {
            values.push(v);
            conditions.push(sql.replace('?', &format!("{mark}{}", values.len())));
        };
        if let Some(f) = &self.from {
            push("day >= ?", Value::Text(f.clone()));
        }
        if let Some(t) = &self.to {
            push("day <= ?", Value::Text(t.clone()));
        }
        if let Some(p) = &self.place {
            push(if postgres { "lower(place) = lower(?)" } else { "place = ? COLLATE NOCASE" }, Value::Text(p.clone()));
        }
        if let Some(c) = &self.country {
            push("country = ?", Value::Text(c.clone()));
        }
        if let Some(d) = &self.doc {
            push("doc = ?", Value::Text(d.clone()));
        }
        if let Some([w, s, e, n]) = self.bbox {
            push("lat >= ?", Value::Real(s));
            push("lat <= ?", Value::Real(n));
            if w <= e {
                push("lon >= ?", Value::Real(w));
                push("lon <= ?", Value::Real(e));
            } else {
                // A box across the antimeridian.
                values.push(Value::Real(w));
                values.push(Value::Real(e));
                conditions.push(format!("(lon >= {mark}{} OR lon <= {mark}{})", values.len() - 1, values.len()));
            }
        }
        if !self.review.is_empty() {
            let list: Vec<String> = self
                .review
                .iter()
                .map(|s| {
                    values.push(Value::Text(s.clone()));
                    format!("{mark}{}", values.len())
                })
                .collect();
            conditions.push(format!("review IN ({})", list.join(", ")));
        }
        if !self.actors.is_empty() {
            // Codes are capitals, digits and `_`, all below `~`: a prefix
            // is the range from itself to itself followed by `~`.
            let mut ranges = Vec::new();
            for a in &self.actors {
                values.push(Value::Text(a.clone()));
                values.push(Value::Text(format!("{a}~")));
                ranges.push(format!("(code >= {mark}{} AND code < {mark}{})", values.len() - 1, values.len()));
            }
            conditions.push(format!("id IN (SELECT event FROM event_actors WHERE {})", ranges.join(" OR ")));
        }
        let mut any_of = |column: &str, items: &[String], pattern: &dyn Fn(&str) -> String, op: &str| {
            if items.is_empty() {
                return;
            }
            let mut parts = Vec::new();
            for item in items {
                values.push(Value::Text(pattern(item)));
                let escape = if op == "LIKE" { " ESCAPE '\\'" } else { "" };
                parts.push(format!("{column} {op} {mark}{}{escape}", values.len()));
            }
            conditions.push(format!("({})", parts.join(" OR ")));
        };
        any_of("cameo", &self.cameo, &|c| format!("{}%", like_escape(c)), "LIKE");
        any_of("plover", &self.plover, &|p| p.to_owned(), "=");
        any_of("modality", &self.modality, &|m| m.to_owned(), "=");
        if let Some(ids) = &self.ids {
            if ids.is_empty() {
                conditions.push("1 = 0".into());
            } else {
                any_of("id", ids, &|i| i.to_owned(), "=");
            }
        }
        let sql = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        (sql, values)
    }
}

/// An event's review state: its latest review's action, `reopened` and
/// no review at all being `unreviewed`.
pub(crate) const REVIEW_STATE: &str =
    "coalesce((SELECT CASE r.action WHEN 'reopened' THEN 'unreviewed' ELSE r.action END
     FROM reviews r WHERE r.event = events.id ORDER BY r.seq DESC LIMIT 1), 'unreviewed')";

/// Events at one place, for maps.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceCount {
    /// The place's name.
    pub place: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Country code.
    pub country: Option<String>,
    /// How many events.
    pub events: i64,
    /// The first and last day of them.
    pub first_day: Option<String>,
    /// Last day.
    pub last_day: Option<String>,
}

/// `%` and `_` in a user's words match themselves.
fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

impl Store {
    /// Indexes a document's events, replacing any indexed before.
    pub fn put_events(&self, doc: &DocId, rows: &[EventRow]) -> Result<(), StoreError> {
        if let Some(pg) = self.pg() {
            return pg.put_events(doc, rows);
        }
        self.sqlite()
            .prepare_cached("DELETE FROM event_actors WHERE event IN (SELECT id FROM events WHERE doc = ?1)")?
            .execute([doc.as_str()])?;
        self.sqlite()
            .prepare_cached("DELETE FROM event_bodies WHERE id IN (SELECT id FROM events WHERE doc = ?1)")?
            .execute([doc.as_str()])?;
        self.sqlite().prepare_cached("DELETE FROM events WHERE doc = ?1")?.execute([doc.as_str()])?;
        let mut body =
            self.sqlite().prepare_cached("INSERT OR REPLACE INTO event_bodies (id, body) VALUES (?1, ?2)")?;
        let mut actor = self.sqlite().prepare_cached("INSERT INTO event_actors (code, event) VALUES (?1, ?2)")?;
        let mut insert = self.sqlite().prepare_cached(
            "INSERT OR REPLACE INTO events (id, doc, day, cameo, plover, modality, actors, place, country, lat, lon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for r in rows {
            let actors = format!(" {} > {} ", r.sources.join(" "), r.targets.join(" "));
            insert.execute(params![
                r.id,
                doc.as_str(),
                r.day,
                r.cameo,
                r.plover,
                r.modality,
                actors,
                r.place,
                r.country,
                r.lat,
                r.lon
            ])?;
            body.execute(params![r.id, r.body])?;
            let mut codes: Vec<&String> = r.sources.iter().chain(&r.targets).collect();
            codes.sort();
            codes.dedup();
            for code in codes {
                actor.execute(params![code, r.id])?;
            }
        }
        // Events indexed again (an older record back-filled) keep their
        // reviews.
        self.sqlite()
            .prepare_cached(&format!(
                "UPDATE events SET review = {REVIEW_STATE} WHERE doc = ?1 AND id IN (SELECT event FROM reviews)"
            ))?
            .execute([doc.as_str()])?;
        Ok(())
    }

    /// The JSON of the events the query selects, by day then id.
    pub fn events(&self, query: &EventQuery) -> Result<Vec<String>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.events(query);
        }
        let (clause, mut values) = query.clause();
        values.push(Value::Integer(query.limit as i64));
        values.push(Value::Integer(query.offset as i64));
        let n = values.len();
        let sql =
            // The page is chosen on the small rows, then its bodies read.
            format!(
                "SELECT b.body FROM (SELECT id, day FROM events {clause} ORDER BY day IS NULL, day, id LIMIT ?{} OFFSET ?{}) p
                 JOIN event_bodies b ON b.id = p.id ORDER BY p.day IS NULL, p.day, p.id",
                n - 1,
                n
            );
        let mut stmt = self.sqlite().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(values), |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many events the query selects (its offset and limit aside).
    pub fn count_events(&self, query: &EventQuery) -> Result<i64, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.count_events(query);
        }
        let (clause, values) = query.clause();
        let sql = format!("SELECT count(*) FROM events {clause}");
        Ok(self.sqlite().prepare_cached(&sql)?.query_row(params_from_iter(values), |r| r.get(0))?)
    }

    /// Like [`Store::count_events`], but stops counting past `cap`: the
    /// answer is exact up to `cap`, and `cap + 1` means more. Counting a
    /// million rows for every page costs more than the page itself.
    pub fn count_events_up_to(&self, query: &EventQuery, cap: usize) -> Result<i64, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.count_events_up_to(query, cap);
        }
        let (clause, mut values) = query.clause();
        values.push(Value::Integer(cap as i64 + 1));
        let sql = format!("SELECT count(*) FROM (SELECT 1 FROM events {clause} LIMIT ?{})", values.len());
        Ok(self.sqlite().prepare_cached(&sql)?.query_row(params_from_iter(values), |r| r.get(0))?)
    }

    /// One event's JSON and its document's id.
    pub fn event(&self, id: &str) -> Result<Option<(String, String)>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.event(id);
        }
        use rusqlite::OptionalExtension;
        Ok(self
            .sqlite()
            .prepare_cached("SELECT b.body, e.doc FROM events e JOIN event_bodies b ON b.id = e.id WHERE e.id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The places of the events the query selects (those with
    /// coordinates), most events first; at most `query.limit`.
    pub fn event_places(&self, query: &EventQuery) -> Result<Vec<PlaceCount>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.event_places(query);
        }
        let (clause, mut values) = query.clause();
        let located = if clause.is_empty() {
            "WHERE lat IS NOT NULL".to_owned()
        } else {
            format!("{clause} AND lat IS NOT NULL")
        };
        values.push(Value::Integer(query.limit as i64));
        let sql = format!(
            "SELECT coalesce(place, ''), lat, lon, country, count(*), min(day), max(day) FROM events {located}
             GROUP BY lat, lon ORDER BY count(*) DESC LIMIT ?{}",
            values.len()
        );
        let mut stmt = self.sqlite().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(values), |r| {
            Ok(PlaceCount {
                place: r.get(0)?,
                lat: r.get(1)?,
                lon: r.get(2)?,
                country: r.get(3)?,
                events: r.get(4)?,
                first_day: r.get(5)?,
                last_day: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Events a day and PLOVER category (`(day, plover, modality, count)`),
    /// for timelines.
    pub fn event_counts(&self, query: &EventQuery) -> Result<Vec<(String, String, String, i64)>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.event_counts(query);
        }
        let (clause, values) = query.clause();
        let sql = format!(
            "SELECT day, coalesce(plover, ''), modality, count(*) FROM events {} GROUP BY day, plover, modality ORDER BY day",
            if clause.is_empty() {
                "WHERE day IS NOT NULL".to_owned()
            } else {
                format!("{clause} AND day IS NOT NULL")
            }
        );
        let mut stmt = self.sqlite().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(values), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
