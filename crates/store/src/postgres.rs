//! The record in PostgreSQL, for teams and for `truce worker` processes on
//! several machines: the same tables and the same behaviour as the SQLite
//! record, in PostgreSQL's dialect (`postgres/0001_schema.sql`).
//!
//! [`crate::Store`] sends every call here when it was opened on a
//! `postgres://` URL. Differences that matter are handled here: full-text
//! search on a `tsvector` column (`plainto_tsquery`, so a user's words are
//! only words), the queue claimed with `FOR UPDATE SKIP LOCKED` (workers on
//! several machines never wait on each other's rows), and the original text
//! kept as bytes (PostgreSQL's TEXT refuses NUL).

use crate::events::{EventQuery, EventRow, PlaceCount};
use crate::queue::{QueueCounts, Queued};
use crate::reviews::ReviewRow;
use crate::search::{SearchHit, fts_query_words};
use crate::{AgreementRow, DocSummary, ObservationRow, StoreError, Stored, VerdictRow};
use postgres::types::ToSql;
use postgres::{Client, NoTls, Row};
use rusqlite::types::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use truce_core::{DocId, Document};

/// The schema, one step a file; `truce_schema` holds the steps done.
const MIGRATIONS: &[&str] = &[include_str!("../postgres/0001_schema.sql")];

/// An open PostgreSQL record.
pub struct Pg {
    client: RefCell<Client>,
    /// Statements of the ingest path, prepared once per connection: each
    /// preparation is a round trip to the server.
    prepared: RefCell<HashMap<&'static str, postgres::Statement>>,
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> StoreError {
        // The server's own message says what went wrong; the client's
        // Display is only `db error`.
        match e.as_db_error() {
            Some(db) => StoreError::Postgres(match db.detail() {
                Some(detail) => format!("{}: {} ({detail})", db.severity(), db.message()),
                None => format!("{}: {}", db.severity(), db.message()),
            }),
            None => {
                let mut message = e.to_string();
                let mut cause = std::error::Error::source(&e);
                while let Some(c) = cause {
                    message = format!("{message}: {c}");
                    cause = c.source();
                }
                StoreError::Postgres(message)
            }
        }
    }
}

/// A query's values as PostgreSQL parameters.
fn pg_values(values: &[Value]) -> Vec<Box<dyn ToSql + Sync>> {
    values
        .iter()
        .map(|v| -> Box<dyn ToSql + Sync> {
            match v {
                Value::Null => Box::new(Option::<String>::None),
                Value::Integer(i) => Box::new(*i),
                Value::Real(f) => Box::new(*f),
                Value::Text(s) => Box::new(s.clone()),
                Value::Blob(b) => Box::new(b.clone()),
            }
        })
        .collect()
}

fn refs(values: &[Box<dyn ToSql + Sync>]) -> Vec<&(dyn ToSql + Sync)> {
    values.iter().map(|b| b.as_ref()).collect()
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

fn review(r: &Row) -> ReviewRow {
    ReviewRow {
        seq: r.get(0),
        event: r.get(1),
        action: r.get(2),
        changes: r.get(3),
        note: r.get(4),
        reviewer: r.get(5),
        at: r.get(6),
    }
}

const REVIEW_COLUMNS: &str = "seq, event, action, changes, note, reviewer, at";

impl Pg {
    /// Connects and brings the schema up to date.
    pub fn open(url: &str) -> Result<Pg, StoreError> {
        let mut client = Client::connect(url, NoTls)?;
        client.batch_execute("SET client_min_messages = warning")?;
        client.batch_execute("CREATE TABLE IF NOT EXISTS truce_schema (version BIGINT NOT NULL)")?;
        // One migrating process at a time: the others wait on the lock.
        let mut tx = client.transaction()?;
        tx.batch_execute("LOCK TABLE truce_schema IN EXCLUSIVE MODE")?;
        let version: i64 = tx.query_one("SELECT coalesce(max(version), 0) FROM truce_schema", &[])?.get(0);
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew { found: version, known });
        }
        for (step, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.batch_execute(sql)?;
            tx.execute("INSERT INTO truce_schema (version) VALUES ($1)", &[&(step as i64 + 1)])?;
        }
        tx.commit()?;
        Ok(Pg { client: RefCell::new(client), prepared: RefCell::new(HashMap::new()) })
    }

    /// Drops and creates database `name` (checked by the caller) on the
    /// server of `url`.
    pub fn create_database(url: &str, name: &str) -> Result<(), StoreError> {
        let mut admin = Client::connect(url, NoTls)?;
        admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))?;
        admin.batch_execute(&format!("CREATE DATABASE {name}"))?;
        Ok(())
    }

    fn c(&self) -> std::cell::RefMut<'_, Client> {
        self.client.borrow_mut()
    }

    /// `sql` prepared on this connection (once).
    fn statement(&self, c: &mut Client, sql: &'static str) -> Result<postgres::Statement, StoreError> {
        if let Some(s) = self.prepared.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = c.prepare(sql)?;
        self.prepared.borrow_mut().insert(sql, s.clone());
        Ok(s)
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.c().query_one("SELECT coalesce(max(version), 0) FROM truce_schema", &[])?.get(0))
    }

    pub fn begin(&self) -> Result<(), StoreError> {
        Ok(self.c().batch_execute("BEGIN")?)
    }

    pub fn commit(&self) -> Result<(), StoreError> {
        Ok(self.c().batch_execute("COMMIT")?)
    }

    pub fn put(&self, doc: &Document, annotation: &str) -> Result<Stored, StoreError> {
        let s = &doc.source;
        let format = serde_json::to_value(s.format).ok().and_then(|v| v.as_str().map(str::to_owned));
        let mut c = self.c();
        let insert = self.statement(
            &mut c,
            "INSERT INTO documents (id, input, format, encoding, external_id, url, outlet, published, date,
                 language, title, style, original, text, annotation, n_sentences, n_repairs)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
             ON CONFLICT (id) DO NOTHING",
        )?;
        let n = c.execute(
            &insert,
            &[
                &doc.id.as_str(),
                &s.input,
                &format,
                &s.encoding,
                &s.external_id,
                &s.url,
                &s.outlet,
                &s.published,
                &s.date,
                &s.language,
                &s.title,
                &s.style,
                &doc.original.as_bytes(),
                &doc.text,
                &annotation,
                &(doc.sentences.len() as i64),
                &(doc.repairs.len() as i64),
            ],
        )?;
        Ok(if n == 1 { Stored::New } else { Stored::AlreadyPresent })
    }

    pub fn get_parts(&self, id: &DocId) -> Result<Option<(String, String, String)>, StoreError> {
        let row =
            self.c().query_opt("SELECT original, text, annotation FROM documents WHERE id = $1", &[&id.as_str()])?;
        Ok(row.map(|r| {
            let original: Vec<u8> = r.get(0);
            (String::from_utf8_lossy(&original).into_owned(), r.get(1), r.get(2))
        }))
    }

    pub fn put_observations(&self, doc: &DocId, rows: &[ObservationRow]) -> Result<(), StoreError> {
        let mut c = self.c();
        let d = doc.as_str();
        let delete = self.statement(&mut c, "DELETE FROM observations WHERE doc = $1")?;
        c.execute(&delete, &[&d])?;
        // All rows in one statement (one round trip), from arrays.
        let insert = self.statement(
            &mut c,
            "INSERT INTO observations (event, doc, reported, date, cameo, body)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
             ON CONFLICT (event) DO UPDATE SET doc = excluded.doc, reported = excluded.reported, date = excluded.date,
                 cameo = excluded.cameo, body = excluded.body",
        )?;
        let events: Vec<&str> = rows.iter().map(|r| r.event.as_str()).collect();
        let docs: Vec<&str> = vec![d; rows.len()];
        let reported: Vec<Option<&str>> = rows.iter().map(|r| r.reported.as_deref()).collect();
        let dates: Vec<Option<&str>> = rows.iter().map(|r| r.date.as_deref()).collect();
        let cameo: Vec<&str> = rows.iter().map(|r| r.cameo.as_str()).collect();
        let bodies: Vec<&str> = rows.iter().map(|r| r.body.as_str()).collect();
        c.execute(&insert, &[&events, &docs, &reported, &dates, &cameo, &bodies])?;
        let observed = self.statement(&mut c, "UPDATE documents SET observed = 1 WHERE id = $1")?;
        c.execute(&observed, &[&d])?;
        Ok(())
    }

    pub fn unobserved_documents(&self) -> Result<Vec<DocId>, StoreError> {
        let rows = self.c().query("SELECT id FROM documents WHERE observed = 0 ORDER BY id", &[])?;
        Ok(rows.iter().map(|r| DocId::from_string(r.get(0))).collect())
    }

    pub fn observations(&self) -> Result<Vec<String>, StoreError> {
        let rows = self.c().query("SELECT body FROM observations ORDER BY reported NULLS FIRST, event", &[])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub fn observations_between(&self, from: &str, to: &str) -> Result<Vec<String>, StoreError> {
        let rows = self.c().query(
            "SELECT body FROM observations WHERE date >= $1 AND date <= $2 ORDER BY reported NULLS FIRST, event",
            &[&from, &to],
        )?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub fn put_agreement(&self, id: &str, title: &str, file: &str, source: &str) -> Result<Stored, StoreError> {
        let mut c = self.c();
        let existed: i64 = c.query_one("SELECT count(*) FROM agreements WHERE id = $1", &[&id])?.get(0);
        c.execute(
            "INSERT INTO agreements (id, title, file, source) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, file = excluded.file, source = excluded.source,
                 updated_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
            &[&id, &title, &file, &source],
        )?;
        Ok(if existed > 0 { Stored::AlreadyPresent } else { Stored::New })
    }

    pub fn agreements(&self) -> Result<Vec<AgreementRow>, StoreError> {
        let rows =
            self.c().query("SELECT id, title, file, source, added_at, updated_at FROM agreements ORDER BY id", &[])?;
        Ok(rows
            .iter()
            .map(|r| AgreementRow {
                id: r.get(0),
                title: r.get(1),
                file: r.get(2),
                source: r.get(3),
                added_at: r.get(4),
                updated_at: r.get(5),
            })
            .collect())
    }

    pub fn record_verdict(&self, v: &VerdictRow) -> Result<(), StoreError> {
        self.c().execute(
            "INSERT INTO verdicts (agreement, provision, party, status, as_of, since, confidence, rationale, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                &v.agreement,
                &v.provision,
                &v.party,
                &v.status,
                &v.as_of,
                &v.since,
                &v.confidence,
                &v.rationale,
                &v.detail,
            ],
        )?;
        Ok(())
    }

    pub fn verdict_history(&self, agreement: &str) -> Result<Vec<VerdictRow>, StoreError> {
        let rows = self.c().query(
            "SELECT agreement, provision, party, status, as_of, since, confidence, rationale, detail, decided_at
             FROM verdicts WHERE agreement = $1 ORDER BY seq",
            &[&agreement],
        )?;
        Ok(rows
            .iter()
            .map(|r| VerdictRow {
                agreement: r.get(0),
                provision: r.get(1),
                party: r.get(2),
                status: r.get(3),
                as_of: r.get(4),
                since: r.get(5),
                confidence: r.get(6),
                rationale: r.get(7),
                detail: r.get(8),
                decided_at: r.get(9),
            })
            .collect())
    }

    pub fn document_ids(&self) -> Result<Vec<DocId>, StoreError> {
        let rows = self.c().query("SELECT id FROM documents ORDER BY date IS NULL, date, id", &[])?;
        Ok(rows.iter().map(|r| DocId::from_string(r.get(0))).collect())
    }

    pub fn count_documents(&self) -> Result<i64, StoreError> {
        Ok(self.c().query_one("SELECT count(*) FROM documents", &[])?.get(0))
    }

    pub fn documents_page(
        &self,
        offset: usize,
        limit: usize,
        only: Option<&str>,
    ) -> Result<Vec<DocSummary>, StoreError> {
        let rows = self.c().query(
            "SELECT id, input, date, outlet, title, language, n_sentences, octet_length(text)::BIGINT, ingested_at
             FROM documents WHERE $3::TEXT IS NULL OR id = $3 ORDER BY date IS NULL, date, id LIMIT $1 OFFSET $2",
            &[&(limit as i64), &(offset as i64), &only],
        )?;
        Ok(rows
            .iter()
            .map(|r| DocSummary {
                id: r.get(0),
                input: r.get(1),
                date: r.get(2),
                outlet: r.get(3),
                title: r.get(4),
                language: r.get(5),
                sentences: r.get(6),
                bytes: r.get(7),
                ingested_at: r.get(8),
            })
            .collect())
    }

    // ------------------------------------------------------------ events

    pub fn put_events(&self, doc: &DocId, rows: &[EventRow]) -> Result<(), StoreError> {
        let mut c = self.c();
        let d = doc.as_str();
        // A new document has nothing to replace: skip the deletes, which
        // cost a scan each while the planner still thinks the tables small.
        let existing = self.statement(&mut c, "SELECT 1 FROM events WHERE doc = $1 LIMIT 1")?;
        if c.query_opt(&existing, &[&d])?.is_some() {
            c.execute("DELETE FROM event_actors WHERE event IN (SELECT id FROM events WHERE doc = $1)", &[&d])?;
            c.execute("DELETE FROM event_bodies WHERE id IN (SELECT id FROM events WHERE doc = $1)", &[&d])?;
            c.execute("DELETE FROM events WHERE doc = $1", &[&d])?;
        }
        if rows.is_empty() {
            return Ok(());
        }
        // Each table's rows in one statement (one round trip), from arrays.
        let insert = self.statement(
            &mut c,
            "INSERT INTO events (id, doc, day, cameo, plover, modality, actors, place, country, lat, lon)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                 $8::text[], $9::text[], $10::float8[], $11::float8[])
             ON CONFLICT (id) DO NOTHING",
        )?;
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let docs: Vec<&str> = vec![d; rows.len()];
        let days: Vec<Option<&str>> = rows.iter().map(|r| r.day.as_deref()).collect();
        let cameo: Vec<&str> = rows.iter().map(|r| r.cameo.as_str()).collect();
        let plover: Vec<Option<&str>> = rows.iter().map(|r| r.plover.as_deref()).collect();
        let modality: Vec<&str> = rows.iter().map(|r| r.modality.as_str()).collect();
        let actors: Vec<String> =
            rows.iter().map(|r| format!(" {} > {} ", r.sources.join(" "), r.targets.join(" "))).collect();
        let place: Vec<Option<&str>> = rows.iter().map(|r| r.place.as_deref()).collect();
        let country: Vec<Option<&str>> = rows.iter().map(|r| r.country.as_deref()).collect();
        let lat: Vec<Option<f64>> = rows.iter().map(|r| r.lat).collect();
        let lon: Vec<Option<f64>> = rows.iter().map(|r| r.lon).collect();
        c.execute(&insert, &[&ids, &docs, &days, &cameo, &plover, &modality, &actors, &place, &country, &lat, &lon])?;
        let bodies = self.statement(
            &mut c,
            "INSERT INTO event_bodies (id, body) SELECT * FROM unnest($1::text[], $2::text[])
             ON CONFLICT (id) DO UPDATE SET body = excluded.body",
        )?;
        let texts: Vec<&str> = rows.iter().map(|r| r.body.as_str()).collect();
        c.execute(&bodies, &[&ids, &texts])?;
        let mut codes: Vec<&str> = Vec::new();
        let mut of: Vec<&str> = Vec::new();
        for r in rows {
            let mut mine: Vec<&String> = r.sources.iter().chain(&r.targets).collect();
            mine.sort();
            mine.dedup();
            for code in mine {
                codes.push(code);
                of.push(&r.id);
            }
        }
        let actor = self
            .statement(&mut c, "INSERT INTO event_actors (code, event) SELECT * FROM unnest($1::text[], $2::text[])")?;
        c.execute(&actor, &[&codes, &of])?;
        let reviewed = self.statement(
            &mut c,
            "UPDATE events SET review = coalesce((SELECT CASE r.action WHEN 'reopened' THEN 'unreviewed' ELSE r.action END
                 FROM reviews r WHERE r.event = events.id ORDER BY r.seq DESC LIMIT 1), 'unreviewed')
             WHERE doc = $1 AND id IN (SELECT event FROM reviews)",
        )?;
        c.execute(&reviewed, &[&d])?;
        Ok(())
    }

    pub fn events(&self, query: &EventQuery) -> Result<Vec<String>, StoreError> {
        let (clause, mut values) = query.clause_for(true);
        values.push(Value::Integer(query.limit as i64));
        values.push(Value::Integer(query.offset as i64));
        let n = values.len();
        let sql = format!(
            "SELECT b.body FROM (SELECT id, day FROM events {clause} ORDER BY day IS NULL, day, id LIMIT ${} OFFSET ${}) p
             JOIN event_bodies b ON b.id = p.id ORDER BY p.day IS NULL, p.day, p.id",
            n - 1,
            n
        );
        let params = pg_values(&values);
        let rows = self.c().query(&sql, &refs(&params))?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub fn count_events(&self, query: &EventQuery) -> Result<i64, StoreError> {
        let (clause, values) = query.clause_for(true);
        let params = pg_values(&values);
        Ok(self.c().query_one(&format!("SELECT count(*) FROM events {clause}"), &refs(&params))?.get(0))
    }

    pub fn count_events_up_to(&self, query: &EventQuery, cap: usize) -> Result<i64, StoreError> {
        let (clause, mut values) = query.clause_for(true);
        values.push(Value::Integer(cap as i64 + 1));
        let sql = format!("SELECT count(*) FROM (SELECT 1 FROM events {clause} LIMIT ${}) t", values.len());
        let params = pg_values(&values);
        Ok(self.c().query_one(&sql, &refs(&params))?.get(0))
    }

    pub fn event(&self, id: &str) -> Result<Option<(String, String)>, StoreError> {
        let row = self.c().query_opt(
            "SELECT b.body, e.doc FROM events e JOIN event_bodies b ON b.id = e.id WHERE e.id = $1",
            &[&id],
        )?;
        Ok(row.map(|r| (r.get(0), r.get(1))))
    }

    pub fn event_places(&self, query: &EventQuery) -> Result<Vec<PlaceCount>, StoreError> {
        let (clause, mut values) = query.clause_for(true);
        let located = if clause.is_empty() {
            "WHERE lat IS NOT NULL".to_owned()
        } else {
            format!("{clause} AND lat IS NOT NULL")
        };
        values.push(Value::Integer(query.limit as i64));
        let sql = format!(
            "SELECT coalesce(min(place), ''), lat, lon, min(country), count(*), min(day), max(day) FROM events {located}
             GROUP BY lat, lon ORDER BY count(*) DESC LIMIT ${}",
            values.len()
        );
        let params = pg_values(&values);
        let rows = self.c().query(&sql, &refs(&params))?;
        Ok(rows
            .iter()
            .map(|r| PlaceCount {
                place: r.get(0),
                lat: r.get(1),
                lon: r.get(2),
                country: r.get(3),
                events: r.get(4),
                first_day: r.get(5),
                last_day: r.get(6),
            })
            .collect())
    }

    pub fn event_counts(&self, query: &EventQuery) -> Result<Vec<(String, String, String, i64)>, StoreError> {
        let (clause, values) = query.clause_for(true);
        let sql = format!(
            "SELECT day, coalesce(plover, ''), modality, count(*) FROM events {} GROUP BY day, plover, modality ORDER BY day",
            if clause.is_empty() {
                "WHERE day IS NOT NULL".to_owned()
            } else {
                format!("{clause} AND day IS NOT NULL")
            }
        );
        let params = pg_values(&values);
        let rows = self.c().query(&sql, &refs(&params))?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3))).collect())
    }

    // ------------------------------------------------------------ reviews

    pub fn add_review(
        &self,
        event: &str,
        action: &str,
        changes: Option<&str>,
        note: Option<&str>,
        reviewer: &str,
    ) -> Result<ReviewRow, StoreError> {
        let mut c = self.c();
        let mut tx = c.transaction()?;
        let row = tx.query_one(
            &format!(
                "INSERT INTO reviews (event, action, changes, note, reviewer) VALUES ($1, $2, $3, $4, $5)
                 RETURNING {REVIEW_COLUMNS}"
            ),
            &[&event, &action, &changes, &note, &reviewer],
        )?;
        tx.execute(
            "UPDATE events SET review = CASE $2 WHEN 'reopened' THEN 'unreviewed' ELSE $2 END WHERE id = $1",
            &[&event, &action],
        )?;
        tx.commit()?;
        Ok(review(&row))
    }

    pub fn reviews_of(&self, event: &str) -> Result<Vec<ReviewRow>, StoreError> {
        let rows = self
            .c()
            .query(&format!("SELECT {REVIEW_COLUMNS} FROM reviews WHERE event = $1 ORDER BY seq"), &[&event])?;
        Ok(rows.iter().map(review).collect())
    }

    pub fn current_reviews(&self) -> Result<HashMap<String, ReviewRow>, StoreError> {
        let rows = self.c().query(
            &format!("SELECT {REVIEW_COLUMNS} FROM reviews WHERE seq IN (SELECT max(seq) FROM reviews GROUP BY event)"),
            &[],
        )?;
        Ok(rows.iter().map(|r| (r.get(1), review(r))).collect())
    }

    pub fn latest_reviews(&self, events: &[String]) -> Result<HashMap<String, ReviewRow>, StoreError> {
        let rows = self.c().query(
            &format!(
                "SELECT {REVIEW_COLUMNS} FROM reviews WHERE seq IN
                 (SELECT max(seq) FROM reviews WHERE event = ANY($1) GROUP BY event)"
            ),
            &[&events],
        )?;
        Ok(rows.iter().map(|r| (r.get(1), review(r))).collect())
    }

    pub fn audit_log(&self, offset: usize, limit: usize) -> Result<Vec<ReviewRow>, StoreError> {
        let rows = self.c().query(
            &format!("SELECT {REVIEW_COLUMNS} FROM reviews ORDER BY seq DESC LIMIT $1 OFFSET $2"),
            &[&(limit as i64), &(offset as i64)],
        )?;
        Ok(rows.iter().map(review).collect())
    }

    // ------------------------------------------------------------ search

    pub fn search(&self, words: &str, offset: usize, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let Some(words) = fts_query_words(words) else { return Ok(Vec::new()) };
        let rows = self.c().query(
            "SELECT id, title, date, outlet,
                    ts_headline('simple', text, q, 'StartSel=\u{1}, StopSel=\u{2}, MaxWords=16, MinWords=6, MaxFragments=1')
             FROM documents, plainto_tsquery('simple', $1) q
             WHERE fts @@ q ORDER BY ts_rank(fts, q) DESC, id LIMIT $2 OFFSET $3",
            &[&words, &(limit as i64), &(offset as i64)],
        )?;
        Ok(rows
            .iter()
            .map(|r| SearchHit { id: r.get(0), title: r.get(1), date: r.get(2), outlet: r.get(3), snippet: r.get(4) })
            .collect())
    }

    // ------------------------------------------------------------ queue

    pub fn enqueue(&self, name: &str, original: &str, source: &str) -> Result<i64, StoreError> {
        Ok(self
            .c()
            .query_one(
                "INSERT INTO queue (name, original, source) VALUES ($1, $2, $3) RETURNING seq",
                &[&name, &original.as_bytes(), &source],
            )?
            .get(0))
    }

    pub fn claim_many(&self, worker: &str, lease_seconds: i64, n: usize) -> Result<Vec<Queued>, StoreError> {
        let now = now();
        let mut c = self.c();
        let mut tx = c.transaction()?;
        // SKIP LOCKED: rows another worker is claiming right now are passed
        // over, not waited for.
        let rows = tx.query(
            "SELECT seq, name, original, source, attempts FROM queue
             WHERE error IS NULL AND (claimed_at IS NULL OR claimed_at < $1) ORDER BY seq LIMIT $2
             FOR UPDATE SKIP LOCKED",
            &[&(now - lease_seconds), &(n as i64)],
        )?;
        let claimed: Vec<Queued> = rows
            .iter()
            .map(|r| {
                let original: Vec<u8> = r.get(2);
                Queued {
                    seq: r.get(0),
                    name: r.get(1),
                    original: String::from_utf8_lossy(&original).into_owned(),
                    source: r.get(3),
                    attempts: r.get::<_, i64>(4) + 1,
                }
            })
            .collect();
        let seqs: Vec<i64> = claimed.iter().map(|q| q.seq).collect();
        tx.execute(
            "UPDATE queue SET claimed_by = $1, claimed_at = $2, attempts = attempts + 1 WHERE seq = ANY($3)",
            &[&worker, &now, &seqs],
        )?;
        tx.commit()?;
        Ok(claimed)
    }

    pub fn finish(&self, seq: i64, worker: &str) -> Result<bool, StoreError> {
        let mut c = self.c();
        let delete = self.statement(&mut c, "DELETE FROM queue WHERE seq = $1 AND claimed_by = $2")?;
        Ok(c.execute(&delete, &[&seq, &worker])? == 1)
    }

    pub fn fail(&self, seq: i64, error: &str) -> Result<(), StoreError> {
        self.c().execute("UPDATE queue SET error = $2, claimed_by = NULL WHERE seq = $1", &[&seq, &error])?;
        Ok(())
    }

    pub fn queue_counts(&self, lease_seconds: i64) -> Result<QueueCounts, StoreError> {
        let r = self.c().query_one(
            "SELECT count(*) FILTER (WHERE error IS NULL AND (claimed_at IS NULL OR claimed_at < $1)),
                    count(*) FILTER (WHERE error IS NULL AND claimed_at >= $1),
                    count(*) FILTER (WHERE error IS NOT NULL) FROM queue",
            &[&(now() - lease_seconds)],
        )?;
        Ok(QueueCounts { waiting: r.get(0), claimed: r.get(1), failed: r.get(2) })
    }

    pub fn failed_in_queue(&self) -> Result<Vec<(i64, String, String)>, StoreError> {
        let rows = self.c().query("SELECT seq, name, error FROM queue WHERE error IS NOT NULL ORDER BY seq", &[])?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect())
    }
}
