//! Toponym recognition and resolution.
//!
//! Recognition reads runs of capitalized words (with the small words inside
//! names: `Bosnia and Herzegovina`, `Rio de Janeiro`) and keeps the longest
//! run the gazetteer knows; the entities stage adds what it already knows
//! (its places, a country's adjective in `Turkish police`, a capital standing
//! for its government). Resolution scores each candidate place with
//! population and feature-class priors, the document's country focus,
//! hierarchy cues (`Tovuz, Azerbaijan`, `Azerbaijan's Tovuz region`, `in
//! Aleppo province`, `LEBANON, Tenn.`, a county in the state the report
//! names), the nearness of towns named together, and gives one meaning per
//! name per document. A word no name matches, where a place is expected,
//! may be a transliteration of one in a country the report names
//! ([`crate::variants`]).

use crate::gazetteer::{Feature, Gazetteer, name_key};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use truce_core::{Document, Mention, MentionKind, Span, TokenKind, Toponym};

/// Small words allowed inside a place name between capitalized words.
const CONNECTORS: &[&str] =
    &["of", "de", "del", "da", "do", "dos", "das", "al", "el", "la", "le", "and", "upon", "on", "am", "sur", "en"];

/// Words after a name that say it is a disease, not a place (`Ebola
/// virus`, `Lassa fever`).
const NOT_A_PLACE_AFTER: &[&str] = &["virus", "fever", "flu", "disease", "strain"];

/// Words after a name that say it is a division (`Idlib province`).
const DIVISION_AFTER: &[&str] = &[
    "province",
    "region",
    "oblast",
    "governorate",
    "district",
    "state",
    "county",
    "prefecture",
    "department",
    "rayon",
    "krai",
];

/// Capitalized words after a town's name that make the name the town's
/// institution's (`Glasgow Police`, `Winnipeg Free Press`), so the town is
/// named: gold sets and monitors count these.
const INSTITUTION_AFTER: &[&str] = &[
    "police",
    "city",
    "airport",
    "university",
    "hospital",
    "council",
    "court",
    "street",
    "road",
    "high",
    "school",
    "free",
    "press",
    "post",
    "times",
    "herald",
    "news",
    "mayor",
    "fire",
    "sheriff",
    "station",
    "department",
    "county",
    "district",
    "township",
    "village",
    "town",
    "valley",
    "river",
    "bay",
    "harbour",
    "harbor",
    "port",
];

/// Prepositions after which a name is a place's more often than a
/// person's.
const PLACE_PREPOSITIONS: &[&str] = &["in", "near", "at", "outside", "around", "into", "toward", "towards"];

/// Titles before a capitalized word that make it a person's name.
const TITLES_BEFORE: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "gen",
    "general",
    "sheikh",
    "imam",
    "king",
    "prince",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "secretary",
    "senator",
    "judge",
    "lt",
    "col",
    "colonel",
    "sgt",
    "capt",
    "captain",
    "pope",
    "father",
    "rev",
    "chancellor",
    "premier",
];

/// Why a candidate was read: a division's abbreviation (`Ky.`, `KY`).
const ABBREVIATION: &str = "a division's abbreviation";

/// The words the stage never reads as a place alone (data/geo/not-toponyms.txt).
const NOT_TOPONYMS: &str = include_str!("../../../data/geo/not-toponyms.txt");

/// What the stage reads once per run.
pub struct Resources {
    gazetteer: Option<&'static Gazetteer>,
    not_toponyms: HashSet<String>,
}

impl Resources {
    /// The stage over the gazetteer built into the binary; when it cannot
    /// be loaded the error is returned and the caller can still run the
    /// rest of the pipeline with [`Resources::without_gazetteer`].
    pub fn new() -> Result<Resources, &'static crate::GazetteerError> {
        Ok(Resources::with_gazetteer(Gazetteer::embedded()?))
    }

    /// The stage over a given gazetteer.
    pub fn with_gazetteer(gazetteer: &'static Gazetteer) -> Resources {
        Resources { gazetteer: Some(gazetteer), not_toponyms: not_toponyms() }
    }

    /// No gazetteer: the stage does nothing, events keep the places the
    /// entities stage named.
    pub fn without_gazetteer() -> Resources {
        Resources { gazetteer: None, not_toponyms: not_toponyms() }
    }

    /// The gazetteer, when there is one.
    pub fn gazetteer(&self) -> Option<&'static Gazetteer> {
        self.gazetteer
    }
}

fn not_toponyms() -> HashSet<String> {
    NOT_TOPONYMS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(name_key).collect()
}

/// A name found in the text, before resolution.
#[derive(Clone, Debug)]
struct Candidate {
    span: Span,
    sentence: usize,
    key: String,
    places: Vec<usize>,
    role: &'static str,
    /// A country the context ties it to (ISO alpha-2): the entities stage's
    /// code, or `X, Country` / `Country's X`.
    context_country: Option<String>,
    /// `Idlib province`: a division is meant.
    division: bool,
    /// Why it was recognised.
    how: &'static str,
}

impl Candidate {
    /// A name read as a place, with no cue from its context yet.
    fn place(span: Span, sentence: usize, key: String, places: Vec<usize>, how: &'static str) -> Candidate {
        Candidate { span, sentence, key, places, role: "place", context_country: None, division: false, how }
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `Russia's` → `Russia`.
fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word)
}

/// True when the entities stage read these words as a person, group or
/// organisation (not a place, a state or a state's adjective).
fn is_named_non_place(m: &Mention) -> bool {
    match m.kind {
        MentionKind::Organisation => true,
        MentionKind::Place | MentionKind::Agent => false,
        MentionKind::Actor => {
            let r = m.reason.as_str();
            !(r.starts_with("state name")
                || r.starts_with("nationality adjective")
                || r == "the two parties together"
                || r.starts_with("the two parties")
                || r.ends_with("with an agent or title")
                || r.starts_with("capital standing for")
                || r.starts_with("a state or city"))
        }
    }
}

/// Finds and resolves the toponyms of `doc`.
pub fn find(doc: &Document, resources: &Resources) -> Vec<Toponym> {
    find_with(doc, resources, &[])
}

/// Like [`find`], with `given` spans read as place names too (where the
/// gazetteer knows them): for scoring resolution on gold toponyms.
pub fn find_with(doc: &Document, resources: &Resources, given: &[Span]) -> Vec<Toponym> {
    let Some(gazetteer) = resources.gazetteer else { return Vec::new() };
    let mut candidates = scan(doc, gazetteer, resources);
    add_from_mentions(doc, gazetteer, &mut candidates);
    for &span in given {
        if candidates.iter().any(|c| c.span.overlaps(span)) {
            continue;
        }
        let text = strip_possessive(span.slice(&doc.text).trim());
        let mut key = name_key(text);
        // `German` is Germany's adjective before it is any town's name.
        let adjective = gazetteer.adjective(&key);
        let mut places = adjective.map_or_else(|| gazetteer.lookup_key(&key), |country| vec![country]);
        // `Ky` of `Paris, Ky.`, the span without its dot.
        if places.is_empty()
            && let Some(division) = gazetteer.abbreviation(text).or_else(|| gazetteer.abbreviation(&format!("{text}.")))
        {
            places = vec![division];
        }
        if places.is_empty()
            && let Some(rest) = key.strip_prefix("the ")
        {
            key = rest.to_owned();
            places = gazetteer.lookup_key(&key);
        }
        if places.is_empty() {
            continue;
        }
        let sentence = doc.sentences.iter().position(|s| s.span.contains(span)).unwrap_or(0);
        let next =
            doc.text.get(span.end()..).unwrap_or_default().split_whitespace().next().unwrap_or_default().to_lowercase();
        candidates.push(Candidate {
            span,
            sentence,
            key,
            places,
            role: if adjective.is_some() { "adjective" } else { "place" },
            context_country: None,
            division: DIVISION_AFTER.contains(&next.as_str()),
            how: "given span",
        });
    }
    candidates.sort_by_key(|c| (c.span.start(), std::cmp::Reverse(c.span.end())));
    // Overlaps: the first (longest at a start) wins.
    let mut kept: Vec<Candidate> = Vec::new();
    for c in candidates {
        if kept.last().is_none_or(|k| k.span.end() <= c.span.start()) {
            kept.push(c);
        }
    }
    resolve(doc, gazetteer, kept)
}

/// Words the document also writes in lower case (`drug`, `law`, `no`):
/// common words, not names, when capitalized alone.
fn lowercase_words(doc: &Document) -> HashSet<&str> {
    doc.sentences
        .iter()
        .flat_map(|s| s.tokens.iter())
        .map(|t| t.span.slice(&doc.text))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect()
}

/// Last words of two- or three-word capitalized runs that are no place
/// (`Michael Steele`, `Fidel Castro`): surnames, so the same word alone
/// later (`Steele said`) is the person, not a town.
fn surnames(doc: &Document, gazetteer: &Gazetteer) -> HashSet<String> {
    let mut found = HashSet::new();
    for s in &doc.sentences {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.span.slice(&doc.text)).collect();
        let mut i = 0;
        while i < words.len() {
            let run = words[i..].iter().take_while(|w| starts_upper(w) && w.chars().all(char::is_alphabetic)).count();
            // The run, and its last two words after a first that may be a
            // dateline (`WASHINGTON Christopher Steele`).
            let placeish = |names: &[&str]| {
                let whole = name_key(&names.join(" "));
                let first = name_key(names[0]);
                !gazetteer.lookup_key(&whole).is_empty()
                    || gazetteer.adjective(&first).is_some()
                    || gazetteer
                        .lookup_key(&first)
                        .iter()
                        .map(|&p| gazetteer.place(p))
                        .any(|p| p.feature.is_area() || p.population >= 100_000)
            };
            if (2..=3).contains(&run)
                && (!placeish(&words[i..i + run]) || (run == 3 && !placeish(&words[i + 1..i + 3])))
            {
                found.insert(name_key(words[i + run - 1]));
            }
            i += run.max(1);
        }
    }
    found
}

/// Capitalized runs the gazetteer knows, longest first.
fn scan(doc: &Document, gazetteer: &Gazetteer, resources: &Resources) -> Vec<Candidate> {
    let mut found = Vec::new();
    let lowercase = lowercase_words(doc);
    // Computed on the first small one-word candidate only.
    let mut surnames: Option<HashSet<String>> = None;
    // Countries the entities stage found named (alpha-2).
    let dateline = doc.structure.dateline.as_ref().map(|d| d.span);
    let mut deferred: Vec<Candidate> = Vec::new();
    let mut named_countries: HashSet<String> = doc
        .mentions
        .iter()
        .filter_map(|m| m.country.as_deref().or(m.code.as_deref())?.get(..3))
        .filter_map(|code| gazetteer.country(code))
        .map(|c| gazetteer.place(c).country.to_owned())
        .collect();
    // … and the countries of the divisions it abbreviates (`LEBANON,
    // Tenn.` names the United States).
    for sentence in &doc.sentences {
        for pair in sentence.tokens.windows(2) {
            let (word, next) = (pair[0].span.slice(&doc.text), pair[1].span.slice(&doc.text));
            // (Two-letter postal codes only count after a town: not here.)
            let place = if next == "." {
                gazetteer.abbreviation(&format!("{word}.")).or_else(|| gazetteer.abbreviation(word))
            } else if word.len() > 2 {
                gazetteer.abbreviation(word)
            } else {
                None
            };
            named_countries.extend(place.map(|p| gazetteer.place(p).country.to_owned()));
        }
    }
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let words: Vec<&str> = sentence.tokens.iter().map(|t| t.span.slice(&doc.text)).collect();
        let kinds: Vec<TokenKind> = sentence.tokens.iter().map(|t| t.kind).collect();
        let mut i = 0;
        while i < words.len() {
            // `Bowling Green, Ky.`: an abbreviation, with its dot in the
            // token or the next one.
            let dotted = words.get(i + 1).filter(|w| **w == ".").map(|_| format!("{}.", words[i]));
            let abbreviation = gazetteer
                .abbreviation(words[i])
                .map(|p| (i, p))
                .or_else(|| Some((i + 1, gazetteer.abbreviation(dotted.as_deref()?)?)));
            // A postal code (`KY`, `ON`) is a word in capitals elsewhere
            // (`SHELLING IN DONETSK`): only after a name and a comma.
            let postal_code = words[i].len() == 2 && words[i].chars().all(|c| c.is_ascii_uppercase());
            let after_a_name = i >= 2 && words[i - 1] == "," && starts_upper(words[i - 2]);
            let abbreviation = abbreviation.filter(|_| starts_upper(words[i]) && (!postal_code || after_a_name));
            if let Some((end, place)) = abbreviation {
                found.push(Candidate {
                    span: Span::new(sentence.tokens[i].span.start(), sentence.tokens[end].span.end()),
                    sentence: si,
                    key: name_key(gazetteer.place(place).name),
                    places: vec![place],
                    role: "place",
                    context_country: None,
                    division: true,
                    how: ABBREVIATION,
                });
                i = end + 1;
                continue;
            }
            if kinds[i] != TokenKind::Word || !starts_upper(words[i]) {
                i += 1;
                continue;
            }
            // `Turkish-Russian relations`, `the Azerbaijan-Armenia border`,
            // `German-born`: a hyphenated word no place is called, whose
            // parts are countries, their adjectives or big places.
            if words[i].contains('-') && gazetteer.lookup_key(&name_key(words[i])).is_empty() {
                // `New York-based`: the words before and the first part.
                let first = words[i].split('-').next().unwrap_or_default();
                let start = sentence.tokens[i].span.start();
                let longer = (1..=2.min(i)).rev().find_map(|back| {
                    let before = &words[i - back..i];
                    if !before.iter().all(|w| starts_upper(w)) || !starts_upper(first) {
                        return None;
                    }
                    let key = name_key(&format!("{} {first}", before.join(" ")));
                    let places = gazetteer.lookup_key(&key);
                    let span = Span::new(sentence.tokens[i - back].span.start(), start + first.len());
                    (!places.is_empty()).then(|| Candidate::place(span, si, key, places, "a name before a hyphen"))
                });
                match longer {
                    Some(candidate) => found.push(candidate),
                    None => found.extend(hyphenated_parts(gazetteer, words[i], start, si)),
                }
                i += 1;
                continue;
            }
            let mut key = String::new();
            let mut best: Option<(usize, String, Vec<usize>)> = None;
            let mut j = i;
            while j < words.len() && j < i + 7 {
                let word = strip_possessive(words[j]);
                let connector = CONNECTORS.contains(&word);
                // `Côte d'Ivoire`, `L'Aquila`: an elided article before a
                // capital is part of the name.
                let elided = ["d'", "d’", "l'", "l’"].iter().any(|a| word.strip_prefix(a).is_some_and(starts_upper));
                let capital = starts_upper(word) || (j > i && elided);
                let dot = word == "." && j > i && words[j - 1].len() <= 3; // `St. Petersburg`
                // `People's Republic of China`: the possessive as a token of
                // its own, inside a longer name.
                let possessive = j > i && matches!(words[j], "'s" | "’s");
                // `Republic of the Congo`: `the` inside a name.
                let the = j > i && word == "the";
                if j > i && !(capital || connector || dot || possessive || the || word == "-") {
                    break;
                }
                if kinds[j] != TokenKind::Word && !dot && !possessive && word != "-" {
                    break;
                }
                let extend = |key: &str, part: String| match (key.is_empty(), part.is_empty()) {
                    (_, true) => key.to_owned(),
                    (true, false) => part,
                    (false, false) => format!("{key} {part}"),
                };
                let here = extend(&key, name_key(word));
                if capital && !here.is_empty() {
                    let places = gazetteer.lookup_key(&here);
                    if !places.is_empty() {
                        best = Some((j, here.clone(), places));
                    }
                }
                // A possessive ends a name (`Azerbaijan's Tovuz`) unless a
                // longer name goes on through it (`People's Republic`).
                key = if word != words[j] { extend(&key, name_key(words[j])) } else { here };
                if !gazetteer.has_longer(&key) {
                    break;
                }
                j += 1;
            }
            // A country's adjective (`Turkish`, `South Korean`) unless the
            // words name a big place or a longer name.
            let adjective = (i..(i + 2).min(words.len()))
                .rev()
                .filter(|&j| (i..=j).all(|k| starts_upper(words[k]) && kinds[k] == TokenKind::Word))
                .find_map(|j| {
                    let key = name_key(&words[i..=j].join(" "));
                    gazetteer.adjective(&key).map(|country| (j, key, country))
                });
            if let Some((end, key, country)) = adjective {
                let named = best.as_ref().is_some_and(|(b, _, places)| {
                    *b > end
                        || places
                            .iter()
                            .any(|&p| gazetteer.place(p).feature.is_area() || gazetteer.place(p).population >= 100_000)
                });
                if !named {
                    let span = Span::new(sentence.tokens[i].span.start(), sentence.tokens[end].span.end());
                    found.push(Candidate {
                        span,
                        sentence: si,
                        key,
                        places: vec![country],
                        role: "adjective",
                        context_country: None,
                        division: false,
                        how: "a country's adjective",
                    });
                    i = end + 1;
                    continue;
                }
            }
            let Some((end, key, mut places)) = best else {
                found.extend(spelling_variant(doc, gazetteer, &words, i, &named_countries, sentence, si));
                i += 1;
                continue;
            };
            let span = Span::new(sentence.tokens[i].span.start(), sentence.tokens[end].span.end());
            let single = end == i;
            // A word of three letters or fewer that is only another name of
            // a place (`Ben` for Bern, `Lu` for Luzhou) is not that place,
            // unless written in capitals (`US`).
            let capitals = words[i].chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
            if single && key.chars().count() <= 3 && !capitals {
                places.retain(|&p| name_key(gazetteer.place(p).name) == key);
                if places.is_empty() {
                    i = end + 1;
                    continue;
                }
            }
            let next = words.get(end + 1).map(|w| w.to_lowercase()).unwrap_or_default();
            let previous = if i > 0 { words[i - 1].trim_end_matches('.').to_lowercase() } else { String::new() };
            let big = places.iter().any(|&p| {
                let place = gazetteer.place(p);
                // A district named in one word counts by its people like a
                // town (`Ål`, a Norwegian municipality, is no reason to read
                // `Al Jazeera`); `Adair County Sheriff` stays a county.
                // So does a one-word first-level division of few people
                // (`Paul`, a Cape Verdean county, in `Paul Kagame`).
                match place.feature {
                    Feature::City => place.population >= 100_000,
                    Feature::Admin2 | Feature::Admin1 => !single || place.population >= 100_000,
                    _ => true,
                }
            });
            // Big enough to be named inside a longer name or first in a
            // sentence (`Ankara Mayor …`): an area or a city of a million.
            let major = places.iter().any(|&p| {
                let place = gazetteer.place(p);
                place.feature.is_area() || place.population >= 1_000_000
            });
            // Only another name of a small town (`Franklin`, `Eta`), in a
            // country the document does not name: a coincidence.
            let stray_alias = single
                && !big
                && places.iter().all(|&p| {
                    let place = gazetteer.place(p);
                    name_key(place.name) != key && !named_countries.contains(place.country)
                });
            // A capitalized word right before or after: part of a longer
            // name (a person, an organisation) unless the place is big.
            // A capitalized word before (`Andrei Karlov`) makes the name a
            // person's unless the place is major; one after (`Winnipeg Free
            // Press`, `Glasgow Police`) only unless the place is big or the
            // word is an institution's.
            let after_capital = (i > 0 && starts_upper(words[i - 1]) && kinds[i - 1] == TokenKind::Word && i - 1 != 0)
                || (i > 1 && words[i - 1] == "." && words[i - 2].len() <= 2);
            let before_capital = words.get(end + 1).is_some_and(|w| {
                let w = w.to_lowercase();
                starts_upper(words[end + 1])
                    && !DIVISION_AFTER.contains(&w.as_str())
                    && !INSTITUTION_AFTER.contains(&w.as_str())
            });
            // An acronym (`HIV`, `AP`) names a place only when it is a
            // country's or a division's short form (`US`, `DRC`).
            let acronym =
                single && words[i].chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && key.len() <= 5;
            // One word that is only another name of its places (`Drug` for
            // Durg, `Rest` for Rasht, `Ten`): its bigness does not make a
            // common word or part of a longer name a place.
            let alias_only = single && places.iter().all(|&p| name_key(gazetteer.place(p).name) != key);
            let in_run = (after_capital && !major) || (before_capital && (!big || (alias_only && !acronym)));
            // … and a small town named only by another of its names needs a
            // preposition of place before it or its division after it
            // (`Duke` is one of Erwin's names, and a university's).
            let placed_by_context =
                PLACE_PREPOSITIONS.contains(&previous.as_str()) || held_by_next(gazetteer, &words, end, &places);
            let common_alias = alias_only
                && (lowercase.contains(key.as_str())
                    || (key.chars().count() <= 3 && !acronym)
                    || (!big && !placed_by_context));
            let area = places.iter().any(|&p| gazetteer.place(p).feature.is_area());
            let rejected = resources.not_toponyms.contains(&key)
                || (single
                    && !big
                    && (lowercase.contains(key.as_str())
                        || surnames.get_or_insert_with(|| self::surnames(doc, gazetteer)).contains(&key)))
                || (acronym && !area)
                || NOT_A_PLACE_AFTER.contains(&next.as_str())
                || TITLES_BEFORE.contains(&previous.as_str())
                || in_run
                || common_alias
                || stray_alias
                // One word naming only small towns of countries the document
                // never names, when it names others (`Naka` in a report on
                // Armenia and Azerbaijan): a garbled or common word.
                || (single
                    && !big
                    && !named_countries.is_empty()
                    && places.iter().all(|&p| !named_countries.contains(gazetteer.place(p).country))
                    && !held_by_next(gazetteer, &words, end, &places))
                // A person or organisation the entities stage found, unless
                // the place's name is longer (`Bowling Green` over a `Green`).
                // (An armed group's name is never its namesake town, however
                // big: `Hamas` is not Hamm.)
                || doc.mentions.iter().any(|m| {
                    m.span.contains(span)
                        && is_named_non_place(m)
                        && (!big || m.reason == "armed group name")
                        // `near Djibo`: after a preposition of place, a
                        // surname alone that the entities stage took for a
                        // person it knows is the town.
                        && !(m.span == span
                            && m.kind == MentionKind::Actor
                            && !m.reason.contains("armed group")
                            && PLACE_PREPOSITIONS.contains(&previous.as_str()))
                })
                // A person's name the entities stage knows, going on after
                // this word: a first name (`Vladimir Putin`), however big
                // the city of that name.
                || doc.mentions.iter().any(|m| {
                    m.kind == MentionKind::Actor
                        && is_named_non_place(m)
                        && !m.reason.contains("armed group")
                        && m.span.contains(span)
                        && m.span.end() > span.end()
                        && single
                        && before_capital
                        && !acronym
                        && places.iter().all(|&p| gazetteer.place(p).feature != Feature::Country)
                });
            // A sentence's first word alone: a capitalized common word
            // unless the place is big, or the dateline (`TORRINGTON —`),
            // or named so elsewhere in the document (below).
            let in_dateline = dateline.is_some_and(|d| d.contains(span));
            // `DETROIT The U.S. …`, `BANTAM — A mason …`: a town in
            // capitals opening a sentence of mixed case is a dateline the
            // structure stage did not see (where the report was filed).
            let capitals_opening = i == 0
                && words[i].len() >= 3
                && words[..=end].iter().all(|w| !w.chars().any(char::is_lowercase))
                && words.get(end + 1).is_some_and(|w| matches!(*w, "—" | "–" | "-" | ",") || starts_upper(w))
                && words.iter().skip(end + 1).any(|w| w.chars().any(char::is_lowercase));
            let initial = single && i == 0 && !major && !in_dateline && !capitals_opening;
            if !rejected {
                let candidate = Candidate {
                    span,
                    sentence: si,
                    key,
                    places,
                    role: if capitals_opening && !in_dateline { "dateline" } else { "place" },
                    context_country: None,
                    division: DIVISION_AFTER.contains(&next.as_str()),
                    how: "gazetteer name",
                };
                if initial { deferred.push(candidate) } else { found.push(candidate) }
            }
            i = end + 1;
        }
    }
    // One sense per document: `Vancouver has seen …` opening a sentence is
    // the Vancouver read as a place elsewhere in the report.
    let named: HashSet<String> = found.iter().map(|c| c.key.clone()).collect();
    found.extend(deferred.into_iter().filter(|c| named.contains(&c.key)));
    found
}

/// `Macon, Georgia`: the name after the comma is a division holding one of
/// the town's namesakes (one or two words), so the town is no stray word
/// whatever country the entities stage read that name as.
fn held_by_next(gazetteer: &Gazetteer, words: &[&str], end: usize, places: &[usize]) -> bool {
    if words.get(end + 1) != Some(&",") {
        return false;
    }
    let holds = |key: String| {
        gazetteer.lookup_key(&key).into_iter().map(|d| gazetteer.place(d)).any(|d| {
            d.feature == Feature::Admin1
                && places.iter().map(|&p| gazetteer.place(p)).any(|t| t.country == d.country && t.admin1 == d.admin1)
        })
    };
    let one = words.get(end + 2).map(|w| name_key(w));
    let two = words.get(end + 2..end + 4).map(|w| name_key(&w.join(" ")));
    one.is_some_and(holds) || two.is_some_and(holds)
}

/// What the entities stage knows and the scan cannot: a country's
/// adjective (`Turkish police`), a capital standing for its government, a
/// place of its dictionary under another spelling.
fn add_from_mentions(doc: &Document, gazetteer: &Gazetteer, candidates: &mut Vec<Candidate>) {
    for m in &doc.mentions {
        let country = m.country.as_deref().or(m.code.as_deref()).unwrap_or_default();
        let first_word = m.text.split_whitespace().next().unwrap_or_default();
        let first_span = Span::new(m.span.start(), m.span.start() + first_word.len());
        let covered = |span: Span| candidates.iter().any(|c| c.span.overlaps(span));
        let iso3 = country.get(..3).unwrap_or_default();
        let adjective = m.kind == MentionKind::Actor
            && (m.reason.starts_with("nationality adjective") || m.reason.ends_with("with an agent or title"));
        if adjective && starts_upper(first_word) && !covered(first_span) {
            // `Athens police`: a town's name, not the country's adjective;
            // the town is named (its role set below).
            let key = name_key(strip_possessive(first_word));
            let towns = gazetteer.lookup_key(&key);
            let a_town = gazetteer.adjective(&key).is_none()
                && towns.iter().all(|&p| gazetteer.place(p).feature != Feature::Country)
                && towns
                    .iter()
                    .map(|&p| gazetteer.place(p))
                    .any(|p| !p.feature.is_area() && p.population >= 100_000 && name_key(p.name) == key);
            if a_town {
                candidates.push(Candidate {
                    span: first_span,
                    sentence: m.sentence,
                    key,
                    places: towns,
                    role: "place",
                    context_country: None,
                    division: false,
                    how: "a place named with an agent (entities stage)",
                });
                continue;
            }
            if let Some(country) = gazetteer.country(iso3) {
                candidates.push(Candidate {
                    span: first_span,
                    sentence: m.sentence,
                    key: name_key(strip_possessive(first_word)),
                    places: vec![country],
                    role: "adjective",
                    context_country: None,
                    division: false,
                    how: "a country's adjective (entities stage)",
                });
            }
            continue;
        }
        if m.kind == MentionKind::Place && !covered(m.span) {
            // Another spelling of a dictionary place: its canonical name
            // (not a word of three letters taken for one: `Ben`, Bern).
            let name = m.name.as_deref().unwrap_or(&m.text);
            let short = m.text.chars().count() <= 3 && name_key(&m.text) != name_key(name);
            if short && !m.text.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
                continue;
            }
            let country2 = gazetteer.country(iso3).map(|c| gazetteer.place(c).country.to_owned());
            let mut places: Vec<usize> = gazetteer.lookup(name);
            if let Some(cc) = &country2 {
                let inside: Vec<usize> = places.iter().copied().filter(|&p| gazetteer.place(p).country == cc).collect();
                if !inside.is_empty() {
                    places = inside;
                }
            }
            if places.is_empty() {
                continue;
            }
            candidates.push(Candidate {
                span: m.span,
                sentence: m.sentence,
                key: name_key(name),
                places,
                role: "place",
                context_country: country2,
                division: false,
                how: "place of the entities dictionary",
            });
        }
    }
    // The scan's candidates learn the entities stage's reading: a capital
    // standing for its government is a metonym; a place it tied to a
    // country keeps that country.
    for c in candidates.iter_mut() {
        // `00:00 Moscow time`: a clock, not a place where anything happens.
        let next = doc.text.get(c.span.end()..).unwrap_or_default().split_whitespace().next().unwrap_or_default();
        if matches!(next, "time" | "time," | "time)" | "time.") && c.role == "place" {
            c.role = "zone";
        }
        // `the U.S. State Department`, `Russia Defence Ministry`: a
        // country before one of its institutions says whose it is.
        let institution = matches!(
            next,
            "State"
                | "Department"
                | "Ministry"
                | "Army"
                | "Embassy"
                | "Government"
                | "Navy"
                | "Defense"
                | "Defence"
                | "Foreign"
                | "Interior"
                | "Armed"
                | "President"
                | "Prime"
                | "Security"
                | "Military"
                | "Parliament"
        );
        if institution && c.role == "place" && c.places.iter().any(|&p| gazetteer.place(p).feature == Feature::Country)
        {
            c.role = "adjective";
        }
        for m in doc.mentions.iter().filter(|m| m.span.overlaps(c.span)) {
            if m.reason.starts_with("capital standing for") {
                c.role = "metonym";
            }
            // `the U.S. State Department`, `Azerbaijan's defence ministry`:
            // the country names whose actor it is, not where anything
            // happens.
            if m.kind == MentionKind::Actor
                && m.reason.ends_with("with an agent or title")
                && m.span.contains(c.span)
                && m.span != c.span
                && c.role == "place"
            {
                c.role = "adjective";
            }
            // `the Organization for Security and Co-operation in Europe`:
            // named, but not where anything happens.
            if m.kind == MentionKind::Organisation && m.span.contains(c.span) && m.span != c.span && c.role == "place" {
                c.role = "in-name";
            }
            // A place of the entities dictionary or a state is a cue; a
            // capital it tagged with its country is only its default.
            // Not when another country has an area of that name: then
            // the dictionary's reading (`Georgia` the state) is only a
            // default, and the text must choose (`Blakely, Georgia`).
            if m.reason == "place name" || m.reason.starts_with("state name") {
                let iso3 = m.code.as_deref().unwrap_or_default();
                if let Some(country) = gazetteer.country(iso3.get(..3).unwrap_or_default()) {
                    let cc = gazetteer.place(country).country;
                    let namesake_elsewhere = c
                        .places
                        .iter()
                        .map(|&p| gazetteer.place(p))
                        .any(|p| p.country != cc && matches!(p.feature, Feature::Country | Feature::Admin1));
                    if !namesake_elsewhere {
                        c.context_country.get_or_insert_with(|| cc.to_owned());
                    }
                }
            }
        }
    }
}

/// Each name's places with their scores, best first, and why the name was
/// read as a place.
type Ranked = HashMap<String, (Vec<(f64, usize)>, &'static str)>;

/// Picks one place per candidate.
fn resolve(doc: &Document, gazetteer: &Gazetteer, candidates: Vec<Candidate>) -> Vec<Toponym> {
    // The document's country focus: countries named, and countries whose
    // places are named without doubt.
    let mut focus: HashMap<String, f64> = HashMap::new();
    for c in &candidates {
        let countries: HashSet<&str> = c.places.iter().map(|&p| gazetteer.place(p).country).collect();
        if countries.len() == 1 {
            let cc = countries.into_iter().next().unwrap_or_default();
            *focus.entry(cc.to_owned()).or_default() += 1.0;
        }
    }
    for m in doc.mentions.iter().filter(|m| m.kind == MentionKind::Actor) {
        let code = m.country.as_deref().or(m.code.as_deref()).unwrap_or_default();
        if let Some(country) = code.get(..3).and_then(|iso3| gazetteer.country(iso3)) {
            *focus.entry(gazetteer.place(country).country.to_owned()).or_default() += 0.25;
        }
    }
    let total: f64 = focus.values().sum::<f64>().max(1.0);
    // Divisions named in the document, `(country, admin1)`, with how often
    // and whether any mention was the name of nothing else. A name counts
    // when it is one division and no country (`Iowa`, not `Georgia`),
    // however many towns share it.
    let mut divisions: HashMap<(String, String), (usize, bool)> = HashMap::new();
    for c in &candidates {
        let parsed: Vec<crate::Place> = c.places.iter().map(|&p| gazetteer.place(p)).collect();
        let mut areas = parsed.iter().filter(|p| matches!(p.feature, Feature::Admin1 | Feature::Country));
        if let (Some(place), None) = (areas.next(), areas.next())
            && place.feature == Feature::Admin1
        {
            let named = divisions.entry((place.country.to_owned(), place.admin1.to_owned())).or_default();
            named.0 += 1;
            named.1 |= parsed.len() == 1;
        }
    }
    // Hierarchy cues per name, summed over its mentions.
    let mut cue_countries: HashMap<String, HashMap<String, f64>> = HashMap::new();
    // `Paris, Ky.`: the division a town is said to be in.
    let mut cue_divisions: HashMap<String, HashSet<(String, String)>> = HashMap::new();
    // … when that division was abbreviated (`Lebanon, Tenn.`): said for sure.
    let mut abbreviated: HashSet<String> = HashSet::new();
    // `Macon, Georgia`, `Albany, New York`: the divisions that hold a
    // town named just before (any of its namesakes).
    let mut cue_holders: HashMap<String, HashSet<(String, String)>> = HashMap::new();
    // `Arizona, California, Georgia and Illinois`: a name listed among
    // divisions (or countries) of one country is one of them.
    let mut cue_siblings: HashMap<String, HashSet<(Feature, String)>> = HashMap::new();
    let area_kind = |places: &[usize]| {
        if places.len() > 2 {
            return None;
        }
        // `Gao and Menaka`: a division named after its own town may be
        // either; listed, it says nothing of the other name.
        let parsed: Vec<crate::Place> = places.iter().map(|&p| gazetteer.place(p)).collect();
        let own_town = parsed.iter().any(|d| {
            d.feature == Feature::Admin1
                && parsed.iter().any(|t| !t.feature.is_area() && t.country == d.country && t.admin1 == d.admin1)
        });
        if own_town {
            return None;
        }
        let kinds: HashSet<(Feature, &str)> = places
            .iter()
            .map(|&p| gazetteer.place(p))
            .filter(|p| matches!(p.feature, Feature::Country | Feature::Admin1))
            .map(|p| (p.feature, if p.feature == Feature::Country { "" } else { p.country }))
            .collect();
        (kinds.len() == 1).then(|| kinds.into_iter().next()).flatten()
    };
    for (k, c) in candidates.iter().enumerate() {
        let previous = k.checked_sub(1).and_then(|p| candidates.get(p)).filter(|p| p.sentence == c.sentence);
        let gap_before = previous.map(|p| doc.text.get(p.span.end()..c.span.start()).unwrap_or_default().trim());
        if let (Some(previous), Some(",")) = (previous, gap_before) {
            let towns = previous.places.iter().map(|&p| gazetteer.place(p)).filter(|p| !p.feature.is_area());
            cue_holders
                .entry(c.key.clone())
                .or_default()
                .extend(towns.map(|t| (t.country.to_owned(), t.admin1.to_owned())));
        }
        let next = candidates.get(k + 1).filter(|n| n.sentence == c.sentence);
        let listed =
            |other: &Candidate, gap: &str| matches!(gap, "," | "and" | ", and" | "or" | ", or") && other.key != c.key;
        for (other, gap) in [
            previous.zip(gap_before),
            next.map(|n| (n, doc.text.get(c.span.end()..n.span.start()).unwrap_or_default().trim())),
        ]
        .into_iter()
        .flatten()
        {
            if listed(other, gap)
                && let Some((feature, country)) = area_kind(&other.places)
            {
                cue_siblings.entry(c.key.clone()).or_default().insert((feature, country.to_owned()));
            }
        }
        let mut cues: Vec<String> = c.context_country.iter().cloned().collect();
        // `Tovuz, Azerbaijan` / `Tovuz in Azerbaijan`.
        if let Some(next) = candidates.get(k + 1).filter(|n| n.sentence == c.sentence) {
            let between = doc.text.get(c.span.end()..next.span.start()).unwrap_or_default().trim();
            if matches!(between, "," | "in" | "(") {
                cues.extend(country_of_area(gazetteer, &next.places));
                let divisions: Vec<crate::Place> =
                    next.places.iter().map(|&p| gazetteer.place(p)).filter(|p| p.feature == Feature::Admin1).collect();
                if let [division] = divisions[..] {
                    cue_divisions
                        .entry(c.key.clone())
                        .or_default()
                        .insert((division.country.to_owned(), division.admin1.to_owned()));
                    if next.how == ABBREVIATION {
                        abbreviated.insert(c.key.clone());
                    }
                }
            }
        }
        // `Azerbaijan's Tovuz`.
        if let Some(previous) = k.checked_sub(1).and_then(|p| candidates.get(p)).filter(|p| p.sentence == c.sentence) {
            let between = doc.text.get(previous.span.end()..c.span.start()).unwrap_or_default().trim();
            if matches!(between, "'s" | "’s" | "" | ",")
                && doc.text[previous.span.start()..c.span.start()].contains(['\'', '’'])
            {
                cues.extend(country_of_area(gazetteer, &previous.places));
            }
        }
        let entry = cue_countries.entry(c.key.clone()).or_default();
        for cc in cues {
            *entry.entry(cc).or_default() += 1.0;
        }
    }
    // Each name's places, scored once (on its first mention's reading).
    let mut ranked: Ranked = HashMap::new();
    for c in &candidates {
        let division = c.division;
        ranked.entry(c.key.clone()).or_insert_with(|| {
            let cues = cue_countries.get(&c.key);
            // A division named after its main town (`Tovuz`, `Aleppo`,
            // a fifth or more of its people): the bare name is the town
            // unless `province` follows. `Quebec` stays the province.
            // Each candidate place read once.
            let parsed: Vec<crate::Place> = c.places.iter().map(|&p| gazetteer.place(p)).collect();
            let town_of_division = |division: &crate::Place| {
                // (A namesake town bigger than the division counts wherever
                // it lies in the country: division codes and borders
                // change, as Mali's did.)
                parsed.iter().any(|town| {
                    !town.feature.is_area()
                        && town.country == division.country
                        && ((town.admin1 == division.admin1 && town.population * 5 >= division.population)
                            || town.population >= division.population)
                })
            };
            let mut scored: Vec<(f64, usize)> = c
                .places
                .iter()
                .zip(&parsed)
                .map(|(&p, &place)| {
                    let mut score = (place.population as f64 + 1.0).log10();
                    score += match place.feature {
                        Feature::Country => 6.0,
                        Feature::Continent => 5.0,
                        // Regions have no population; the gazetteer holds only
                        // the ones reports name (regions.tsv): as a big city.
                        Feature::Region => 9.0,
                        // A division's population is the sum of its
                        // towns': it gets no more than a small bonus.
                        Feature::Admin1 if division => 5.5,
                        Feature::Admin1 if town_of_division(&place) => -2.0,
                        // A province of millions is meant more often
                        // than a town elsewhere named after it
                        // (`Punjab`, not a town called after it).
                        Feature::Admin1 if place.population >= 1_000_000 => 2.5,
                        Feature::Admin1 => 1.0,
                        Feature::Admin2 if town_of_division(&place) => -2.5,
                        Feature::Admin2 => 0.5,
                        Feature::Capital => 3.5,
                        Feature::City => 0.0,
                    };
                    if name_key(place.name) == c.key {
                        score += 1.0;
                    }
                    let share = focus.get(place.country).copied().unwrap_or(0.0) / total;
                    if share > 0.0 {
                        score += 0.5 + 4.0 * share;
                    }
                    if let Some(n) = cues.and_then(|cues| cues.get(place.country)) {
                        score += 6.0 * n.min(2.0);
                    }
                    if place.feature == Feature::Admin1
                        && cue_holders
                            .get(&c.key)
                            .is_some_and(|towns| towns.iter().any(|(cc, a1)| cc == place.country && a1 == place.admin1))
                    {
                        // Stronger than what the name alone suggests to
                        // the entities stage (`Georgia` the state).
                        score += 10.0;
                    }
                    let kind = (place.feature, if place.feature == Feature::Country { "" } else { place.country });
                    if cue_siblings.get(&c.key).is_some_and(|s| s.iter().any(|(f, cc)| (*f, cc.as_str()) == kind)) {
                        score += 4.0;
                    }
                    // A town or a county (`Monroe County` in a report
                    // naming Missouri) in a division the document names.
                    let inside_division = !place.feature.is_area() || place.feature == Feature::Admin2;
                    if inside_division && (!cue_divisions.is_empty() || !divisions.is_empty()) {
                        let in_division = (place.country.to_owned(), place.admin1.to_owned());
                        if cue_divisions.get(&c.key).is_some_and(|cues| cues.contains(&in_division)) {
                            score += 5.0;
                        }
                        // A county's name is shared across many states:
                        // the more the document names its state, the
                        // surer it is that state's. A town gains less
                        // surely: a big city elsewhere (`Boston` in a
                        // report naming New York) is often meant, so
                        // only a division named without doubt counts.
                        match divisions.get(&in_division) {
                            Some(&(mentions, _)) if place.feature == Feature::Admin2 => {
                                score += 1.0 + mentions.min(3) as f64;
                            }
                            Some((_, true)) => score += 2.0,
                            _ => {}
                        }
                    }
                    (score, p)
                })
                .collect();
            // `LEBANON, Tenn.`, `Paris, Texas`: the text says which
            // division the town is in; its namesakes elsewhere are out,
            // however big or often read otherwise. (Not for a name that
            // is itself an area: `Utah, Washington, Wisconsin` lists.)
            let itself_an_area = parsed.iter().any(|p| p.feature.is_area() && p.feature != Feature::Admin2);
            let sure = !itself_an_area || abbreviated.contains(&c.key);
            if let Some(said) = cue_divisions.get(&c.key).filter(|_| sure) {
                let inside = |p: usize| {
                    let place = gazetteer.place(p);
                    !matches!(place.feature, Feature::Country | Feature::Admin1 | Feature::Continent)
                        && said.contains(&(place.country.to_owned(), place.admin1.to_owned()))
                };
                if scored.iter().any(|&(_, p)| inside(p)) {
                    scored.retain(|&(_, p)| inside(p));
                }
            }
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            (scored, c.how)
        });
    }
    near_each_other(gazetteer, &mut ranked);
    let mut toponyms = Vec::new();
    for c in candidates {
        let Some((scored, how)) = ranked.get(&c.key) else { continue };
        let Some(&(best, place)) = scored.first() else { continue };
        let margin = scored.get(1).map_or(10.0, |s| best - s.0);
        let confidence = (0.5 + margin / 10.0).clamp(0.3, 0.99) as f32;
        let reason = if scored.len() == 1 {
            format!("{how}; the only place of this name")
        } else {
            format!("{how}; best of {} places of this name (score {best:.1}, next {:.1})", scored.len(), best - margin)
        };
        let p = gazetteer.place(place);
        let country = if p.feature == Feature::Country {
            Some(p.code.to_owned())
        } else {
            gazetteer.country(p.country).map(|i| gazetteer.place(i).code.to_owned())
        };
        let admin1 = if p.feature.is_area() {
            None
        } else {
            gazetteer.division_of(&p).map(|d| gazetteer.place(d).name.to_owned())
        };
        toponyms.push(Toponym {
            span: c.span,
            text: c.span.slice(&doc.text).to_owned(),
            sentence: c.sentence,
            role: c.role.to_owned(),
            name: p.name.to_owned(),
            geonameid: p.geonameid,
            feature: p.feature.code().to_owned(),
            lat: p.lat,
            lon: p.lon,
            country,
            admin1,
            precision: p.feature.precision().to_owned(),
            confidence,
            reason,
        });
    }
    toponyms
}

/// The country (alpha-2) of a name read as an area: a country or a
/// division, for `Tovuz, Azerbaijan` cues.
fn country_of_area(gazetteer: &Gazetteer, places: &[usize]) -> Vec<String> {
    let areas: Vec<&str> = places
        .iter()
        .map(|&p| gazetteer.place(p))
        .filter(|p| matches!(p.feature, Feature::Country | Feature::Admin1))
        .map(|p| p.country)
        .collect();
    // A name that is a country is that country; divisions only when one.
    if let Some(country) = places.iter().map(|&p| gazetteer.place(p)).find(|p| p.feature == Feature::Country) {
        return vec![country.country.to_owned()];
    }
    if areas.len() == 1 { vec![areas[0].to_owned()] } else { Vec::new() }
}

/// The places inside a hyphenated word (`Turkish-Russian`, `Moscow-backed`):
/// each capitalized part that is a country's adjective, a country, a
/// first-level division or a city of 100,000 people.
fn hyphenated_parts(gazetteer: &Gazetteer, word: &str, start: usize, sentence: usize) -> Vec<Candidate> {
    let mut found = Vec::new();
    let mut offset = 0;
    for part in word.split('-') {
        let span = Span::new(start + offset, start + offset + part.len());
        offset += part.len() + 1;
        if !starts_upper(part) {
            continue;
        }
        let key = name_key(part);
        if let Some(country) = gazetteer.adjective(&key) {
            let how = "a country's adjective";
            found.push(Candidate {
                span,
                sentence,
                key,
                places: vec![country],
                role: "adjective",
                context_country: None,
                division: false,
                how,
            });
            continue;
        }
        let places = gazetteer.lookup_key(&key);
        let big = places.iter().map(|&p| gazetteer.place(p)).any(|p| {
            matches!(p.feature, Feature::Country | Feature::Admin1) || (!p.feature.is_area() && p.population >= 100_000)
        });
        if big {
            found.push(Candidate::place(span, sentence, key, places, "part of a hyphenated word"));
        }
    }
    found
}

/// How far apart two towns may be to count as the same neighbourhood.
const NEIGHBOURS_KM: f64 = 100.0;

/// Towns named in one report lie near each other more often than chance
/// would have it (`Edmonton` and `Enfield`, both in north London, not the
/// Canadian city and an Australian suburb): a reading of an ambiguous town
/// name gains for each other name with a likely reading (among its five
/// best) within [`NEIGHBOURS_KM`]. Areas are left out: their points say
/// little about what lies near them.
fn near_each_other(gazetteer: &Gazetteer, ranked: &mut Ranked) {
    let towns: Vec<(&String, Vec<(f64, f64)>)> = ranked
        .iter()
        .map(|(key, (scored, _))| {
            let points = scored
                .iter()
                .take(5)
                .map(|&(_, p)| gazetteer.place(p))
                .filter(|p| !p.feature.is_area() || p.feature == Feature::Admin2)
                .map(|p| (p.lat, p.lon))
                .collect();
            (key, points)
        })
        .collect();
    let mut bonuses: Vec<(String, usize, f64)> = Vec::new();
    for (key, (scored, _)) in ranked.iter() {
        if scored.len() < 2 {
            continue;
        }
        for (rank, &(_, p)) in scored.iter().enumerate().take(5) {
            let place = gazetteer.place(p);
            if place.feature.is_area() && place.feature != Feature::Admin2 {
                continue;
            }
            let neighbours = towns
                .iter()
                .filter(|(other, points)| {
                    *other != key
                        && points.iter().any(|&(lat, lon)| {
                            crate::eval::distance_km(place.lat, place.lon, lat, lon) <= NEIGHBOURS_KM
                        })
                })
                .count();
            if neighbours > 0 {
                bonuses.push((key.clone(), rank, 1.5 * neighbours.min(2) as f64));
            }
        }
    }
    for (key, rank, bonus) in bonuses {
        if let Some((scored, _)) = ranked.get_mut(&key) {
            scored[rank].0 += bonus;
        }
    }
    for (scored, _) in ranked.values_mut() {
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    }
}

/// Words before `of` that make the name after it a place (`the town of`).
const SETTLEMENT_WORDS: &[&str] = &["town", "city", "village", "district", "region", "province", "settlement"];

/// A word no name of the gazetteer matches, written where a place is
/// expected (`in Artemovsk`, `the town of Tskhinval`): another
/// transliteration of a place in a country the document names, when one
/// has the same skeleton and a close spelling ([`crate::variants`]).
fn spelling_variant(
    doc: &Document,
    gazetteer: &Gazetteer,
    words: &[&str],
    i: usize,
    named_countries: &HashSet<String>,
    sentence: &truce_core::Sentence,
    si: usize,
) -> Option<Candidate> {
    let word = words[i];
    // `near Avdeevka, Lisichansk, Zaporojie and Kupyansk`: a list after
    // the preposition counts as after it.
    let mut before = i.checked_sub(1)?;
    while before > 0 && (matches!(words[before], "," | "and" | "or") || starts_upper(words[before])) {
        before -= 1;
    }
    let listed = before + 1 < i;
    let previous = if listed && matches!(words[i - 1], "," | "and" | "or") {
        words[before].to_lowercase()
    } else {
        words[i - 1].to_lowercase()
    };
    let settlement = previous == "of" && i >= 2 && SETTLEMENT_WORDS.contains(&words[i - 2].to_lowercase().as_str());
    let expected = PLACE_PREPOSITIONS.contains(&previous.as_str()) || settlement;
    let next_capital = words.get(i + 1).is_some_and(|w| starts_upper(w));
    if !expected || next_capital || word.chars().count() < 5 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let span = sentence.tokens[i].span;
    if doc.mentions.iter().any(|m| m.span.overlaps(span) && is_named_non_place(m)) {
        return None;
    }
    let key = name_key(word);
    // A word the document also writes in lower case (`humans`) is no name.
    let lowercase = doc.sentences.iter().flat_map(|s| &s.tokens).any(|t| t.span.slice(&doc.text) == key);
    if lowercase {
        return None;
    }
    let mut best: Option<(f64, Vec<usize>)> = None;
    for (place, matched) in gazetteer.by_skeleton(&key) {
        let score = crate::variants::similarity(&key, matched);
        if score < 0.9 || !named_countries.contains(gazetteer.place(place).country) {
            continue;
        }
        match &mut best {
            Some((s, places)) if (*s - score).abs() < 1e-9 => {
                if !places.contains(&place) {
                    places.push(place);
                }
            }
            Some((s, _)) if *s > score => {}
            _ => best = Some((score, vec![place])),
        }
    }
    let (_, places) = best?;
    let how = "a spelling variant of a place in a country the document names";
    Some(Candidate::place(span, si, key, places, how))
}
