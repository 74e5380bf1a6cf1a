//! The record as analysts corrected it: reviews applied to the coded
//! events people read and to the observations verdicts are computed from.
//!
//! The store keeps what the coder wrote and every review beside it
//! (`truce_store::reviews`); this module is the one place that reads the
//! two together, so the API, the exports and the verdicts all see the same
//! corrected record. A rejected event is gone from all three; a corrected
//! one carries the analyst's fields; a reopened one is the machine's again.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use truce_comply::Observation;
use truce_core::{Event, EventActor, EventLocation};
use truce_store::ReviewRow;

/// The modalities an event can have.
pub const MODALITIES: &[&str] = &["asserted", "planned", "requested", "alleged", "denied", "hypothetical"];

/// What an analyst may correct in an event. Absent fields are left as the
/// coder wrote them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Changes {
    /// Source actor codes (`AZEMIL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Vec<String>>,
    /// Target actor codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Vec<String>>,
    /// CAMEO event code (`190`, `0871`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// The day it happened (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// asserted, planned, requested, alleged, denied or hypothetical.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<String>,
    /// Where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceChange>,
}

/// A corrected place.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceChange {
    /// Its name.
    pub name: String,
    /// Latitude.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Longitude.
    #[serde(default)]
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-3 country code.
    #[serde(default)]
    pub country: Option<String>,
}

/// The codebook facts a corrected CAMEO code brings with it.
pub struct CodeFacts {
    pub plover: Option<String>,
    pub quad: u8,
    pub goldstein: f32,
}

fn actor_code_ok(code: &str) -> bool {
    (3..=20).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

impl Changes {
    /// Checks every field; `codebook` says what an event code means (None
    /// for a code CAMEO does not have). The message names the field.
    pub fn check(&self, codebook: &dyn Fn(&str) -> Option<CodeFacts>) -> Result<(), String> {
        for (field, codes) in [("source", &self.source), ("target", &self.target)] {
            if let Some(codes) = codes {
                if codes.len() > 20 {
                    return Err(format!("{field}: at most 20 actor codes"));
                }
                if let Some(bad) = codes.iter().find(|c| !actor_code_ok(c)) {
                    return Err(format!(
                        "{field}: {bad:?} is not an actor code (3 to 20 capital letters or digits, as AZEMIL)"
                    ));
                }
            }
        }
        if let Some(c) = &self.cameo
            && codebook(c).is_none()
        {
            return Err(format!("cameo: {c:?} is not a CAMEO 1.1b3 event code"));
        }
        if let Some(d) = &self.date
            && (d.len() != 10 || d.parse::<jiff::civil::Date>().is_err())
        {
            return Err(format!("date: {d:?} is not a day (YYYY-MM-DD)"));
        }
        if let Some(m) = &self.modality
            && !MODALITIES.contains(&m.as_str())
        {
            return Err(format!("modality: {m:?} is not one of {}", MODALITIES.join(", ")));
        }
        if let Some(p) = &self.place {
            if p.name.trim().is_empty() || p.name.len() > 200 {
                return Err("place.name: a name of 1 to 200 characters".into());
            }
            if p.lat.is_some_and(|v| !(-90.0..=90.0).contains(&v))
                || p.lon.is_some_and(|v| !(-180.0..=180.0).contains(&v))
            {
                return Err("place: latitude must lie within ±90 and longitude within ±180".into());
            }
            if p.lat.is_some() != p.lon.is_some() {
                return Err("place: give both lat and lon, or neither".into());
            }
            if let Some(c) = &p.country
                && (c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()))
            {
                return Err(format!("place.country: {c:?} is not an ISO 3166-1 alpha-3 code"));
            }
        }
        if *self == Changes::default() {
            return Err("changes: nothing to correct".into());
        }
        Ok(())
    }
}

/// What a review does to an event.
pub enum Effect {
    /// No review, verified, or reopened: as coded.
    AsCoded,
    /// Rejected: not in the record.
    Rejected,
    /// Corrected with these fields.
    Corrected(Changes),
}

/// The effect of an event's latest review.
pub fn effect(review: Option<&ReviewRow>) -> Effect {
    match review.map(|r| r.action.as_str()) {
        Some("rejected") => Effect::Rejected,
        Some("corrected") => {
            // Stored changes were checked when written.
            let changes = review.and_then(|r| r.changes.as_deref()).and_then(|c| serde_json::from_str(c).ok());
            changes.map_or(Effect::AsCoded, Effect::Corrected)
        }
        _ => Effect::AsCoded,
    }
}

fn actor(code: &str) -> EventActor {
    EventActor {
        text: code.to_owned(),
        code: Some(code.to_owned()),
        country: code.get(..3).map(str::to_owned),
        sector: code.get(3..).filter(|s| !s.is_empty()).map(str::to_owned),
        name: None,
    }
}

/// An event with an analyst's corrections.
pub fn correct_event(e: &mut Event, c: &Changes, codebook: &dyn Fn(&str) -> Option<CodeFacts>) {
    if let Some(codes) = &c.source {
        e.source = codes.iter().map(|c| actor(c)).collect();
    }
    if let Some(codes) = &c.target {
        e.target = codes.iter().map(|c| actor(c)).collect();
    }
    if let Some(code) = &c.cameo {
        e.cameo = code.clone();
        e.cameo_root = code.get(..2).unwrap_or(code).to_owned();
        if let Some(facts) = codebook(code) {
            e.plover = facts.plover;
            e.quad_class = facts.quad;
            e.goldstein = facts.goldstein;
        }
    }
    if let Some(d) = &c.date {
        e.date = Some(d.clone());
        e.date_precision = Some("day".into());
        e.time = None;
    }
    if let Some(m) = &c.modality {
        e.modality = m.clone();
    }
    if let Some(p) = &c.place {
        e.location = Some(EventLocation {
            text: p.name.clone(),
            name: Some(p.name.clone()),
            geonameid: None,
            lat: p.lat,
            lon: p.lon,
            country: p.country.clone(),
            admin1: None,
            precision: if p.lat.is_some() { "point" } else { "region" }.into(),
        });
    }
}

/// An observation with an analyst's corrections, so verdicts follow them.
pub fn correct_observation(o: &mut Observation, c: &Changes, codebook: &dyn Fn(&str) -> Option<CodeFacts>) {
    if let Some(codes) = &c.source {
        o.source = codes.clone();
    }
    if let Some(codes) = &c.target {
        o.target = codes.clone();
    }
    if let Some(code) = &c.cameo {
        o.cameo = code.clone();
        o.plover = codebook(code).and_then(|f| f.plover);
    }
    if let Some(d) = &c.date {
        o.date = Some(d.clone());
        o.date_precision = Some("day".into());
        o.time = None;
        o.undated = false;
    }
    if let Some(m) = &c.modality {
        o.modality = m.clone();
    }
    if let Some(p) = &c.place {
        o.place = Some(p.name.clone());
        o.place_text = Some(p.name.clone());
    }
}

/// Observations as the record now stands: rejected events dropped,
/// corrected ones corrected.
pub fn corrected_observations(
    observations: Vec<Observation>,
    reviews: &HashMap<String, ReviewRow>,
    codebook: &dyn Fn(&str) -> Option<CodeFacts>,
) -> Vec<Observation> {
    observations
        .into_iter()
        .filter_map(|mut o| match effect(reviews.get(&o.event)) {
            Effect::Rejected => None,
            Effect::Corrected(c) => {
                correct_observation(&mut o, &c, codebook);
                Some(o)
            }
            Effect::AsCoded => Some(o),
        })
        .collect()
}

/// The default codebook's facts for a CAMEO code (exact codes only).
pub fn cameo_facts(code: &str) -> Option<CodeFacts> {
    static TABLE: std::sync::LazyLock<truce_events::Resources> = std::sync::LazyLock::new(|| {
        truce_events::Resources::from_dictionary(truce_events::dictionary::Dictionary::code_table())
    });
    TABLE.code(code).filter(|c| c.code == code).map(|c| CodeFacts {
        plover: c.plover.clone(),
        quad: c.quad,
        goldstein: c.goldstein,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(action: &str, changes: Option<&str>) -> ReviewRow {
        ReviewRow {
            seq: 1,
            event: "e1".into(),
            action: action.into(),
            changes: changes.map(str::to_owned),
            note: None,
            reviewer: "ana".into(),
            at: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn changes_are_checked_field_by_field() {
        let ok = Changes { cameo: Some("190".into()), ..Default::default() };
        assert!(ok.check(&cameo_facts).is_ok());
        let bad_code = Changes { cameo: Some("999".into()), ..Default::default() };
        assert!(bad_code.check(&cameo_facts).unwrap_err().starts_with("cameo:"));
        let bad_actor = Changes { source: Some(vec!["azemil; --".into()]), ..Default::default() };
        assert!(bad_actor.check(&cameo_facts).unwrap_err().starts_with("source:"));
        let bad_day = Changes { date: Some("2022-02-30".into()), ..Default::default() };
        assert!(bad_day.check(&cameo_facts).unwrap_err().starts_with("date:"));
        let half_point = Changes {
            place: Some(PlaceChange { name: "Marib".into(), lat: Some(15.0), ..Default::default() }),
            ..Default::default()
        };
        assert!(half_point.check(&cameo_facts).is_err());
        assert!(Changes::default().check(&cameo_facts).is_err());
        assert!(serde_json::from_str::<Changes>(r#"{"cameo":"190","colour":"red"}"#).is_err());
    }

    #[test]
    fn rejected_events_leave_the_record_and_corrections_reach_verdicts() {
        let o = |id: &str| Observation {
            event: id.into(),
            cameo: "042".into(),
            modality: "asserted".into(),
            ..Default::default()
        };
        let mut reviews = HashMap::new();
        reviews.insert("e1".to_owned(), review("rejected", None));
        reviews.insert(
            "e2".to_owned(),
            ReviewRow {
                event: "e2".into(),
                ..review("corrected", Some(r#"{"cameo":"195","source":["YEMREB"],"date":"2022-04-09"}"#))
            },
        );
        reviews.insert("e3".to_owned(), ReviewRow { event: "e3".into(), ..review("verified", None) });
        let out = corrected_observations(vec![o("e1"), o("e2"), o("e3")], &reviews, &cameo_facts);
        assert_eq!(out.iter().map(|o| o.event.as_str()).collect::<Vec<_>>(), ["e2", "e3"]);
        assert_eq!((out[0].cameo.as_str(), out[0].plover.as_deref()), ("195", Some("ASSAULT")));
        assert_eq!(
            (out[0].source.clone(), out[0].date.as_deref(), out[0].undated),
            (vec!["YEMREB".to_owned()], Some("2022-04-09"), false)
        );
        assert_eq!(out[1].cameo, "042");
    }
}
