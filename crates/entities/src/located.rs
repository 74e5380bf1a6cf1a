//! `the rebels in Kordofan`, `gunmen from Chechnya`: an agent no adjective
//! gives a country to takes the country of the place it is said to be in
//! or to come from — CAMEO codes actors by state, and the report has just
//! said which.

use truce_core::{Document, MentionKind};

/// Gives country-less agents the country of the place phrase right after
/// them.
pub fn locate(doc: &mut Document) {
    for i in 0..doc.mentions.len() {
        let m = &doc.mentions[i];
        let sector_only = matches!(m.kind, MentionKind::Actor | MentionKind::Agent)
            && m.country.is_none()
            && m.code.as_deref().is_some_and(|c| c.len() == 3 && m.sector.as_deref() == Some(c));
        if !sector_only {
            continue;
        }
        let after = doc.text.get(m.span.end()..).unwrap_or("");
        let rest = after.trim_start();
        let Some(rest) = rest.strip_prefix("in ").or_else(|| rest.strip_prefix("from ")) else { continue };
        let rest = rest.trim_start();
        let with_the = doc.text.len() - rest.len();
        let at = doc.text.len() - rest.strip_prefix("the ").unwrap_or(rest).len();
        let place = doc.mentions.iter().find(|o| {
            o.sentence == m.sentence
                && (o.span.start() == at || o.span.start() == with_the)
                && matches!(o.kind, MentionKind::Place | MentionKind::Actor)
                && o.code.as_deref().is_some_and(|c| c.len() == 3)
        });
        let Some(country) = place.and_then(|p| p.country.clone().or_else(|| p.code.clone())) else { continue };
        let m = &mut doc.mentions[i];
        m.code = m.code.as_deref().map(|c| format!("{country}{c}"));
        m.reason = format!("{}; of the place it is in ({country})", m.reason);
        m.country = Some(country);
    }
}
