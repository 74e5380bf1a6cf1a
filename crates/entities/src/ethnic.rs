//! `ethnic Albanians in southern Serbia`, `ethnic Turks facing expulsion from
//! Sweden`: people named by their ethnicity are, as actors, of the country
//! they live in — CAMEO codes states, and a minority inside one is that
//! state's people, not the state of the same name. So a mention after the
//! word `ethnic` takes the country of the first other country the sentence
//! names, a place before an actor; with none, it keeps its own.

use truce_core::{Document, MentionKind};

/// Re-homes the ethnic-group mentions of `doc`.
pub fn rehome(doc: &mut Document) {
    for i in 0..doc.mentions.len() {
        let m = &doc.mentions[i];
        if m.kind != MentionKind::Actor {
            continue;
        }
        let Some(country) = m.country.clone() else { continue };
        if !m.code.as_deref().is_some_and(|c| c.starts_with(country.as_str())) {
            continue;
        }
        let before = doc.text.get(..m.span.start()).unwrap_or("").trim_end();
        let word_before = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        // (`the Albanian population of Kosovo`, `the Turkish minority in
        // Bulgaria`: a people named as a population or minority too.)
        // (Only the next word is read: lower-casing the rest of the text
        // for every mention would cost the square of its length.)
        let after = doc.text.get(m.span.end()..).unwrap_or("").trim_start();
        let after = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_lowercase();
        let lower = m.text.to_lowercase();
        let people_word = |w: &str| {
            ["population", "minority", "minorities", "community", "communities"]
                .iter()
                .any(|p| w.starts_with(p) && w[p.len()..].chars().next().is_none_or(|c| !c.is_alphabetic()))
        };
        let ethnic = word_before.eq_ignore_ascii_case("ethnic")
            || lower.starts_with("ethnic ")
            || (lower.contains(' ') && lower.rsplit(' ').next().is_some_and(people_word))
            || people_word(&after);
        if !ethnic {
            continue;
        }
        let others = || {
            doc.mentions.iter().filter(|o| o.sentence == m.sentence && o.span != m.span).filter_map(|o| {
                let c = o.country.as_deref().filter(|c| c.len() == 3 && *c != country)?;
                Some((o.kind, c.to_owned()))
            })
        };
        let home = others().find(|(kind, _)| *kind == MentionKind::Place).or_else(|| others().next()).map(|(_, c)| c);
        let Some(home) = home else { continue };
        let m = &mut doc.mentions[i];
        m.code = m.code.as_deref().map(|c| format!("{home}{}", &c[country.len()..]));
        m.country = Some(home.clone());
        m.reason = format!("{}; an ethnic group, of the country it lives in ({home})", m.reason);
    }
}
