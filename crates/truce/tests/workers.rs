//! Several `truce worker` processes sharing the record's ingest queue:
//! every document coded into the record once, none lost when a worker is
//! killed mid-run. The reports are invented for this test.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn truce() -> Command {
    Command::new(env!("CARGO_BIN_EXE_truce"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("truce-workers-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `n` different reports as JSON lines.
fn feed(dir: &Path, n: usize) -> PathBuf {
    let places = ["Marib", "Taiz", "Hodeidah", "Saada", "Aden"];
    let mut lines = String::new();
    for i in 0..n {
        let text = format!(
            "ADEN, May {} (Relay) - Government forces said Houthi fighters shelled positions near {} on Tuesday, report {i}. \
             The United Nations envoy urged both sides to respect the truce and to reopen the roads.",
            1 + i % 28,
            places[i % places.len()]
        );
        lines
            .push_str(&serde_json::json!({"id": format!("r{i}"), "published": "2022-05-20", "text": text}).to_string());
        lines.push('\n');
    }
    let path = dir.join("feed.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

/// Counts through `truce docs --json` (documents) or `truce queue`
/// (waiting, claimed, failed).
fn count(db: &str, what: &str) -> i64 {
    match what {
        "documents" => {
            let out = truce().args(["docs", "--json", "--limit", "100000", "--db"]).arg(db).output().unwrap();
            String::from_utf8_lossy(&out.stdout).lines().count() as i64
        }
        _ => {
            let out = truce().args(["queue", "--db"]).arg(db).output().unwrap();
            let text = String::from_utf8_lossy(&out.stdout).to_string();
            // `PATH: N waiting, N claimed, N failed`
            let field = |name: &str| -> i64 {
                text.split(',')
                    .find(|p| p.contains(name))
                    .and_then(|p| p.split_whitespace().rev().nth(1))
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(-1)
            };
            field(what)
        }
    }
}

fn enqueue(db: &str, feed: &Path) {
    let out = truce().arg("enqueue").arg(feed).arg("--db").arg(db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A fresh PostgreSQL database on the test server, or None without one.
fn postgres(name: &str) -> Option<String> {
    let Ok(url) = std::env::var("TRUCE_TEST_POSTGRES") else {
        eprintln!("TRUCE_TEST_POSTGRES is not set: the PostgreSQL run is skipped (scripts/test.sh sets it)");
        return None;
    };
    Some(truce_store::create_postgres_database(&url, &format!("truce_workers_{name}_{}", std::process::id())).unwrap())
}

#[test]
fn two_workers_share_the_queue_and_code_each_document_once() {
    let dir = scratch("two");
    two_workers(&dir, &dir.join("record.db").display().to_string());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_workers_share_a_postgres_queue() {
    if let Some(db) = postgres("two") {
        let dir = scratch("two-pg");
        two_workers(&dir, &db);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn a_worker_killed_mid_run_loses_nothing() {
    let dir = scratch("killed");
    killed_worker(&dir, &dir.join("record.db").display().to_string());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_worker_killed_mid_run_loses_nothing_on_postgres() {
    if let Some(db) = postgres("killed") {
        let dir = scratch("killed-pg");
        killed_worker(&dir, &db);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

fn two_workers(dir: &Path, db: &str) {
    enqueue(db, &feed(dir, 120));
    assert_eq!(count(db, "waiting"), 120);
    let spawn = || {
        truce()
            .args(["worker", "--batch", "4", "--db"])
            .arg(db)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let said = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).to_string();
    assert!(a.status.success() && b.status.success(), "{}\n{}", said(&a), said(&b));
    // Each coded some, none coded one the other stored.
    for o in [&a, &b] {
        assert!(said(o).contains(" 0 already stored, 0 failed, 0 taken over"), "{}", said(o));
    }
    assert_eq!(count(db, "documents"), 120);
    assert_eq!((count(db, "waiting"), count(db, "claimed"), count(db, "failed")), (0, 0, 0));
}

fn killed_worker(dir: &Path, db: &str) {
    enqueue(db, &feed(dir, 150));
    let mut doomed = truce()
        .args(["worker", "--batch", "1", "--lease", "1", "--db"])
        .arg(db)
        .stderr(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    doomed.kill().unwrap(); // SIGKILL: no chance to tidy up
    doomed.wait().unwrap();
    let left = count(db, "waiting") + count(db, "claimed");
    assert!(left > 0, "the worker finished before it could be killed; make the feed longer");
    // Its claim runs out after a second; then another worker takes over.
    std::thread::sleep(Duration::from_millis(1100));
    let out = truce().args(["worker", "--lease", "1", "--db"]).arg(db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(count(db, "documents"), 150);
    assert_eq!((count(db, "waiting"), count(db, "claimed"), count(db, "failed")), (0, 0, 0));
}
