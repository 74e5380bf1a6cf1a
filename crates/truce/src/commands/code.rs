//! `truce code`: coded events, streamed.

use crate::Outcome;
use crate::cli::{CodeArgs, CodeFormat};
use crate::output;
use std::io::Write;
use truce_core::{Event, EventActor};

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
        format!("{:.2}", e.confidence),
        e.evidence.text.clone(),
    ]
    .iter()
    .map(|f| clean(f))
    .collect::<Vec<_>>()
    .join("\t")
}

pub fn run(args: &CodeArgs) -> anyhow::Result<Outcome> {
    let options = args.input.options();
    let pipeline = crate::pipeline::Pipeline::new(&args.input.dictionaries)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.format == CodeFormat::Tsv {
        writeln!(out, "{}", COLUMNS.join("\t"))?;
    }
    let mut failed = 0usize;
    let mut write_error: Option<anyhow::Error> = None;
    truce_text::read_paths(&args.paths, &options, &mut |result| {
        if write_error.is_some() {
            return;
        }
        match result {
            Ok(mut doc) => {
                pipeline.run(&mut doc);
                for e in &doc.events {
                    let written = match args.format {
                        CodeFormat::Jsonl => output::json_line(&mut out, e),
                        CodeFormat::Tsv => writeln!(out, "{}", tsv(e)).map_err(Into::into),
                    };
                    if let Err(err) = written {
                        write_error = Some(err);
                        return;
                    }
                }
            }
            Err(err) => {
                failed += 1;
                output::report_failure(&err);
            }
        }
    });
    if let Some(e) = write_error {
        return Err(e);
    }
    out.flush()?;
    Ok(if failed == 0 { Outcome::Success } else { Outcome::SomeFailed })
}
