//! `truce docs`: what the record holds.

use crate::Outcome;
use crate::cli::DocsArgs;
use crate::output;
use std::io::Write;

pub fn run(args: &DocsArgs) -> anyhow::Result<Outcome> {
    let (store, path) = args.db.open()?;
    let docs = store.list_documents(args.limit)?;
    let total = store.count_documents()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for d in &docs {
            let value = serde_json::json!({
                "id": d.id, "input": d.input, "date": d.date, "outlet": d.outlet, "title": d.title,
                "language": d.language, "sentences": d.sentences, "bytes": d.bytes, "ingested_at": d.ingested_at,
            });
            output::json_line(&mut out, &value)?;
        }
    } else {
        writeln!(out, "{:<16}  {:<10}  {:<4}  {:>5}  {:<18}  TITLE / INPUT", "ID", "DATE", "LANG", "SENT.", "OUTLET")?;
        for d in &docs {
            let label = d.title.clone().unwrap_or_else(|| d.input.clone());
            writeln!(
                out,
                "{:<16}  {:<10}  {:<4}  {:>5}  {:<18}  {}",
                d.id,
                d.date.as_deref().unwrap_or("-"),
                d.language.as_deref().unwrap_or("-"),
                d.sentences,
                truncate(d.outlet.as_deref().unwrap_or("-"), 18),
                truncate(&label, 60)
            )?;
        }
        writeln!(out, "{} of {} documents in {}", docs.len(), total, path.display())?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_owned() } else { s.chars().take(n - 1).chain(['…']).collect() }
}
