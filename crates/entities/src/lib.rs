//! The entities stage: finds every mention of an actor, organisation,
//! agent or place in a document, gives it a CAMEO actor code, and links
//! the mentions of one entity across the document even when translation
//! garbled them.
//!
//! It runs in three steps, each a plain function over the document:
//!
//! 1. **names** ([`Lexicon::find_in_tokens`]): dictionary names in each
//!    sentence, longest first;
//! 2. **phrases** ([`phrases`]): names combined into actors the way news copy
//!    builds them: `Azerbaijan's defense ministry` (AZEGOV), `U.S. Deputy
//!    Secretary of State Blinkin` (USAGOV, whether or not the name is known),
//!    `the foreign ministers of Russia, the United States and France`
//!    (three actors, one group), `Moscow said` (RUSGOV) but `in Moscow` (a
//!    place);
//! 3. **resolution** ([`resolve`]): aliases defined in parentheses,
//!    spelling variants of names already seen (`Pridnestr` after
//!    `Pridnestrov`, `Inpridnestrov`), transliterated names checked against the people who held
//!    the title on the document's date (`Lavroff` → Sergey Lavrov),
//!    bare surnames after a full mention, names garbled by translation
//!    from Chinese (`the Ministry of Defense of Asia` → Armenia), and `the
//!    two sides` bound to the pair of states the document is about.
//!
//! Every link carries a confidence and the reason it was made; a name that
//! cannot be linked stays a mention without a code.

mod artefacts;
mod described;
mod ethnic;
mod located;
mod phrases;
mod resolve;
pub mod similar;

pub use artefacts::ZhForms;

use truce_core::{BlockKind, Document};
use truce_lexicon::{Date, Lexicon};

/// Everything the stage needs besides the document.
pub struct Resources<'a> {
    /// The dictionaries.
    pub lexicon: &'a Lexicon,
    /// How translation from Chinese garbles names.
    pub zh: ZhForms,
    /// Phrases for the two parties together (`the two sides`).
    pub collectives: Vec<Vec<String>>,
    /// Nouns an agent word modifies without naming an actor (`military
    /// operations`).
    pub agent_modified_nouns: std::collections::HashSet<String>,
    /// People entries by the country part of their code (`RUS`, `IGO`).
    people_by_country: std::collections::HashMap<String, Vec<usize>>,
    /// States' names and adjectives of six letters or more, lower case, with
    /// their entry: what a misspelt `Ethopia` or `Azerbajani` is checked
    /// against.
    /// Keyed by first letter and length in letters, so a word meets only
    /// the names it could be a slip of.
    pub(crate) state_spellings: std::collections::HashMap<(char, usize), Vec<(String, usize)>>,
}

impl<'a> Resources<'a> {
    /// The default resources over `lexicon`.
    pub fn new(lexicon: &'a Lexicon) -> Resources<'a> {
        let collectives = include_str!("../../../data/lexicon/collectives.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split_whitespace().map(str::to_lowercase).collect())
            .collect();
        let agent_modified_nouns = include_str!("../../../data/lexicon/agent-modified-nouns.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect();
        let mut people_by_country: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        for (i, e) in lexicon.entries().iter().enumerate() {
            if e.kind == truce_lexicon::EntryKind::Person {
                people_by_country.entry(e.code.chars().take(3).collect()).or_default().push(i);
            }
        }
        let mut state_spellings: std::collections::HashMap<(char, usize), Vec<(String, usize)>> =
            std::collections::HashMap::new();
        for n in lexicon
            .names()
            .filter(|n| matches!(n.kind, truce_lexicon::NameKind::Name | truce_lexicon::NameKind::Adjective))
            .filter(|n| lexicon.entry(n.entry).kind == truce_lexicon::EntryKind::Country)
            .filter(|n| n.written.chars().all(char::is_alphabetic) && n.written.chars().count() >= 6)
        {
            let lower = n.written.to_lowercase();
            let first = lower.chars().next().unwrap_or(' ');
            let list = state_spellings.entry((first, lower.chars().count())).or_default();
            if !list.contains(&(lower.clone(), n.entry)) {
                list.push((lower, n.entry));
            }
        }
        Resources {
            lexicon,
            zh: ZhForms::load(),
            collectives,
            agent_modified_nouns,
            people_by_country,
            state_spellings,
        }
    }

    /// People entries of a country (all people when `None`).
    fn people(&self, country: Option<&str>) -> Box<dyn Iterator<Item = usize> + '_> {
        match country {
            Some(c) => Box::new(self.people_by_country.get(c).into_iter().flatten().copied()),
            None => Box::new(self.people_by_country.values().flatten().copied()),
        }
    }
}

/// Fills `doc.mentions`.
pub fn annotate(doc: &mut Document, resources: &Resources) {
    let date = doc.source.date.as_deref().and_then(|d| Date::parse(d, false));
    let mut draft = phrases::Draft::default();
    let mut group = 0u32;
    for (index, sentence) in doc.sentences.iter().enumerate() {
        if sentence.block_kind == BlockKind::Boilerplate {
            continue;
        }
        let texts: Vec<&str> = sentence.tokens.iter().map(|t| t.span.slice(&doc.text)).collect();
        let found = resources.lexicon.find_in_tokens(&texts);
        let dateline = doc.structure.dateline.as_ref().map(|d| d.span);
        phrases::sentence(
            &doc.text,
            index,
            &sentence.tokens,
            &texts,
            &found,
            resources,
            date,
            dateline,
            &mut group,
            &mut draft,
        );
    }
    let mut mentions = resolve::document(doc, draft, resources, date);
    mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
    doc.mentions = mentions;
    described::drop_descriptions(doc);
    described::possessive_groups(doc);
    described::allies(doc);
    ethnic::rehome(doc);
    located::locate(doc);
}
