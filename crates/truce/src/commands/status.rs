//! `truce status`: the boards of the stored agreements as of a day.

use super::compliance::{self, Engine};
use crate::Outcome;
use crate::cli::{StatusArgs, StatusFormat};
use anstyle::{AnsiColor, Style};
use std::io::Write;
use truce_comply::{Board, Checked, Status};

pub fn run(args: &StatusArgs) -> anyhow::Result<Outcome> {
    let (store, _) = args.db.open()?;
    let engine = Engine::load(&args.comply)?;
    let agreements = compliance::agreements(&store, args.agreement.as_deref())?;
    if agreements.is_empty() {
        anyhow::bail!("the record holds no agreement yet; add one with `truce agreement add FILE`");
    }
    let observations = compliance::observations(&store)?;
    let as_of = compliance::date_arg(args.as_of.as_deref())?.unwrap_or_else(compliance::today);
    let mut out = anstream::stdout().lock();
    for a in &agreements {
        if args.history {
            let from = a.signed.or(a.effective_date).unwrap_or(as_of);
            let changes = truce_comply::history(a, &observations, &engine.outlets, &engine.rules, from, as_of);
            match args.format {
                StatusFormat::Json => {
                    let value = serde_json::json!({ "agreement": a.agreement.id, "as_of": as_of.to_string(), "changes": changes });
                    writeln!(out, "{value}")?;
                }
                StatusFormat::Table => {
                    writeln!(out, "{} — how the verdicts moved, to {as_of}", a.agreement.id)?;
                    for c in &changes {
                        let from = c.from.map_or("-", |s| s.as_str());
                        writeln!(
                            out,
                            "  {}  provision {:<4} {:<8} {:>15} → {}{:<15}{}  {}",
                            c.date,
                            c.provision,
                            c.party,
                            from,
                            style(c.to).render(),
                            c.to.as_str(),
                            style(c.to).render_reset(),
                            c.rationale
                        )?;
                    }
                    writeln!(out)?;
                }
            }
            continue;
        }
        let board = truce_comply::board(a, &observations, &engine.outlets, &engine.rules, as_of);
        match args.format {
            StatusFormat::Json => writeln!(out, "{}", serde_json::to_string(&board)?)?,
            StatusFormat::Table => print_board(&mut out, &board, a, args.evidence)?,
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// The colour of a status in a terminal (plain text elsewhere).
fn style(status: Status) -> Style {
    let colour = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
    match status {
        Status::Breached | Status::Overdue => colour(AnsiColor::Red).bold(),
        Status::Contested | Status::Alleged => colour(AnsiColor::Yellow),
        Status::Complied => colour(AnsiColor::Green),
        Status::CompliedLate | Status::PartlyComplied => colour(AnsiColor::Cyan),
        Status::Pending | Status::NotYetDue => Style::new().dimmed(),
        Status::Unverifiable => colour(AnsiColor::Magenta),
    }
}

/// A board as a table: one line per provision and party.
pub fn print_board(out: &mut impl Write, board: &Board, agreement: &Checked, evidence: bool) -> anyhow::Result<()> {
    let bold = Style::new().bold();
    writeln!(out, "{}{}{} — {}", bold.render(), board.agreement, bold.render_reset(), board.title)?;
    let mut facts = vec![format!("as of {}", board.as_of)];
    if let Some(e) = &board.effective {
        facts.push(format!("in force from {e}"));
    }
    if let Some(e) = &board.ends {
        facts.push(format!("runs to {e}"));
    }
    facts.push(format!("{} report(s) known", board.reports_known));
    writeln!(out, "{}", facts.join("; "))?;
    writeln!(
        out,
        "  {:<5} {:<12} {:<8} {:<16} {:<11} {:>4}  rationale (sources)",
        "prov", "kind", "party", "status", "since", "conf"
    )?;
    for v in &board.verdicts {
        let st = style(v.status);
        let party = agreement.party(&v.party).map_or(v.party.clone(), |p| p.code.clone());
        writeln!(
            out,
            "  {:<5} {:<12} {:<8} {}{:<16}{} {:<11} {:>4.2}  {} ({} report(s), {} independent)",
            v.provision,
            v.kind,
            party,
            st.render(),
            v.status.as_str(),
            st.render_reset(),
            v.since.as_deref().unwrap_or("-"),
            v.confidence,
            v.rationale,
            v.reports,
            v.independent_sources
        )?;
        if evidence && v.evidence_total > v.evidence.len() {
            writeln!(out, "        ({} of {} pieces of evidence shown)", v.evidence.len(), v.evidence_total)?;
        }
        if evidence {
            for c in &v.evidence {
                let sentence: String = c.sentence.chars().take(160).collect();
                let outlet = match &c.copy_of {
                    Some(origin) => format!("{} (copy of {origin})", c.outlet.as_deref().unwrap_or("?")),
                    None => c.outlet.clone().unwrap_or_else(|| "?".into()),
                };
                writeln!(
                    out,
                    "        {:<14} {} {:<24} {} {}",
                    c.role,
                    c.date.as_deref().unwrap_or("----------"),
                    outlet.chars().take(40).collect::<String>(),
                    if c.independent { " " } else { "*" },
                    sentence
                )?;
            }
        }
    }
    if evidence {
        writeln!(out, "  (* not independent: a party's own outlet or claim)")?;
    }
    writeln!(out)?;
    Ok(())
}
