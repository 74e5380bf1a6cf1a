//! `truce eval`: scores printed against gold annotations.

use crate::Outcome;
use crate::cli::{EvalEntitiesArgs, EvalEventsArgs, EvalGeoArgs, EvalTimemlArgs};
use crate::output;
use anyhow::{Context, bail};
use std::collections::HashMap;
use std::io::Write;
use truce_core::{Document, Mention, MentionKind, Span};
use truce_lexicon::{Lexicon, normalize::key};

/// One gold link.
struct Gold {
    doc: String,
    text: String,
    /// Where it is, in the document's original text (bytes).
    at: Option<Span>,
    /// Which occurrence in the repaired text, when `at` is not given.
    nth: usize,
    kind: Option<String>,
    code: Option<String>,
    code_prefix: Option<String>,
    entity: Option<String>,
    /// The codes of a mention of several actors at once, sorted.
    members: Option<Vec<String>>,
}

fn field(v: &serde_json::Value, name: &str) -> Option<String> {
    v.get(name).and_then(|x| x.as_str()).map(str::to_owned)
}

/// Runs the pipeline on every document of `paths`, keyed by external id or
/// input name.
fn annotate_all(paths: &[std::path::PathBuf], date: Option<String>) -> anyhow::Result<HashMap<String, Document>> {
    let pipeline = crate::pipeline::Pipeline::new(&[])?;
    let options = truce_text::Options { date, ..Default::default() };
    let mut docs = HashMap::new();
    let mut failure = None;
    truce_text::read_paths(paths, &options, &mut |r| match r {
        Ok(mut doc) => {
            pipeline.run(&mut doc);
            let id = doc.source.external_id.clone().unwrap_or_else(|| doc.source.input.clone());
            docs.insert(id, doc);
        }
        Err(e) => failure = Some(e),
    });
    if let Some(e) = failure {
        bail!("{e}");
    }
    Ok(docs)
}

/// The byte span of `len` characters at character `at` of `text`.
fn char_span(text: &str, at: usize, chars: usize) -> Option<Span> {
    let mut idx = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let start = idx.nth(at)?;
    let end = text[start..].char_indices().map(|(i, _)| start + i).chain([text.len()]).nth(chars)?;
    Some(Span::new(start, end))
}

/// True when `entity` names the same thing as the mention.
fn same_entity(lexicon: &Lexicon, m: &Mention, entity: &str) -> bool {
    let Some(name) = m.name.as_deref() else { return false };
    if key(name) == key(entity) {
        return true;
    }
    // `OSCE` for the Organization for Security and Co-operation in Europe.
    let words: Vec<&str> = entity.split_whitespace().collect();
    lexicon
        .find_in_tokens(&words)
        .iter()
        .filter(|f| f.start == 0 && f.end == words.len())
        .flat_map(|f| f.candidates.iter())
        .any(|c| lexicon.entry(c.entry).name == name)
}

fn kind_fits(gold: Option<&str>, kind: MentionKind) -> bool {
    match gold {
        None => true,
        Some("place") => kind == MentionKind::Place,
        Some("actor") => matches!(kind, MentionKind::Actor | MentionKind::Organisation | MentionKind::Agent),
        Some(other) => format!("{kind:?}").eq_ignore_ascii_case(other),
    }
}

pub fn entities(args: &EvalEntitiesArgs) -> anyhow::Result<Outcome> {
    let text = std::fs::read_to_string(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    let mut golds = Vec::new();
    let docs = if let Ok(expected) = serde_json::from_str::<serde_json::Value>(&text)
        && expected.get("entities").is_some()
    {
        let doc_path = args.doc.clone().context("an expectations file needs --doc, the document it is about")?;
        let date = args.date.clone().or_else(|| field(&expected, "document_date"));
        let docs = annotate_all(std::slice::from_ref(&doc_path), date)?;
        let name = docs.keys().next().cloned().context("the document could not be read")?;
        for e in expected["entities"].as_array().into_iter().flatten() {
            let mention = field(e, "mention").context("an entity without \"mention\"")?;
            let at = e.get("at").and_then(|a| a.as_u64()).map(|a| a as usize);
            let original = &docs[&name].original;
            let at = match at {
                Some(at) => char_span(original, at, mention.chars().count()),
                None => original.find(&mention).map(|b| Span::new(b, b + mention.len())),
            };
            golds.push(Gold {
                doc: name.clone(),
                text: mention,
                at,
                nth: 0,
                kind: field(e, "kind"),
                code: field(e, "code"),
                code_prefix: field(e, "code_prefix"),
                entity: field(e, "entity"),
                members: None,
            });
        }
        docs
    } else {
        let corpus = args.corpus.clone().context("gold JSON Lines need --corpus, the reports they name")?;
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
            let v: serde_json::Value =
                serde_json::from_str(line).with_context(|| format!("{}:{}", args.gold.display(), i + 1))?;
            golds.push(Gold {
                doc: field(&v, "doc").with_context(|| format!("{}:{}: no \"doc\"", args.gold.display(), i + 1))?,
                text: field(&v, "text").with_context(|| format!("{}:{}: no \"text\"", args.gold.display(), i + 1))?,
                at: None,
                nth: v.get("nth").and_then(|n| n.as_u64()).unwrap_or(0) as usize,
                kind: field(&v, "kind"),
                code: field(&v, "code"),
                code_prefix: field(&v, "code_prefix"),
                entity: field(&v, "entity"),
                members: v.get("members").and_then(|m| m.as_array()).map(|m| {
                    let mut codes: Vec<String> = m.iter().filter_map(|c| c.as_str().map(str::to_owned)).collect();
                    codes.sort();
                    codes
                }),
            });
        }
        annotate_all(&[corpus], args.date.clone())?
    };

    let lexicon = Lexicon::default_lexicon();
    let (mut correct, mut found) = (0usize, 0usize);
    let mut misses = Vec::new();
    for g in &golds {
        let Some(doc) = docs.get(&g.doc) else {
            misses.push(format!("{}: no such document", g.doc));
            continue;
        };
        let span = match g.at {
            Some(at) => Some(doc.offsets.to_repaired(at)),
            None => doc.text.match_indices(&g.text).nth(g.nth).map(|(b, _)| Span::new(b, b + g.text.len())),
        };
        let Some(span) = span else {
            misses.push(format!("{}: {:?} not in the text", g.doc, g.text));
            continue;
        };
        let covering = doc.mentions.iter().filter(|m| m.span.start() <= span.start() && span.end() <= m.span.end());
        let best = covering.min_by_key(|m| m.span.len());
        let Some(m) = best else {
            misses.push(format!("{}: {:?} has no mention", g.doc, g.text));
            continue;
        };
        found += 1;
        let code_ok = g.code.as_deref().is_none_or(|c| m.code.as_deref() == Some(c))
            && g.code_prefix.as_deref().is_none_or(|p| m.code.as_deref().is_some_and(|c| c.starts_with(p)));
        let entity_ok = g.entity.as_deref().is_none_or(|e| same_entity(lexicon, m, e));
        let members_ok = g.members.as_ref().is_none_or(|want| {
            let mut got = m.members.clone();
            got.sort();
            got == *want
        });
        if code_ok && entity_ok && members_ok && kind_fits(g.kind.as_deref(), m.kind) {
            correct += 1;
        } else {
            misses.push(format!(
                "{}: {:?} linked as {:?} {} {:?} ({}), gold {:?} {:?}",
                g.doc,
                g.text,
                m.kind,
                m.code.as_deref().unwrap_or("-"),
                m.name,
                m.reason,
                g.code.as_deref().or(g.code_prefix.as_deref()),
                g.entity
            ));
        }
    }
    let n = golds.len();
    let accuracy = if n == 0 { 0.0 } else { correct as f64 / n as f64 };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::json_line(
            &mut out,
            &serde_json::json!({ "n": n, "correct": correct, "found": found, "accuracy": accuracy }),
        )?;
    } else {
        writeln!(out, "entity links: {correct} of {n} right ({:.1}%), {found} found", accuracy * 100.0)?;
    }
    if args.verbose || !args.json {
        for miss in &misses {
            writeln!(out, "  miss: {miss}")?;
        }
    }
    Ok(Outcome::Success)
}

/// Every `.tml` file under `path`, sorted.
fn tml_files(path: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    if path.is_file() {
        out.push(path.to_owned());
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(path)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            tml_files(&e, out)?;
        } else if e.extension().is_some_and(|x| x == "tml") {
            out.push(e);
        }
    }
    Ok(())
}

pub fn timeml(args: &EvalTimemlArgs) -> anyhow::Result<Outcome> {
    use truce_time::timeml::{Counts, SystemTimex, parse};
    let mut files = Vec::new();
    tml_files(&args.dir, &mut files).with_context(|| format!("reading {}", args.dir.display()))?;
    if files.is_empty() {
        bail!("no .tml files under {}", args.dir.display());
    }
    let pipeline = crate::pipeline::Pipeline::new(&[])?;
    let mut counts = Counts::default();
    let mut failed = 0usize;
    let mut bytes = 0usize;
    let mut wrong = Vec::new();
    let started = std::time::Instant::now();
    for file in &files {
        let doc =
            std::fs::read_to_string(file).map_err(|e| e.to_string()).and_then(|x| parse(&x).map_err(|e| e.to_string()));
        let doc = match doc {
            Ok(d) => d,
            Err(e) => {
                eprintln!("truce: {}: {e}", file.display());
                failed += 1;
                continue;
            }
        };
        bytes += doc.text.len();
        let source = truce_core::Source { input: file.display().to_string(), ..Default::default() };
        let options = truce_text::Options {
            date: doc.dct.as_deref().and_then(|d| d.get(..10)).map(str::to_owned),
            ..Default::default()
        };
        let mut annotated = match truce_text::annotate(doc.text.clone(), source, &options) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("truce: {}: {e}", file.display());
                failed += 1;
                continue;
            }
        };
        pipeline.run(&mut annotated);
        let system: Vec<SystemTimex> = annotated
            .timexes
            .iter()
            .map(|t| {
                let back = annotated.offsets.to_original(t.span);
                SystemTimex { start: back.start(), end: back.end(), kind: t.kind.clone(), value: t.value.clone() }
            })
            .collect();
        if args.verbose {
            // Where each wrong value is: the file and the words around it.
            let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into());
            let context = |start: usize, end: usize| {
                let from = doc.text.floor_char_boundary(start.saturating_sub(80));
                let to = doc.text.ceil_char_boundary((end + 60).min(doc.text.len()));
                let words: Vec<&str> = doc.text[from..to].split_whitespace().collect();
                format!("\n    {name}: …{}…", words.join(" "))
            };
            for g in &doc.timexes {
                let hit = system.iter().find(|s| s.start < g.end && g.start < s.end);
                let text = &doc.text[g.start..g.end];
                match hit {
                    Some(s) if s.value == g.value => {}
                    Some(s) => wrong.push(format!(
                        "{:<28} gold {:<14} truce {:<14} {}{}",
                        text,
                        g.value,
                        s.value,
                        &doc.text[s.start..s.end],
                        context(g.start, g.end)
                    )),
                    None => wrong.push(format!("{:<28} gold {:<14} missed{}", text, g.value, context(g.start, g.end))),
                }
            }
            for s in &system {
                if !doc.timexes.iter().any(|g| s.start < g.end && g.start < s.end) {
                    wrong.push(format!(
                        "{:<28} spurious {}{}",
                        &doc.text[s.start..s.end],
                        s.value,
                        context(s.start, s.end)
                    ));
                }
            }
        }
        counts.add(&doc.timexes, &system);
    }
    let secs = started.elapsed().as_secs_f64();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for w in &wrong {
        writeln!(out, "{w}")?;
    }
    if args.json {
        output::json_line(
            &mut out,
            &serde_json::json!({
                "documents": files.len() - failed,
                "failed": failed,
                "n_gold": counts.gold,
                "n_system": counts.system,
                "strict_f1": counts.strict_f1(),
                "relaxed_f1": counts.relaxed_f1(),
                "type_f1": counts.type_f1(),
                "value_f1": counts.value_f1(),
                "type_accuracy": counts.type_accuracy(),
                "value_accuracy": counts.value_accuracy(),
            }),
        )?;
    } else {
        writeln!(
            out,
            "{} TimeML documents ({} unreadable), {:.1} MB in {:.2} s",
            files.len() - failed,
            failed,
            bytes as f64 / 1e6,
            secs
        )?;
        writeln!(out, "{counts}")?;
    }
    Ok(if failed == 0 { Outcome::Success } else { Outcome::SomeFailed })
}

/// The gold's older PLOVER categories, in the current sixteen (as PLOVER's
/// documentation maps them).
fn current_plover(category: &str) -> &str {
    match category {
        "DEMAND" => "REQUEST",
        "FIGHT" => "ASSAULT",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        other => other,
    }
}

/// Country parts (first three letters) of a list of codes, sorted.
fn countries<'a>(codes: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut c: Vec<String> = codes.filter_map(|c| c.get(..3)).map(str::to_owned).collect();
    c.sort();
    c.dedup();
    c
}

pub fn events(args: &EvalEventsArgs) -> anyhow::Result<Outcome> {
    let text = std::fs::read_to_string(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    let gold: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", args.gold.display()))?;
    let records = gold["records"].as_array().context("no \"records\" list")?;
    let pipeline = crate::pipeline::Pipeline::new(&[])?;
    let (mut n, mut category, mut source, mut target, mut triple, mut spurious) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for r in records {
        let Some(sentence) = r["text"].as_str() else { continue };
        n += 1;
        let want = current_plover(r["event"].as_str().unwrap_or(""));
        let codes = |side: &str| countries(r[side].as_array().into_iter().flatten().filter_map(|a| a["code"].as_str()));
        let (gold_source, gold_target) = (codes("source"), codes("target"));
        let date = r["date"].as_str().map(str::to_owned);
        let options = truce_text::Options { date, ..Default::default() };
        let Ok(mut doc) = truce_text::annotate(sentence.to_owned(), truce_core::Source::default(), &options) else {
            continue;
        };
        pipeline.run(&mut doc);
        spurious += doc.events.len().saturating_sub(1);
        let best = doc
            .events
            .iter()
            .find(|e| e.plover.as_deref() == Some(want))
            .or_else(|| doc.events.iter().find(|e| !e.source.is_empty()))
            .or(doc.events.first());
        let Some(e) = best else {
            if args.verbose {
                writeln!(out, "no event   gold {want:<10} {sentence}")?;
            }
            continue;
        };
        let ours = |list: &[truce_core::EventActor]| countries(list.iter().filter_map(|a| a.code.as_deref()));
        let c = e.plover.as_deref() == Some(want);
        let s = ours(&e.source) == gold_source;
        let t = ours(&e.target) == gold_target;
        category += usize::from(c);
        source += usize::from(s);
        target += usize::from(t);
        triple += usize::from(c && s && t);
        if args.verbose && !(c && s && t) {
            writeln!(
                out,
                "{} {:<10} {:?}->{:?} gold {:<10} {:?}->{:?}  {}",
                e.cameo,
                e.plover.as_deref().unwrap_or("-"),
                ours(&e.source),
                ours(&e.target),
                want,
                gold_source,
                gold_target,
                sentence
            )?;
        }
    }
    let rate = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    if args.json {
        output::json_line(
            &mut out,
            &serde_json::json!({
                "n": n,
                "category_accuracy": rate(category),
                "source_accuracy": rate(source),
                "target_accuracy": rate(target),
                "triple_accuracy": rate(triple),
                "spurious": spurious,
            }),
        )?;
    } else {
        writeln!(out, "{n} gold records")?;
        writeln!(out, "  category accuracy {:.3}", rate(category))?;
        writeln!(out, "  source accuracy   {:.3}", rate(source))?;
        writeln!(out, "  target accuracy   {:.3}", rate(target))?;
        writeln!(out, "  triple accuracy   {:.3}", rate(triple))?;
        writeln!(out, "  spurious events   {spurious}")?;
    }
    Ok(Outcome::Success)
}

/// Byte offset → character offset of `text`, for every char boundary.
fn char_offsets(text: &str) -> Vec<usize> {
    let mut at = vec![0; text.len() + 1];
    let mut chars = 0;
    for (byte, _) in text.char_indices() {
        at[byte] = chars;
        chars += 1;
    }
    at[text.len()] = chars;
    // Bytes inside a character map to the character they belong to.
    for byte in 1..text.len() {
        if !text.is_char_boundary(byte) {
            at[byte] = at[byte - 1];
        }
    }
    at
}

pub fn geo(args: &EvalGeoArgs) -> anyhow::Result<Outcome> {
    use truce_geo::eval::{CountryFinder, SystemArticle, SystemToponym, read_gold, score};
    let xml = std::fs::read_to_string(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    let gold = read_gold(&xml).map_err(|e| anyhow::anyhow!("{}: {e}", args.gold.display()))?;
    let pipeline = crate::pipeline::Pipeline::new(&[])?;
    let Some(gazetteer) = pipeline.places().gazetteer() else { bail!("the gazetteer could not be loaded") };
    let countries = CountryFinder::new(gazetteer);
    let options = truce_text::Options::default();
    let started = std::time::Instant::now();
    let mut system = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for article in &gold {
        let raw = truce_text::RawDocument {
            name: article.id.clone(),
            bytes: article.text.clone().into_bytes(),
            ..Default::default()
        };
        let Ok(mut doc) = truce_text::intake_bytes(raw, &options) else {
            system.push(SystemArticle { found: Vec::new(), resolved: vec![None; article.toponyms.len()] });
            continue;
        };
        pipeline.run(&mut doc);
        // Gold character offsets → bytes of the original → repaired text.
        let original = &doc.original;
        let byte_of_char: Vec<usize> = original.char_indices().map(|(b, _)| b).chain([original.len()]).collect();
        let to_chars = char_offsets(original);
        let to_system = |t: &truce_core::Toponym| {
            let span = doc.offsets.to_original(t.span);
            SystemToponym {
                start: to_chars[span.start().min(original.len())],
                end: to_chars[span.end().min(original.len())],
                lat: t.lat,
                lon: t.lon,
                country: t.country.to_owned(),
            }
        };
        let gold_spans: Vec<Option<Span>> = article
            .toponyms
            .iter()
            .map(|t| {
                let (start, end) = (*byte_of_char.get(t.start)?, *byte_of_char.get(t.end)?);
                Some(doc.offsets.to_repaired(Span::new(start, end)))
            })
            .collect();
        let given: Vec<Span> = gold_spans.iter().flatten().copied().collect();
        let resolved_all = truce_geo::toponyms::find_with(&doc, pipeline.places(), &given);
        let resolved: Vec<Option<SystemToponym>> = gold_spans
            .iter()
            .map(|span| {
                let span = (*span)?;
                resolved_all.iter().find(|t| t.span.overlaps(span)).map(&to_system)
            })
            .collect();
        if args.verbose {
            for (t, r) in article.toponyms.iter().zip(&resolved) {
                let error = r.as_ref().map(|r| truce_geo::eval::distance_km(r.lat, r.lon, t.lat, t.lon));
                if error.is_none_or(|e| e > 161.0) {
                    let found = r.as_ref().and_then(|r| {
                        resolved_all.iter().find(|x| to_system(x).start == r.start && (x.lat, x.lon) == (r.lat, r.lon))
                    });
                    writeln!(
                        out,
                        "{}\t{:?}\tgold {:.2},{:.2}\t{}",
                        article.id,
                        t.text,
                        t.lat,
                        t.lon,
                        match (error, found) {
                            (Some(e), Some(f)) => format!(
                                "{} {} ({}) {:.0} km; {}",
                                f.name,
                                f.feature,
                                f.country.as_deref().unwrap_or("-"),
                                e,
                                f.reason
                            ),
                            (Some(e), None) => format!("{e:.0} km"),
                            _ => "not in the gazetteer".into(),
                        }
                    )?;
                }
            }
        }
        let found: Vec<SystemToponym> = doc.toponyms.iter().map(&to_system).collect();
        if args.verbose {
            for g in &article.toponyms {
                if !found.iter().any(|f| f.start < g.end && g.start < f.end) {
                    writeln!(out, "{}\t{:?}\tnot found", article.id, g.text)?;
                }
            }
            for (f, t) in found.iter().zip(&doc.toponyms) {
                if !article.toponyms.iter().any(|g| f.start < g.end && g.start < f.end) {
                    writeln!(
                        out,
                        "{}\t{:?}\tnot in the gold\t{} {} ({}); {}",
                        article.id, t.text, t.name, t.feature, t.role, t.reason
                    )?;
                }
            }
        }
        system.push(SystemArticle { found, resolved });
    }
    let secs = started.elapsed().as_secs_f64();
    let scores = score(&gold, &system, &countries);
    if args.json {
        output::json_line(&mut out, &scores)?;
    } else {
        writeln!(out, "{} articles, {} gold toponyms ({:.1} s)", scores.articles, scores.n, secs)?;
        writeln!(out, "resolution of the gold toponyms, in context:")?;
        writeln!(out, "  accuracy within 161 km  {:.3}", scores.acc161)?;
        writeln!(out, "  country accuracy        {:.3}", scores.country_acc)?;
        writeln!(out, "  AUC of log error        {:.3}  (0 best)", scores.auc)?;
        writeln!(out, "  mean error              {:.0} km (median {:.0} km)", scores.mean_km, scores.median_km)?;
        writeln!(out, "recognition (any overlap with a gold span):")?;
        writeln!(
            out,
            "  precision {:.3}  recall {:.3}  F1 {:.3}",
            scores.recognition_precision, scores.recognition_recall, scores.recognition_f1
        )?;
        writeln!(out, "end to end (found and within 161 km, over all gold): {:.3}", scores.end_to_end_acc161)?;
    }
    Ok(Outcome::Success)
}

/// `truce eval compliance`: boards against an analyst's expected verdicts.
pub fn compliance(args: &crate::cli::EvalComplianceArgs) -> anyhow::Result<Outcome> {
    use super::compliance::{Engine, date_arg, known_code, today};
    let engine = Engine::load(&args.comply)?;
    let known = known_code(Lexicon::default_lexicon());
    let mut agreements = Vec::new();
    for path in &args.agreements {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        agreements.push(truce_comply::agreement::parse(&path.display().to_string(), &text, &known)?);
    }
    truce_comply::agreement::link(&mut agreements);
    let pipeline = crate::pipeline::Pipeline::new(&[])?;
    let mut observations = Vec::new();
    let mut failed = 0usize;
    let mut reports = 0usize;
    truce_text::read_paths(&args.corpus, &truce_text::Options::default(), &mut |result| match result {
        Ok(mut doc) => {
            pipeline.run(&mut doc);
            reports += 1;
            observations.extend(truce_comply::Observation::of_document(&doc));
        }
        Err(e) => {
            failed += 1;
            output::report_failure(&e);
        }
    });
    let as_of = date_arg(args.as_of.as_deref())?.unwrap_or_else(today);
    let boards: Vec<truce_comply::Board> = agreements
        .iter()
        .map(|a| truce_comply::board(a, &observations, &engine.outlets, &engine.rules, as_of))
        .collect();
    let expected = std::fs::read_to_string(&args.expected)
        .with_context(|| format!("reading the expected verdicts {}", args.expected.display()))?;
    let mut out = std::io::stdout().lock();
    let (mut n, mut matched) = (0usize, 0usize);
    for (i, line) in expected.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [agreement, provision, party, accepted, why @ ..] = f.as_slice() else {
            bail!("{}:{}: expected at least 4 tab-separated columns", args.expected.display(), i + 1);
        };
        let verdict = boards
            .iter()
            .filter(|b| b.agreement == *agreement)
            .flat_map(|b| &b.verdicts)
            .find(|v| v.provision == *provision && v.party == *party);
        let got = verdict.map_or("(no such verdict)", |v| v.status.as_str());
        let ok = accepted.split('|').any(|s| s == got);
        n += 1;
        matched += usize::from(ok);
        if !args.json {
            writeln!(
                out,
                "{} {agreement} {provision} {party}: expected {accepted}, got {got}{}",
                if ok { "ok  " } else { "MISS" },
                verdict.map(|v| format!(" — {}", v.rationale)).unwrap_or_default()
            )?;
            if !ok && args.verbose {
                writeln!(out, "       analyst: {}", why.first().copied().unwrap_or(""))?;
                for c in verdict.map(|v| v.evidence.as_slice()).unwrap_or_default() {
                    let s: String = c.sentence.chars().take(150).collect();
                    writeln!(
                        out,
                        "       {:<13} {} {} {s}",
                        c.role,
                        c.date.as_deref().unwrap_or("?"),
                        c.outlet.as_deref().unwrap_or("?")
                    )?;
                }
            }
        }
    }
    let accuracy = matched as f64 / n.max(1) as f64;
    if args.json {
        let value = serde_json::json!({
            "n": n, "matched": matched, "accuracy": accuracy, "reports": reports,
            "observations": observations.len(), "as_of": as_of.to_string(),
        });
        writeln!(out, "{value}")?;
    } else {
        writeln!(
            out,
            "\n{matched} of {n} verdicts as expected ({:.1}%), from {reports} reports and {} coded events, as of {as_of}",
            accuracy * 100.0,
            observations.len()
        )?;
    }
    Ok(if failed == 0 { Outcome::Success } else { Outcome::SomeFailed })
}
