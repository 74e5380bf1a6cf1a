//! Dictionaries of actors, organisations, agents, titles, people and
//! places, and the matcher that finds their names in tokenized text.
//!
//! The default dictionaries are the reviewable files under
//! `data/lexicon/`, embedded at build time ([`Lexicon::default_lexicon`]).
//! Users add their own files in the same formats, or TABARI/PETRARCH
//! `.actors`/`.agents` files, with [`LexiconBuilder::add_file`].
//!
//! Matching works on *keys* ([`normalize::key`]): case, diacritics, hyphens
//! and apostrophes are folded, so `Nagorno Karabakh`, `Nagorno-Karabakh`
//! and `NAGORNO-KARABAKH` are one name. Case still matters where it
//! should: acronyms match only in capitals (`US`, not `us`), and names that
//! are also ordinary words (`data/lexicon/ambiguous.txt`: `Turkey`, `Chad`,
//! `May`) only when capitalized. All names are compiled into one
//! Aho–Corasick automaton (leftmost-longest), so a sentence is scanned once
//! whatever the size of the dictionaries.
//!
//! ```
//! use truce_lexicon::Lexicon;
//! let lexicon = Lexicon::default_lexicon();
//! let tokens = ["Azerbaijan", "'s", "defense", "ministry"];
//! let found = lexicon.find_in_tokens(&tokens);
//! assert_eq!(lexicon.entry(found[0].candidates[0].entry).code, "AZE");
//! ```

pub mod entry;
pub mod load;
pub mod normalize;

pub use entry::{Date, Entry, EntryKind, NameKind, Origin, Validity};
pub use load::{FileKind, LoadError, Loaded};

use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// How a name must be written in the text to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseRule {
    /// In any case (`karabakh`, `troops`).
    Any,
    /// With a capital first letter (`Turkey`, not `turkey`).
    Capitalized,
    /// Exactly as in the dictionary, letter case included (`US`).
    Exact,
}

/// One way an entry can be named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRef {
    /// Index of the entry.
    pub entry: usize,
    /// How the name is used.
    pub kind: NameKind,
    /// How it must be written.
    pub case: CaseRule,
    /// The name as the dictionary writes it (for `Exact`).
    pub written: String,
}

/// A name found in a token sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Every entry the name may stand for (after the case rules).
    pub candidates: Vec<NameRef>,
}

/// The compiled dictionaries.
pub struct Lexicon {
    entries: Vec<Entry>,
    /// For each automaton pattern, the names it stands for.
    names: Vec<Vec<NameRef>>,
    matcher: AhoCorasick,
    ambiguous: HashSet<String>,
}

/// The default dictionary files, embedded: (name, text).
pub const DEFAULT_FILES: [(&str, &str); 8] = [
    ("data/lexicon/countries.tsv", include_str!("../../../data/lexicon/countries.tsv")),
    ("data/lexicon/organisations.tsv", include_str!("../../../data/lexicon/organisations.tsv")),
    ("data/lexicon/agents.tsv", include_str!("../../../data/lexicon/agents.tsv")),
    ("data/lexicon/titles.tsv", include_str!("../../../data/lexicon/titles.tsv")),
    ("data/lexicon/people.tsv", include_str!("../../../data/lexicon/people.tsv")),
    ("data/lexicon/places.tsv", include_str!("../../../data/lexicon/places.tsv")),
    ("data/lexicon/groups.tsv", include_str!("../../../data/lexicon/groups.tsv")),
    ("data/lexicon/peoples.tsv", include_str!("../../../data/lexicon/peoples.tsv")),
];

const AMBIGUOUS: &str = include_str!("../../../data/lexicon/ambiguous.txt");

/// Collects dictionary files, then compiles them.
#[derive(Default)]
pub struct LexiconBuilder {
    loaded: Vec<Loaded>,
}

impl LexiconBuilder {
    /// An empty builder.
    pub fn new() -> LexiconBuilder {
        LexiconBuilder::default()
    }

    /// A builder holding the default dictionaries.
    pub fn with_defaults() -> Result<LexiconBuilder, LoadError> {
        let mut b = LexiconBuilder::new();
        for (name, text) in DEFAULT_FILES {
            b.add_text(name, text)?;
        }
        Ok(b)
    }

    /// Adds a dictionary given as text; its kind comes from its name.
    pub fn add_text(&mut self, name: &str, text: &str) -> Result<&mut LexiconBuilder, LoadError> {
        let kind = FileKind::from_name(name).ok_or_else(|| LoadError {
            file: name.to_owned(),
            line: 0,
            message: "cannot tell the dictionary kind from the file name (expected …countries.tsv, \
                      …organisations.tsv, …agents.tsv, …titles.tsv, …people.tsv, …places.tsv, …groups.tsv, .actors or .agents)"
                .into(),
        })?;
        self.loaded.extend(load::parse(name, text, kind)?);
        Ok(self)
    }

    /// Adds a dictionary file from disk.
    pub fn add_file(&mut self, path: &std::path::Path) -> Result<&mut LexiconBuilder, LoadError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| LoadError {
            file: name.clone(),
            line: 0,
            message: format!("cannot read: {e}"),
        })?;
        self.add_text(&name, &text)
    }

    /// Compiles the dictionaries.
    pub fn build(self) -> Lexicon {
        let ambiguous: HashSet<String> = AMBIGUOUS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(normalize::key)
            .collect();
        let mut entries = Vec::with_capacity(self.loaded.len());
        let mut by_key: HashMap<String, Vec<NameRef>> = HashMap::new();
        for loaded in self.loaded {
            let index = entries.len();
            let proper = !matches!(loaded.entry.kind, EntryKind::Agent | EntryKind::Title);
            for (written, kind) in loaded.names {
                let key = normalize::key(&written);
                if key.is_empty() {
                    continue;
                }
                let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
                let acronym = letters.len() <= 6 && letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
                let case = if !proper {
                    CaseRule::Any
                } else if acronym {
                    CaseRule::Exact
                } else if kind == NameKind::Surname || ambiguous.contains(&key) {
                    CaseRule::Capitalized
                } else {
                    CaseRule::Any
                };
                let refs = by_key.entry(key).or_default();
                let name = NameRef { entry: index, kind, case, written };
                if !refs.contains(&name) {
                    refs.push(name);
                }
            }
            entries.push(loaded.entry);
        }
        let mut keys: Vec<String> = by_key.keys().cloned().collect();
        keys.sort();
        let names: Vec<Vec<NameRef>> = keys.iter().map(|k| by_key.remove(k).unwrap_or_default()).collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .expect("dictionary keys compile into an automaton");
        Lexicon { entries, names, matcher, ambiguous }
    }
}

impl Lexicon {
    /// The default dictionaries, compiled once per process.
    pub fn default_lexicon() -> &'static Lexicon {
        static DEFAULT: OnceLock<Lexicon> = OnceLock::new();
        DEFAULT.get_or_init(|| {
            LexiconBuilder::with_defaults().expect("the embedded dictionaries are checked by tests").build()
        })
    }

    /// Every name of every entry, as the dictionaries write it.
    pub fn names(&self) -> impl Iterator<Item = &NameRef> {
        self.names.iter().flatten()
    }

    /// An entry by index.
    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// How many distinct names the automaton holds.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// True when `word` is also an ordinary word (so a bare lower-case
    /// occurrence is not a name).
    pub fn is_ambiguous(&self, word: &str) -> bool {
        self.ambiguous.contains(&normalize::key(word))
    }

    /// The names among `tokens` (the texts of a sentence's tokens), longest
    /// first from the left, each on whole tokens.
    pub fn find_in_tokens<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Found> {
        let mut keyed = String::new();
        // Start and end byte of each token in `keyed`.
        let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(tokens.len());
        for t in tokens {
            // A clitic or trailing apostrophe (`'s`, `'`) joins the word
            // before it, as in the dictionary's `Workers' Party`.
            if t.as_ref().starts_with(['\'', '’']) && keyed.ends_with(' ') {
                keyed.pop();
            }
            let start = keyed.len();
            normalize::push_key(t.as_ref(), &mut keyed);
            let end = keyed.trim_end().len();
            keyed.truncate(end);
            bounds.push((start, end));
            keyed.push(' ');
        }
        let mut found = Vec::new();
        let mut at = 0;
        while at < keyed.len() {
            let Some(m) = self.matcher.find(aho_corasick::Input::new(&keyed).span(at..keyed.len())) else { break };
            // Only matches on whole tokens count. A match that ends inside
            // a word (`the Sudan` in `the Sudanese army`) must not hide the
            // names that start after it: search again from the next word.
            let mut first = bounds.partition_point(|b| b.0 < m.start());
            let last = bounds.partition_point(|b| b.1 < m.end());
            // A token with no key (`-`, `(`) shares its place with the next
            // word: a name begins at the word.
            while first < last && bounds[first].1 <= bounds[first].0 {
                first += 1;
            }
            if bounds.get(first).is_none_or(|b| b.0 != m.start()) || bounds.get(last).is_none_or(|b| b.1 != m.end()) {
                at = bounds.iter().map(|b| b.0).find(|&s| s > m.start()).unwrap_or(keyed.len());
                continue;
            }
            at = m.end();
            let written: Vec<&str> = tokens[first..=last].iter().map(AsRef::as_ref).collect();
            let candidates: Vec<NameRef> =
                self.names[m.pattern().as_usize()].iter().filter(|n| case_fits(n, &written)).cloned().collect();
            if !candidates.is_empty() {
                found.push(Found { start: first, end: last + 1, candidates });
            }
        }
        found
    }
}

/// Applies a name's case rule to the tokens it matched.
fn case_fits(name: &NameRef, written: &[&str]) -> bool {
    match name.case {
        CaseRule::Any => true,
        CaseRule::Capitalized => written
            .first()
            .and_then(|w| w.chars().find(|c| c.is_alphabetic()))
            .is_some_and(|c| c.is_uppercase() || !c.is_lowercase()),
        CaseRule::Exact => {
            let text: String = written.concat();
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            strip(&text) == strip(&name.written)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(lexicon: &Lexicon, tokens: &[&str]) -> Vec<(String, String)> {
        lexicon
            .find_in_tokens(tokens)
            .iter()
            .map(|f| (tokens[f.start..f.end].join(" "), lexicon.entry(f.candidates[0].entry).code.clone()))
            .collect()
    }

    #[test]
    fn every_default_file_loads() {
        for (name, text) in DEFAULT_FILES {
            let kind = FileKind::from_name(name).unwrap();
            let rows = load::parse(name, text, kind).unwrap_or_else(|e| panic!("{e}"));
            assert!(!rows.is_empty(), "{name}");
        }
        let lexicon = Lexicon::default_lexicon();
        assert!(lexicon.name_count() > 1000);
    }

    #[test]
    fn names_match_folded_but_case_rules_hold() {
        let lexicon = Lexicon::default_lexicon();
        assert_eq!(codes(lexicon, &["Nagorno", "Karabakh"])[0].1, "AZE");
        assert_eq!(codes(lexicon, &["the", "karabakh", "region"])[0].1, "AZE");
        assert_eq!(codes(lexicon, &["the", "US", "envoy"])[0].1, "USA");
        assert!(codes(lexicon, &["told", "us", "so"]).is_empty());
        assert_eq!(codes(lexicon, &["Turkey", "said"])[0].1, "TUR");
        assert!(codes(lexicon, &["roast", "turkey"]).is_empty());
    }

    #[test]
    fn a_longer_name_ending_inside_a_word_does_not_hide_a_shorter_one() {
        let lexicon = Lexicon::default_lexicon();
        let found = codes(lexicon, &["The", "Sudanese", "army", "said"]);
        assert!(found.iter().any(|(text, code)| text == "Sudanese" && code == "SDN"), "{found:?}");
    }

    #[test]
    fn a_name_begins_at_its_word_not_at_punctuation_before_it() {
        let lexicon = Lexicon::default_lexicon();
        let found = lexicon.find_in_tokens(&["Nov", "24", "-", "Hamas", "released"]);
        assert_eq!(found.iter().map(|f| f.start).collect::<Vec<_>>(), [3]);
    }

    #[test]
    fn names_with_apostrophes_match_split_tokens() {
        let lexicon = Lexicon::default_lexicon();
        let found = codes(lexicon, &["the", "Kurdistan", "Workers", "'", "Party", "said"]);
        assert_eq!(found, [("Kurdistan Workers ' Party".to_owned(), "TURREB".to_owned())]);
        let found = codes(lexicon, &["Russia", "'s", "army"]);
        assert_eq!(found[0].1, "RUS");
    }

    #[test]
    fn a_user_dictionary_adds_names() {
        let mut b = LexiconBuilder::new();
        b.add_text("mine.actors", "BLUE_FRONT_ [XYZREB]\n+BLUE_FRONT_FIGHTERS_\n").unwrap();
        let lexicon = b.build();
        assert_eq!(codes(&lexicon, &["the", "Blue", "Front", "fighters"])[0].1, "XYZREB");
        let err = LexiconBuilder::new().add_text("mine.txt", "x").err().unwrap();
        assert!(err.message.contains("kind"));
    }
}
