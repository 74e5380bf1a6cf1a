//! Full-text search over the stored reports (SQLite FTS5).
//!
//! A user's words are searched as words: each is quoted before it reaches
//! FTS5, so its query syntax (`OR`, `NEAR`, `*`, quotes, column filters)
//! cannot be injected, and every word must occur.

use crate::{Store, StoreError};

/// One report that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// Document id.
    pub id: String,
    /// Title, if any.
    pub title: Option<String>,
    /// Document date.
    pub date: Option<String>,
    /// Publisher.
    pub outlet: Option<String>,
    /// A passage around the match, the matched words between `\u{1}` and
    /// `\u{2}`.
    pub snippet: String,
}

/// The FTS5 query for a user's words: each a quoted string, all required.
/// None when there is no word to search.
pub fn fts_query(words: &str) -> Option<String> {
    let terms: Vec<String> = words
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .take(32)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// A user's words for PostgreSQL's `plainto_tsquery`, which reads them as
/// words whatever they hold; None when there is no word.
pub(crate) fn fts_query_words(words: &str) -> Option<String> {
    let terms: Vec<&str> = words
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .take(32)
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Store {
    /// Reports containing all of `words`, best first.
    pub fn search(&self, words: &str, offset: usize, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.search(words, offset, limit);
        }
        let Some(query) = fts_query(words) else { return Ok(Vec::new()) };
        let mut stmt = self.sqlite().prepare_cached(
            "SELECT d.id, d.title, d.date, d.outlet, snippet(documents_fts, 1, char(1), char(2), '…', 16)
             FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
             WHERE documents_fts MATCH ?1 ORDER BY rank LIMIT ?2 OFFSET ?3",
        )?;
        let rows = stmt.query_map(rusqlite::params![query, limit as i64, offset as i64], |r| {
            Ok(SearchHit { id: r.get(0)?, title: r.get(1)?, date: r.get(2)?, outlet: r.get(3)?, snippet: r.get(4)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
