//! Drafting an agreement file from an agreement's own text.
//!
//! The text is run through the pipeline first (the caller does that), so a
//! draft reads the same actors, places and times as everything else. Then:
//! numbered points (`1.`, `2)`, `(3)`, `Article 4`) become provisions; each
//! point's kind, object group and unit come from the cues of
//! `data/comply/draft.tsv`; its actors are obligors, except those a thing
//! is returned or handed *to* (beneficiaries); `by`/`until`/`no later
//! than` + a date is its deadline, `within` + a duration counts from the
//! signing; the ceasefire's clock time with its zone is the effective
//! instant. The result is TOML with a note to review it: drafting
//! proposes, a person decides.

use crate::agreement::KINDS;
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::str::FromStr;
use truce_core::{Document, MentionKind};

const CUES: &str = include_str!("../../../data/comply/draft.tsv");

struct Cues {
    kinds: Vec<(String, Vec<String>)>,
    groups: Vec<(String, Vec<String>)>,
    units: Vec<(String, Vec<String>)>,
}

fn cues() -> Cues {
    let mut c = Cues { kinds: Vec::new(), groups: Vec::new(), units: Vec::new() };
    for line in CUES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let [cue, value, words] = f.as_slice() else { continue };
        let words: Vec<String> = words.split('|').map(str::to_owned).collect();
        let list = match *cue {
            "kind" if KINDS.contains(value) => &mut c.kinds,
            "group" => &mut c.groups,
            "unit" => &mut c.units,
            _ => continue,
        };
        list.push(((*value).to_owned(), words));
    }
    c
}

/// A drafted provision.
#[derive(Debug, Default)]
struct DraftProvision {
    id: String,
    kind: String,
    obligors: Vec<String>,
    beneficiaries: Vec<String>,
    places: Vec<String>,
    group: Option<String>,
    quantity: Option<u64>,
    unit: Option<String>,
    deadline: Option<String>,
    text: String,
}

/// Drafts an agreement file (TOML) from an annotated agreement text.
/// `signed` is the day it was signed when the text does not say.
pub fn draft(doc: &Document, file: &str, signed: Option<Date>) -> String {
    let cues = cues();
    let points = points(doc);
    let signed = signed.or_else(|| doc.source.date.as_deref().and_then(|d| Date::from_str(d).ok())).or_else(|| {
        doc.timexes.iter().find(|t| t.kind == "DATE").and_then(|t| Date::from_str(t.value.get(..10)?).ok())
    });
    // Everyone the text names who acts: code → name.
    let mut actors: BTreeMap<String, String> = BTreeMap::new();
    for m in doc.mentions.iter().filter(|m| matches!(m.kind, MentionKind::Actor | MentionKind::Organisation)) {
        if let Some(code) = m.code.as_deref().map(party_code) {
            actors.entry(code).or_insert_with(|| m.name.clone().unwrap_or_else(|| m.text.clone()));
        }
    }
    let mut effective: Option<(String, Option<String>)> = None;
    let mut provisions = Vec::new();
    for (number, sentences) in &points {
        let text = sentences.iter().map(|&i| doc.sentences[i].text.as_str()).collect::<Vec<_>>().join(" ");
        let lower = text.to_lowercase();
        let kind = cues
            .kinds
            .iter()
            .find(|(_, words)| words.iter().any(|w| lower.contains(w.as_str())))
            .map_or("other", |(k, _)| k.as_str());
        let mut p =
            DraftProvision { id: number.clone(), kind: kind.to_owned(), text: text.clone(), ..Default::default() };
        for m in doc.mentions.iter().filter(|m| sentences.contains(&m.sentence)) {
            match m.kind {
                MentionKind::Actor | MentionKind::Organisation => {
                    let Some(code) = m.code.as_deref().map(party_code) else { continue };
                    let before = doc.text[..m.span.start()].trim_end().to_lowercase();
                    let to_them = ["to", "to the", "for", "for the"].iter().any(|w| before.ends_with(&format!(" {w}")));
                    let list = if to_them { &mut p.beneficiaries } else { &mut p.obligors };
                    if !list.contains(&code) {
                        list.push(code);
                    }
                }
                MentionKind::Place => {
                    let name = m.name.clone().unwrap_or_else(|| m.text.clone());
                    if !p.places.contains(&name) && !actors.values().any(|a| *a == name) {
                        p.places.push(name);
                    }
                }
                MentionKind::Agent => {}
            }
        }
        // Places the gazetteer resolved (`the town of Heglig`), as written
        // and by their canonical name; countries are parties, not objects.
        for t in doc.toponyms.iter().filter(|t| sentences.contains(&t.sentence) && t.role == "place") {
            if t.feature.starts_with("PCL") {
                continue;
            }
            for name in [&t.text, &t.name] {
                if !p.places.contains(name) {
                    p.places.push(name.clone());
                }
            }
        }
        p.obligors.retain(|o| !p.beneficiaries.contains(o));
        p.group = cues
            .groups
            .iter()
            .find(|(_, words)| words.iter().any(|w| lower.contains(w.as_str())))
            .map(|(g, _)| g.clone());
        (p.quantity, p.unit) = quantity(&lower, &cues);
        for t in doc.timexes.iter().filter(|t| sentences.contains(&t.sentence)) {
            let before = doc.text[..t.span.start()].trim_end().to_lowercase();
            let by = ["by", "until", "before", "no later than", "not later than"].iter().any(|w| before.ends_with(w));
            if t.kind == "DATE" && by && t.value.len() == 10 && Date::from_str(&t.value).is_ok() {
                p.deadline = Some(t.value.clone());
            } else if t.kind == "DURATION" && before.ends_with("within") {
                let span = jiff::Span::from_str(&t.value).ok();
                if let (Some(span), Some(s)) = (span, signed) {
                    p.deadline = s.checked_add(span).ok().map(|d| d.to_string());
                }
            }
            if p.kind == "ceasefire" && effective.is_none() {
                effective = effective_of(t, &before);
            }
        }
        provisions.push(p);
    }
    // Parties, guarantors and mediators: organisations mediate; a state
    // obliged only to deploy (peacekeepers) guarantees; the rest are
    // parties.
    let obliged_otherwise =
        |code: &str| provisions.iter().any(|p| p.kind != "deployment" && (p.obligors.iter().any(|o| o == code)));
    let role = |code: &str| {
        if code.starts_with("IGO") || code.starts_with("NGO") {
            "mediator"
        } else if provisions.iter().any(|p| p.kind == "deployment" && p.obligors.iter().any(|o| o == code))
            && !obliged_otherwise(code)
        {
            "guarantor"
        } else {
            "party"
        }
    };
    let roles: BTreeMap<String, &'static str> = actors.keys().map(|c| (c.clone(), role(c))).collect();
    let parties: Vec<String> = roles.iter().filter(|(_, r)| **r == "party").map(|(c, _)| c.clone()).collect();
    for p in &mut provisions {
        if p.obligors.is_empty() {
            p.obligors = parties.iter().filter(|c| !p.beneficiaries.contains(c)).cloned().collect();
        }
    }
    render(doc, file, signed, effective, &actors, &roles, &provisions)
}

/// The code a party is known by: a state's country code (its government,
/// army and ministries are the state), any other actor's full code.
fn party_code(code: &str) -> String {
    const STATE: &[&str] = &["GOV", "MIL", "COP", "SPY", "JUD", "LEG"];
    if code.len() >= 6 && STATE.contains(&&code[3..6]) && !code.starts_with("IGO") && !code.starts_with("NGO") {
        code[..3].to_owned()
    } else {
        code.to_owned()
    }
}

/// The effective civil time and zone of a ceasefire point's time
/// expression (`from 00:00 Moscow time on 10 November`).
fn effective_of(t: &truce_core::Timex, before: &str) -> Option<(String, Option<String>)> {
    if let (Some(instant), Some(zone)) = (&t.instant, &t.zone) {
        let ts = jiff::Timestamp::from_str(instant).ok()?;
        let tz = crate::agreement::resolve_zone(zone)?;
        let civil = tz.to_datetime(ts);
        return Some((civil.strftime("%Y-%m-%dT%H:%M").to_string(), Some(zone.clone())));
    }
    let from =
        ["from", "as of", "starting", "starting on", "from midnight on", "on"].iter().any(|w| before.ends_with(w));
    (t.kind == "DATE" && from && Date::from_str(&t.value).is_ok()).then(|| (format!("{}T00:00", t.value), None))
}

/// `1,960 military personnel` → (1960, personnel).
fn quantity(lower: &str, cues: &Cues) -> (Option<u64>, Option<String>) {
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let digits: String = w.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() || w.chars().any(|c| c.is_alphabetic()) || digits.len() > 9 {
            continue;
        }
        let after = words[i + 1..words.len().min(i + 4)].join(" ");
        for (unit, names) in &cues.units {
            if names.iter().any(|n| {
                after.starts_with(n.as_str()) || after.split_once(' ').is_some_and(|(_, r)| r.starts_with(n.as_str()))
            }) {
                return (digits.parse().ok(), Some(unit.clone()));
            }
        }
    }
    (None, None)
}

/// The numbered points: (number, sentence indexes). Sentences after a
/// point and before the next belong to it; without numbers, each
/// paragraph sentence that obliges (`shall`, `will`, `agree to`) is a
/// point of its own.
fn points(doc: &Document) -> Vec<(String, Vec<usize>)> {
    let mut points: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        if let Some(n) = point_number(&s.text) {
            points.push((n, vec![i]));
        } else if let Some(last) = points.last_mut()
            && last.1.last().is_some_and(|&j| doc.sentences[j].block == s.block)
        {
            last.1.push(i);
        }
    }
    if points.is_empty() {
        for (i, s) in doc.sentences.iter().enumerate() {
            let l = s.text.to_lowercase();
            if [" shall ", " will ", " agree to ", " agreed to ", " undertake"].iter().any(|w| l.contains(w)) {
                points.push(((points.len() + 1).to_string(), vec![i]));
            }
        }
    }
    points
}

fn point_number(sentence: &str) -> Option<String> {
    let s = sentence.trim_start();
    let s = s.strip_prefix("Article ").or_else(|| s.strip_prefix("ARTICLE ")).unwrap_or(s);
    let s = s.strip_prefix('(').unwrap_or(s);
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let rest = &s[digits.len()..];
    let sub: String = rest.chars().take_while(|c| c.is_ascii_lowercase()).take(1).collect();
    let rest = &rest[sub.len()..];
    (rest.starts_with(". ")
        || rest.starts_with(") ")
        || rest.starts_with(".\t")
        || rest.starts_with(": ")
        || rest.starts_with(" "))
    .then(|| format!("{digits}{sub}"))
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", "))
}

fn render(
    doc: &Document,
    file: &str,
    signed: Option<Date>,
    effective: Option<(String, Option<String>)>,
    actors: &BTreeMap<String, String>,
    roles: &BTreeMap<String, &'static str>,
    provisions: &[DraftProvision],
) -> String {
    let title = doc
        .structure
        .title()
        .map(|b| b.span.slice(&doc.text).trim().to_owned())
        .or_else(|| doc.source.title.clone())
        .or_else(|| doc.sentences.first().map(|s| s.text.chars().take(120).collect()))
        .unwrap_or_else(|| "Untitled agreement".into());
    let year = signed.map(|d| d.year().to_string()).unwrap_or_default();
    let slug: Vec<String> = title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.len() > 3 && !matches!(*w, "statement" | "agreement" | "between" | "with" | "from" | "that" | "this")
        })
        .take(3)
        .map(str::to_owned)
        .collect();
    let mut id = slug.join("-");
    if id.is_empty() {
        id = "agreement".into();
    }
    if !year.is_empty() {
        id = format!("{id}-{year}");
    }
    let mut out = String::new();
    out.push_str(&format!(
        "# Drafted by `truce agreement draft` from {file}.\n# Review every field before `truce agreement add`: kinds, obligors, deadlines\n# and the effective time are read from the text, not known.\n\n"
    ));
    out.push_str(&format!("id = {}\ntitle = {}\n", quoted(&id), quoted(&title)));
    if let Some(s) = signed {
        out.push_str(&format!("signed = {}\n", quoted(&s.to_string())));
    }
    if let Some((e, zone)) = &effective {
        out.push_str(&format!("effective = {}\n", quoted(e)));
        if let Some(z) = zone {
            out.push_str(&format!("zone = {}\n", quoted(z)));
        }
    }
    out.push_str(&format!("source = {}\n", quoted(&format!("drafted from {file}"))));
    for (code, name) in actors {
        out.push_str(&format!(
            "\n[[party]]\ncode = {}\nname = {}\nrole = {}\n",
            quoted(code),
            quoted(name),
            quoted(roles.get(code).copied().unwrap_or("party"))
        ));
    }
    for p in provisions {
        out.push_str(&format!("\n[[provision]]\nid = {}\nkind = {}\n", quoted(&p.id), quoted(&p.kind)));
        out.push_str(&format!("obligors = {}\n", list(&p.obligors)));
        if !p.beneficiaries.is_empty() {
            out.push_str(&format!("beneficiaries = {}\n", list(&p.beneficiaries)));
        }
        if !p.places.is_empty() || p.group.is_some() || p.quantity.is_some() {
            let mut parts = Vec::new();
            if !p.places.is_empty() {
                parts.push(format!("place = {}", list(&p.places)));
            }
            if let Some(g) = &p.group {
                parts.push(format!("group = {}", quoted(g)));
            }
            if let Some(q) = p.quantity {
                parts.push(format!("quantity = {q}"));
            }
            if let Some(u) = &p.unit {
                parts.push(format!("unit = {}", quoted(u)));
            }
            out.push_str(&format!("object = {{ {} }}\n", parts.join(", ")));
        }
        if let Some(d) = &p.deadline {
            out.push_str(&format!("deadline = {}\n", quoted(d)));
        }
        out.push_str(&format!("text = {}\n", quoted(&p.text)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_numbers_are_read_in_their_usual_forms() {
        assert_eq!(point_number("1. The parties shall"), Some("1".into()));
        assert_eq!(point_number("(2) Troops shall"), Some("2".into()));
        assert_eq!(point_number("Article 12. Prisoners"), Some("12".into()));
        assert_eq!(point_number("4a. The corridor"), Some("4a".into()));
        assert_eq!(point_number("1,960 peacekeepers"), None);
        assert_eq!(point_number("In 2020 the parties"), None);
    }

    #[test]
    fn quantities_take_the_unit_after_the_number() {
        let c = cues();
        assert_eq!(
            quantity("a contingent of 1,960 military personnel shall", &c),
            (Some(1960), Some("personnel".into()))
        );
        assert_eq!(quantity("18 fuel ships may enter", &c), (Some(18), Some("ships".into())));
        assert_eq!(quantity("by 20 november", &c), (None, None));
    }

    #[test]
    fn strings_are_escaped_for_toml() {
        assert_eq!(quoted("a \"b\"\\\n"), "\"a \\\"b\\\"\\\\\\n\"");
    }
}
