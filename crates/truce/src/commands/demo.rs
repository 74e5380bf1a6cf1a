//! `truce demo`: the built-in demo corpus run through the whole pipeline
//! into a fresh record, and the boards of its agreements; with `--report`,
//! how truce reads one damaged report.

use super::compliance;
use crate::Outcome;
use crate::cli::DemoArgs;
use crate::output;
use std::io::Write;
use truce_comply::Outlets;
use truce_core::{BlockKind, Source};

/// The demo corpus (see `examples/demo/README.md`): reports of the 2022
/// Yemen truce written for truce, in several styles and states of damage.
const REPORTS: &str = include_str!("../../../../examples/demo/reports.jsonl");
/// The agreements the reports are checked against.
const AGREEMENTS: &[(&str, &str)] = &[
    ("examples/demo/agreement.toml", include_str!("../../../../examples/demo/agreement.toml")),
    ("examples/demo/renewal-2022-06.toml", include_str!("../../../../examples/demo/renewal-2022-06.toml")),
    ("examples/demo/renewal-2022-08.toml", include_str!("../../../../examples/demo/renewal-2022-08.toml")),
];
/// The outlets' grades.
const OUTLETS: &str = include_str!("../../../../examples/demo/outlets.toml");

/// A report written for truce in the style of machine-translated wire copy,
/// with the damage such copy arrives with (see `examples/`).
pub const EXAMPLE: &str = include_str!("../../../../examples/truce-report.txt");
/// The date the example was filed.
pub const EXAMPLE_DATE: &str = "2022-04-03";

pub fn run(args: &DemoArgs) -> anyhow::Result<Outcome> {
    if args.report { report(args) } else { boards(args) }
}

/// The main job on the demo corpus: intake, entities, time, events,
/// places, the store, and the compliance boards.
fn boards(args: &DemoArgs) -> anyhow::Result<Outcome> {
    let path = std::env::temp_dir().join("truce-demo.db");
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    let store = truce_store::Store::open(&path)?;
    let pipeline = crate::pipeline::Pipeline::new(&[])?;
    let mut failed = 0usize;
    let (mut documents, mut events, mut last_day) = (0usize, 0usize, None::<String>);
    store.begin()?;
    let mut store_error = None;
    truce_text::read_jsonl(
        std::io::Cursor::new(REPORTS.as_bytes()),
        "examples/demo/reports.jsonl",
        &truce_text::Options::default(),
        &mut |result| match result {
            Ok(mut doc) => {
                pipeline.run(&mut doc);
                documents += 1;
                events += doc.events.len();
                if doc.source.date > last_day {
                    last_day = doc.source.date.clone();
                }
                let stored = store.put(&doc).and_then(|_| compliance::put_coded(&store, &doc));
                if let Err(e) = stored {
                    store_error.get_or_insert(e);
                }
            }
            Err(e) => {
                failed += 1;
                output::report_failure(&e);
            }
        },
    );
    store.commit()?;
    if let Some(e) = store_error {
        return Err(e.into());
    }
    let known = compliance::known_code(truce_lexicon::Lexicon::default_lexicon());
    let mut agreements = Vec::new();
    for (name, text) in AGREEMENTS {
        let a = truce_comply::agreement::parse(name, text, &known)?;
        store.put_agreement(&a.agreement.id, &a.agreement.title, name, text)?;
        agreements.push(a);
    }
    truce_comply::agreement::link(&mut agreements);
    let engine = compliance::Engine {
        outlets: Outlets::parse("examples/demo/outlets.toml", OUTLETS).map_err(anyhow::Error::msg)?,
        rules: truce_comply::Rules::load(),
    };
    let last = compliance::date_arg(last_day.as_deref())?.and_then(|d| d.tomorrow().ok());
    let as_of = compliance::date_arg(args.as_of.as_deref())?.or(last).unwrap_or_else(compliance::today);
    let observations = compliance::observations(&store)?;
    let boards: Vec<truce_comply::Board> = agreements
        .iter()
        .map(|a| truce_comply::board(a, &observations, &engine.outlets, &engine.rules, as_of))
        .collect();
    compliance::record(&store, &boards)?;
    if args.json {
        let mut out = std::io::stdout().lock();
        for b in &boards {
            writeln!(out, "{}", serde_json::to_string(b)?)?;
        }
        return Ok(Outcome::Success);
    }
    let mut out = anstream::stdout().lock();
    writeln!(
        out,
        "truce demo: {documents} reports of the 2022 Yemen truce (wire copy, statements, monitors' notes, machine\n\
         translation with mojibake; written for truce, see examples/demo/README.md) → {events} coded events →\n\
         {} agreements checked, as of {as_of}. The record is {}.\n",
        agreements.len(),
        path.display()
    )?;
    for (b, a) in boards.iter().zip(&agreements) {
        super::status::print_board(&mut out, b, a, args.evidence)?;
    }
    writeln!(
        out,
        "Next: `truce demo --evidence` lists the sentences behind each verdict; `truce status --db {} \\\n\
         --outlets examples/demo/outlets.toml --as-of 2022-05-01` shows the board as it stood that day;\n\
         `truce demo --report` shows how one damaged report is read; `truce serve --db {} \\\n\
         --outlets examples/demo/outlets.toml` opens the record in a browser (timeline, map, boards, review).",
        path.display(),
        path.display()
    )?;
    out.flush()?;
    Ok(if failed == 0 { Outcome::Success } else { Outcome::SomeFailed })
}

/// One damaged report, every layer shown.
fn report(args: &DemoArgs) -> anyhow::Result<Outcome> {
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
