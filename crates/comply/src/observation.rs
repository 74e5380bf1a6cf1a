//! What the compliance engine reads: one coded event with the report it
//! came from.
//!
//! Built once when a document is stored, so recomputing every verdict
//! never re-reads documents: an observation carries the event's codes,
//! actors, modality, date and place, the outlet and date of the report, and
//! who else the sentence names (a claimant: `Armenia said Azerbaijani forces
//! shelled …` is Armenia's claim, not a neutral account).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use truce_core::{Document, Event, MentionKind};

/// One coded event as evidence.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Observation {
    /// The event's id.
    pub event: String,
    /// The report (document id).
    pub doc: String,
    /// Its title or input name, for people.
    pub report: String,
    /// The report's outlet, when known.
    pub outlet: Option<String>,
    /// The day the report was published (`YYYY-MM-DD`), when known.
    pub reported: Option<String>,
    /// When the event happened (TIMEX3 date value) and its precision.
    pub date: Option<String>,
    /// `day`, `month`, …
    pub date_precision: Option<String>,
    /// UTC instant, when the report gave a clock time.
    pub time: Option<String>,
    /// True when the sentence names no time of its own, so the date is the
    /// report's (background paragraphs are often undated).
    #[serde(default)]
    pub undated: bool,
    /// CAMEO code.
    pub cameo: String,
    /// PLOVER category.
    pub plover: Option<String>,
    /// `asserted`, `planned`, `requested`, `alleged`, `denied`,
    /// `hypothetical`.
    pub modality: String,
    /// Actor codes of the source.
    pub source: Vec<String>,
    /// Actor codes of the target.
    pub target: Vec<String>,
    /// Codes of the actors the sentence gives as speaking (`X said`,
    /// `according to X`, `X accused`), besides the source and target.
    pub claimants: Vec<String>,
    /// Codes of the other actors the sentence names (participants:
    /// `talks between delegations of A and B`).
    #[serde(default)]
    pub others: Vec<String>,
    /// The place's name and the words of the report, when located.
    pub place: Option<String>,
    /// The words naming the place.
    pub place_text: Option<String>,
    /// The supporting sentence.
    pub sentence: String,
    /// For a truce said to be extended (`extended by two days`, `extended
    /// until 30 November`): the TIMEX3 value of how long or until when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
}

/// How far a sentence says a truce was extended: the duration (`by two
/// days` → P2D) or the new last day (`until November 30`).
fn extension(doc: &Document, e: &Event) -> Option<String> {
    if !e.cameo.starts_with("087") {
        return None;
    }
    let lower = e.evidence.text.to_lowercase();
    if !["extend", "prolong", "renew"].iter().any(|w| lower.contains(w)) {
        return None;
    }
    let timexes: Vec<&truce_core::Timex> = doc.timexes.iter().filter(|t| t.sentence == e.sentence).collect();
    if let Some(d) = timexes.iter().find(|t| t.kind == "DURATION" && t.value.starts_with('P')) {
        return Some(d.value.clone());
    }
    timexes
        .iter()
        .find(|t| {
            t.kind == "DATE" && t.value.len() == 10 && {
                let before = doc.text[..t.span.start()].trim_end().to_lowercase();
                ["until", "till", "to", "through", "into"].iter().any(|w| before.ends_with(w))
            }
        })
        .map(|t| t.value.clone())
}

/// Whether the mention at `start..end` speaks: a speech verb follows it
/// within four words (`the defence ministry spokesperson Shushan Stepanyan
/// reported`) (`the army said`, `Baku's defence ministry
/// claimed`), or `according to` comes before it.
fn speaks(text: &str, start: usize, end: usize) -> bool {
    const SPEECH: &[&str] = &[
        "said",
        "says",
        "say",
        "told",
        "stated",
        "claimed",
        "claims",
        "reported",
        "reports",
        "accused",
        "accuses",
        "alleged",
        "alleges",
        "denied",
        "denies",
        "added",
        "announced",
        "insisted",
        "charged",
        "blamed",
        "blames",
    ];
    let after = text.get(end..).unwrap_or("");
    let speaks_after = after
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(5)
        .any(|w| SPEECH.contains(&w.to_lowercase().as_str()));
    let before = text.get(..start).unwrap_or("").trim_end().to_lowercase();
    speaks_after || before.ends_with("according to") || before.ends_with("according to the")
}

impl Observation {
    /// The observations of a document's events.
    pub fn of_document(doc: &Document) -> Vec<Observation> {
        doc.events.iter().map(|e| Observation::of_event(doc, e)).collect()
    }

    fn of_event(doc: &Document, e: &Event) -> Observation {
        let codes =
            |list: &[truce_core::EventActor]| list.iter().filter_map(|a| a.code.clone()).collect::<Vec<String>>();
        let source = codes(&e.source);
        let target = codes(&e.target);
        let mut claimants: Vec<String> = Vec::new();
        let mut others: Vec<String> = Vec::new();
        for m in doc.mentions.iter().filter(|m| m.sentence == e.sentence) {
            if !matches!(m.kind, MentionKind::Actor | MentionKind::Organisation | MentionKind::Agent) {
                continue;
            }
            // `Both sides said …`: a mention of several actors speaks for
            // each of them.
            let codes: Vec<&String> =
                if m.members.is_empty() { m.code.iter().collect() } else { m.members.iter().collect() };
            let speaking = speaks(&doc.text, m.span.start(), m.span.end());
            for code in codes {
                if source.contains(code) || target.contains(code) {
                    continue;
                }
                let list = if speaking { &mut claimants } else { &mut others };
                if !list.contains(code) {
                    list.push(code.clone());
                }
            }
        }
        let reported = doc.source.date.clone().or_else(|| {
            doc.source
                .published
                .as_deref()
                .and_then(|p| p.get(..10))
                .filter(|d| Date::from_str(d).is_ok())
                .map(str::to_owned)
        });
        Observation {
            event: e.id.clone(),
            doc: doc.id.to_string(),
            // What people call the report: its title, else its outlet and
            // day, else where it came from.
            report: doc.source.title.clone().unwrap_or_else(|| match (&doc.source.outlet, &doc.source.published) {
                (Some(outlet), Some(day)) => format!("{outlet}, {day}"),
                _ => doc.source.input.clone(),
            }),
            outlet: doc.source.outlet.clone(),
            reported,
            date: e.date.clone(),
            date_precision: e.date_precision.clone(),
            time: e.time.clone(),
            undated: !doc
                .timexes
                .iter()
                .any(|t| t.sentence == e.sentence && matches!(t.kind.as_str(), "DATE" | "TIME")),
            cameo: e.cameo.clone(),
            plover: e.plover.clone(),
            modality: e.modality.clone(),
            source,
            target,
            claimants,
            others,
            place: e.location.as_ref().and_then(|l| l.name.clone()),
            place_text: e.location.as_ref().map(|l| l.text.clone()),
            sentence: e.evidence.text.clone(),
            extension: extension(doc, e),
        }
    }

    /// Every actor the sentence names besides source and target.
    pub fn named(&self) -> impl Iterator<Item = &String> {
        self.claimants.iter().chain(&self.others)
    }

    /// The day of the event, when known to the day.
    pub fn day(&self) -> Option<Date> {
        self.date.as_deref().and_then(|d| d.get(..10)).and_then(|d| Date::from_str(d).ok())
    }

    /// The day of the report.
    pub fn reported_day(&self) -> Option<Date> {
        self.reported.as_deref().and_then(|d| Date::from_str(d).ok())
    }

    /// The UTC instant, when known.
    pub fn instant(&self) -> Option<jiff::Timestamp> {
        self.time.as_deref().and_then(|t| jiff::Timestamp::from_str(t).ok())
    }
}
