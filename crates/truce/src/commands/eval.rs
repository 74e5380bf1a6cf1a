//! `truce eval`: scores printed against gold annotations.

use crate::Outcome;
use crate::cli::EvalEntitiesArgs;
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
