//! The verdict engine: an agreement, the observations known on a day, and
//! for every provision and every obligor a verdict with its evidence.
//!
//! A plain function of its inputs ([`board`]): nothing is remembered
//! between calls, so the board "as of" any day is the same whether it is
//! computed that day or years later from the reports published by then.
//!
//! Ceasefires: fighting by an obligor after the agreement took effect
//! breaches it when an independent source reports it (or the obligor
//! admits it); when only the other side says so it is alleged; when the
//! accused denies it or accuses back, contested; with reports but no
//! fighting, it holds (complied); with no reports at all, unverifiable.
//! Provisions with a deadline: a complying event at the object's place
//! before the deadline complies, after it is late, none by the deadline is
//! overdue; a quantity not reached is partly complied; a later report of
//! the act planned for a later day moves the deadline. A party's own
//! statement about its own conduct is never independent evidence.

use crate::agreement::{Checked, Provision, Terms};
use crate::observation::Observation;
use crate::outlets::Outlets;
use crate::rules::{Effect, Rule, Rules};
use crate::text::{
    contains_stem, largest_count, names_place, object_words, running_count, says_denial, says_violation,
};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};
use std::str::FromStr;

/// Where an obligation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The agreement or the provision's window has not begun.
    NotYetDue,
    /// In force, due later, nothing reported yet.
    Pending,
    /// Done (for a ceasefire: holding, no fighting reported).
    Complied,
    /// Done, after the deadline.
    CompliedLate,
    /// Begun but not complete (a quantity not reached).
    PartlyComplied,
    /// Broken, on independent evidence or by the party's admission.
    Breached,
    /// Broken according to another party only.
    Alleged,
    /// Accused and denied, or accusations both ways.
    Contested,
    /// Past the deadline, nothing done.
    Overdue,
    /// Nothing can be said: no reports, or only the party's own word.
    Unverifiable,
}

impl Status {
    /// The name used in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotYetDue => "not-yet-due",
            Status::Pending => "pending",
            Status::Complied => "complied",
            Status::CompliedLate => "complied-late",
            Status::PartlyComplied => "partly-complied",
            Status::Breached => "breached",
            Status::Alleged => "alleged",
            Status::Contested => "contested",
            Status::Overdue => "overdue",
            Status::Unverifiable => "unverifiable",
        }
    }

    /// Whether a change to this status deserves an alert.
    pub fn alarming(self) -> bool {
        matches!(self, Status::Breached | Status::Overdue | Status::Contested)
    }
}

/// One piece of evidence behind a verdict.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Cited {
    /// What it shows: `complies`, `breaches`, `alleges`, `denies`,
    /// `accuses-back`, `moves-deadline`.
    pub role: &'static str,
    /// Whether it counts as independent evidence.
    pub independent: bool,
    /// Who tells it, when a party does.
    pub told_by: Option<String>,
    /// The outlet whose copy this report republishes, when the outlets
    /// file says it syndicates another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
    /// The event.
    pub event: String,
    /// The report.
    pub doc: String,
    /// Its title.
    pub report: String,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Publication day.
    pub reported: Option<String>,
    /// Day of the event.
    pub date: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// Modality.
    pub modality: String,
    /// Source codes.
    pub source: Vec<String>,
    /// Target codes.
    pub target: Vec<String>,
    /// The sentence.
    pub sentence: String,
}

/// The verdict on one obligation of one party.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Verdict {
    /// Provision id.
    pub provision: String,
    /// Its kind.
    pub kind: String,
    /// The obligor's code.
    pub party: String,
    /// Where it stands.
    pub status: Status,
    /// The day the status took hold, when known.
    pub since: Option<String>,
    /// The deadline in force (after any move).
    pub deadline: Option<String>,
    /// How far a quantity was reached (`4 of 18`), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<String>,
    /// 0 to 1.
    pub confidence: f32,
    /// One line for people.
    pub rationale: String,
    /// Distinct reports among the evidence.
    pub reports: usize,
    /// Distinct outlets among the evidence.
    pub sources: usize,
    /// Distinct independent origins among the evidence (syndicated copies
    /// and parties' own outlets not counted).
    pub independent_sources: usize,
    /// How many pieces of evidence there are in all.
    pub evidence_total: usize,
    /// The evidence shown (at most 40: the acts before the claims), oldest
    /// first.
    pub evidence: Vec<Cited>,
}

/// Every verdict of an agreement on a day.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Board {
    /// Agreement id.
    pub agreement: String,
    /// Its title.
    pub title: String,
    /// The day the board stands on.
    pub as_of: String,
    /// When it took effect (UTC).
    pub effective: Option<String>,
    /// Its last day, when limited.
    pub ends: Option<String>,
    /// Reports known by that day.
    pub reports_known: usize,
    /// One per provision and obligor, in the agreement's order.
    pub verdicts: Vec<Verdict>,
}

/// The board of `agreement` as it stood on `as_of`, from the observations
/// of reports published by then.
pub fn board(
    agreement: &Checked,
    observations: &[Observation],
    outlets: &Outlets,
    rules: &Rules,
    as_of: Date,
) -> Board {
    board_of(agreement, &Prepared::new(agreement, observations, rules), outlets, rules, as_of)
}

/// The observations an agreement's rules can read, and the day each report
/// came out: sorted out once, so a history of many days does not rescan
/// every observation for each.
struct Prepared<'o> {
    relevant: Vec<Seen<'o>>,
    /// Publication day of each report (one entry a report).
    report_days: Vec<Date>,
    /// Reports of the truce being extended: (day reported, value).
    extensions: Vec<(Date, &'o str, &'o str)>,
    /// Word-for-word copies: event id → the outlet that printed it first.
    copies: std::collections::HashMap<String, String>,
}

impl<'o> Prepared<'o> {
    fn new(agreement: &Checked, observations: &'o [Observation], rules: &Rules) -> Prepared<'o> {
        let kinds: HashSet<&str> = agreement.agreement.provisions.iter().map(|p| p.kind.as_str()).collect();
        let codes: Vec<&Rule> = kinds.iter().flat_map(|k| rules.of_kind(k)).collect();
        let relevant: Vec<Seen> = observations
            .iter()
            .filter(|o| codes.iter().any(|r| r.takes_code(&o.cameo)))
            .map(|o| Seen { o, day: o.day(), reported: o.reported_day(), instant: o.instant() })
            .collect();
        let mut first_day: std::collections::HashMap<&str, Date> = std::collections::HashMap::new();
        for o in observations {
            if let Some(d) = o.reported_day().or(o.day()) {
                let e = first_day.entry(o.doc.as_str()).or_insert(d);
                *e = (*e).min(d);
            }
        }
        let mut report_days: Vec<Date> = first_day.into_values().collect();
        report_days.sort_unstable();
        let mut extensions: Vec<(Date, &str, &str)> = observations
            .iter()
            .filter(|o| o.modality == "asserted" || o.modality == "planned")
            .filter_map(|o| Some((o.reported_day().or(o.day())?, o.extension.as_deref()?, o.report.as_str())))
            .collect();
        extensions.sort();
        // (Only the observations the rules read can be cited.)
        let copies = crate::cluster::copies(&relevant.iter().map(|s: &Seen| s.o).collect::<Vec<_>>());
        Prepared { relevant, report_days, extensions, copies }
    }
}

fn board_of(agreement: &Checked, prepared: &Prepared, outlets: &Outlets, rules: &Rules, as_of: Date) -> Board {
    let known: Vec<&Seen> = prepared.relevant.iter().filter(|s| known_on(s, as_of)).collect();
    let report_days = &prepared.report_days[..prepared.report_days.partition_point(|d| *d <= as_of)];
    let reports_known = report_days.len();
    let (ends, extended_by) = extended_end(agreement, &prepared.extensions, as_of);
    let copies = &prepared.copies;
    let ctx = Context { agreement, outlets, rules, as_of, known: &known, report_days, ends, extended_by, copies };
    let mut verdicts = Vec::new();
    for (provision, terms) in agreement.agreement.provisions.iter().zip(&agreement.terms) {
        for party in &provision.obligors {
            verdicts.push(if provision.kind == "ceasefire" {
                ctx.ceasefire(provision, party)
            } else {
                ctx.obligation(provision, terms, party)
            });
        }
    }
    Board {
        agreement: agreement.agreement.id.clone(),
        title: agreement.agreement.title.clone(),
        as_of: as_of.to_string(),
        effective: agreement.effective.map(|t| t.to_string()),
        ends: ends.map(|d| d.to_string()),
        reports_known,
        verdicts,
    }
}

/// The agreement's last day as known on `as_of`: its own end, moved by
/// reports of the truce being extended while it ran (`extended by two
/// days`, `until November 30`), and the report that moved it last. An
/// agreement a later one renews is not extended by reports.
fn extended_end<'o>(
    a: &Checked,
    extensions: &[(Date, &'o str, &'o str)],
    as_of: Date,
) -> (Option<Date>, Option<&'o str>) {
    let Some(mut end) = a.ends else { return (None, None) };
    if a.followed_by.is_some() {
        return (Some(end), None);
    }
    let mut by = None;
    for (reported, value, report) in extensions {
        // (A report of the day it took effect or the next announces this
        // agreement itself, not an extension of it.)
        let announced = a.effective_date.and_then(|e| e.tomorrow().ok());
        if *reported > as_of || announced.is_some_and(|e| *reported <= e) {
            continue;
        }
        if end.tomorrow().is_ok_and(|t| *reported > t) {
            continue;
        }
        let moved = if value.starts_with('P') {
            jiff::Span::from_str(value).ok().and_then(|span| end.checked_add(span).ok())
        } else {
            Date::from_str(value).ok()
        };
        if let Some(m) = moved.filter(|m| *m > end) {
            end = m;
            by = Some(*report);
        }
    }
    (Some(end), by)
}

/// A verdict that changed: the day and the new status.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Change {
    /// The day of the change.
    pub date: String,
    /// Provision id.
    pub provision: String,
    /// Obligor.
    pub party: String,
    /// Status before, if there was a board before.
    pub from: Option<Status>,
    /// Status after.
    pub to: Status,
    /// Why.
    pub rationale: String,
}

/// How every verdict moved from `from` to `to`: the board is recomputed on
/// each day something could change it (a report, a deadline passing, the
/// agreement taking effect or ending) and each change is kept.
pub fn history(
    agreement: &Checked,
    observations: &[Observation],
    outlets: &Outlets,
    rules: &Rules,
    from: Date,
    to: Date,
) -> Vec<Change> {
    let mut days: BTreeSet<Date> = observations.iter().filter_map(|o| o.reported_day().or(o.day())).collect();
    days.extend(agreement.effective_date);
    days.extend(agreement.ends.and_then(|d| d.tomorrow().ok()));
    for t in &agreement.terms {
        days.extend(t.deadline.and_then(|d| d.tomorrow().ok()));
        days.extend(t.from);
    }
    days.insert(from);
    let mut changes = Vec::new();
    let mut last: Option<Board> = None;
    let prepared = Prepared::new(agreement, observations, rules);
    for day in days.into_iter().filter(|d| *d >= from && *d <= to) {
        let now = board_of(agreement, &prepared, outlets, rules, day);
        for (i, v) in now.verdicts.iter().enumerate() {
            let before = last.as_ref().map(|b| b.verdicts[i].status);
            if before != Some(v.status) {
                changes.push(Change {
                    date: day.to_string(),
                    provision: v.provision.clone(),
                    party: v.party.clone(),
                    from: before,
                    to: v.status,
                    rationale: v.rationale.clone(),
                });
            }
        }
        last = Some(now);
    }
    changes
}

/// Whether a report was out by `as_of` and tells of something by then.
fn known_on(s: &Seen, as_of: Date) -> bool {
    let published = s.reported.or(s.day);
    published.is_some_and(|d| d <= as_of) && s.day.is_none_or(|d| d <= as_of || s.o.modality == "planned")
}

/// An observation with its days parsed once.
struct Seen<'o> {
    o: &'o Observation,
    day: Option<Date>,
    reported: Option<Date>,
    instant: Option<jiff::Timestamp>,
}

/// Evidence while a verdict is worked out: the observation by reference,
/// copied into a [`Cited`] only for the few a verdict shows.
#[derive(Clone)]
struct Ev<'o> {
    role: &'static str,
    independent: bool,
    told_by: Option<String>,
    copy_of: Option<String>,
    /// The outlet this piece comes from at first hand (itself, or the one
    /// it copies).
    origin: String,
    date: Option<&'o str>,
    reported: Option<&'o str>,
    doc: &'o str,
    outlet: Option<&'o str>,
    sentence: &'o str,
    o: &'o Observation,
}

impl Ev<'_> {
    fn cited(&self) -> Cited {
        let o = self.o;
        Cited {
            role: self.role,
            independent: self.independent,
            told_by: self.told_by.clone(),
            copy_of: self.copy_of.clone(),
            event: o.event.clone(),
            doc: o.doc.clone(),
            report: o.report.clone(),
            outlet: o.outlet.clone(),
            reported: o.reported.clone(),
            date: o.date.clone(),
            cameo: o.cameo.clone(),
            modality: o.modality.clone(),
            source: o.source.clone(),
            target: o.target.clone(),
            sentence: o.sentence.clone(),
        }
    }
}

/// How many pieces of evidence a verdict shows (its counts cover all).
const SHOWN: usize = 40;

struct Context<'a> {
    agreement: &'a Checked,
    outlets: &'a Outlets,
    rules: &'a Rules,
    as_of: Date,
    known: &'a [&'a Seen<'a>],
    /// Publication days of the reports known, sorted.
    report_days: &'a [Date],
    /// The agreement's last day, after any extension reported by then.
    ends: Option<Date>,
    /// The report that extended it, when one did.
    extended_by: Option<&'a str>,
    /// Word-for-word copies found among the reports.
    copies: &'a std::collections::HashMap<String, String>,
}

/// Who tells an observation, as far as the parties go.
#[derive(Clone, Debug, PartialEq)]
enum Teller {
    /// A party of the agreement (its outlet, or its voice in the sentence).
    Party(String),
    /// A quotation whose speaker is not in the sentence.
    Quoted,
    /// Nobody with a stake that truce can see.
    Independent,
}

impl Context<'_> {
    fn parties(&self) -> Vec<&str> {
        self.agreement.agreement.parties.iter().filter(|p| p.role == "party").map(|p| p.code.as_str()).collect()
    }

    fn all_codes(&self) -> Vec<&str> {
        self.agreement.codes()
    }

    /// Whether `code` is `party` acting (its own code, a sub-code of it, or
    /// a state organ of a government party), and no more specific party
    /// claims it.
    fn acts_as(&self, code: &str, party: &str) -> bool {
        acts_as(code, party, &self.all_codes())
    }

    fn party_among<'c>(&self, codes: &'c [String]) -> Option<&'c str> {
        let parties = self.parties();
        codes.iter().find_map(|c| parties.iter().any(|p| self.acts_as(c, p)).then_some(c.as_str()))
    }

    /// The party a code acts as.
    fn which_party(&self, code: &str) -> Option<String> {
        self.parties().into_iter().find(|p| self.acts_as(code, p)).map(str::to_owned)
    }

    fn teller(&self, o: &Observation) -> Teller {
        if let Some(p) = self.outlets.party(o.outlet.as_deref()) {
            return Teller::Party(self.which_party(p).unwrap_or_else(|| p.to_owned()));
        }
        match self.party_among(&o.claimants).and_then(|c| self.which_party(c)) {
            Some(p) => Teller::Party(p),
            // `“On October 26 at 08:05 the armed forces of … fired …”`: a
            // quotation is someone's statement, whoever it is.
            None if o.sentence.trim_start().starts_with(['“', '"', '«', '„']) => Teller::Quoted,
            None => Teller::Independent,
        }
    }

    /// Whether the event happened while the agreement was in force.
    fn in_force(&self, s: &Seen) -> bool {
        let o = s.o;
        let a = self.agreement;
        // `1988`, `2020-10`: a date coarser than a day is in force only
        // when the whole period is after the start.
        if s.day.is_none()
            && let Some(start) = o.date.as_deref().and_then(period_start)
        {
            return a.effective_date.is_none_or(|e| start > e) && self.ends.is_none_or(|end| start <= end);
        }
        let after_start = match (s.instant, a.effective, s.day, a.effective_date) {
            (Some(t), Some(e), _, _) => t >= e,
            // On the first day of a truce that began at a set hour, an act
            // with no clock time is after the start only when the report
            // says it broke the truce.
            (_, _, Some(d), Some(e)) => d > e || (d == e && (starts_at_midnight(a) || says_violation(&o.sentence))),
            (_, _, None, Some(e)) => s.reported.is_some_and(|r| r > e),
            _ => true,
        };
        let before_end = match (s.day, self.ends) {
            (Some(d), Some(end)) => d <= end,
            _ => true,
        };
        after_start && before_end
    }

    fn words_ok(&self, rule: &Rule, provision: &Provision, o: &Observation) -> bool {
        if rule.words.is_empty() {
            return true;
        }
        let sentence = o.sentence.to_lowercase();
        rule.words.iter().any(|w| {
            if w == "{object}" {
                object_words(provision).iter().any(|ow| contains_stem(&sentence, ow))
            } else {
                contains_stem(&sentence, w)
            }
        })
    }

    fn place_ok(&self, rule: &Rule, provision: &Provision, o: &Observation) -> bool {
        let names: &[String] = match &provision.object {
            Some(obj) if !obj.place.is_empty() => &obj.place,
            _ => return true,
        };
        !rule.at_object || names.iter().any(|n| names_place(o, n))
    }

    fn cite<'o>(&self, o: &'o Observation, role: &'static str, teller: &Teller) -> Ev<'o> {
        Ev {
            role,
            independent: *teller == Teller::Independent && role != "alleges",
            told_by: match teller {
                Teller::Party(p) => Some(p.clone()),
                Teller::Quoted => Some("a quoted statement".into()),
                Teller::Independent => None,
            },
            copy_of: o
                .outlet
                .as_deref()
                .and_then(|n| self.outlets.syndicated_from(n))
                .map(str::to_owned)
                .or_else(|| self.copies.get(&o.event).cloned()),
            // (Both ways through the outlets file, so a copy found by its
            // words and one declared syndicated agree on the origin.)
            origin: self
                .outlets
                .origin(self.copies.get(&o.event).map_or(o.outlet.as_deref().unwrap_or(&o.doc), String::as_str))
                .to_owned(),
            date: o.date.as_deref(),
            reported: o.reported.as_deref(),
            doc: &o.doc,
            outlet: o.outlet.as_deref(),
            sentence: &o.sentence,
            o,
        }
    }

    /// Reports known after `day` (how much the silence is worth).
    fn reports_since(&self, day: Option<Date>) -> usize {
        match day {
            Some(d) => self.report_days.len() - self.report_days.partition_point(|r| *r < d),
            None => self.report_days.len(),
        }
    }

    fn ceasefire(&self, provision: &Provision, party: &str) -> Verdict {
        let a = self.agreement;
        let mut evidence: Vec<Ev> = Vec::new();
        let mut confirmed = 0usize;
        // Confirmations from outlets not graded reliable (A–C).
        let mut unproven = 0usize;
        let mut alleged_by: BTreeSet<String> = BTreeSet::new();
        let mut denied = false;
        let mut accused_back = false;
        let others: Vec<&str> = provision.obligors.iter().map(String::as_str).filter(|c| *c != party).collect();
        let countries: HashSet<&str> = provision.obligors.iter().filter_map(|c| c.get(..3)).collect();
        // Places handed over to this party: its troops taking them over is
        // the agreement at work, not a breach of its ceasefire.
        let received: Vec<&String> = a
            .agreement
            .provisions
            .iter()
            .filter(|p| {
                matches!(p.kind.as_str(), "handover" | "withdrawal") && p.beneficiaries.iter().any(|b| b == party)
            })
            .flat_map(|p| p.object.iter().flat_map(|o| o.place.iter()))
            .collect();
        for rule in self.rules.of_kind("ceasefire") {
            for s in self.known.iter().filter(|s| rule.takes_code(&s.o.cameo) && self.in_force(s)) {
                let o = s.o;
                if o.cameo.starts_with("192") && received.iter().any(|n| names_place(o, n)) {
                    continue;
                }
                if !self.words_ok(rule, provision, o) {
                    continue;
                }
                let by_party = o.source.iter().any(|s| self.acts_as(s, party));
                match rule.effect {
                    Effect::Breaches => {
                        // (A party's force aimed at itself is a misread
                        // target: `its soldiers` of the other side.)
                        let self_aimed = !o.target.is_empty() && o.target.iter().all(|t| self.acts_as(t, party));
                        let against_obligors = o.target.is_empty()
                            || self_aimed
                            || o.target
                                .iter()
                                .any(|t| !self.acts_as(t, party) && t.get(..3).is_some_and(|c| countries.contains(c)));
                        if by_party && against_obligors {
                            let teller = self.teller(o);
                            // An undated sentence (`X responded with a
                            // counter-offensive`) is often background: it
                            // confirms nothing unless it says the truce was
                            // broken.
                            let timed = !o.undated || says_violation(&o.sentence);
                            match (o.modality.as_str(), &teller) {
                                ("asserted", Teller::Independent) if timed => {
                                    confirmed += 1;
                                    if !matches!(self.outlets.grade(o.outlet.as_deref()), 'A' | 'B' | 'C') {
                                        unproven += 1;
                                    }
                                    evidence.push(self.cite(o, "breaches", &teller));
                                }
                                ("asserted", Teller::Independent) => {}
                                ("asserted", Teller::Party(p)) if p == party && timed => {
                                    confirmed += 1;
                                    evidence.push(self.cite(o, "breaches", &teller));
                                }
                                // A party's own claim about itself is an
                                // admission only when asserted; an
                                // "alleged" act told by the actor is a
                                // misreading, not evidence.
                                ("alleged", Teller::Party(p)) if p == party => {}
                                ("asserted" | "alleged", Teller::Party(p)) if p != party => {
                                    alleged_by.insert(p.clone());
                                    evidence.push(self.cite(o, "alleges", &teller));
                                }
                                ("asserted" | "alleged", Teller::Quoted) | ("alleged", Teller::Independent) => {
                                    alleged_by.insert("unnamed sources".into());
                                    evidence.push(self.cite(o, "alleges", &teller));
                                }
                                // `The Houthis denied firing`: a denial. (`No
                                // attacks were recorded` denies nothing: it
                                // is a report of calm.)
                                ("denied", _) if says_denial(&o.sentence) => {
                                    denied = true;
                                    evidence.push(self.cite(o, "denies", &teller));
                                }
                                _ => {}
                            }
                        } else if o.source.iter().any(|s| others.iter().any(|q| self.acts_as(s, q)))
                            && o.modality != "asserted"
                            && self.teller(o) == Teller::Party(party.to_owned())
                        {
                            // The party says the other side fought (at it, or
                            // at anyone: the target is often misread).
                            accused_back = true;
                            evidence.push(self.cite(o, "accuses-back", &Teller::Party(party.to_owned())));
                        }
                    }
                    Effect::Accuses => {
                        if !matches!(o.modality.as_str(), "asserted" | "alleged") {
                            continue;
                        }
                        let accuser = o.source.iter().find_map(|s| others.iter().find(|q| self.acts_as(s, q)));
                        let accused = o.target.iter().any(|t| self.acts_as(t, party));
                        if let (Some(q), true) = (accuser, accused) {
                            alleged_by.insert((*q).to_owned());
                            evidence.push(self.cite(o, "alleges", &Teller::Party((*q).to_owned())));
                        } else if by_party && o.target.iter().any(|t| others.iter().any(|q| self.acts_as(t, q))) {
                            accused_back = true;
                            evidence.push(self.cite(o, "accuses-back", &Teller::Party(party.to_owned())));
                        }
                    }
                    Effect::Complies => {}
                }
            }
        }
        evidence.sort_by(|x, y| x.date.cmp(&y.date).then(x.reported.cmp(&y.reported)));
        let first =
            |role: &str| evidence.iter().filter(|c| c.role == role).filter_map(|c| c.date).min().map(str::to_owned);
        let extended = self.extended_by.map(|r| format!(" (extended by “{r}”)")).unwrap_or_default();
        let expired = match (self.ends.filter(|e| *e < self.as_of), &a.followed_by) {
            (Some(e), Some(next)) => format!("; followed by {next} on {e}"),
            (Some(e), None) => format!("; expired on {e}{extended}"),
            (None, _) if !extended.is_empty() => {
                format!("; runs to {}{extended}", self.ends.map(|d| d.to_string()).unwrap_or_default())
            }
            _ => String::new(),
        };
        let (status, since, rationale) = if a.effective_date.is_some_and(|e| self.as_of < e) {
            (Status::NotYetDue, a.effective_date.map(|d| d.to_string()), "not yet in force".to_owned())
        } else if confirmed > 0 && denied && unproven == confirmed {
            // Outlets of unknown reliability against the party's denial.
            let n = independent_origins(&evidence, "breaches");
            (
                Status::Contested,
                first("breaches"),
                format!(
                    "fighting by {party} reported by {n} source(s) of unknown reliability; {party} denies it{expired}"
                ),
            )
        } else if confirmed > 0 {
            let n = independent_origins(&evidence, "breaches");
            (
                Status::Breached,
                first("breaches"),
                format!(
                    "{confirmed} report(s) of fighting by {party} after the ceasefire took effect, {n} independent source(s){expired}"
                ),
            )
        } else if !alleged_by.is_empty() {
            let by = alleged_by.iter().cloned().collect::<Vec<_>>().join(", ");
            if denied || accused_back {
                let why = if denied { "denies it" } else { "accuses them in turn" };
                (
                    Status::Contested,
                    first("alleges"),
                    format!("accused by {by}; {party} {why}; no independent confirmation{expired}"),
                )
            } else {
                (
                    Status::Alleged,
                    first("alleges"),
                    format!("accused of fighting by {by} only; no independent confirmation{expired}"),
                )
            }
        } else {
            let since = a.effective_date;
            let n = self.reports_since(since);
            if n == 0 {
                (Status::Unverifiable, since.map(|d| d.to_string()), "no reports since it took effect".to_owned())
            } else {
                (
                    Status::Complied,
                    since.map(|d| d.to_string()),
                    format!("no fighting by {party} reported in {n} report(s) since it took effect{expired}"),
                )
            }
        };
        let confidence = match status {
            Status::Breached => confidence_of(&evidence, self.outlets, "breaches"),
            Status::Alleged | Status::Contested => 0.5 * confidence_of(&evidence, self.outlets, "alleges").max(0.5),
            Status::Complied => silence_confidence(self.reports_since(a.effective_date)),
            _ => 0.5,
        };
        self.verdict(provision, party, status, since, None, None, confidence, rationale, evidence)
    }

    fn obligation(&self, provision: &Provision, terms: &Terms, party: &str) -> Verdict {
        let a = self.agreement;
        let start = terms.from.or(a.effective_date).or(a.signed);
        let mutual = matches!(provision.kind.as_str(), "negotiation" | "exchange");
        // Ships, flights and people can be reported arriving with nobody
        // named as letting them: that still counts for the obligors. Talks
        // need their participants named.
        let agentless_counts = provision.kind != "negotiation";
        // A window bounds the evidence; a deadline does not (late is still
        // done).
        let last_day = if terms.deadline.is_some() { None } else { terms.to.or(self.ends) };
        let mut evidence: Vec<Ev> = Vec::new();
        // A deadline moved by a later agreement moves on the day that
        // agreement took effect, not before.
        let moved_yet = terms.moved_on.is_none_or(|d| d <= self.as_of);
        let mut deadline = if moved_yet { terms.deadline } else { terms.original_deadline }.or(terms.to);
        let mut moved_by: Option<String> = terms.moved_by.clone().filter(|_| moved_yet);
        let mut complied_days: Vec<(Date, bool)> = Vec::new();
        let mut breaches = 0usize;
        let mut denial_days: Vec<Date> = Vec::new();
        for rule in self.rules.of_kind(&provision.kind) {
            for s in self.known.iter().filter(|s| rule.takes_code(&s.o.cameo)) {
                let o = s.o;
                if !self.words_ok(rule, provision, o) || !self.place_ok(rule, provision, o) {
                    continue;
                }
                let day = s.day.or(s.reported);
                // Reports of the day it was signed describe the agreement
                // itself, not its implementation.
                let too_early = start.is_some_and(|s| day.is_some_and(|d| d < s))
                    || a.signed.zip(day).is_some_and(|(s, d)| d <= s)
                    || (terms.from.is_none() && a.effective_date.zip(day).is_some_and(|(e, d)| d <= e));
                let too_late = last_day.zip(day).is_some_and(|(l, d)| d > l);
                if (too_early || too_late) && o.modality != "planned" {
                    continue;
                }
                // Talks and exchanges have two sides: a party named as the
                // other side, or named in the sentence (`between delegations
                // of A and B`), takes part.
                // A handover or a withdrawal is also seen from the other
                // side: the beneficiary taking over the place (`Azerbaijani
                // units entered Aghdam`) is the obligor's compliance.
                let receiving = matches!(provision.kind.as_str(), "handover" | "withdrawal")
                    && rule.effect == Effect::Complies
                    && o.source.iter().any(|s| provision.beneficiaries.iter().any(|b| self.acts_as(s, b)));
                let by_party = o.source.iter().any(|s| self.acts_as(s, party))
                    || receiving
                    || (mutual && o.target.iter().chain(o.named()).any(|t| self.acts_as(t, party)));
                // (Refugees returning, aid trucks arriving: their movers are
                // no party either.)
                let movers = matches!(provision.kind.as_str(), "return" | "access" | "transit");
                let agentless =
                    agentless_counts && (o.source.is_empty() || (movers && self.party_among(&o.source).is_none()));
                if !(by_party || (agentless && rule.effect == Effect::Complies)) {
                    continue;
                }
                let teller = self.teller(o);
                match (rule.effect, o.modality.as_str()) {
                    (Effect::Complies, "asserted") => {
                        let independent = teller != Teller::Party(party.to_owned());
                        if let Some(d) = day {
                            complied_days.push((d, independent));
                        }
                        evidence.push(Ev { independent, ..self.cite(o, "complies", &teller) });
                    }
                    (Effect::Complies, "denied") => {
                        if let Some(d) = day {
                            denial_days.push(d);
                        }
                        evidence.push(self.cite(o, "denies", &teller));
                    }
                    (Effect::Complies, "planned") => {
                        let later = match (day, deadline) {
                            (Some(d), Some(dl)) => d > dl,
                            _ => false,
                        };
                        let after_signing = s.reported.zip(a.signed).is_some_and(|(r, signed)| r > signed);
                        if later && after_signing {
                            deadline = day;
                            moved_by = Some(o.report.clone());
                            evidence.push(self.cite(o, "moves-deadline", &teller));
                        }
                    }
                    (Effect::Breaches, "asserted") if by_party && self.in_force(s) => {
                        breaches += 1;
                        evidence.push(self.cite(o, "breaches", &teller));
                    }
                    _ => {}
                }
            }
        }
        evidence.sort_by(|x, y| x.date.cmp(&y.date).then(x.reported.cmp(&y.reported)));
        let first_independent = complied_days.iter().filter(|(_, i)| *i).map(|(d, _)| *d).min();
        let first_any = complied_days.iter().map(|(d, _)| *d).min();
        let quantity = provision.object.as_ref().and_then(|o| o.quantity);
        let progress = quantity.map(|q| {
            let texts: Vec<&str> =
                evidence.iter().filter(|c| c.role == "complies" && c.independent).map(|c| c.sentence).collect();
            // The largest count a report gives (`the sixth tanker`), else
            // one a day on which it was reported done.
            let things = object_words(provision);
            // Batches on different days add up (`13 hostages` on Friday,
            // `17` on Saturday), unless the reports give running totals
            // (`the sixth tanker`, `bringing the total to 39`).
            let running = texts.iter().any(|t| running_count(t, &things));
            let mut per_day: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
            for c in evidence.iter().filter(|c| c.role == "complies" && c.independent) {
                if let Some(n) = largest_count(c.sentence, q, &things) {
                    let day = per_day.entry(c.date.unwrap_or("")).or_default();
                    *day = (*day).max(n);
                }
            }
            let counted = if running { per_day.values().copied().max() } else { Some(per_day.values().sum::<u64>()) }
                .filter(|n| *n > 0);
            let days = evidence
                .iter()
                .filter(|c| c.role == "complies" && c.independent)
                .filter_map(|c| c.date)
                .collect::<HashSet<_>>()
                .len() as u64;
            (counted.unwrap_or(days).min(q), q)
        });
        let moved = moved_by
            .map(|r| format!(" (deadline moved to {} by “{r}”)", deadline.map(|d| d.to_string()).unwrap_or_default()));
        let moved = moved.unwrap_or_default();
        // A denial counts against a report of compliance made before it.
        let denials = first_independent.map_or(0, |d| denial_days.iter().filter(|x| **x >= d).count());
        let (status, since, rationale) = if breaches > 0 {
            (
                Status::Breached,
                first_date(&evidence, "breaches"),
                format!("{breaches} report(s) of {party} acting against it{moved}"),
            )
        } else if let Some(d) = first_independent {
            let late = deadline.is_some_and(|dl| d > dl);
            match progress {
                Some((done, q)) if done < q => {
                    (Status::PartlyComplied, Some(d.to_string()), format!("{done} of {q} reported{moved}"))
                }
                _ if denials > 0 => (
                    Status::Contested,
                    Some(d.to_string()),
                    format!("reported done on {d}, and denied in {denials} report(s){moved}"),
                ),
                _ if late => (
                    Status::CompliedLate,
                    Some(d.to_string()),
                    format!(
                        "done on {d}, after the deadline of {}{moved}",
                        deadline.map(|x| x.to_string()).unwrap_or_default()
                    ),
                ),
                _ => (Status::Complied, Some(d.to_string()), format!("done on {d}{moved}")),
            }
        } else if let Some(d) = first_any {
            (
                Status::Unverifiable,
                Some(d.to_string()),
                format!("only {party}'s own statements say it was done ({d}){moved}"),
            )
        } else if start.is_some_and(|s| self.as_of < s) {
            (Status::NotYetDue, start.map(|d| d.to_string()), "not yet in force".to_owned())
        } else if let Some(dl) = deadline.filter(|dl| self.as_of > *dl) {
            (
                Status::Overdue,
                dl.tomorrow().ok().map(|d| d.to_string()),
                format!("nothing reported done by the deadline of {dl}{moved}"),
            )
        } else {
            let due = deadline.map(|d| format!(", due by {d}")).unwrap_or_default();
            (Status::Pending, start.map(|d| d.to_string()), format!("in force, nothing reported done yet{due}{moved}"))
        };
        let confidence = match status {
            Status::Complied | Status::CompliedLate | Status::PartlyComplied | Status::Contested => {
                confidence_of(&evidence, self.outlets, "complies")
            }
            Status::Breached => confidence_of(&evidence, self.outlets, "breaches"),
            Status::Overdue | Status::Pending => silence_confidence(self.reports_since(start)),
            _ => 0.3,
        };
        let progress = progress.map(|(done, q)| format!("{done} of {q}"));
        self.verdict(provision, party, status, since, deadline, progress, confidence, rationale, evidence)
    }

    #[allow(clippy::too_many_arguments)]
    fn verdict(
        &self,
        provision: &Provision,
        party: &str,
        status: Status,
        since: Option<String>,
        deadline: Option<Date>,
        progress: Option<String>,
        confidence: f64,
        rationale: String,
        evidence: Vec<Ev>,
    ) -> Verdict {
        let reports = evidence.iter().map(|c| c.doc).collect::<HashSet<_>>().len();
        let sources = evidence.iter().map(|c| c.outlet.unwrap_or(c.doc)).collect::<HashSet<_>>().len();
        let independent_sources =
            evidence.iter().filter(|c| c.independent).map(|c| c.origin.as_str()).collect::<HashSet<_>>().len();
        Verdict {
            provision: provision.id.clone(),
            kind: provision.kind.clone(),
            party: party.to_owned(),
            status,
            since,
            deadline: deadline.map(|d| d.to_string()),
            progress,
            confidence: (confidence.clamp(0.0, 1.0) * 100.0).round() as f32 / 100.0,
            rationale,
            reports,
            sources,
            independent_sources,
            evidence_total: evidence.len(),
            evidence: shown(&evidence),
        }
    }
}

/// The evidence a verdict shows: all of it when there is little; else the
/// acts (done, broken, denied, deadline moved) before the claims, up to
/// [`SHOWN`], oldest first.
fn shown(evidence: &[Ev]) -> Vec<Cited> {
    if evidence.len() <= SHOWN {
        return evidence.iter().map(Ev::cited).collect();
    }
    let claim = |c: &Ev| matches!(c.role, "alleges" | "accuses-back");
    let mut picked: Vec<&Ev> = evidence.iter().filter(|c| !claim(c)).take(SHOWN).collect();
    let room = SHOWN - picked.len();
    picked.extend(evidence.iter().filter(|c| claim(c)).take(room));
    picked.sort_by(|x, y| x.date.cmp(&y.date).then(x.reported.cmp(&y.reported)));
    picked.into_iter().map(Ev::cited).collect()
}

/// Whether `code` is `party` acting, among the agreement's `codes`.
pub fn acts_as(code: &str, party: &str, codes: &[&str]) -> bool {
    const STATE_ORGANS: &[&str] = &["GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PKO"];
    // A state party (`AZE`) acts through its organs, not through rebels or
    // separatists of its territory (`AZESEP` is not Azerbaijan).
    let state_party = party.len() == 3 && !party.starts_with("IGO") && !party.starts_with("NGO");
    let organ_of_state = code.len() == 3 || code.get(3..6).is_some_and(|s| STATE_ORGANS.contains(&s));
    let direct = code.starts_with(party) && (!state_party || organ_of_state);
    let organ = party.len() == 6
        && party.ends_with("GOV")
        && code.len() >= 6
        && code[..3] == party[..3]
        && STATE_ORGANS.contains(&&code[3..6]);
    if !(direct || organ) {
        return false;
    }
    // A more specific party claims it (`YEMREB` within `YEM`).
    !codes.iter().any(|other| *other != party && other.len() > party.len() && code.starts_with(other))
}

/// The first day of a TIMEX3 date value coarser than a day (`1988`,
/// `2020-10`), when it names a year or a month.
fn period_start(value: &str) -> Option<Date> {
    let year: i16 = value.get(..4)?.parse().ok()?;
    let month: i8 = match value.get(4..) {
        None | Some("") => 1,
        Some(rest) => rest.strip_prefix('-')?.get(..2)?.parse().ok()?,
    };
    Date::new(year, month, 1).ok()
}

fn starts_at_midnight(a: &Checked) -> bool {
    a.agreement.effective.as_deref().is_some_and(|e| e.ends_with("T00:00") || e.ends_with("T00:00:00"))
}

fn first_date(evidence: &[Ev], role: &str) -> Option<String> {
    evidence.iter().filter(|c| c.role == role).filter_map(|c| c.date).min().map(str::to_owned)
}

fn independent_origins(evidence: &[Ev], role: &str) -> usize {
    evidence.iter().filter(|c| c.role == role && c.independent).map(|c| c.origin.as_str()).collect::<HashSet<_>>().len()
}

/// One minus the chance that every independent origin is wrong, each
/// weighted by its grade; syndicated copies count once.
fn confidence_of(evidence: &[Ev], outlets: &Outlets, role: &str) -> f64 {
    let mut seen = HashSet::new();
    let mut doubt = 1.0;
    for c in evidence.iter().filter(|c| c.role == role) {
        if !seen.insert(c.origin.as_str()) {
            continue;
        }
        let weight = Outlets::weight(outlets.grade(c.outlet));
        doubt *= 1.0 - if c.independent { weight } else { weight * 0.3 };
    }
    1.0 - doubt
}

/// What silence is worth: more reports that say nothing of a breach make
/// "it holds" more believable, never certain.
fn silence_confidence(reports: usize) -> f64 {
    (1.0 - 0.85f64.powi(reports as i32)).min(0.9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parties_act_through_their_organs_and_specific_codes_win() {
        let codes = ["YEMGOV", "YEMREB", "SAU"];
        assert!(acts_as("YEMMIL", "YEMGOV", &codes));
        assert!(acts_as("YEMGOV", "YEMGOV", &codes));
        assert!(!acts_as("YEMREB", "YEMGOV", &codes));
        assert!(acts_as("YEMREBMIL", "YEMREB", &codes));
        assert!(acts_as("SAUMIL", "SAU", &codes));
        assert!(!acts_as("YEMCVL", "YEMGOV", &codes));
        assert!(acts_as("UKRREB", "UKRREB", &["UKR", "UKRREB"]));
        assert!(!acts_as("UKRREB", "UKR", &["UKR", "UKRREB"]));
        assert!(!acts_as("AZESEP", "AZE", &["AZE", "ARM"]));
        assert!(acts_as("AZEMIL", "AZE", &["AZE", "ARM"]));
        assert!(acts_as("AZE", "AZE", &["AZE", "ARM"]));
    }
}
