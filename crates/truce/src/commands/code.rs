//! `truce code`: coded events, streamed.

use crate::Outcome;
use crate::cli::{CodeArgs, CodeFormat};
use crate::output;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};
use truce_core::{Document, Event, EventActor};

/// The TSV columns, in order.
const COLUMNS: &[&str] = &[
    "id",
    "doc",
    "date",
    "date_precision",
    "time",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "modality",
    "location",
    "location_country",
    "location_precision",
    "lat",
    "lon",
    "geonameid",
    "confidence",
    "evidence",
];

fn actors(list: &[EventActor]) -> String {
    list.iter().map(|a| a.code.clone().unwrap_or_else(|| format!("?{}", a.text))).collect::<Vec<_>>().join(";")
}

/// A field without tabs or line ends.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn tsv(e: &Event) -> String {
    let location = e.location.as_ref();
    [
        e.id.clone(),
        e.doc.clone(),
        e.date.clone().unwrap_or_default(),
        e.date_precision.clone().unwrap_or_default(),
        e.time.clone().unwrap_or_default(),
        actors(&e.source),
        actors(&e.target),
        e.cameo.clone(),
        e.cameo_root.clone(),
        e.quad_class.to_string(),
        format!("{:.1}", e.goldstein),
        e.plover.clone().unwrap_or_default(),
        e.modality.clone(),
        location.and_then(|l| l.name.clone()).unwrap_or_default(),
        location.and_then(|l| l.country.clone()).unwrap_or_default(),
        location.map(|l| l.precision.clone()).unwrap_or_default(),
        location.and_then(|l| l.lat).map(|x| format!("{x:.5}")).unwrap_or_default(),
        location.and_then(|l| l.lon).map(|x| format!("{x:.5}")).unwrap_or_default(),
        location.and_then(|l| l.geonameid).map(|g| g.to_string()).unwrap_or_default(),
        format!("{:.2}", e.confidence),
        e.evidence.text.clone(),
    ]
    .iter()
    .map(|f| clean(f))
    .collect::<Vec<_>>()
    .join("\t")
}

/// A document's events, formatted, in the document's place in the input.
type Coded = (usize, anyhow::Result<Vec<u8>>);

/// Formats one document's events as output lines.
fn format_events(events: &[Event], format: CodeFormat) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    for e in events {
        match format {
            CodeFormat::Jsonl => output::json_line(&mut buf, e)?,
            CodeFormat::Tsv => writeln!(buf, "{}", tsv(e))?,
        }
    }
    Ok(buf)
}

/// Writes coded documents in input order: a document that finishes early
/// waits until those before it are written, so the output is the same
/// whatever the number of threads.
fn write_in_order(coded: Receiver<Coded>, format: CodeFormat) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == CodeFormat::Tsv {
        writeln!(out, "{}", COLUMNS.join("\t"))?;
    }
    let mut waiting: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
    let mut next = 0usize;
    for (seq, lines) in coded {
        waiting.insert(seq, lines?);
        while let Some(lines) = waiting.remove(&next) {
            out.write_all(&lines)?;
            next += 1;
        }
    }
    out.flush()?;
    Ok(())
}

/// Intake runs on the calling thread (it reads the inputs in order and
/// reports failures as it meets them); the later stages, which take most of
/// the time, run on `threads` workers; one writer restores input order.
pub fn run(args: &CodeArgs) -> anyhow::Result<Outcome> {
    let options = args.input.options();
    let pipeline =
        crate::pipeline::Pipeline::with_gazetteer(&args.input.dictionaries, args.input.gazetteer.as_deref())?;
    let threads =
        args.threads.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)).max(1);
    let format = args.format;
    // Bounded, so a fast reader never holds more than a few documents per
    // worker in memory.
    let (doc_tx, doc_rx) = sync_channel::<(usize, Document)>(threads * 4);
    // Owned by the workers alone, so that when they all stop (the writer
    // failed) the reader's next send fails instead of waiting forever.
    let doc_rx = Arc::new(Mutex::new(doc_rx));
    let (coded_tx, coded_rx) = sync_channel::<Coded>(threads * 4);
    let mut failed = 0usize;
    let written = std::thread::scope(|scope| {
        let writer = scope.spawn(move || write_in_order(coded_rx, format));
        for _ in 0..threads {
            let (doc_rx, coded_tx, pipeline) = (Arc::clone(&doc_rx), coded_tx.clone(), &pipeline);
            scope.spawn(move || {
                loop {
                    // The lock is held only to take the next document.
                    let next = doc_rx.lock().map_err(|_| ()).and_then(|rx| rx.recv().map_err(|_| ()));
                    let Ok((seq, mut doc)) = next else { break };
                    pipeline.run(&mut doc);
                    if coded_tx.send((seq, format_events(&doc.events, format))).is_err() {
                        break; // the writer stopped (closed pipe): nothing more to do
                    }
                }
            });
        }
        drop(coded_tx);
        drop(doc_rx);
        let mut seq = 0usize;
        let mut stopped = false;
        truce_text::read_paths(&args.paths, &options, &mut |result| match result {
            Ok(doc) if !stopped => {
                stopped = doc_tx.send((seq, doc)).is_err();
                seq += 1;
            }
            Ok(_) => {}
            Err(err) => {
                failed += 1;
                output::report_failure(&err);
            }
        });
        drop(doc_tx);
        writer.join().unwrap_or_else(|_| Err(anyhow::anyhow!("the output writer stopped unexpectedly")))
    });
    written?;
    Ok(if failed == 0 { Outcome::Success } else { Outcome::SomeFailed })
}
