//! `truce bench`: speed figures printed, never asserted.
//!
//! The generated corpus is made of report-like sentences written for this
//! project, with the damage real copy shows (mojibake, entities, stray
//! tags, odd spaces, CRLF line ends, full stops without a space after
//! them), so that every repair path runs.

use crate::Outcome;
use crate::cli::{BenchIntakeArgs, GenerateArgs};
use crate::output;
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;
use truce_core::Format;
use truce_text::RawDocument;

const SUBJECTS: &[&str] = &[
    "The defence ministry",
    "A spokesman for the rebel forces",
    "The UN special envoy",
    "Monitors from the joint commission",
    "The foreign ministers of the three countries",
    "Gen. Petrov",
    "The U.S. State Department",
    "Local officials in the northern district",
    "The International Committee of the Red Cross",
    "Both sides",
];
const PREDICATES: &[&str] = &[
    "said the ceasefire had largely held overnight despite sporadic shelling near the front line",
    "accused the other side of violating the truce with mortar fire on Monday evening",
    "called on all parties to respect the agreement signed on Nov. 9 and to withdraw heavy weapons",
    "announced that 1,960 peacekeepers would be deployed along the line of contact within 72 hours",
    "denied reports that its troops had entered the village of Upper Kesh at 03:00 local time",
    "said prisoners of war and the remains of the dead would be exchanged under the agreement",
    "welcomed the decision to open a humanitarian corridor for civilians leaving the city",
    "urged the parties to resume negotiations under the auspices of the mediators in Geneva",
    "reported that 3.5 tonnes of aid had reached the besieged town by road",
    "said the handover of the district would be completed by Dec. 1 as agreed",
];
const DATELINES: &[&str] =
    &["GENEVA, March 4 (Wire) - ", "Moscow, December 3rd ", "ADEN, Aug. 2 (Wire) - ", "Kyiv: ", ""];
const CAPTIONS: &[&str] =
    &["▲Displaced families wait at a checkpoint, source: AFP\n\n", "Photo: Monitors inspect a crater.\n\n", ""];

/// A small deterministic generator, so corpora are the same every run.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        items[((self.0 >> 33) as usize) % items.len()]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % 100 < percent
    }
}

/// Damages a sentence the way real copy is damaged.
fn damage(sentence: &str, rng: &mut Lcg) -> String {
    let mut s = sentence.to_owned();
    if rng.chance(10) {
        s = s.replace('’', "â€™").replace("▲", "â–²");
    }
    if rng.chance(5) {
        s = s.replacen(' ', "&nbsp;", 1);
    }
    if rng.chance(5) {
        s = s.replacen(' ', "\u{a0}\u{a0}", 1);
    }
    s
}

/// One generated report.
fn report(rng: &mut Lcg) -> String {
    let mut text = String::new();
    text.push_str(&rng.pick(CAPTIONS).replace('▲', if rng.chance(50) { "â–²" } else { "▲" }));
    text.push_str(rng.pick(DATELINES));
    let paragraphs = 3 + (rng.pick(&["0", "1", "2", "3"]).parse::<usize>().unwrap_or(0));
    for p in 0..paragraphs {
        for i in 0..3 {
            let sentence = format!("{} {}.", rng.pick(SUBJECTS), rng.pick(PREDICATES));
            text.push_str(&damage(&sentence, rng));
            // Machine translation drops the space after some full stops.
            if i < 2 && rng.chance(90) {
                text.push(' ');
            }
        }
        if p + 1 < paragraphs {
            text.push_str(if rng.chance(20) {
                "\r\n\r\n"
            } else if rng.chance(5) {
                " < / P > < p > "
            } else {
                "\n\n"
            });
        }
    }
    text.push('\n');
    text
}

/// A corpus of about `mb` megabytes.
fn corpus(mb: usize) -> Vec<RawDocument> {
    let mut rng = Lcg(2020);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < mb * 1_000_000 {
        let text = report(&mut rng);
        total += text.len();
        docs.push(RawDocument {
            name: format!("generated-{}", docs.len()),
            bytes: text.into_bytes(),
            format: Some(Format::Text),
            ..Default::default()
        });
    }
    docs
}

/// Reads the documents under `paths` into memory, one raw document each.
fn load(paths: &[PathBuf]) -> anyhow::Result<Vec<RawDocument>> {
    let mut docs = Vec::new();
    let options = truce_text::Options::default();
    // Documents are read through intake once, then their original text is
    // kept: the timing below covers decode and annotation, not disk reads.
    truce_text::read_paths(paths, &options, &mut |r| {
        if let Ok(doc) = r {
            docs.push(RawDocument {
                name: doc.source.input,
                bytes: doc.original.into_bytes(),
                format: Some(Format::Text),
                ..Default::default()
            });
        }
    });
    anyhow::ensure!(!docs.is_empty(), "no readable documents under the given paths");
    Ok(docs)
}

pub fn intake(args: &BenchIntakeArgs) -> anyhow::Result<Outcome> {
    let docs = if args.paths.is_empty() { corpus(args.mb) } else { load(&args.paths)? };
    let bytes: usize = docs.iter().map(|d| d.bytes.len()).sum();
    let options = truce_text::Options::default();
    let (mut sentences, mut tokens, mut failed) = (0usize, 0usize, 0usize);
    let started = Instant::now();
    for raw in docs.iter().cloned() {
        match truce_text::intake_bytes(raw, &options) {
            Ok(doc) => {
                sentences += doc.sentences.len();
                tokens += doc.sentences.iter().map(|s| s.tokens.len()).sum::<usize>();
            }
            Err(_) => failed += 1,
        }
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let figures = serde_json::json!({
        "documents": docs.len(),
        "failed": failed,
        "megabytes": bytes as f64 / 1e6,
        "seconds": secs,
        "mb_per_s": bytes as f64 / 1e6 / secs,
        "sentences": sentences,
        "sentences_per_s": sentences as f64 / secs,
        "tokens": tokens,
        "threads": 1,
    });
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::json_line(&mut out, &figures)?;
    } else {
        writeln!(out, "intake on one core: {} documents, {:.1} MB in {:.2} s", docs.len(), bytes as f64 / 1e6, secs)?;
        writeln!(out, "  {:.1} MB/s", bytes as f64 / 1e6 / secs)?;
        writeln!(out, "  {:.0} sentences/s ({} sentences)", sentences as f64 / secs, sentences)?;
        writeln!(out, "  {:.0} tokens/s ({} tokens)", tokens as f64 / secs, tokens)?;
        writeln!(out, "  {:.0} documents/s, {} failed", docs.len() as f64 / secs, failed)?;
    }
    Ok(Outcome::Success)
}

pub fn entities(args: &BenchIntakeArgs) -> anyhow::Result<Outcome> {
    // Load time: compiling the embedded dictionaries, as a fresh process does.
    let started = Instant::now();
    let lexicon = truce_lexicon::LexiconBuilder::with_defaults()?.build();
    let load_secs = started.elapsed().as_secs_f64();
    let names = lexicon.name_count();
    let entries = lexicon.entries().len();
    let lexicon: &'static truce_lexicon::Lexicon = Box::leak(Box::new(lexicon));
    let resources = truce_entities::Resources::new(lexicon);

    let (mut docs, bytes) = taken_in(args, truce_text::Options::default())?;

    // Matching alone: every sentence through the automaton.
    let started = Instant::now();
    let mut names_found = 0usize;
    for doc in &docs {
        for s in &doc.sentences {
            let words: Vec<&str> = s.tokens.iter().map(|t| t.span.slice(&doc.text)).collect();
            names_found += lexicon.find_in_tokens(&words).len();
        }
    }
    let matching = started.elapsed().as_secs_f64().max(1e-9);

    // The whole stage.
    let started = Instant::now();
    let mut mentions = 0usize;
    for doc in &mut docs {
        truce_entities::annotate(doc, &resources);
        mentions += doc.mentions.len();
    }
    let stage = started.elapsed().as_secs_f64().max(1e-9);
    let mb = bytes as f64 / 1e6;
    let figures = serde_json::json!({
        "dictionary_entries": entries,
        "dictionary_names": names,
        "load_ms": load_secs * 1e3,
        "documents": docs.len(),
        "megabytes": mb,
        "matching_mb_per_s": mb / matching,
        "names_found": names_found,
        "stage_mb_per_s": mb / stage,
        "mentions": mentions,
        "threads": 1,
    });
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::json_line(&mut out, &figures)?;
    } else {
        writeln!(
            out,
            "dictionaries: {entries} entries, {names} names, loaded and compiled in {:.1} ms",
            load_secs * 1e3
        )?;
        writeln!(out, "matching on one core: {:.1} MB/s ({names_found} names in {mb:.1} MB)", mb / matching)?;
        writeln!(
            out,
            "entities stage on one core: {:.1} MB/s ({mentions} mentions, {} documents)",
            mb / stage,
            docs.len()
        )?;
    }
    Ok(Outcome::Success)
}

pub fn time(args: &BenchIntakeArgs) -> anyhow::Result<Outcome> {
    let resources = truce_time::Resources::new();
    let (mut docs, bytes) =
        taken_in(args, truce_text::Options { date: Some("2020-12-03".into()), ..Default::default() })?;
    let started = Instant::now();
    let mut found = 0usize;
    for doc in &mut docs {
        truce_time::annotate(doc, &resources);
        found += doc.timexes.len();
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let mb = bytes as f64 / 1e6;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let figures = serde_json::json!({ "documents": docs.len(), "megabytes": mb, "mb_per_s": mb / secs, "timexes": found, "threads": 1 });
        output::json_line(&mut out, &figures)?;
    } else {
        writeln!(
            out,
            "time stage on one core: {:.1} MB/s ({found} expressions in {mb:.1} MB, {} documents)",
            mb / secs,
            docs.len()
        )?;
    }
    Ok(Outcome::Success)
}

pub fn pipeline(args: &BenchIntakeArgs) -> anyhow::Result<Outcome> {
    let pipeline = crate::pipeline::Pipeline::new(&[])?;
    let raws = if args.paths.is_empty() { corpus(args.mb) } else { load(&args.paths)? };
    let bytes: usize = raws.iter().map(|r| r.bytes.len()).sum();
    let options = truce_text::Options { date: Some("2020-12-03".into()), ..Default::default() };
    let threads = args.threads.max(1);
    // Documents are independent: each thread takes every n-th one.
    let run = |part: usize| {
        let (mut sentences, mut events) = (0usize, 0usize);
        for raw in raws.iter().skip(part).step_by(threads).cloned() {
            if let Ok(mut doc) = truce_text::intake_bytes(raw, &options) {
                pipeline.run(&mut doc);
                sentences += doc.sentences.len();
                events += doc.events.len();
            }
        }
        (sentences, events)
    };
    let started = Instant::now();
    let totals: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|part| scope.spawn(move || run(part))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or((0, 0))).collect()
    });
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let (sentences, events) = totals.iter().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let mb = bytes as f64 / 1e6;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let figures = serde_json::json!({
            "megabytes": mb, "seconds": secs, "sentences": sentences, "sentences_per_s": sentences as f64 / secs,
            "events": events, "mb_per_s": mb / secs, "threads": threads,
        });
        output::json_line(&mut out, &figures)?;
    } else {
        writeln!(
            out,
            "pipeline (intake, entities, time, events, places) on {threads} thread(s): {mb:.1} MB in {secs:.2} s"
        )?;
        writeln!(
            out,
            "  {:.0} sentences/s ({sentences} sentences), {:.1} MB/s, {events} events",
            sentences as f64 / secs,
            mb / secs
        )?;
    }
    Ok(Outcome::Success)
}

/// Named parties and places for the generated feed, so that a record
/// built from it has actors, places and dates to filter on.
const PARTIES: &[&str] = &[
    "Azerbaijani forces",
    "Armenian troops",
    "Russian peacekeepers",
    "Ukraine's army",
    "Russian forces",
    "Houthi rebels",
    "Yemen's government",
    "Sudan's army",
    "the Rapid Support Forces",
    "Israeli troops",
];
const ACTS: &[&str] = &[
    "shelled positions near",
    "withdrew from",
    "released detainees in",
    "accused the other side of attacking",
    "agreed to open a corridor to",
    "fired rockets at",
    "met mediators in",
];
const PLACES: &[&str] = &[
    "Tartar",
    "Shusha",
    "Donetsk",
    "Kherson",
    "Marib",
    "Hodeidah",
    "Taiz",
    "Khartoum",
    "El Fasher",
    "Gaza",
    "Kharkiv",
];
const OUTLETS: &[&str] =
    &["Harbour Wire", "Gulf Ledger", "Caspian Daily", "Steppe News", "Nile Courier", "Relay Agency"];

pub fn generate(args: &GenerateArgs) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut rng = Lcg(1993);
    let first = jiff::civil::date(2020, 1, 1);
    for (i, raw) in corpus(args.mb).into_iter().enumerate() {
        let mut text = String::from_utf8(raw.bytes).context("generated text is UTF-8")?;
        // One sentence naming parties and a place leads each report.
        let lead = format!("{} {} {} on Monday. ", rng.pick(PARTIES), rng.pick(ACTS), rng.pick(PLACES));
        text.insert_str(0, &lead);
        let day = first.checked_add(jiff::Span::new().days((i as i64 * 7919) % 1826)).unwrap_or(first);
        let record = serde_json::json!({
            "id": format!("gen-{i}"), "published": day.to_string(), "outlet": rng.pick(OUTLETS), "text": text,
        });
        output::json_line(&mut out, &record)?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// The documents a stage benchmark times, taken in before the clock
/// starts (a generated corpus, or the files under PATHS), and their bytes.
fn taken_in(
    args: &BenchIntakeArgs,
    options: truce_text::Options,
) -> anyhow::Result<(Vec<truce_core::Document>, usize)> {
    let raws = if args.paths.is_empty() { corpus(args.mb) } else { load(&args.paths)? };
    let docs: Vec<truce_core::Document> =
        raws.into_iter().filter_map(|r| truce_text::intake_bytes(r, &options).ok()).collect();
    let bytes = docs.iter().map(|d| d.text.len()).sum();
    Ok((docs, bytes))
}

pub fn places(args: &BenchIntakeArgs) -> anyhow::Result<Outcome> {
    // Load time: the built-in file, decompressed and indexed on first use
    // exactly as every command does.
    let started = Instant::now();
    let gazetteer = truce_geo::Gazetteer::embedded().map_err(|e| anyhow::anyhow!("{e}"))?;
    let load_secs = started.elapsed().as_secs_f64();
    // Lookups: every place's own name, in file order.
    let names: Vec<String> = gazetteer.places().map(|p| p.name.to_owned()).collect();
    let started = Instant::now();
    let hits: usize = names.iter().map(|n| gazetteer.lookup(n).len()).sum();
    let lookup_secs = started.elapsed().as_secs_f64().max(1e-9);

    let pipeline = crate::pipeline::Pipeline::new(&[])?;
    let (mut docs, bytes) =
        taken_in(args, truce_text::Options { date: Some("2020-12-03".into()), ..Default::default() })?;
    for doc in &mut docs {
        pipeline.run(doc);
    }
    let resources = truce_geo::Resources::with_gazetteer(gazetteer);
    let started = Instant::now();
    for doc in &mut docs {
        truce_geo::annotate(doc, &resources);
    }
    let stage_secs = started.elapsed().as_secs_f64().max(1e-9);
    let toponyms: usize = docs.iter().map(|d| d.toponyms.len()).sum();
    let mb = bytes as f64 / 1e6;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let figures = serde_json::json!({
            "gazetteer_bytes": truce_geo::gazetteer::EMBEDDED.len(), "places": gazetteer.len(),
            "names": gazetteer.name_count(), "load_ms": load_secs * 1e3,
            "lookups_per_s": names.len() as f64 / lookup_secs, "toponyms": toponyms,
            "toponyms_per_s": toponyms as f64 / stage_secs, "mb_per_s": mb / stage_secs, "threads": 1,
        });
        output::json_line(&mut out, &figures)?;
    } else {
        writeln!(
            out,
            "gazetteer: {} places, {} names, {:.1} MB on disk, loaded in {:.0} ms",
            gazetteer.len(),
            gazetteer.name_count(),
            truce_geo::gazetteer::EMBEDDED.len() as f64 / 1e6,
            load_secs * 1e3
        )?;
        writeln!(
            out,
            "lookups on one core: {:.0}/s ({hits} places for {} names)",
            names.len() as f64 / lookup_secs,
            names.len()
        )?;
        writeln!(
            out,
            "places stage on one core: {:.0} toponyms resolved/s, {:.1} MB/s ({toponyms} toponyms in {mb:.1} MB, {} documents)",
            toponyms as f64 / stage_secs,
            mb / stage_secs,
            docs.len()
        )?;
    }
    Ok(Outcome::Success)
}
