//! `the rights group Human Rights Watch`, `militant group Hamas`:
//! a bare agent word right before a name describes the named actor; the
//! name alone is the actor, so the description is dropped.

use truce_core::{Document, MentionKind};

/// Removes agent mentions that only describe the name right after them.
pub fn drop_descriptions(doc: &mut Document) {
    let text = &doc.text;
    let mentions = &doc.mentions;
    let describes = |i: usize| {
        let m = &mentions[i];
        m.kind == MentionKind::Agent
            && m.country.is_none()
            && mentions.get(i + 1).is_some_and(|n| {
                n.sentence == m.sentence
                    && matches!(n.kind, MentionKind::Organisation | MentionKind::Actor)
                    && n.code.as_deref().is_some_and(|c| c.len() >= 3)
                    && text.get(m.span.end()..n.span.start()).is_some_and(|gap| gap == " ")
            })
    };
    let drop: Vec<bool> = (0..mentions.len()).map(describes).collect();
    remove_marked(doc, &drop);
}

/// Removes the mentions marked in `drop` (one flag per mention, in order).
fn remove_marked(doc: &mut Document, drop: &[bool]) {
    let mut flags = drop.iter();
    doc.mentions.retain(|_| !flags.next().copied().unwrap_or(false));
}

/// `Yemen's al-Qaeda`, `Syria's Islamic State branch`: a group named with a
/// state's possessive is its branch in that state. The state's mention
/// becomes part of the group's, whose code takes the state's country.
pub fn possessive_groups(doc: &mut Document) {
    let mut absorbed = vec![false; doc.mentions.len()];
    for i in 1..doc.mentions.len() {
        let (state, group) = (&doc.mentions[i - 1], &doc.mentions[i]);
        let is_state = state.kind == MentionKind::Actor && state.code.as_deref().is_some_and(|c| c.len() == 3);
        let is_group = group.reason == "armed group name" && group.code.as_deref().is_some_and(|c| c.len() == 6);
        let gap = doc.text.get(state.span.end()..group.span.start()).unwrap_or("");
        if !(is_state && is_group && state.sentence == group.sentence && matches!(gap, "'s " | "’s ")) {
            continue;
        }
        let country = state.code.clone().unwrap_or_default();
        let span = truce_core::Span::new(state.span.start(), group.span.end());
        let text = span.slice(&doc.text).to_owned();
        let group = &mut doc.mentions[i];
        group.code = group.code.as_deref().map(|c| format!("{country}{}", &c[3..]));
        group.reason = format!("armed group name; its branch in {country}");
        group.country = Some(country);
        group.span = span;
        group.text = text;
        absorbed[i - 1] = true;
    }
    remove_marked(doc, &absorbed);
}

/// `Russia's militia allies`, `Iran's proxies`: forces named as a state's
/// ally or proxy are not that state's own; they keep their sector and lose
/// the possessor's country.
pub fn allies(doc: &mut Document) {
    for m in doc.mentions.iter_mut() {
        let possessed = m.text.contains("'s ") || m.text.contains("’s ");
        if !possessed || m.code.as_deref().is_none_or(|c| c.len() != 6) {
            continue;
        }
        let after = doc.text.get(m.span.end()..).unwrap_or("").trim_start();
        let next = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        if !matches!(next, "ally" | "allies" | "proxy" | "proxies" | "client" | "clients") {
            continue;
        }
        let sector = m.code.as_deref().map(|c| c[3..].to_owned());
        m.reason = format!("{}; an ally of {}, not its own", m.reason, m.country.as_deref().unwrap_or("a state"));
        m.code = sector.clone();
        m.sector = sector;
        m.country = None;
    }
}
