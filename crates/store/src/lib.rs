//! The truce record on disk: an embedded SQLite file.
//!
//! [`Store::open`] creates the file if needed and brings its schema up to
//! date by running the SQL files under `crates/store/migrations/` in order;
//! the schema version lives in SQLite's `user_version`. A file written by a
//! newer truce is refused rather than damaged.
//!
//! Documents are keyed by their content hash ([`DocId`]), so storing the
//! same text twice stores it once.
//!
//! ```
//! use truce_store::Store;
//! let store = Store::open_in_memory().unwrap();
//! assert_eq!(store.count_documents().unwrap(), 0);
//! ```

use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;
use truce_core::{DocId, Document};

/// The schema, one migration a step; `user_version` counts the steps done.
const MIGRATIONS: &[(&str, &str)] = &[("0001_documents", include_str!("../migrations/0001_documents.sql"))];

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

/// An open record.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the record at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
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
        Ok(Store { conn })
    }

    /// The schema version in force.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Starts a batch: the documents put until [`Store::commit`] are written
    /// in one transaction, which is many times faster than one each.
    pub fn begin(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("BEGIN")?;
        Ok(())
    }

    /// Ends a batch started with [`Store::begin`].
    pub fn commit(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    /// Stores a document unless one with the same id is there.
    pub fn put(&self, doc: &Document) -> Result<Stored, StoreError> {
        let mut light = serde_json::to_value(doc)
            .map_err(|e| StoreError::Corrupt { id: doc.id.to_string(), reason: e.to_string() })?;
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
        let s = &doc.source;
        let changed = self.conn.prepare_cached(
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
            light.to_string(),
            doc.sentences.len() as i64,
            doc.repairs.len() as i64,
        ])?;
        Ok(if changed == 1 { Stored::New } else { Stored::AlreadyPresent })
    }

    /// Reads a document back (its sentences come without tokens; intake
    /// recomputes them from the text when needed).
    pub fn get(&self, id: &DocId) -> Result<Option<Document>, StoreError> {
        let row: Option<(String, String, String)> = self
            .conn
            .query_row("SELECT original, text, annotation FROM documents WHERE id = ?1", [id.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
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

    /// How many documents are stored.
    pub fn count_documents(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?)
    }

    /// The stored documents, by date then id; at most `limit` of them.
    pub fn list_documents(&self, limit: usize) -> Result<Vec<DocSummary>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, input, date, outlet, title, language, n_sentences, length(CAST(text AS BLOB)), ingested_at
             FROM documents ORDER BY date IS NULL, date, id LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
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
        store.conn.pragma_update(None, "user_version", 99).unwrap();
        drop(store);
        assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 99, .. })));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
