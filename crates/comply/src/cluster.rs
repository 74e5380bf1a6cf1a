//! One happening, many reports: coded events from different reports that
//! tell of the same act are grouped, as GDELT groups its mentions into
//! events, but without counting copies as independent.
//!
//! Two observations tell of one happening when they have the same CAMEO
//! base code (the first three digits; for force, the root: one report's
//! shelling is another's attack), the same source and target
//! countries, days at most one apart, the same modality family (done, or
//! not yet done), and — when both name a place — the same place. Copies
//! are found two ways: the outlets file says one outlet syndicates another,
//! or two outlets print the same sentence word for word (the later one is
//! the copy).

use crate::observation::Observation;
use crate::outlets::Outlets;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// A happening and the reports of it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Happening {
    /// Stable id: the id of its first event.
    pub id: String,
    /// CAMEO base code (for force, the root).
    pub cameo: String,
    /// Source countries (or organisation codes).
    pub source: Vec<String>,
    /// Target countries (or organisation codes).
    pub target: Vec<String>,
    /// First and last day the act is dated.
    pub first_day: Option<String>,
    /// Last day.
    pub last_day: Option<String>,
    /// The place, when the reports name one.
    pub place: Option<String>,
    /// `asserted`, or the modality shared by all mentions.
    pub modality: String,
    /// The events, one per mention.
    pub events: Vec<String>,
    /// How many mentions (coded events).
    pub num_mentions: usize,
    /// How many reports.
    pub num_articles: usize,
    /// How many outlets.
    pub num_sources: usize,
    /// How many independent origins: outlets, less the copies.
    pub independent_sources: usize,
    /// First day it was reported.
    pub first_reported: Option<String>,
    /// Last day it was reported.
    pub last_reported: Option<String>,
}

/// What two reports of one act share: code family, source and target
/// countries, and whether it was done.
type Key = (String, Vec<String>, Vec<String>, bool);

/// Groups observations into happenings, in order of their first day.
pub fn cluster(observations: &[Observation], outlets: &Outlets) -> Vec<Happening> {
    let copies = copied_sentences(&observations.iter().collect::<Vec<_>>());
    // Candidates meet only when their key matches; days are then compared.
    let mut groups: HashMap<Key, Vec<Vec<usize>>> = HashMap::new();
    let mut order: Vec<usize> = (0..observations.len()).collect();
    order.sort_by_key(|&i| (when(&observations[i]), observations[i].reported_day()));
    for i in order {
        let o = &observations[i];
        let key = (base(&o.cameo), countries(&o.source), countries(&o.target), done(&o.modality));
        let clusters = groups.entry(key).or_default();
        let fits = |c: &Vec<usize>| {
            c.iter().any(|&j| {
                let p = &observations[j];
                near(when(o), when(p)) && same_place(o, p)
            })
        };
        match clusters.iter_mut().find(|c| fits(c)) {
            Some(c) => c.push(i),
            None => clusters.push(vec![i]),
        }
    }
    let mut happenings: Vec<Happening> = groups
        .into_iter()
        .flat_map(|((cameo, source, target, _), clusters)| {
            clusters.into_iter().map(move |c| (cameo.clone(), source.clone(), target.clone(), c))
        })
        .map(|(cameo, source, target, members)| {
            happening(observations, outlets, &copies, cameo, source, target, &members)
        })
        .collect();
    happenings.sort_by(|a, b| a.first_day.cmp(&b.first_day).then(a.id.cmp(&b.id)));
    happenings
}

fn happening(
    observations: &[Observation],
    outlets: &Outlets,
    copies: &HashMap<usize, String>,
    cameo: String,
    source: Vec<String>,
    target: Vec<String>,
    members: &[usize],
) -> Happening {
    let obs: Vec<&Observation> = members.iter().map(|&i| &observations[i]).collect();
    let days: Vec<Date> = obs.iter().filter_map(|o| when(o)).collect();
    let reported: Vec<Date> = obs.iter().filter_map(|o| o.reported_day()).collect();
    let outlet = |o: &Observation| o.outlet.clone().unwrap_or_else(|| o.doc.clone());
    let sources: BTreeSet<String> = obs.iter().map(|o| outlet(o)).collect();
    let origins: BTreeSet<String> = members
        .iter()
        .map(|&i| {
            let o = &observations[i];
            let own = outlet(o);
            let origin = outlets.origin(&own).to_owned();
            // A word-for-word copy counts as its first printer's.
            copies.get(&i).cloned().unwrap_or(origin)
        })
        .collect();
    let modalities: BTreeSet<&str> = obs.iter().map(|o| o.modality.as_str()).collect();
    Happening {
        id: obs[0].event.clone(),
        cameo,
        source,
        target,
        first_day: days.iter().min().map(|d| d.to_string()),
        last_day: days.iter().max().map(|d| d.to_string()),
        place: obs.iter().find_map(|o| o.place.clone()),
        modality: if modalities.len() == 1 { obs[0].modality.clone() } else { "mixed".into() },
        events: obs.iter().map(|o| o.event.clone()).collect(),
        num_mentions: obs.len(),
        num_articles: obs.iter().map(|o| o.doc.as_str()).collect::<BTreeSet<_>>().len(),
        num_sources: sources.len(),
        independent_sources: origins.len(),
        first_reported: reported.iter().min().map(|d| d.to_string()),
        last_reported: reported.iter().max().map(|d| d.to_string()),
    }
}

/// Events whose sentence another outlet printed first, word for word:
/// event id → the first printer's outlet.
pub fn copies(observations: &[&Observation]) -> HashMap<String, String> {
    copied_sentences(observations).into_iter().map(|(i, origin)| (observations[i].event.clone(), origin)).collect()
}

/// Observations whose sentence another outlet printed first, word for
/// word: index → the first printer's outlet.
fn copied_sentences(observations: &[&Observation]) -> HashMap<usize, String> {
    let mut first: HashMap<String, (Option<Date>, String)> = HashMap::new();
    for o in observations {
        let key = fold(&o.sentence);
        if key.split(' ').count() < 8 {
            continue;
        }
        let outlet = o.outlet.clone().unwrap_or_else(|| o.doc.clone());
        let day = o.reported_day();
        let entry = first.entry(key).or_insert((day, outlet.clone()));
        if day < entry.0 {
            *entry = (day, outlet);
        }
    }
    observations
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let (_, origin) = first.get(&fold(&o.sentence))?;
            let own = o.outlet.clone().unwrap_or_else(|| o.doc.clone());
            (*origin != own).then(|| (i, origin.clone()))
        })
        .collect()
}

/// Lower case, letters and digits, one space between words; a dateline
/// before ` - ` is dropped (copies rewrite it).
fn fold(sentence: &str) -> String {
    let body =
        sentence.split_once(" - ").map_or(sentence, |(head, rest)| if head.len() < 60 { rest } else { sentence });
    body.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The code two reports must share: for force, the root (one report's
/// shelling is another's attack), else the base code.
fn base(cameo: &str) -> String {
    let force = matches!(cameo.get(..2), Some("18" | "19" | "20"));
    cameo.get(..if force { 2 } else { 3 }).unwrap_or(cameo).to_owned()
}

/// The countries of actor codes (organisations keep their code), sorted.
fn countries(codes: &[String]) -> Vec<String> {
    let mut c: Vec<String> = codes
        .iter()
        .map(|c| {
            if c.starts_with("IGO") || c.starts_with("NGO") { c.get(..6).unwrap_or(c) } else { c.get(..3).unwrap_or(c) }
        })
        .map(str::to_owned)
        .collect();
    c.sort();
    c.dedup();
    c
}

/// Whether a modality tells of something done (asserted) rather than
/// promised, demanded, alleged or denied: the two never merge.
fn done(modality: &str) -> bool {
    modality == "asserted"
}

/// The day of the act, else of the report (a month-precise or undated act
/// is placed on the day it was reported).
fn when(o: &Observation) -> Option<Date> {
    o.day().or(o.reported_day())
}

/// Days at most one apart; with no day at all, nothing is near.
fn near(a: Option<Date>, b: Option<Date>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).get_days().abs() <= 1,
        _ => false,
    }
}

fn same_place(a: &Observation, b: &Observation) -> bool {
    match (&a.place, &b.place) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(event: &str, doc: &str, outlet: &str, day: &str, cameo: &str, source: &str, sentence: &str) -> Observation {
        Observation {
            event: event.into(),
            doc: doc.into(),
            outlet: Some(outlet.into()),
            reported: Some(day.into()),
            date: Some(day.into()),
            cameo: cameo.into(),
            modality: "asserted".into(),
            source: vec![source.into()],
            target: vec!["UKRMIL".into()],
            place: Some("Ozerne".into()),
            sentence: sentence.into(),
            ..Default::default()
        }
    }

    #[test]
    fn reports_of_one_act_merge_and_copies_count_once() {
        let wire = "KYIV, March 5 (Lake Wire) - Russian artillery shelled Ukrainian positions near Ozerne on Saturday morning.";
        let copy = "Russian artillery shelled Ukrainian positions near Ozerne on Saturday morning.";
        let other = "Russian guns pounded Ukrainian trenches outside Ozerne at dawn on Saturday, officers said.";
        let o = [
            obs("a1", "d1", "Lake Wire", "2023-03-05", "194", "RUSMIL", wire),
            obs("b1", "d2", "Daily Reprint", "2023-03-06", "194", "RUSMIL", copy),
            obs("c1", "d3", "River Post", "2023-03-05", "195", "RUS", other),
            obs("d1", "d4", "River Post", "2023-03-12", "194", "RUSMIL", other),
        ];
        let h = cluster(&o, &Outlets::default());
        assert_eq!(h.len(), 2, "{h:#?}");
        let first = &h[0];
        assert_eq!((first.num_mentions, first.num_articles, first.num_sources), (3, 3, 3));
        assert_eq!(first.independent_sources, 2, "the reprint is the wire's");
        assert_eq!(first.events, ["a1", "c1", "b1"]);
        assert_eq!(h[1].events, ["d1"], "a week later is another act");
    }
}
