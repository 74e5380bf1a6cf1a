//! `truce ingest`: documents into the record.

use crate::Outcome;
use crate::cli::IngestArgs;
use crate::output;
use indicatif::{ProgressBar, ProgressStyle};
use std::time::{Duration, Instant};
use truce_store::Stored;

/// Documents written per transaction.
const BATCH: usize = 256;

#[derive(Default)]
struct Tally {
    new: usize,
    present: usize,
    failed: usize,
    bytes: usize,
    sentences: usize,
}

pub fn run(args: &IngestArgs) -> anyhow::Result<Outcome> {
    let (store, path) = args.db.open()?;
    let options = args.input.options();
    let pipeline =
        crate::pipeline::Pipeline::with_gazetteer(&args.input.dictionaries, args.input.gazetteer.as_deref())?;
    // Drawn only when standard error is a terminal.
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} {pos} documents, {msg} [{elapsed}]")?);
    bar.enable_steady_tick(Duration::from_millis(200));
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut in_batch = 0usize;
    let mut store_error: Option<anyhow::Error> = None;
    store.begin()?;
    truce_text::read_paths(&args.paths, &options, &mut |result| {
        if store_error.is_some() {
            return;
        }
        match result {
            Ok(mut doc) => {
                pipeline.run(&mut doc);
                tally.bytes += doc.original.len();
                tally.sentences += doc.sentences.len();
                let stored = store.put(&doc).and_then(|s| {
                    if s == Stored::New {
                        super::compliance::put_coded(&store, &doc)?;
                    }
                    Ok(s)
                });
                match stored {
                    Ok(Stored::New) => tally.new += 1,
                    Ok(Stored::AlreadyPresent) => tally.present += 1,
                    Err(e) => {
                        store_error = Some(anyhow::Error::new(e).context(format!("storing {}", doc.source.input)))
                    }
                }
                in_batch += 1;
                if in_batch == BATCH {
                    in_batch = 0;
                    if let Err(e) = store.commit().and_then(|()| store.begin()) {
                        store_error = Some(e.into());
                    }
                }
            }
            Err(err) => {
                tally.failed += 1;
                bar.suspend(|| output::report_failure(&err));
            }
        }
        bar.inc(1);
        bar.set_message(format!("{:.1} MB", tally.bytes as f64 / 1e6));
    });
    store.commit()?;
    bar.finish_and_clear();
    if let Some(e) = store_error {
        return Err(e);
    }
    let secs = started.elapsed().as_secs_f64();
    // New reports can change verdicts: recompute the boards, keep the
    // changes, and raise the alerts.
    let engine = super::compliance::Engine::load(&args.comply)?;
    let as_of = super::compliance::date_arg(args.as_of.as_deref())?.unwrap_or_else(super::compliance::today);
    let started_comply = Instant::now();
    let (boards, alerts) = super::compliance::refresh(&store, &engine, as_of)?;
    super::compliance::deliver(&alerts, args.alerts.as_deref(), args.webhook.as_deref())?;
    if !boards.is_empty() {
        let verdicts: usize = boards.iter().map(|b| b.verdicts.len()).sum();
        eprintln!(
            "recomputed {verdicts} verdicts of {} agreement(s) as of {as_of} in {:.2} s; {} alert(s)",
            boards.len(),
            started_comply.elapsed().as_secs_f64(),
            alerts.len()
        );
    }
    eprintln!(
        "ingested {} documents ({} new, {} already stored), {} failed; {:.1} MB, {} sentences in {:.2} s ({:.1} MB/s) into {}",
        tally.new + tally.present,
        tally.new,
        tally.present,
        tally.failed,
        tally.bytes as f64 / 1e6,
        tally.sentences,
        secs,
        tally.bytes as f64 / 1e6 / secs.max(1e-9),
        path.display()
    );
    Ok(if tally.failed == 0 { Outcome::Success } else { Outcome::SomeFailed })
}
