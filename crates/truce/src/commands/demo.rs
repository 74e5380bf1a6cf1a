//! `truce demo`: the built-in example report, taken in and shown.

use crate::Outcome;
use crate::cli::DemoArgs;
use crate::output;
use std::io::Write;
use truce_core::{BlockKind, Source};

/// A report written for truce in the style of machine-translated wire copy,
/// with the damage such copy arrives with (see `examples/`).
pub const EXAMPLE: &str = include_str!("../../../../examples/truce-report.txt");
/// The date the example was filed.
pub const EXAMPLE_DATE: &str = "2022-04-03";

pub fn run(args: &DemoArgs) -> anyhow::Result<Outcome> {
    let source = Source { input: "examples/truce-report.txt".into(), ..Default::default() };
    let options = truce_text::Options { date: Some(EXAMPLE_DATE.into()), ..Default::default() };
    let mut doc = truce_text::annotate(EXAMPLE.to_owned(), source, &options)?;
    crate::pipeline::Pipeline::new(&[])?.run(&mut doc);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        output::json_pretty(&mut out, &doc)?;
        out.flush()?;
        return Ok(Outcome::Success);
    }
    writeln!(
        out,
        "document {} ({} bytes, {}, language {})",
        doc.id,
        doc.original.len(),
        doc.source.encoding,
        doc.source.language.as_deref().unwrap_or("?")
    )?;
    writeln!(out, "document date {}", doc.source.date.as_deref().unwrap_or("unknown"))?;
    writeln!(out, "\nrepairs ({}):", doc.repairs.len())?;
    for r in &doc.repairs {
        writeln!(
            out,
            "  {:<11} {:?} -> {:?} at bytes {}..{} of the original",
            r.kind,
            r.before,
            r.after,
            r.original.start(),
            r.original.end()
        )?;
    }
    writeln!(out, "\nlayout:")?;
    for b in &doc.structure.blocks {
        let text = b.span.slice(&doc.text);
        let short: String = text.chars().take(70).collect();
        let more = if text.chars().count() > 70 { "…" } else { "" };
        writeln!(out, "  {:<11} {short}{more}", format!("{:?}", b.kind).to_lowercase())?;
    }
    if let Some(d) = &doc.structure.dateline {
        let piece = |p: &Option<truce_core::Piece>| p.as_ref().map_or("-".to_owned(), |p| p.text.clone());
        writeln!(out, "\ndateline: place {}, date {}, credit {}", piece(&d.place), piece(&d.date), piece(&d.credit))?;
    }
    writeln!(out, "\nmentions ({}):", doc.mentions.len())?;
    for m in &doc.mentions {
        let what = m.name.clone().or_else(|| (!m.members.is_empty()).then(|| m.members.join("+"))).unwrap_or_default();
        writeln!(
            out,
            "  {:<12} {:<10} {:<40} {} ({:.2}: {})",
            format!("{:?}", m.kind).to_lowercase(),
            m.code.as_deref().unwrap_or("-"),
            m.text.chars().take(40).collect::<String>(),
            what,
            m.confidence,
            m.reason
        )?;
    }
    writeln!(out, "\ntime expressions ({}):", doc.timexes.len())?;
    for t in &doc.timexes {
        let instant = t.instant.as_deref().map(|i| format!(" = {i}")).unwrap_or_default();
        writeln!(out, "  {:<9} {:<24} {}{instant}", t.kind, t.text.chars().take(24).collect::<String>(), t.value)?;
    }
    writeln!(out, "\nplaces ({}):", doc.toponyms.len())?;
    for t in &doc.toponyms {
        writeln!(
            out,
            "  {:<24} {:<9} {:<22} {:<4} {:<3} {:>8.3},{:>8.3}",
            t.text.chars().take(24).collect::<String>(),
            t.role,
            t.name.chars().take(22).collect::<String>(),
            t.feature,
            t.country.as_deref().unwrap_or("-"),
            t.lat,
            t.lon
        )?;
    }
    writeln!(out, "\nevents ({}):", doc.events.len())?;
    for e in &doc.events {
        let codes = |list: &[truce_core::EventActor]| {
            list.iter().map(|a| a.code.clone().unwrap_or_else(|| "?".into())).collect::<Vec<_>>().join("+")
        };
        writeln!(
            out,
            "  {:<5} {:<8} {:<10} {:<18} -> {:<14} {:<11} {}",
            e.cameo,
            e.plover.as_deref().unwrap_or("-"),
            e.date.as_deref().unwrap_or("-"),
            codes(&e.source),
            codes(&e.target),
            e.modality,
            e.location.as_ref().and_then(|l| l.name.clone()).unwrap_or_default()
        )?;
    }
    let body: Vec<_> = doc.sentences.iter().filter(|s| s.block_kind == BlockKind::Paragraph).collect();
    writeln!(out, "\nbody sentences ({}):", body.len())?;
    for (i, s) in body.iter().enumerate() {
        writeln!(out, "  {:>2}. {}", i + 1, s.text)?;
    }
    let tokens: usize = doc.sentences.iter().map(|s| s.tokens.len()).sum();
    writeln!(
        out,
        "\n{} sentences, {} tokens. `truce demo --json` prints the whole annotated document.",
        doc.sentences.len(),
        tokens
    )?;
    out.flush()?;
    Ok(Outcome::Success)
}
