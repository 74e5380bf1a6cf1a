//! `human rights watchdog Amnesty International`, `militant group Hamas`:
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
    let keep: Vec<bool> = (0..mentions.len()).map(|i| !describes(i)).collect();
    let mut i = 0;
    doc.mentions.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}
