//! `truce agreement add|list|show|draft`.

use super::compliance::{self, Engine};
use crate::Outcome;
use crate::cli::{AgreementAddArgs, AgreementDraftArgs, AgreementListArgs, AgreementShowArgs};
use anyhow::Context;
use std::io::{Read, Write};
use truce_lexicon::{Lexicon, LexiconBuilder};
use truce_store::Stored;

pub fn add(args: &AgreementAddArgs) -> anyhow::Result<Outcome> {
    let (store, path) = args.db.open()?;
    let engine = Engine::load(&args.comply)?;
    let lexicon = if args.dictionaries.is_empty() {
        Lexicon::default_lexicon()
    } else {
        let mut builder = LexiconBuilder::with_defaults().context("loading the default dictionaries")?;
        for p in &args.dictionaries {
            builder.add_file(p).context("loading a user dictionary")?;
        }
        Box::leak(Box::new(builder.build()))
    };
    let known = compliance::known_code(lexicon);
    let mut failed = 0;
    for file in &args.files {
        let name = file.display().to_string();
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("truce: {name}: cannot read: {e}");
                failed += 1;
                continue;
            }
        };
        match truce_comply::agreement::parse(&name, &text, &known) {
            Ok(a) => {
                let stored = store.put_agreement(&a.agreement.id, &a.agreement.title, &name, &text)?;
                let verb = if stored == Stored::New { "added" } else { "replaced" };
                eprintln!(
                    "{verb} {} ({} parties, {} provisions) into {}",
                    a.agreement.id,
                    a.agreement.parties.len(),
                    a.agreement.provisions.len(),
                    path.display()
                );
            }
            Err(e) => {
                eprintln!("truce: {e}");
                failed += 1;
            }
        }
    }
    // The new agreement's first verdicts start its history.
    compliance::refresh(&store, &engine, compliance::today())?;
    Ok(if failed == 0 { Outcome::Success } else { Outcome::SomeFailed })
}

pub fn list(args: &AgreementListArgs) -> anyhow::Result<Outcome> {
    let (store, _) = args.db.open()?;
    let rows = store.agreements()?;
    let mut out = std::io::stdout().lock();
    for a in compliance::agreements(&store, None)? {
        let row = rows.iter().find(|r| r.id == a.agreement.id);
        if args.json {
            let value = serde_json::json!({
                "id": a.agreement.id,
                "title": a.agreement.title,
                "signed": a.agreement.signed,
                "effective": a.effective.map(|t| t.to_string()),
                "ends": a.ends.map(|d| d.to_string()),
                "parties": a.agreement.parties.iter().map(|p| &p.code).collect::<Vec<_>>(),
                "provisions": a.agreement.provisions.len(),
                "file": row.map(|r| &r.file),
                "updated_at": row.map(|r| &r.updated_at),
            });
            writeln!(out, "{value}")?;
        } else {
            writeln!(
                out,
                "{:<24} {:<10} {:<18} {:>2} provisions  {}",
                a.agreement.id,
                a.agreement.signed.as_deref().unwrap_or("-"),
                a.agreement.parties.iter().map(|p| p.code.as_str()).collect::<Vec<_>>().join(","),
                a.agreement.provisions.len(),
                a.agreement.title
            )?;
        }
    }
    Ok(Outcome::Success)
}

pub fn show(args: &AgreementShowArgs) -> anyhow::Result<Outcome> {
    let (store, _) = args.db.open()?;
    let a = compliance::agreements(&store, Some(&args.id))?.remove(0);
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&a.agreement)?)?;
        return Ok(Outcome::Success);
    }
    let g = &a.agreement;
    writeln!(out, "{} — {}", g.id, g.title)?;
    writeln!(out, "signed     {}", g.signed.as_deref().unwrap_or("-"))?;
    let effective = match (&g.effective, a.effective) {
        (Some(civil), Some(utc)) => format!("{civil} {} = {utc}", g.zone.as_deref().unwrap_or("UTC")),
        _ => "-".into(),
    };
    writeln!(out, "effective  {effective}")?;
    if let Some(end) = a.ends {
        writeln!(out, "runs to    {end} ({})", g.duration.as_deref().unwrap_or(""))?;
    }
    if let Some(r) = &g.renewal {
        writeln!(out, "renewal    {r}")?;
    }
    if !g.area.is_empty() {
        writeln!(out, "area       {}", g.area.join(", "))?;
    }
    for (label, ids) in [("supersedes", &g.supersedes), ("reaffirms", &g.reaffirms)] {
        if !ids.is_empty() {
            writeln!(out, "{label:<10} {}", ids.join(", "))?;
        }
    }
    writeln!(out, "\nparties:")?;
    for p in &g.parties {
        writeln!(out, "  {:<8} {:<10} {}", p.code, p.role, p.name)?;
    }
    writeln!(out, "\nprovisions:")?;
    for (p, t) in g.provisions.iter().zip(&a.terms) {
        let mut line = format!("  {:<4} {:<12} obliges {}", p.id, p.kind, p.obligors.join(", "));
        if !p.beneficiaries.is_empty() {
            line.push_str(&format!("; for {}", p.beneficiaries.join(", ")));
        }
        if let Some(o) = &p.object {
            let mut what = Vec::new();
            if let Some(q) = o.quantity {
                what.push(format!("{q} {}", o.unit.as_deref().unwrap_or("")).trim_end().to_owned());
            }
            what.extend(o.group.clone());
            if let Some(place) = o.place.first() {
                what.push(format!("at {place}"));
            }
            line.push_str(&format!("; {}", what.join(" ")));
        }
        if let Some(d) = t.deadline {
            line.push_str(&format!("; by {d}"));
        }
        if let (Some(f), Some(to)) = (t.from, t.to) {
            line.push_str(&format!("; {f} to {to}"));
        }
        writeln!(out, "{line}")?;
        if let Some(text) = &p.text {
            writeln!(out, "       “{text}”")?;
        }
    }
    Ok(Outcome::Success)
}

pub fn draft(args: &AgreementDraftArgs) -> anyhow::Result<Outcome> {
    let name = args.path.display().to_string();
    let text = if args.path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).context("reading standard input")?;
        s
    } else {
        std::fs::read_to_string(&args.path).with_context(|| format!("reading {name}"))?
    };
    let source = truce_core::Source { input: name.clone(), ..Default::default() };
    let options = truce_text::Options { date: args.date.clone(), ..Default::default() };
    let mut doc = truce_text::annotate(text, source, &options).with_context(|| format!("reading {name}"))?;
    crate::pipeline::Pipeline::new(&[])?.run(&mut doc);
    let signed = compliance::date_arg(args.date.as_deref())?;
    print!("{}", truce_comply::draft::draft(&doc, &name, signed));
    Ok(Outcome::Success)
}
