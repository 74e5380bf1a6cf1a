//! Agreement files: the TOML schema, reading and validation.
//!
//! An agreement is written by a person (or drafted by `truce agreement
//! draft` for a person to review) in the form documented in
//! `docs/agreements.md`. Reading it checks everything the compliance engine
//! relies on, and a refusal names the field and the line: unknown parties,
//! provisions without obligors, deadlines that are not dates or fall before
//! the agreement was signed, zones that do not exist.

use jiff::civil::{Date, DateTime};
use jiff::{Span as Duration, Timestamp, tz::TimeZone};
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use truce_time::words::{Words, Zone};

/// The kinds of provision, each with its own compliance rules.
pub const KINDS: &[&str] = &[
    "ceasefire",
    "withdrawal",
    "handover",
    "deployment",
    "exchange",
    "release",
    "access",
    "return",
    "transit",
    "mechanism",
    "negotiation",
    "other",
];

/// The roles a party can have.
pub const ROLES: &[&str] = &["party", "guarantor", "mediator"];

/// An agreement as its file says.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Short stable id (`yemen-truce-2022`).
    pub id: String,
    /// Title.
    pub title: String,
    /// Date it was signed or announced (`YYYY-MM-DD`).
    #[serde(default)]
    pub signed: Option<String>,
    /// Civil date and time it took effect (`YYYY-MM-DDTHH:MM`), in `zone`.
    #[serde(default)]
    pub effective: Option<String>,
    /// Zone of `effective`: an IANA name (`Europe/Moscow`), an offset
    /// (`+03:00`) or a phrase reports use (`Moscow time`).
    #[serde(default)]
    pub zone: Option<String>,
    /// How long it runs (ISO 8601: `P2M`, `P30D`), when limited.
    #[serde(default)]
    pub duration: Option<String>,
    /// How it can be renewed, in words.
    #[serde(default)]
    pub renewal: Option<String>,
    /// Where it applies (place names).
    #[serde(default)]
    pub area: Vec<String>,
    /// The people who signed it.
    #[serde(default)]
    pub signatories: Vec<String>,
    /// Ids of agreements it replaces.
    #[serde(default)]
    pub supersedes: Vec<String>,
    /// Ids of agreements it confirms or renews.
    #[serde(default)]
    pub reaffirms: Vec<String>,
    /// Where its text comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// The parties, guarantors and mediators.
    #[serde(default, rename = "party")]
    pub parties: Vec<Party>,
    /// What it obliges.
    #[serde(default, rename = "provision")]
    pub provisions: Vec<Provision>,
    /// Deadlines of earlier agreements that this one moves.
    #[serde(default, rename = "amendment")]
    pub amendments: Vec<Amendment>,
}

/// A later agreement moving an earlier one's deadline (`the withdrawal
/// from Kalbajar is postponed to 25 November`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The earlier agreement's id.
    pub agreement: String,
    /// Its provision's id.
    pub provision: String,
    /// The new deadline.
    pub deadline: String,
    /// Why, in words.
    #[serde(default)]
    pub text: Option<String>,
}

/// A party, guarantor or mediator.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// CAMEO actor code (`AZE`, `YEMREB`, `IGOUNO`).
    pub code: String,
    /// Name for people.
    pub name: String,
    /// `party`, `guarantor` or `mediator`.
    #[serde(default = "default_role")]
    pub role: String,
}

fn default_role() -> String {
    "party".into()
}

/// One obligation of the agreement.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    /// Its number or id in the agreement (`1`, `4a`).
    pub id: String,
    /// One of [`KINDS`].
    pub kind: String,
    /// Codes of the parties it obliges.
    #[serde(default)]
    pub obligors: Vec<String>,
    /// Codes of the parties it benefits.
    #[serde(default)]
    pub beneficiaries: Vec<String>,
    /// What it is about.
    #[serde(default)]
    pub object: Option<Object>,
    /// Where it applies, when narrower than the agreement.
    #[serde(default)]
    pub area: Vec<String>,
    /// By when (`YYYY-MM-DD`, or with a time `YYYY-MM-DDTHH:MM` in the
    /// agreement's zone).
    #[serde(default)]
    pub deadline: Option<String>,
    /// The period it applies in, when it is not the whole agreement.
    #[serde(default)]
    pub window: Option<Window>,
    /// Conditions, in words.
    #[serde(default)]
    pub conditions: Option<String>,
    /// The provision's words.
    #[serde(default)]
    pub text: Option<String>,
}

/// The object of a provision: a place, a group, a quantity.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Object {
    /// Names of the place, its spellings first to last.
    #[serde(default)]
    pub place: Vec<String>,
    /// The people or things (`prisoners of war`, `fuel ships`).
    #[serde(default)]
    pub group: Option<String>,
    /// How many.
    #[serde(default)]
    pub quantity: Option<u64>,
    /// Of what (`personnel`, `ships`).
    #[serde(default)]
    pub unit: Option<String>,
}

/// A period (`from` and `to` dates, both optional).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// First day.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day.
    #[serde(default)]
    pub to: Option<String>,
}

/// Why an agreement file was refused.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {field}: {reason}")]
pub struct AgreementError {
    /// The file.
    pub file: String,
    /// The line the problem is on (1-based; the nearest line known).
    pub line: usize,
    /// The field (`provision 3 deadline`).
    pub field: String,
    /// What is wrong.
    pub reason: String,
}

/// An agreement checked and with its times worked out.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// As written.
    pub agreement: Agreement,
    /// When it took effect (UTC), if it says.
    pub effective: Option<Timestamp>,
    /// The day it took effect, in its zone.
    pub effective_date: Option<Date>,
    /// The day it was signed.
    pub signed: Option<Date>,
    /// The last day it runs, when its duration is limited.
    pub ends: Option<Date>,
    /// Per provision (same order): deadline as a date, and the window.
    pub terms: Vec<Terms>,
    /// The later agreement that renews or replaces it, when one is known
    /// (see [`link`]).
    pub followed_by: Option<String>,
}

/// Links agreements to the later ones that reaffirm or supersede them: an
/// agreement's own evidence stops on the day its successor takes effect
/// (a truce renewed on 2 June is judged on what happened up to then; what
/// follows is the renewal's).
pub fn link(agreements: &mut [Checked]) {
    // (An agreement that only amends deadlines renews nothing.)
    let successors: Vec<(String, Vec<String>, Option<Date>)> = agreements
        .iter()
        .filter(|b| !b.agreement.provisions.is_empty())
        .map(|b| {
            let earlier = b.agreement.reaffirms.iter().chain(&b.agreement.supersedes).cloned().collect();
            (b.agreement.id.clone(), earlier, b.effective_date.or(b.signed))
        })
        .collect();
    for a in agreements.iter_mut() {
        let start = a.effective_date.or(a.signed);
        // A successor renews this agreement, or renews what this one
        // renews (the second renewal of a truce follows the first).
        let own_earlier: Vec<&String> = a.agreement.reaffirms.iter().chain(&a.agreement.supersedes).collect();
        let next = successors
            .iter()
            .filter(|(id, earlier, _)| {
                *id != a.agreement.id
                    && (earlier.contains(&a.agreement.id) || earlier.iter().any(|e| own_earlier.contains(&e)))
            })
            .filter_map(|(id, _, day)| day.filter(|d| start.is_none_or(|s| *d > s)).map(|d| (d, id)))
            .min();
        if let Some((day, id)) = next
            && a.ends.is_none_or(|e| day <= e)
        {
            a.ends = Some(day);
            a.followed_by = Some(id.clone());
        }
    }
    // Amendments move deadlines, the later agreement's word over the
    // earlier's, in the order the amending agreements took effect.
    let mut amendments: Vec<(Option<Date>, String, Amendment)> = agreements
        .iter()
        .flat_map(|b| {
            b.agreement.amendments.iter().map(|m| (b.effective_date.or(b.signed), b.agreement.id.clone(), m.clone()))
        })
        .collect();
    amendments.sort_by_key(|(day, _, _)| *day);
    for (on, by, m) in amendments {
        let Some(a) = agreements.iter_mut().find(|a| a.agreement.id == m.agreement) else { continue };
        let Some(i) = a.agreement.provisions.iter().position(|p| p.id == m.provision) else { continue };
        if let Ok(day) = parse_date(&m.deadline) {
            let t = &mut a.terms[i];
            if t.moved_by.is_none() {
                t.original_deadline = t.deadline;
            }
            t.deadline = Some(day);
            t.deadline_instant = None;
            t.moved_by = Some(by);
            t.moved_on = on;
        }
    }
}

/// The dates of one provision.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Terms {
    /// The agreement that moved the deadline, when one did (see [`link`]).
    pub moved_by: Option<String>,
    /// The day it did, and the deadline before it (a board as of an
    /// earlier day keeps the earlier deadline).
    pub moved_on: Option<Date>,
    /// The deadline before the move.
    pub original_deadline: Option<Date>,
    /// Deadline day.
    pub deadline: Option<Date>,
    /// Deadline instant, when a time was given.
    pub deadline_instant: Option<Timestamp>,
    /// First day it applies.
    pub from: Option<Date>,
    /// Last day it applies.
    pub to: Option<Date>,
}

impl Checked {
    /// The party entry of a code.
    pub fn party(&self, code: &str) -> Option<&Party> {
        self.agreement.parties.iter().find(|p| p.code == code)
    }

    /// The codes of everyone the agreement names.
    pub fn codes(&self) -> Vec<&str> {
        self.agreement.parties.iter().map(|p| p.code.as_str()).collect()
    }
}

/// Reads and checks an agreement file's text. `known_code` says whether an
/// actor code is one truce's dictionaries know (its country or
/// organisation prefix), so a misspelt party is refused rather than never
/// matched.
pub fn parse(file: &str, text: &str, known_code: &dyn Fn(&str) -> bool) -> Result<Checked, AgreementError> {
    let agreement: Agreement = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        let reason = e.message().trim().to_owned();
        AgreementError { file: file.into(), line, field: "file".into(), reason }
    })?;
    check(file, text, agreement, known_code)
}

fn check(
    file: &str,
    text: &str,
    agreement: Agreement,
    known_code: &dyn Fn(&str) -> bool,
) -> Result<Checked, AgreementError> {
    let lines = Lines { file, text };
    if agreement.id.trim().is_empty() || agreement.id.contains(char::is_whitespace) {
        return Err(lines.error(None, "id", "must be a short id without spaces (`yemen-truce-2022`)"));
    }
    let signed = match &agreement.signed {
        Some(s) => Some(parse_date(s).map_err(|r| lines.error(None, "signed", &r))?),
        None => None,
    };
    let zone = match &agreement.zone {
        Some(z) => Some(resolve_zone(z).ok_or_else(|| {
            lines.error(None, "zone", &format!("`{z}` is not a time zone (an IANA name such as Asia/Aden, an offset such as +03:00, or a phrase such as `Moscow time`)"))
        })?),
        None => None,
    };
    let (effective, effective_date) = match &agreement.effective {
        Some(s) => {
            let civil = parse_datetime(s).map_err(|r| lines.error(None, "effective", &r))?;
            let zone = zone.clone().unwrap_or(TimeZone::UTC);
            let zoned = civil
                .to_zoned_datetime(zone)
                .map_err(|e| lines.error(None, "effective", &format!("`{s}` does not exist in the zone: {e}")))?;
            (Some(zoned.timestamp()), Some(civil.date()))
        }
        None => (None, None),
    };
    if let (Some(s), Some(e)) = (signed, effective_date)
        && e < s.saturating_sub(Duration::new().days(1))
    {
        return Err(lines.error(None, "effective", &format!("takes effect on {e}, before it was signed on {s}")));
    }
    let start = effective_date.or(signed);
    let ends = match &agreement.duration {
        Some(d) => {
            let span = Duration::from_str(d).map_err(|e| {
                lines.error(None, "duration", &format!("`{d}` is not an ISO 8601 duration (P2M, P30D): {e}"))
            })?;
            let start =
                start.ok_or_else(|| lines.error(None, "duration", "needs `effective` or `signed` to count from"))?;
            let end = start.checked_add(span).map_err(|e| lines.error(None, "duration", &e.to_string()))?;
            if end <= start {
                return Err(lines.error(None, "duration", "must be longer than zero"));
            }
            Some(end)
        }
        None => None,
    };
    let mut seen = std::collections::HashSet::new();
    for (i, party) in agreement.parties.iter().enumerate() {
        let at = Some(Section::Party(i));
        if !seen.insert(party.code.as_str()) {
            return Err(lines.error(at, "code", &format!("`{}` is named twice", party.code)));
        }
        let well_formed = party.code.len() >= 3
            && party.code.len().is_multiple_of(3)
            && party.code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !well_formed || !known_code(&party.code) {
            return Err(lines.error(
                at,
                "code",
                &format!(
                    "`{}` is not an actor code truce knows (CAMEO codes such as AZE, YEMREB, IGOUNO; add the actor to a dictionary with --dict)",
                    party.code
                ),
            ));
        }
        if !ROLES.contains(&party.role.as_str()) {
            return Err(lines.error(at, "role", &format!("`{}` is not one of {}", party.role, ROLES.join(", "))));
        }
    }
    if agreement.parties.iter().filter(|p| p.role == "party").count() == 0 {
        return Err(lines.error(None, "party", "an agreement needs at least one party with role = \"party\""));
    }
    let mut terms = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for (i, p) in agreement.provisions.iter().enumerate() {
        let at = Some(Section::Provision(i));
        if !ids.insert(p.id.as_str()) {
            return Err(lines.error(at, "id", &format!("provision `{}` is defined twice", p.id)));
        }
        if !KINDS.contains(&p.kind.as_str()) {
            return Err(lines.error(at, "kind", &format!("`{}` is not one of {}", p.kind, KINDS.join(", "))));
        }
        if p.obligors.is_empty() {
            return Err(lines.error(at, "obligors", "a provision must say whom it obliges"));
        }
        for code in p.obligors.iter().chain(&p.beneficiaries) {
            if !seen.contains(code.as_str()) {
                let field = if p.obligors.contains(code) { "obligors" } else { "beneficiaries" };
                return Err(lines.error(
                    at,
                    field,
                    &format!("`{code}` is not among the agreement's parties ({})", agreement_codes(&agreement)),
                ));
            }
        }
        let mut t = Terms::default();
        if let Some(d) = &p.deadline {
            let (date, instant) = if d.contains('T') {
                let civil = parse_datetime(d).map_err(|r| lines.error(at, "deadline", &r))?;
                let zoned = civil.to_zoned_datetime(zone.clone().unwrap_or(TimeZone::UTC)).ok();
                (civil.date(), zoned.map(|z| z.timestamp()))
            } else {
                (parse_date(d).map_err(|r| lines.error(at, "deadline", &r))?, None)
            };
            if let Some(s) = signed.or(effective_date)
                && date < s
            {
                return Err(lines.error(
                    at,
                    "deadline",
                    &format!("{date} falls before the agreement was signed ({s})"),
                ));
            }
            t.deadline = Some(date);
            t.deadline_instant = instant;
        }
        if let Some(w) = &p.window {
            if let Some(f) = &w.from {
                t.from = Some(parse_date(f).map_err(|r| lines.error(at, "window", &r))?);
            }
            if let Some(to) = &w.to {
                t.to = Some(parse_date(to).map_err(|r| lines.error(at, "window", &r))?);
            }
            if let (Some(f), Some(to)) = (t.from, t.to)
                && to < f
            {
                return Err(lines.error(at, "window", &format!("ends ({to}) before it begins ({f})")));
            }
        }
        if let Some(q) = p.object.as_ref().and_then(|o| o.quantity)
            && q == 0
        {
            return Err(lines.error(at, "object", "a quantity of zero obliges nothing"));
        }
        terms.push(t);
    }
    for (i, m) in agreement.amendments.iter().enumerate() {
        let at = Some(Section::Amendment(i));
        parse_date(&m.deadline).map_err(|r| lines.error(at, "deadline", &r))?;
        if m.agreement == agreement.id {
            return Err(lines.error(at, "agreement", "an agreement amends earlier agreements, not itself"));
        }
    }
    Ok(Checked { agreement, effective, effective_date, signed, ends, terms, followed_by: None })
}

fn agreement_codes(a: &Agreement) -> String {
    a.parties.iter().map(|p| p.code.as_str()).collect::<Vec<_>>().join(", ")
}

/// A zone as written in an agreement file.
pub fn resolve_zone(name: &str) -> Option<TimeZone> {
    if let Ok(tz) = TimeZone::get(name) {
        return Some(tz);
    }
    let fixed = |secs: i32| jiff::tz::Offset::from_seconds(secs).ok().map(TimeZone::fixed);
    let trimmed = name.trim();
    let bare = trimmed.trim_start_matches("UTC").trim_start_matches("GMT");
    if let Some(secs) = truce_time::words::parse_offset(bare) {
        return fixed(secs);
    }
    let words = Words::load();
    match words.zones.get(&trimmed.to_lowercase())? {
        Zone::Iana(iana) => TimeZone::get(iana).ok(),
        Zone::Fixed(secs) => fixed(*secs),
    }
}

/// `YYYY-MM-DD`, refusing impossible days.
pub fn parse_date(s: &str) -> Result<Date, String> {
    Date::from_str(s.trim()).map_err(|e| format!("`{s}` is not a date (YYYY-MM-DD): {e}"))
}

fn parse_datetime(s: &str) -> Result<DateTime, String> {
    DateTime::from_str(s.trim()).map_err(|e| format!("`{s}` is not a date and time (YYYY-MM-DDTHH:MM): {e}"))
}

/// Where in the file a field lives.
#[derive(Clone, Copy)]
enum Section {
    Party(usize),
    Provision(usize),
    Amendment(usize),
}

struct Lines<'a> {
    file: &'a str,
    text: &'a str,
}

impl Lines<'_> {
    /// An error at `field` of the section: the line of the key when it is
    /// written there, else the section's header, else line 1.
    fn error(&self, section: Option<Section>, field: &str, reason: &str) -> AgreementError {
        let (header, number, label) = match section {
            Some(Section::Party(i)) => ("[[party]]", Some(i), format!("party {} {field}", i + 1)),
            Some(Section::Provision(i)) => ("[[provision]]", Some(i), format!("provision {} {field}", i + 1)),
            Some(Section::Amendment(i)) => ("[[amendment]]", Some(i), format!("amendment {} {field}", i + 1)),
            None => ("", None, field.to_owned()),
        };
        let line = self.find(header, number, field);
        AgreementError { file: self.file.into(), line, field: label, reason: reason.into() }
    }

    fn find(&self, header: &str, number: Option<usize>, key: &str) -> usize {
        let lines: Vec<&str> = self.text.lines().collect();
        let mut start = 0;
        let mut end = lines.len();
        if let Some(n) = number {
            let headers: Vec<usize> =
                lines.iter().enumerate().filter(|(_, l)| l.trim() == header).map(|(i, _)| i).collect();
            let Some(&h) = headers.get(n) else { return 1 };
            start = h;
            end = lines
                .iter()
                .enumerate()
                .skip(h + 1)
                .find(|(_, l)| l.trim_start().starts_with('['))
                .map_or(end, |(i, _)| i);
        } else {
            end = lines.iter().position(|l| l.trim_start().starts_with('[')).unwrap_or(end);
        }
        let key_line = (start..end).find(|&i| {
            let l = lines[i].trim_start();
            l.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='))
        });
        key_line.unwrap_or(start) + 1
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUCE: &str = r#"
id = "river-truce"
title = "Truce along the river line"
signed = "2023-05-01"
effective = "2023-05-02T06:00"
zone = "Europe/Kyiv"
duration = "P30D"
area = ["River district"]

[[party]]
code = "UKR"
name = "Ukraine"

[[party]]
code = "RUS"
name = "Russia"

[[party]]
code = "IGOOSC"
name = "OSCE"
role = "mediator"

[[provision]]
id = "1"
kind = "ceasefire"
obligors = ["UKR", "RUS"]

[[provision]]
id = "2"
kind = "withdrawal"
obligors = ["RUS"]
object = { place = ["Eastbank"], group = "heavy weapons" }
deadline = "2023-05-16"
"#;

    fn known(code: &str) -> bool {
        ["UKR", "RUS", "IGO"].iter().any(|k| code.starts_with(k))
    }

    #[test]
    fn a_valid_agreement_has_its_instant_and_end() {
        let c = parse("t.toml", TRUCE, &known).unwrap();
        assert_eq!(c.effective.unwrap().to_string(), "2023-05-02T03:00:00Z");
        assert_eq!(c.ends.unwrap().to_string(), "2023-06-01");
        assert_eq!(c.terms[1].deadline.unwrap().to_string(), "2023-05-16");
        assert_eq!(c.agreement.provisions[1].object.as_ref().unwrap().place, ["Eastbank"]);
    }

    fn refusal(text: &str) -> AgreementError {
        parse("t.toml", text, &known).unwrap_err()
    }

    #[test]
    fn unknown_obligors_are_refused_at_their_line() {
        let e = refusal(&TRUCE.replace(r#"obligors = ["RUS"]"#, r#"obligors = ["BLR"]"#));
        assert_eq!(e.field, "provision 2 obligors");
        assert_eq!(TRUCE.lines().nth(e.line - 1).unwrap(), r#"obligors = ["RUS"]"#);
        assert!(e.reason.contains("`BLR` is not among"), "{e}");
    }

    #[test]
    fn impossible_and_early_deadlines_are_refused() {
        let e = refusal(&TRUCE.replace("2023-05-16", "2023-02-30"));
        assert_eq!(e.field, "provision 2 deadline");
        assert!(e.to_string().contains("not a date"), "{e}");
        let e = refusal(&TRUCE.replace("2023-05-16", "2023-04-01"));
        assert!(e.reason.contains("before the agreement was signed"), "{e}");
    }

    #[test]
    fn provisions_without_obligors_and_unknown_codes_are_refused() {
        let e = refusal(&TRUCE.replace(r#"obligors = ["UKR", "RUS"]"#, "obligors = []"));
        assert_eq!(e.field, "provision 1 obligors");
        let e = refusal(&TRUCE.replace(r#"code = "RUS""#, r#"code = "XQZ""#));
        assert_eq!(e.field, "party 2 code");
        assert!(e.reason.contains("not an actor code"), "{e}");
        let e = refusal(&TRUCE.replace("kind = \"withdrawal\"", "kind = \"retreat\""));
        assert!(e.reason.contains("not one of"), "{e}");
    }

    #[test]
    fn syntax_errors_and_unknown_fields_name_the_line() {
        let e = refusal("id = \"x\"\ntitle = \"t\"\nsigned = 2023-05-01x\n");
        assert_eq!(e.line, 3, "{e}");
        let e = refusal(&TRUCE.replace("area = [\"River district\"]", "areas = [\"River district\"]"));
        assert!(e.reason.contains("areas"), "{e}");
    }

    #[test]
    fn a_later_agreement_moves_an_earlier_deadline_and_closes_its_window() {
        let first = parse("t.toml", TRUCE, &known).unwrap();
        let later = format!(
            "{}\n[[amendment]]\nagreement = \"river-truce\"\nprovision = \"2\"\ndeadline = \"2023-05-26\"\n",
            TRUCE
                .replace("id = \"river-truce\"", "id = \"river-truce-2\"\nreaffirms = [\"river-truce\"]")
                .replace("effective = \"2023-05-02T06:00\"", "effective = \"2023-05-20T06:00\"")
        );
        let second = parse("t2.toml", &later, &known).unwrap();
        let mut both = [first, second];
        link(&mut both);
        assert_eq!(both[0].terms[1].deadline.unwrap().to_string(), "2023-05-26");
        assert_eq!(both[0].terms[1].moved_by.as_deref(), Some("river-truce-2"));
        assert_eq!(both[0].ends.unwrap().to_string(), "2023-05-20", "a renewal with provisions closes the first");
        assert_eq!(both[0].followed_by.as_deref(), Some("river-truce-2"));
        let bad = later.replace("deadline = \"2023-05-26\"\n", "deadline = \"2023-05-32\"\n");
        assert_eq!(parse("t2.toml", &bad, &known).unwrap_err().field, "amendment 1 deadline");
    }

    #[test]
    fn zones_can_be_phrases_or_offsets() {
        assert!(resolve_zone("Moscow time").is_some());
        assert!(resolve_zone("UTC+4").is_some());
        assert!(resolve_zone("+03:00").is_some());
        assert!(resolve_zone("Atlantis/Poseidonia").is_none());
    }
}
