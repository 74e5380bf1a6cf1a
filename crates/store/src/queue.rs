//! The ingest queue that `truce worker` processes share.
//!
//! A worker claims the oldest open document for a lease (an atomic
//! update under SQLite's write lock), codes it outside any transaction,
//! then stores it and removes it from the queue in one transaction
//! ([`Store::finish`]). A worker that dies mid-document holds its claim
//! only until the lease runs out; a document that cannot be coded is kept
//! with its error ([`Store::fail`]), never dropped.

use crate::{Store, StoreError};
use rusqlite::params;

/// A document waiting to be coded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    /// Its place in the queue.
    pub seq: i64,
    /// Its input name.
    pub name: String,
    /// The decoded text as it arrived.
    pub original: String,
    /// Its metadata as JSON.
    pub source: String,
    /// How many times it was claimed (this claim included).
    pub attempts: i64,
}

/// How the queue stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueCounts {
    /// Waiting, unclaimed or with an expired claim.
    pub waiting: i64,
    /// Claimed by a worker whose lease runs.
    pub claimed: i64,
    /// Kept with an error.
    pub failed: i64,
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

impl Store {
    /// Adds a document to the queue.
    pub fn enqueue(&self, name: &str, original: &str, source: &str) -> Result<i64, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.enqueue(name, original, source);
        }
        self.sqlite()
            .prepare_cached("INSERT INTO queue (name, original, source) VALUES (?1, ?2, ?3)")?
            .execute(params![name, original, source])?;
        Ok(self.sqlite().last_insert_rowid())
    }

    /// Claims the oldest open document for `worker` for `lease_seconds`:
    /// one nobody claimed, or whose claim ran out.
    pub fn claim(&self, worker: &str, lease_seconds: i64) -> Result<Option<Queued>, StoreError> {
        Ok(self.claim_many(worker, lease_seconds, 1)?.pop())
    }

    /// Claims up to `n` of the oldest open documents in one transaction.
    pub fn claim_many(&self, worker: &str, lease_seconds: i64, n: usize) -> Result<Vec<Queued>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.claim_many(worker, lease_seconds, n);
        }
        let now = now();
        // IMMEDIATE: the write lock is taken before the read, so two
        // workers cannot pick the same row.
        let tx = rusqlite::Transaction::new_unchecked(self.sqlite(), rusqlite::TransactionBehavior::Immediate)?;
        let rows: Vec<Queued> = tx
            .prepare_cached(
                "SELECT seq, name, original, source, attempts FROM queue
                 WHERE error IS NULL AND (claimed_at IS NULL OR claimed_at < ?1) ORDER BY seq LIMIT ?2",
            )?
            .query_map(params![now - lease_seconds, n as i64], |r| {
                Ok(Queued {
                    seq: r.get(0)?,
                    name: r.get(1)?,
                    original: r.get(2)?,
                    source: r.get(3)?,
                    attempts: r.get::<_, i64>(4)? + 1,
                })
            })?
            .collect::<Result<_, _>>()?;
        {
            let mut mark = tx.prepare_cached(
                "UPDATE queue SET claimed_by = ?1, claimed_at = ?2, attempts = attempts + 1 WHERE seq = ?3",
            )?;
            for q in &rows {
                mark.execute(params![worker, now, q.seq])?;
            }
        }
        tx.commit()?;
        Ok(rows)
    }

    /// Removes a coded document from the queue; call inside the
    /// transaction that stores it. False if another worker took it over
    /// (the lease ran out) — the document is then stored once all the same.
    pub fn finish(&self, seq: i64, worker: &str) -> Result<bool, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.finish(seq, worker);
        }
        let n = self
            .sqlite()
            .prepare_cached("DELETE FROM queue WHERE seq = ?1 AND claimed_by = ?2")?
            .execute(params![seq, worker])?;
        Ok(n == 1)
    }

    /// Keeps a document that could not be coded, with the reason.
    pub fn fail(&self, seq: i64, error: &str) -> Result<(), StoreError> {
        if let Some(pg) = self.pg() {
            return pg.fail(seq, error);
        }
        self.sqlite()
            .prepare_cached("UPDATE queue SET error = ?2, claimed_by = NULL WHERE seq = ?1")?
            .execute(params![seq, error])?;
        Ok(())
    }

    /// How the queue stands, with leases of `lease_seconds`.
    pub fn queue_counts(&self, lease_seconds: i64) -> Result<QueueCounts, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.queue_counts(lease_seconds);
        }
        let expired = now() - lease_seconds;
        Ok(self.sqlite().query_row(
            "SELECT coalesce(sum(error IS NULL AND (claimed_at IS NULL OR claimed_at < ?1)), 0),
                    coalesce(sum(error IS NULL AND claimed_at >= ?1), 0),
                    coalesce(sum(error IS NOT NULL), 0) FROM queue",
            [expired],
            |r| Ok(QueueCounts { waiting: r.get(0)?, claimed: r.get(1)?, failed: r.get(2)? }),
        )?)
    }

    /// The documents kept with an error: sequence, name, error.
    pub fn failed_in_queue(&self) -> Result<Vec<(i64, String, String)>, StoreError> {
        if let Some(pg) = self.pg() {
            return pg.failed_in_queue();
        }
        let mut stmt =
            self.sqlite().prepare("SELECT seq, name, error FROM queue WHERE error IS NOT NULL ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn a_claimed_document_is_not_claimed_again_until_its_lease_runs_out() {
        let store = Store::open_in_memory().unwrap();
        let a = store.enqueue("a.txt", "first", "{}").unwrap();
        let b = store.enqueue("b.txt", "second", "{}").unwrap();
        assert_eq!(store.claim("w1", 600).unwrap().unwrap().seq, a);
        assert_eq!(store.claim("w2", 600).unwrap().unwrap().seq, b);
        assert!(store.claim("w3", 600).unwrap().is_none());
        // A lease of -1 s has run out already: w1's claim can be taken over.
        let again = store.claim("w3", -1).unwrap().unwrap();
        assert_eq!((again.seq, again.attempts), (a, 2));
        assert!(!store.finish(a, "w1").unwrap(), "w1 lost its claim");
        assert!(store.finish(a, "w3").unwrap());
        store.fail(b, "not text").unwrap();
        let counts = store.queue_counts(600).unwrap();
        assert_eq!((counts.waiting, counts.claimed, counts.failed), (0, 0, 1));
        assert_eq!(store.failed_in_queue().unwrap()[0].1, "b.txt");
    }
}
