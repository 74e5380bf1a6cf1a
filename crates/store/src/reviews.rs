//! Analysts' reviews of coded events: an append-only audit log.
//!
//! Each review says who did what to which event and when — verified,
//! rejected, corrected (with the corrected fields as JSON), or reopened
//! (back to what the machine said). The latest review of an event is its
//! state; earlier ones stay for the audit.

use crate::{Store, StoreError};
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

/// One review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    /// Its place in the log.
    pub seq: i64,
    /// The event reviewed.
    pub event: String,
    /// `verified`, `rejected`, `corrected` or `reopened`.
    pub action: String,
    /// The corrected fields, as a JSON object.
    pub changes: Option<String>,
    /// The analyst's note.
    pub note: Option<String>,
    /// Who reviewed.
    pub reviewer: String,
    /// When (UTC).
    pub at: String,
}

/// The review actions the log accepts.
pub const REVIEW_ACTIONS: &[&str] = &["verified", "rejected", "corrected", "reopened"];

fn review(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReviewRow> {
    Ok(ReviewRow {
        seq: r.get(0)?,
        event: r.get(1)?,
        action: r.get(2)?,
        changes: r.get(3)?,
        note: r.get(4)?,
        reviewer: r.get(5)?,
        at: r.get(6)?,
    })
}

const COLUMNS: &str = "seq, event, action, changes, note, reviewer, at";

impl Store {
    /// Appends a review and returns it as stored.
    pub fn add_review(
        &self,
        event: &str,
        action: &str,
        changes: Option<&str>,
        note: Option<&str>,
        reviewer: &str,
    ) -> Result<ReviewRow, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.add_review(event, action, changes, note, reviewer);
        }
        // The log and the event's state change together or not at all.
        let tx = self.sqlite().unchecked_transaction()?;
        tx.prepare_cached("INSERT INTO reviews (event, action, changes, note, reviewer) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![event, action, changes, note, reviewer])?;
        let seq = tx.last_insert_rowid();
        tx.prepare_cached(
            "UPDATE events SET review = CASE ?2 WHEN 'reopened' THEN 'unreviewed' ELSE ?2 END WHERE id = ?1",
        )?
        .execute(params![event, action])?;
        tx.commit()?;
        Ok(self
            .sqlite()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM reviews WHERE seq = ?1"))?
            .query_row([seq], review)?)
    }

    /// The reviews of one event, oldest first.
    pub fn reviews_of(&self, event: &str) -> Result<Vec<ReviewRow>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.reviews_of(event);
        }
        let mut stmt =
            self.sqlite().prepare_cached(&format!("SELECT {COLUMNS} FROM reviews WHERE event = ?1 ORDER BY seq"))?;
        let rows = stmt.query_map([event], review)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest review of every reviewed event: the record's corrections.
    pub fn current_reviews(&self) -> Result<HashMap<String, ReviewRow>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.current_reviews();
        }
        let mut stmt = self.sqlite().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM reviews WHERE seq IN (SELECT max(seq) FROM reviews GROUP BY event)"
        ))?;
        let rows = stmt.query_map([], review)?;
        rows.map(|r| r.map(|r| (r.event.clone(), r))).collect::<Result<_, _>>().map_err(StoreError::from)
    }

    /// The latest review of each of these events (those reviewed).
    pub fn latest_reviews(&self, events: &[String]) -> Result<HashMap<String, ReviewRow>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.latest_reviews(events);
        }
        let mut out = HashMap::new();
        let mut stmt = self
            .sqlite()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM reviews WHERE event = ?1 ORDER BY seq DESC LIMIT 1"))?;
        for e in events {
            if let Some(r) = stmt.query_row([e], review).optional()? {
                out.insert(e.clone(), r);
            }
        }
        Ok(out)
    }

    /// The log, newest first, a page at a time.
    pub fn audit_log(&self, offset: usize, limit: usize) -> Result<Vec<ReviewRow>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.audit_log(offset, limit);
        }
        let mut stmt = self
            .sqlite()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM reviews ORDER BY seq DESC LIMIT ?1 OFFSET ?2"))?;
        let rows = stmt.query_map([limit as i64, offset as i64], review)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
