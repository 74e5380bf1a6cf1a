//! The truce record: an embedded SQLite file, or a PostgreSQL database for
//! teams and for workers on several machines.
//!
//! [`Store::open`] creates the file if needed and brings its schema up to
//! date by running the SQL files under `crates/store/migrations/` in order;
//! the schema version lives in SQLite's `user_version`. A file written by a
//! newer truce is refused rather than damaged. [`Store::open_location`]
//! also takes a `postgres://` URL: the same tables and behaviour in
//! PostgreSQL's dialect (`crates/store/postgres/`, the `postgres` module);
//! every method sends a PostgreSQL record there first.
//!
//! Beside documents the record keeps coded events indexed for queries
//! (`events`), analysts' reviews as an audit log (`reviews`), full-text
//! search (`search`) and the ingest queue workers share (`queue`).
//!
//! Documents are keyed by their content hash ([`DocId`]), so storing the
//! same text twice stores it once.
//!
//! ```
//! use truce_store::Store;
//! let store = Store::open_in_memory().unwrap();
//! assert_eq!(store.count_documents().unwrap(), 0);
//! ```

mod events;
mod postgres;
mod queue;
mod reviews;
mod search;

pub use events::{EventQuery, EventRow, PlaceCount};
pub use queue::{QueueCounts, Queued};
pub use reviews::{REVIEW_ACTIONS, ReviewRow};
pub use search::{SearchHit, fts_query};

use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;
use truce_core::{DocId, Document};

/// The schema, one migration a step; `user_version` counts the steps done.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_documents", include_str!("../migrations/0001_documents.sql")),
    ("0002_compliance", include_str!("../migrations/0002_compliance.sql")),
    ("0003_service", include_str!("../migrations/0003_service.sql")),
    ("0004_event_index", include_str!("../migrations/0004_event_index.sql")),
    ("0005_queue", include_str!("../migrations/0005_queue.sql")),
];

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored annotation could not be read back.
    #[error("stored document {id} is unreadable: {reason}")]
    Corrupt {
        /// The document.
        id: String,
        /// Why.
        reason: String,
    },
    /// PostgreSQL refused an operation or could not be reached.
    #[error("PostgreSQL error: {0}")]
    Postgres(String),
    /// The file was written by a newer truce.
    #[error("the database has schema version {found}, newer than this truce knows ({known}); upgrade truce")]
    TooNew {
        /// The file's version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
}

/// Whether a document was new to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// It was added.
    New,
    /// A document with the same content hash was already there.
    AlreadyPresent,
}

/// One line of the document list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSummary {
    /// Content hash.
    pub id: String,
    /// The input it came from.
    pub input: String,
    /// Document date, if known.
    pub date: Option<String>,
    /// Publisher.
    pub outlet: Option<String>,
    /// Title, if any.
    pub title: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Number of sentences.
    pub sentences: i64,
    /// Length of the repaired text in bytes.
    pub bytes: i64,
    /// When it was stored.
    pub ingested_at: String,
}

/// One coded event as the compliance engine reads it (the body is the
/// engine's JSON; the store only indexes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservationRow {
    /// Event id.
    pub event: String,
    /// Publication day of the report.
    pub reported: Option<String>,
    /// Day of the event.
    pub date: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// The observation as JSON.
    pub body: String,
}

/// A stored agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The file it was added from.
    pub file: String,
    /// The TOML as written.
    pub source: String,
    /// When it was first added.
    pub added_at: String,
    /// When it was last replaced.
    pub updated_at: String,
}

/// One stored verdict (a row of the history).
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictRow {
    /// Agreement id.
    pub agreement: String,
    /// Provision id.
    pub provision: String,
    /// Obligor code.
    pub party: String,
    /// Status name.
    pub status: String,
    /// The day the board was computed for.
    pub as_of: String,
    /// The day the status took hold.
    pub since: Option<String>,
    /// 0 to 1.
    pub confidence: f64,
    /// One line.
    pub rationale: String,
    /// The verdict as JSON, with its evidence.
    pub detail: String,
    /// When it was recorded.
    pub decided_at: String,
}

/// An open record.
pub struct Store {
    backend: Backend,
}

/// Where the record lives.
enum Backend {
    Sqlite(Connection),
    Postgres(Box<postgres::Pg>),
}

/// Whether `location` names a PostgreSQL database rather than a file.
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// Makes a fresh, empty database `name` on the PostgreSQL server of
/// `server_url` (dropping one of that name first) and returns its URL: for
/// tests and benchmarks that each need a record of their own.
pub fn create_postgres_database(server_url: &str, name: &str) -> Result<String, StoreError> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return Err(StoreError::Postgres(format!("{name:?} is not a database name (a-z, 0-9, _)")));
    }
    postgres::Pg::create_database(server_url, name)?;
    let base = server_url.rsplit_once('/').map_or(server_url, |(b, _)| b);
    Ok(format!("{base}/{name}"))
}

/// A database URL without its password, for messages and logs.
pub fn redacted_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    match rest.split_once('@') {
        Some((user, host)) if user.contains(':') => {
            format!("{scheme}://{}:***@{host}", user.split(':').next().unwrap_or(""))
        }
        _ => url.to_owned(),
    }
}

impl Store {
    /// Opens the record at `location`: a `postgres://` URL, or the path of
    /// an SQLite file (created if needed). Either is migrated to the
    /// current schema.
    pub fn open_location(location: &str) -> Result<Store, StoreError> {
        if is_postgres_url(location) {
            return Ok(Store { backend: Backend::Postgres(Box::new(postgres::Pg::open(location)?)) });
        }
        Store::open(Path::new(location))
    }

    /// The SQLite connection. Every method sends PostgreSQL records to
    /// [`Store::pg`] before it reaches SQLite code.
    fn sqlite(&self) -> &Connection {
        match &self.backend {
            Backend::Sqlite(c) => c,
            Backend::Postgres(_) => unreachable!("calls on a PostgreSQL record return before any SQLite code"),
        }
    }

    /// The PostgreSQL record, when this is one.
    fn pg(&self) -> Option<&postgres::Pg> {
        match &self.backend {
            Backend::Postgres(pg) => Some(pg),
            Backend::Sqlite(_) => None,
        }
    }

    /// True for a PostgreSQL record.
    pub fn is_postgres(&self) -> bool {
        self.pg().is_some()
    }

    /// Opens (creating if needed) the record at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Queries over millions of events read the same pages again and
        // again: a 32 MiB page cache and reads through a memory map.
        conn.pragma_update(None, "cache_size", -32768)?;
        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        // Statement journals (each INSERT OR REPLACE, each statement that
        // fires the full-text trigger) in memory rather than temp files:
        // a third of ingest time went to writing them.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        Store::migrated(conn)
    }

    /// An empty record in memory, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::migrated(Connection::open_in_memory()?)
    }

    fn migrated(mut conn: Connection) -> Result<Store, StoreError> {
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew { found: version, known });
        }
        for (step, (_, sql)) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", step as i64 + 1)?;
            tx.commit()?;
        }
        Ok(Store { backend: Backend::Sqlite(conn) })
    }

    /// The schema version in force.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.schema_version();
        }
        Ok(self.sqlite().pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Starts a batch: the documents put until [`Store::commit`] are written
    /// in one transaction, which is many times faster than one each.
    pub fn begin(&self) -> Result<(), StoreError> {
        if let Some(pg) = self.pg() {
            return pg.begin();
        }
        // IMMEDIATE: the write lock is taken (waiting for it if another
        // process holds it) before anything is read. A deferred batch that
        // read first could not upgrade once another writer had committed.
        self.sqlite().execute_batch("BEGIN IMMEDIATE")?;
        Ok(())
    }

    /// Ends a batch started with [`Store::begin`].
    pub fn commit(&self) -> Result<(), StoreError> {
        if let Some(pg) = self.pg() {
            return pg.commit();
        }
        self.sqlite().execute_batch("COMMIT")?;
        Ok(())
    }

    /// Stores a document unless one with the same id is there.
    pub fn put(&self, doc: &Document) -> Result<Stored, StoreError> {
        let light = stored_annotation(doc)?;
        if let Some(pg) = self.pg() {
            return pg.put(doc, &light);
        }
        let s = &doc.source;
        let changed = self.sqlite().prepare_cached(
            "INSERT OR IGNORE INTO documents (id, input, format, encoding, external_id, url, outlet, published, date,
                 language, title, style, original, text, annotation, n_sentences, n_repairs)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?
        .execute(params![
            doc.id.as_str(),
            s.input,
            serde_json::to_value(s.format).ok().and_then(|v| v.as_str().map(str::to_owned)),
            s.encoding,
            s.external_id,
            s.url,
            s.outlet,
            s.published,
            s.date,
            s.language,
            s.title,
            s.style,
            doc.original,
            doc.text,
            light,
            doc.sentences.len() as i64,
            doc.repairs.len() as i64,
        ])?;
        Ok(if changed == 1 { Stored::New } else { Stored::AlreadyPresent })
    }

    /// Reads a document back (its sentences come without tokens; intake
    /// recomputes them from the text when needed).
    pub fn get(&self, id: &DocId) -> Result<Option<Document>, StoreError> {
        let row: Option<(String, String, String)> = match self.pg() {
            Some(pg) => pg.get_parts(id)?,
            None => self
                .sqlite()
                .query_row("SELECT original, text, annotation FROM documents WHERE id = ?1", [id.as_str()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?,
        };
        let Some((original, text, annotation)) = row else { return Ok(None) };
        let corrupt = |reason: String| StoreError::Corrupt { id: id.to_string(), reason };
        let mut value: serde_json::Value = serde_json::from_str(&annotation).map_err(|e| corrupt(e.to_string()))?;
        let obj = value.as_object_mut().ok_or_else(|| corrupt("annotation is not an object".into()))?;
        if let Some(sentences) = obj.get_mut("sentences").and_then(|s| s.as_array_mut()) {
            for s in sentences.iter_mut().filter_map(|s| s.as_object_mut()) {
                let span: Option<truce_core::Span> = s.get("span").and_then(|v| serde_json::from_value(v.clone()).ok());
                let sentence_text = span.map_or("", |span| span.slice(&text));
                s.insert("text".into(), sentence_text.into());
                s.insert("tokens".into(), serde_json::Value::Array(Vec::new()));
            }
        }
        obj.insert("original".into(), original.into());
        obj.insert("text".into(), text.into());
        serde_json::from_value(value).map(Some).map_err(|e| corrupt(e.to_string()))
    }

    /// Stores the observations of a document's events and marks the
    /// document observed (replacing any written before).
    pub fn put_observations(&self, doc: &DocId, rows: &[ObservationRow]) -> Result<(), StoreError> {
        if let Some(pg) = self.pg() {
            return pg.put_observations(doc, rows);
        }
        self.sqlite().prepare_cached("DELETE FROM observations WHERE doc = ?1")?.execute([doc.as_str()])?;
        let mut insert = self.sqlite().prepare_cached(
            "INSERT OR REPLACE INTO observations (event, doc, reported, date, cameo, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for r in rows {
            insert.execute(params![r.event, doc.as_str(), r.reported, r.date, r.cameo, r.body])?;
        }
        self.sqlite().prepare_cached("UPDATE documents SET observed = 1 WHERE id = ?1")?.execute([doc.as_str()])?;
        Ok(())
    }

    /// Documents whose observations were never written (stored by an
    /// older truce).
    pub fn unobserved_documents(&self) -> Result<Vec<DocId>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.unobserved_documents();
        }
        let mut stmt = self.sqlite().prepare("SELECT id FROM documents WHERE observed = 0 ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(ids.into_iter().map(DocId::from_string).collect())
    }

    /// Every observation's JSON body, oldest report first.
    pub fn observations(&self) -> Result<Vec<String>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.observations();
        }
        let mut stmt = self.sqlite().prepare("SELECT body FROM observations ORDER BY reported, event")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The observation bodies of events dated between two days (TIMEX3
    /// values compared as text, so `2022-04` falls before `2022-04-01`).
    pub fn observations_between(&self, from: &str, to: &str) -> Result<Vec<String>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.observations_between(from, to);
        }
        let mut stmt = self
            .sqlite()
            .prepare_cached("SELECT body FROM observations WHERE date >= ?1 AND date <= ?2 ORDER BY reported, event")?;
        let rows = stmt.query_map([from, to], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores an agreement, replacing one with the same id; says whether
    /// it was new.
    pub fn put_agreement(&self, id: &str, title: &str, file: &str, source: &str) -> Result<Stored, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.put_agreement(id, title, file, source);
        }
        let existed: bool =
            self.sqlite().query_row("SELECT count(*) FROM agreements WHERE id = ?1", [id], |r| r.get::<_, i64>(0))? > 0;
        self.sqlite().execute(
            "INSERT INTO agreements (id, title, file, source) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, file = excluded.file, source = excluded.source,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            params![id, title, file, source],
        )?;
        Ok(if existed { Stored::AlreadyPresent } else { Stored::New })
    }

    /// Every stored agreement, by id.
    pub fn agreements(&self) -> Result<Vec<AgreementRow>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.agreements();
        }
        let mut stmt = self
            .sqlite()
            .prepare("SELECT id, title, file, source, added_at, updated_at FROM agreements ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(AgreementRow {
                id: r.get(0)?,
                title: r.get(1)?,
                file: r.get(2)?,
                source: r.get(3)?,
                added_at: r.get(4)?,
                updated_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Appends a verdict to the history.
    pub fn record_verdict(&self, v: &VerdictRow) -> Result<(), StoreError> {
        if let Some(pg) = self.pg() {
            return pg.record_verdict(v);
        }
        self.sqlite()
            .prepare_cached(
                "INSERT INTO verdicts (agreement, provision, party, status, as_of, since, confidence, rationale, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                v.agreement,
                v.provision,
                v.party,
                v.status,
                v.as_of,
                v.since,
                v.confidence,
                v.rationale,
                v.detail
            ])?;
        Ok(())
    }

    /// The history of an agreement's verdicts, oldest first.
    pub fn verdict_history(&self, agreement: &str) -> Result<Vec<VerdictRow>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.verdict_history(agreement);
        }
        let mut stmt = self.sqlite().prepare(
            "SELECT agreement, provision, party, status, as_of, since, confidence, rationale, detail, decided_at
             FROM verdicts WHERE agreement = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([agreement], |r| {
            Ok(VerdictRow {
                agreement: r.get(0)?,
                provision: r.get(1)?,
                party: r.get(2)?,
                status: r.get(3)?,
                as_of: r.get(4)?,
                since: r.get(5)?,
                confidence: r.get(6)?,
                rationale: r.get(7)?,
                detail: r.get(8)?,
                decided_at: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The ids of every stored document, by date then id.
    pub fn document_ids(&self) -> Result<Vec<DocId>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.document_ids();
        }
        let mut stmt = self.sqlite().prepare("SELECT id FROM documents ORDER BY date IS NULL, date, id")?;
        let ids = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(ids.into_iter().map(DocId::from_string).collect())
    }

    /// How many documents are stored.
    pub fn count_documents(&self) -> Result<i64, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.count_documents();
        }
        Ok(self.sqlite().query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?)
    }

    /// The stored documents, by date then id; at most `limit` of them.
    pub fn list_documents(&self, limit: usize) -> Result<Vec<DocSummary>, StoreError> {
        self.documents_page(0, limit, None)
    }

    /// A page of the stored documents by date then id, or the one named.
    pub fn documents_page(
        &self,
        offset: usize,
        limit: usize,
        only: Option<&str>,
    ) -> Result<Vec<DocSummary>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.documents_page(offset, limit, only);
        }
        let mut stmt = self.sqlite().prepare_cached(
            "SELECT id, input, date, outlet, title, language, n_sentences, length(CAST(text AS BLOB)), ingested_at
             FROM documents WHERE ?3 IS NULL OR id = ?3 ORDER BY date IS NULL, date, id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit as i64, offset as i64, only], |r| {
            Ok(DocSummary {
                id: r.get(0)?,
                input: r.get(1)?,
                date: r.get(2)?,
                outlet: r.get(3)?,
                title: r.get(4)?,
                language: r.get(5)?,
                sentences: r.get(6)?,
                bytes: r.get(7)?,
                ingested_at: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A document's annotation as stored: without the texts (kept in their own
/// columns) and without tokens and sentence texts, which follow from the
/// text and the spans and would triple the size.
fn stored_annotation(doc: &Document) -> Result<String, StoreError> {
    let mut light =
        serde_json::to_value(doc).map_err(|e| StoreError::Corrupt { id: doc.id.to_string(), reason: e.to_string() })?;
    if let Some(obj) = light.as_object_mut() {
        obj.remove("original");
        obj.remove("text");
        if let Some(sentences) = obj.get_mut("sentences").and_then(|s| s.as_array_mut()) {
            for s in sentences.iter_mut().filter_map(|s| s.as_object_mut()) {
                s.remove("tokens");
                s.remove("text");
            }
        }
    }
    Ok(light.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use truce_core::{BlockKind, OffsetMap, Sentence, Source, Span, Structure};

    fn doc(text: &str) -> Document {
        Document {
            id: DocId::of_text(text),
            source: Source { input: "test.txt".into(), encoding: "UTF-8".into(), ..Default::default() },
            original: text.into(),
            text: text.into(),
            offsets: OffsetMap::identity(text.len()),
            repairs: Vec::new(),
            structure: Structure::default(),
            sentences: vec![Sentence {
                span: Span::new(0, text.len()),
                text: text.into(),
                block: 0,
                block_kind: BlockKind::Paragraph,
                tokens: Vec::new(),
            }],
            mentions: Vec::new(),
            timexes: Vec::new(),
            events: Vec::new(),
            toponyms: Vec::new(),
        }
    }

    #[test]
    fn storing_twice_stores_once_and_reads_back() {
        let store = Store::open_in_memory().unwrap();
        let d = doc("The truce held overnight.");
        assert_eq!(store.put(&d).unwrap(), Stored::New);
        assert_eq!(store.put(&d).unwrap(), Stored::AlreadyPresent);
        assert_eq!(store.count_documents().unwrap(), 1);
        assert_eq!(store.get(&d.id).unwrap().unwrap(), d);
        assert_eq!(store.list_documents(10).unwrap()[0].id, d.id.as_str());
    }

    #[test]
    fn observations_agreements_and_verdict_history_are_kept() {
        let store = Store::open_in_memory().unwrap();
        let d = doc("Shelling resumed near the river.");
        store.put(&d).unwrap();
        assert_eq!(store.unobserved_documents().unwrap(), vec![d.id.clone()]);
        let row = ObservationRow {
            event: "e1".into(),
            reported: Some("2023-03-04".into()),
            date: Some("2023-03-03".into()),
            cameo: "195".into(),
            body: "{}".into(),
        };
        store.put_observations(&d.id, std::slice::from_ref(&row)).unwrap();
        store.put_observations(&d.id, &[row]).unwrap();
        assert_eq!(store.observations().unwrap(), ["{}"]);
        assert!(store.unobserved_documents().unwrap().is_empty());
        assert_eq!(store.put_agreement("t", "Truce", "t.toml", "id = 't'").unwrap(), Stored::New);
        assert_eq!(store.put_agreement("t", "Truce v2", "t.toml", "id = 't'").unwrap(), Stored::AlreadyPresent);
        assert_eq!(store.agreements().unwrap()[0].title, "Truce v2");
        let v = VerdictRow {
            agreement: "t".into(),
            provision: "1".into(),
            party: "UKR".into(),
            status: "pending".into(),
            as_of: "2023-03-04".into(),
            since: None,
            confidence: 0.5,
            rationale: "r".into(),
            detail: "{}".into(),
            decided_at: String::new(),
        };
        store.record_verdict(&v).unwrap();
        store.record_verdict(&VerdictRow { status: "breached".into(), ..v }).unwrap();
        let h = store.verdict_history("t").unwrap();
        assert_eq!(h.iter().map(|v| v.status.as_str()).collect::<Vec<_>>(), ["pending", "breached"]);
    }

    #[test]
    fn migrations_run_once_and_newer_files_are_refused() {
        let dir = std::env::temp_dir().join(format!("truce-store-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("record.db");
        let _ = std::fs::remove_file(&path);
        {
            let store = Store::open(&path).unwrap();
            assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
            store.put(&doc("kept across opens")).unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.count_documents().unwrap(), 1);
        store.sqlite().pragma_update(None, "user_version", 99).unwrap();
        drop(store);
        assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 99, .. })));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
