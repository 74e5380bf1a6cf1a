//! `truce enqueue`, `truce worker`, `truce queue`: ingest shared by several
//! worker processes through the record's queue (`truce_store::queue`).

use super::compliance;
use crate::Outcome;
use crate::cli::{EnqueueArgs, QueueArgs, WorkerArgs};
use crate::output;
use std::time::{Duration, Instant};
use truce_store::Stored;

/// A document claimed this many times without being stored is given up
/// on: each worker that took it died on it.
const MAX_ATTEMPTS: i64 = 3;

pub fn enqueue(args: &EnqueueArgs) -> anyhow::Result<Outcome> {
    let (store, path) = args.db.open()?;
    let options = args.input.options();
    let (mut queued, mut failed) = (0usize, 0usize);
    let mut error: Option<anyhow::Error> = None;
    store.begin()?;
    truce_text::read_paths(&args.paths, &options, &mut |result| {
        if error.is_some() {
            return;
        }
        match result {
            Ok(doc) => {
                let source = serde_json::to_string(&doc.source).unwrap_or_else(|_| "{}".into());
                match store.enqueue(&doc.source.input, &doc.original, &source) {
                    Ok(_) => queued += 1,
                    Err(e) => error = Some(e.into()),
                }
                if queued % 256 == 0
                    && let Err(e) = store.commit().and_then(|()| store.begin())
                {
                    error = Some(e.into());
                }
            }
            Err(err) => {
                failed += 1;
                output::report_failure(&err);
            }
        }
    });
    store.commit()?;
    if let Some(e) = error {
        return Err(e);
    }
    eprintln!("queued {queued} documents in {}, {failed} failed", path.display());
    Ok(if failed == 0 { Outcome::Success } else { Outcome::SomeFailed })
}

/// This process's name in the queue: host and process id.
fn worker_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "host".into());
    format!("{}-{}", host.trim(), std::process::id())
}

pub fn worker(args: &WorkerArgs) -> anyhow::Result<Outcome> {
    let (store, path) = args.db.open()?;
    let pipeline =
        crate::pipeline::Pipeline::with_gazetteer(&args.input.dictionaries, args.input.gazetteer.as_deref())?;
    let options = args.input.options();
    let me = worker_name();
    let started = Instant::now();
    let (mut stored, mut present, mut failed, mut taken_over, mut bytes) = (0usize, 0usize, 0usize, 0usize, 0usize);
    loop {
        let claimed = store.claim_many(&me, args.lease, args.batch.max(1))?;
        if claimed.is_empty() {
            if args.follow {
                std::thread::sleep(Duration::from_millis(500));
                continue;
            }
            break;
        }
        // Coded outside any transaction, so other workers can claim and
        // store meanwhile.
        let mut coded = Vec::new();
        for q in claimed {
            if q.attempts > MAX_ATTEMPTS {
                store.fail(
                    q.seq,
                    &format!("given up after {MAX_ATTEMPTS} attempts: every worker that took it stopped"),
                )?;
                failed += 1;
                continue;
            }
            let source: truce_core::Source = serde_json::from_str(&q.source).unwrap_or_default();
            match truce_text::annotate(q.original, source, &options) {
                Ok(mut doc) => {
                    pipeline.run(&mut doc);
                    bytes += doc.original.len();
                    coded.push((q.seq, doc));
                }
                Err(reason) => {
                    eprintln!("truce: {}: {reason}", q.name);
                    store.fail(q.seq, &reason.to_string())?;
                    failed += 1;
                }
            }
        }
        // Stored and taken off the queue together.
        store.begin()?;
        for (seq, doc) in &coded {
            match store.put(doc)? {
                Stored::New => {
                    compliance::put_coded(&store, doc)?;
                    stored += 1;
                }
                Stored::AlreadyPresent => present += 1,
            }
            if !store.finish(*seq, &me)? {
                taken_over += 1;
            }
        }
        store.commit()?;
    }
    let secs = started.elapsed().as_secs_f64();
    let engine = compliance::Engine::load(&args.comply)?;
    let as_of = compliance::date_arg(args.as_of.as_deref())?.unwrap_or_else(compliance::today);
    let (_, alerts) = compliance::refresh(&store, &engine, as_of)?;
    compliance::deliver(&alerts, args.alerts.as_deref(), None)?;
    eprintln!(
        "worker {me}: {stored} documents stored, {present} already stored, {failed} failed, {taken_over} taken over by another worker; {:.1} MB in {secs:.2} s ({:.2} MB/s) into {}",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs.max(1e-9),
        path.display()
    );
    Ok(if failed == 0 { Outcome::Success } else { Outcome::SomeFailed })
}

pub fn show(args: &QueueArgs) -> anyhow::Result<Outcome> {
    let (store, path) = args.db.open()?;
    let c = store.queue_counts(args.lease)?;
    println!("{}: {} waiting, {} claimed, {} failed", path.display(), c.waiting, c.claimed, c.failed);
    for (seq, name, error) in store.failed_in_queue()? {
        println!("  failed #{seq} {name}: {error}");
    }
    Ok(Outcome::Success)
}
