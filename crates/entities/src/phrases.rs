//! Names combined into actors, sentence by sentence.

use crate::Resources;
use truce_core::{Mention, MentionKind, Span, Token};
use truce_lexicon::{Date, EntryKind, Found, Lexicon, NameKind};

/// What a dictionary name contributes to a phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Org,
    State,
    Place,
    Capital,
    Adjective,
    Person,
    Title,
    Agent,
    Surname,
}

#[derive(Clone, Debug)]
struct Piece {
    start: usize,
    end: usize,
    role: Role,
    /// Candidate entries, best first.
    entries: Vec<usize>,
}

/// A name that resolution must still link: a bare surname, or an unknown
/// name after a title.
#[derive(Clone, Debug)]
pub struct Pending {
    /// Index into the mention list.
    pub mention: usize,
    /// The name's own text (`Blinkin`).
    pub name: String,
    /// People whose surname it is, when it is one.
    pub surname_of: Vec<usize>,
}

/// Mentions made so far, with what resolution still has to do.
#[derive(Default)]
pub struct Draft {
    pub mentions: Vec<Mention>,
    pub pending: Vec<Pending>,
    /// Capitalized words no dictionary knows, as (sentence, span, text).
    pub unknown: Vec<(usize, Span, String)>,
}

fn role_of(kind: EntryKind, name: NameKind) -> Role {
    match (kind, name) {
        (EntryKind::Organisation | EntryKind::Group, _) => Role::Org,
        (EntryKind::Country, NameKind::Adjective) => Role::Adjective,
        (EntryKind::Country, NameKind::Capital) => Role::Capital,
        (EntryKind::Country, _) => Role::State,
        (EntryKind::Place, _) => Role::Place,
        (EntryKind::Person, NameKind::Surname) => Role::Surname,
        (EntryKind::Person, _) => Role::Person,
        (EntryKind::Title, _) => Role::Title,
        (EntryKind::Agent, _) => Role::Agent,
    }
}

/// The best reading of a name: the highest-ranked role among its
/// candidates, and every candidate with that role (people valid on the
/// document date first).
fn piece(found: &Found, lexicon: &Lexicon, date: Option<Date>) -> Piece {
    let role =
        found.candidates.iter().map(|c| role_of(lexicon.entry(c.entry).kind, c.kind)).min().unwrap_or(Role::Agent);
    let mut entries: Vec<usize> = found
        .candidates
        .iter()
        .filter(|c| role_of(lexicon.entry(c.entry).kind, c.kind) == role)
        .map(|c| c.entry)
        .collect();
    entries.sort_by_key(|&e| !lexicon.entry(e).valid.holds_on(date));
    entries.dedup();
    Piece { start: found.start, end: found.end, role, entries }
}

const PLACE_PREPOSITIONS: &[&str] =
    &["in", "into", "inside", "at", "near", "across", "throughout", "within", "around", "outside", "across"];
/// Words for a part of a city or a thing in it (`Sanaa airport`).
const PLACE_PARTS: &[&str] = &[
    "airport",
    "port",
    "harbour",
    "harbor",
    "province",
    "governorate",
    "city",
    "district",
    "region",
    "area",
    "outskirts",
    "suburbs",
    "suburb",
    "residents",
    "streets",
    "neighbourhood",
    "neighborhood",
    "international",
    "old",
    "municipality",
    "oblast",
    "countryside",
    "station",
    "crossing",
];
/// Words of a journey, before `from`/`to` and a capital.
const JOURNEY_WORDS: &[&str] = &[
    "flight",
    "flights",
    "flew",
    "fly",
    "flying",
    "road",
    "roads",
    "route",
    "routes",
    "travel",
    "travelled",
    "traveled",
    "trip",
    "trips",
    "journey",
    "airliner",
    "plane",
    "planes",
    "bus",
    "buses",
    "convoy",
    "convoys",
    "ship",
    "ships",
    "train",
    "trains",
    "highway",
    "left",
    "departed",
    "arrived",
    "passengers",
    "off",
    "bound",
    "airport",
];
/// Words after which `at` aims rather than places: `fired missiles at
/// Armenia` names the target; `talks at Geneva` names the place.
const AIMING_WORDS: &[&str] = &[
    "fire", "fired", "fires", "firing", "shot", "shots", "shooting", "aimed", "directed", "missiles", "rockets",
    "shells", "drones", "strikes",
];
/// True for a word that may stand between a nationality and its agent
/// (`nationalist`, `Islamist`, `government-backed`): not a function word,
/// a number or punctuation.
fn describes(word: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "and", "or", "of", "to", "the", "a", "an", "in", "on", "at", "with", "for", "by", "from", "said", "says",
        "who", "that", "which", "as", "than", "but", "not", "is", "are", "was", "were", "has", "have", "had",
    ];
    word.chars().all(|c| c.is_alphabetic() || c == '-')
        && word.chars().any(char::is_alphabetic)
        && !FUNCTION_WORDS.contains(&word.to_lowercase().as_str())
}

const LIST_GLUE: &[&str] = &[",", "and", "the", "or", "as", "well"];

struct Sentence<'a> {
    text: &'a str,
    index: usize,
    tokens: &'a [Token],
    words: &'a [&'a str],
}

impl Sentence<'_> {
    fn word(&self, i: usize) -> &str {
        self.words.get(i).copied().unwrap_or("")
    }

    fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.tokens[start].span.start(), self.tokens[end - 1].span.end())
    }

    fn slice(&self, start: usize, end: usize) -> String {
        self.span(start, end).slice(self.text).to_owned()
    }

    /// A capitalized word of letters (`Blinkin`, `Pridnestr`), not a function
    /// word that opens a sentence.
    fn is_name_word(&self, i: usize) -> bool {
        let w = self.word(i);
        let mut chars = w.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        first_upper
            && w.chars().count() >= 2
            && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            && !is_calendar_word(w)
    }

    /// An initial (`M`, `N.`) that a name word follows.
    fn is_initial(&self, i: usize) -> bool {
        let w = self.word(i).trim_end_matches('.');
        w.chars().count() == 1 && w.chars().all(char::is_uppercase) && self.is_name_word(i + 1)
    }
}

/// Days and months: capitalized, never a person's name in a report
/// (`said on Friday`).
fn is_calendar_word(w: &str) -> bool {
    const CALENDAR: [&str; 19] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "july",
        "september",
        "october",
        "november",
        "december",
        "today",
        "tonight",
        "yesterday",
    ];
    CALENDAR.iter().any(|c| w.eq_ignore_ascii_case(c))
}

fn mention(
    s: &Sentence,
    start: usize,
    end: usize,
    kind: MentionKind,
    code: Option<String>,
    name: Option<String>,
) -> Mention {
    Mention {
        span: s.span(start, end),
        text: s.slice(start, end),
        sentence: s.index,
        kind,
        code,
        name,
        country: None,
        sector: None,
        role: None,
        members: Vec::new(),
        group: None,
        confidence: 1.0,
        reason: String::new(),
    }
}

/// Code of an actor from its country (or organisation) and sector parts.
fn join_code(country: Option<&str>, sector: Option<&str>) -> Option<String> {
    match (country, sector) {
        (Some(c), Some(s)) if c.starts_with("IGO") || c.starts_with("NGO") => {
            Some(c.to_owned()).filter(|_| !s.is_empty())
        }
        (Some(c), Some(s)) => Some(format!("{c}{s}")),
        (Some(c), None) => Some(c.to_owned()),
        (None, Some(s)) => Some(s.to_owned()),
        (None, None) => None,
    }
}

/// Builds the mentions of one sentence.
#[allow(clippy::too_many_arguments)]
pub fn sentence(
    text: &str,
    index: usize,
    tokens: &[Token],
    words: &[&str],
    found: &[Found],
    resources: &Resources,
    date: Option<Date>,
    dateline: Option<Span>,
    group: &mut u32,
    draft: &mut Draft,
) {
    let lexicon = resources.lexicon;
    let s = Sentence { text, index, tokens, words };
    let pieces: Vec<Piece> = found.iter().map(|f| piece(f, lexicon, date)).collect();
    let covered = |tok: usize| pieces.iter().any(|p| p.start <= tok && tok < p.end);
    let first_new = draft.mentions.len();

    // Collective phrases (`the two sides`) are bound later to the dyad.
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    for (start, first) in lower.iter().enumerate() {
        for phrase in resources.collectives.iter().filter(|p| p[0] == *first) {
            let n = phrase.len();
            if lower.get(start..start + n) == Some(&phrase[..]) && !(start..start + n).any(covered) {
                let mut m = mention(&s, start, start + n, MentionKind::Actor, None, None);
                m.reason = "the two parties together".into();
                m.confidence = 0.0;
                draft.mentions.push(m);
            }
        }
    }

    let mut i = 0;
    while i < pieces.len() {
        let p = &pieces[i];
        let entry = lexicon.entry(p.entries[0]);
        match p.role {
            Role::State | Role::Adjective | Role::Capital => {
                // `Azerbaijan's defense ministry`, `Russian Foreign Minister Lavrov`.
                let mut at = p.end;
                if s.word(at) == "'s" || s.word(at) == "’s" {
                    at += 1;
                }
                // `Irish nationalist guerrillas`, `Palestinian Islamist
                // militants`: an adjective's agent may follow a word or two
                // that describe it.
                if p.role == Role::Adjective
                    && let Some(q) = pieces.get(i + 1).filter(|q| matches!(q.role, Role::Agent))
                    && q.start > at
                    && q.start <= at + 2
                    && (at..q.start).all(|k| describes(s.word(k)))
                {
                    at = q.start;
                }
                let mut sector: Option<String> = None;
                let mut role: Option<String> = None;
                let mut j = i + 1;
                while let Some(q) =
                    pieces.get(j).filter(|q| q.start == at && matches!(q.role, Role::Title | Role::Agent))
                {
                    let e = lexicon.entry(q.entries[0]);
                    sector.get_or_insert_with(|| e.code.clone());
                    if e.kind == truce_lexicon::EntryKind::Title {
                        role = e.role.clone();
                    }
                    at = q.end;
                    j += 1;
                }
                if sector.is_some() {
                    let code = join_code(Some(&entry.code), sector.as_deref());
                    // Only a title takes a name after it (`Foreign Minister
                    // Lavrov`, not `army Tuesday`).
                    let (end, person) =
                        if role.is_some() { person_after(&s, &pieces, j, at, &covered) } else { (at, None) };
                    let consumed = matches!(person, Some(PersonRef::Known(_)));
                    let mut m = mention(&s, p.start, end, MentionKind::Actor, code, None);
                    m.country = Some(entry.code.clone());
                    m.sector = sector;
                    m.role = role;
                    m.reason = format!("{} with an agent or title", entry.name);
                    attach_person(&mut m, person, lexicon, date, draft);
                    draft.mentions.push(m);
                    i = j + usize::from(consumed);
                    continue;
                }
                // `Moscow time`, `Beijing time`: a time zone, not an actor.
                if p.role == Role::Capital && s.lower(p.end) == "time" {
                    i += 1;
                    continue;
                }
                let before = if p.start > 0 { s.lower(p.start - 1) } else { String::new() };
                let in_dateline = dateline.is_some_and(|d| d.contains(s.span(p.start, p.end)));
                let aimed_at = before == "at"
                    && p.role == Role::State
                    && p.start > 1
                    && AIMING_WORDS.contains(&s.lower(p.start - 2).as_str());
                // `Sanaa airport`, `the Kabul governorate`: a capital before a
                // word for a part of it is the place; so is one a journey
                // goes from or to (`flights from Sanaa to Amman`).
                let part_of_place = p.role == Role::Capital && PLACE_PARTS.contains(&s.lower(p.end).as_str());
                let journey = p.role == Role::Capital
                    && matches!(before.as_str(), "from" | "to" | "via" | "towards" | "for")
                    && (p.start.saturating_sub(7)..p.start.saturating_sub(1))
                        .any(|k| JOURNEY_WORDS.contains(&s.lower(k).as_str()));
                // `to Amman and Cairo`: a capital listed after a place is one.
                let listed_after_place = p.role == Role::Capital
                    && matches!(before.as_str(), "and" | "or" | ",")
                    && p.start >= 2
                    && draft.mentions.last().is_some_and(|last| {
                        last.kind == MentionKind::Place && last.span.end() <= s.span(p.start - 1, p.start).start() && {
                            let gap = s.span(p.start - 2, p.start - 1);
                            last.span.end() == gap.end()
                        }
                    });
                // `positions south of Tripoli`, `the outskirts of Kyiv`.
                let around = before == "of"
                    && p.start >= 2
                    && matches!(
                        s.lower(p.start - 2).as_str(),
                        "north"
                            | "south"
                            | "east"
                            | "west"
                            | "northeast"
                            | "northwest"
                            | "southeast"
                            | "southwest"
                            | "outskirts"
                            | "centre"
                            | "center"
                            | "suburbs"
                            | "edge"
                            | "heart"
                            | "streets"
                            | "outside"
                            | "west-"
                            | "east-"
                            | "north-"
                            | "south-"
                    );
                let as_place = in_dateline
                    || part_of_place
                    || journey
                    || around
                    || listed_after_place
                    || (p.role != Role::Adjective && !aimed_at && PLACE_PREPOSITIONS.contains(&before.as_str()));
                let mut m = if as_place {
                    let mut m = mention(&s, p.start, p.end, MentionKind::Place, Some(entry.code.clone()), None);
                    m.name = Some(if p.role == Role::Capital { s.slice(p.start, p.end) } else { entry.name.clone() });
                    m.reason = "a state or city named as a place".into();
                    m
                } else if p.role == Role::Capital {
                    let mut m =
                        mention(&s, p.start, p.end, MentionKind::Actor, Some(format!("{}GOV", entry.code)), None);
                    m.name = Some(format!("{} (government)", entry.name));
                    m.sector = Some("GOV".into());
                    m.reason = format!("capital standing for the government of {}", entry.name);
                    m.confidence = 0.8;
                    m
                } else {
                    let mut m = mention(&s, p.start, p.end, MentionKind::Actor, Some(entry.code.clone()), None);
                    m.name = Some(entry.name.clone());
                    m.reason =
                        if p.role == Role::Adjective { "nationality adjective".into() } else { "state name".into() };
                    m.confidence = if p.role == Role::Adjective { 0.8 } else { 1.0 };
                    m
                };
                m.country = Some(entry.code.clone());
                draft.mentions.push(m);
                i += 1;
            }
            Role::Agent
                if pieces.get(i + 1).is_some_and(|q| {
                    q.start == p.end && lexicon.entry(q.entries[0]).kind == truce_lexicon::EntryKind::Group
                }) =>
            {
                // `the rebel Kurdistan Workers' Party`: the word describes
                // the group that follows and is not an actor of its own.
                i += 1;
            }
            // `military operations`, `police station`, `a general strike`:
            // the agent or title word describes a thing.
            Role::Agent | Role::Title
                if p.end == p.start + 1
                    && s.word(p.start).starts_with(char::is_lowercase)
                    && resources.agent_modified_nouns.contains(&s.lower(p.end)) =>
            {
                i += 1;
            }
            Role::Title | Role::Agent => {
                // Titles and agents, perhaps several (`foreign ministers or
                // deputy foreign ministers`), then `of` and a list of states
                // or organisations.
                let mut at = p.end;
                let mut j = i + 1;
                let sector = entry.code.clone();
                let mut role = (entry.kind == truce_lexicon::EntryKind::Title).then(|| entry.role.clone()).flatten();
                loop {
                    let glue = matches!(s.word(at), "or" | "and" | ",");
                    let next_at = if glue { at + 1 } else { at };
                    match pieces.get(j).filter(|q| q.start == next_at && matches!(q.role, Role::Title | Role::Agent)) {
                        Some(q) => {
                            let e = lexicon.entry(q.entries[0]);
                            if role.is_none() && e.kind == truce_lexicon::EntryKind::Title {
                                role = e.role.clone();
                            }
                            at = q.end;
                            j += 1;
                        }
                        None => break,
                    }
                }
                if s.word(at) == "of" {
                    let mut k = at + 1;
                    if s.lower(k) == "the" {
                        k += 1;
                    }
                    let mut members: Vec<usize> = Vec::new();
                    let mut jj = j;
                    // A list of states, or one organisation.
                    let state_like = |r: Role| matches!(r, Role::State | Role::Adjective | Role::Capital);
                    while let Some(q) = pieces.get(jj).filter(|q| {
                        q.start == k
                            && match members.first() {
                                None => state_like(q.role) || q.role == Role::Org,
                                Some(&first) => state_like(pieces[first].role) && state_like(q.role),
                            }
                    }) {
                        members.push(jj);
                        k = q.end;
                        jj += 1;
                        // Over `,`, `and`, `the` to the next name, if any.
                        let mut look = k;
                        let next_start = pieces.get(jj).map(|n| n.start);
                        while look < k + 4 && next_start != Some(look) && LIST_GLUE.contains(&s.lower(look).as_str()) {
                            look += 1;
                        }
                        if look > k && next_start == Some(look) {
                            k = look;
                        } else {
                            break;
                        }
                    }
                    if !members.is_empty() {
                        *group += u32::from(members.len() > 1);
                        for &mi in &members {
                            let q = &pieces[mi];
                            let e = lexicon.entry(q.entries[0]);
                            let code = join_code(Some(&e.code), Some(&sector));
                            let mut m = mention(&s, q.start, q.end, MentionKind::Actor, code, None);
                            m.span = Span::new(s.span(p.start, p.end).start(), m.span.end());
                            m.text = m.span.slice(text).to_owned();
                            if members.len() > 1 {
                                m.span = s.span(q.start, q.end);
                                m.text = s.slice(q.start, q.end);
                                m.group = Some(*group);
                            }
                            m.name = Some(e.name.clone());
                            m.country = match e.kind {
                                truce_lexicon::EntryKind::Country => Some(e.code.clone()),
                                truce_lexicon::EntryKind::Group => e.country().map(str::to_owned),
                                _ => None,
                            };
                            m.sector = (e.kind == truce_lexicon::EntryKind::Country).then(|| sector.clone());
                            m.role = role.clone();
                            m.reason = format!("{} of {}", s.slice(p.start, p.end), e.name);
                            let mut consumed = false;
                            if e.kind == truce_lexicon::EntryKind::Organisation {
                                m.kind = MentionKind::Organisation;
                                // `spokesperson of the UN Secretary-General
                                // Dujarric`: the officer named after.
                                let (end, person) = person_after(&s, &pieces, jj, q.end, &covered);
                                if person.is_some() {
                                    consumed = matches!(person, Some(PersonRef::Known(_)));
                                    m.span = Span::new(m.span.start(), s.span(q.start, end).end());
                                    m.text = m.span.slice(text).to_owned();
                                    m.kind = MentionKind::Actor;
                                    m.country = Some(e.code.chars().take(3).collect());
                                    attach_person(&mut m, person, lexicon, date, draft);
                                }
                            }
                            draft.mentions.push(m);
                            if consumed {
                                jj += 1;
                            }
                        }
                        i = jj;
                        continue;
                    }
                }
                // `Foreign Minister Lavrov`, `President Blinkin`; agents
                // (`Military Operations`) take no name.
                let (end, person) = if entry.kind == truce_lexicon::EntryKind::Title {
                    person_after(&s, &pieces, j, at, &covered)
                } else {
                    (at, None)
                };
                let consumed = matches!(person, Some(PersonRef::Known(_)));
                let kind = if entry.kind == truce_lexicon::EntryKind::Title || person.is_some() {
                    MentionKind::Actor
                } else {
                    MentionKind::Agent
                };
                let mut m = mention(&s, p.start, end, kind, Some(sector.clone()), None);
                m.sector = Some(sector);
                m.role = role;
                m.reason = if kind == MentionKind::Agent { "agent word".into() } else { "title".into() };
                attach_person(&mut m, person, lexicon, date, draft);
                draft.mentions.push(m);
                i = j + usize::from(consumed);
            }
            Role::Org => {
                // `OSCE Minsk Group Co-Chairs`: the organisation with a title.
                let mut end = p.end;
                let mut j = i + 1;
                let mut role = None;
                while let Some(q) =
                    pieces.get(j).filter(|q| q.start == end && matches!(q.role, Role::Title | Role::Agent | Role::Org))
                {
                    if q.role == Role::Title {
                        role = lexicon.entry(q.entries[0]).role.clone();
                    }
                    end = q.end;
                    j += 1;
                    if q.role == Role::Org {
                        break;
                    }
                }
                let mut m = mention(
                    &s,
                    p.start,
                    end,
                    MentionKind::Organisation,
                    Some(entry.code.clone()),
                    Some(entry.name.clone()),
                );
                m.reason = "organisation name".into();
                if entry.kind == truce_lexicon::EntryKind::Group {
                    // An armed group is an actor of its country's conflict:
                    // `YEMREB` is Yemen's rebels.
                    m.kind = MentionKind::Actor;
                    m.country = entry.country().map(str::to_owned);
                    m.sector = entry.code.get(3..).map(str::to_owned);
                    m.reason = "armed group name".into();
                }
                // `UN Secretary-General Guterres`: the organisation's officer
                // (the title may be part of the organisation's own alias).
                let matched = s.slice(p.start, end).to_lowercase();
                let officer = ["secretary-general", "secretary general", "spokes", "chief", "president", "director"]
                    .iter()
                    .any(|t| matched.contains(t));
                let (end, person) =
                    if role.is_some() || officer { person_after(&s, &pieces, j, end, &covered) } else { (end, None) };
                let consumed = matches!(person, Some(PersonRef::Known(_)));
                if person.is_some() {
                    m = mention(&s, p.start, end, MentionKind::Actor, Some(entry.code.clone()), None);
                    m.country = Some(entry.code.chars().take(3).collect());
                    m.reason = format!("{} officer", entry.name);
                }
                m.role = role;
                attach_person(&mut m, person, lexicon, date, draft);
                draft.mentions.push(m);
                i = j + usize::from(consumed);
            }
            Role::Place => {
                let mut m =
                    mention(&s, p.start, p.end, MentionKind::Place, Some(entry.code.clone()), Some(entry.name.clone()));
                m.country = Some(entry.code.clone());
                m.reason = "place name".into();
                draft.mentions.push(m);
                i += 1;
            }
            // `said on Friday`: a surname that is a day or a month never
            // stands alone for a person.
            Role::Surname if is_calendar_word(s.word(p.start)) && p.end == p.start + 1 => i += 1,
            // `Ahmed Salim Ali`: a surname with more name words after it
            // is someone else's first name.
            Role::Surname if s.is_name_word(p.end) && !covered(p.end) => i += 1,
            Role::Person | Role::Surname => {
                let mut m = mention(&s, p.start, p.end, MentionKind::Actor, None, None);
                attach_person(&mut m, Some(PersonRef::Known(p.clone())), lexicon, date, draft);
                draft.mentions.push(m);
                i += 1;
            }
        }
    }

    // Capitalized words no dictionary knows: candidates for aliases and
    // spelling variants.
    for (t, token) in tokens.iter().enumerate() {
        let sentence_start = t == 0 || matches!(s.word(t - 1), "\"" | "“" | "(" | "'");
        let inside_mention = draft.mentions[first_new..].iter().any(|m| m.span.contains(token.span));
        let common_opening = sentence_start && lexicon.is_ambiguous(s.word(t));
        if s.is_name_word(t) && !covered(t) && !inside_mention && !common_opening {
            draft.unknown.push((index, token.span, s.word(t).to_owned()));
        }
    }

    // Mentions listed together share a group.
    let new = &mut draft.mentions[first_new..];
    let mut k = 0;
    while k + 1 < new.len() {
        if new[k].group.is_some() || new[k].kind == MentionKind::Place {
            k += 1;
            continue;
        }
        let mut last = k;
        while last + 1 < new.len()
            && new[last + 1].kind != MentionKind::Place
            && between_is_glue(text, new[last].span.end(), new[last + 1].span.start())
        {
            last += 1;
        }
        if last > k {
            *group += 1;
            for m in &mut new[k..=last] {
                m.group = Some(*group);
            }
        }
        k = last + 1;
    }
}

/// True when only list words lie between two mentions (`, the`, ` and `).
fn between_is_glue(text: &str, a: usize, b: usize) -> bool {
    if b < a {
        return false;
    }
    let gap = text.get(a..b).unwrap_or("x");
    let words: Vec<String> =
        gap.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    (gap.contains(',') || words.iter().any(|w| w == "and")) && words.iter().all(|w| LIST_GLUE.contains(&w.as_str()))
}

/// A person named after a title: known from the dictionary, or a name to
/// resolve.
enum PersonRef {
    Known(Piece),
    Unknown(usize, usize),
}

/// The person after a title or agent, at token `at` (piece `j` may be it).
fn person_after(
    s: &Sentence,
    pieces: &[Piece],
    j: usize,
    at: usize,
    covered: &dyn Fn(usize) -> bool,
) -> (usize, Option<PersonRef>) {
    let person_piece =
        |start: usize| pieces.iter().find(|q| q.start == start && matches!(q.role, Role::Person | Role::Surname));
    // (A surname with more name words after it is a first name of
    // someone else: `President Ahmed Salim Ali` is not a President Ahmed.)
    let name_goes_on = |q: &Piece| q.role == Role::Surname && s.is_name_word(q.end) && !covered(q.end);
    if let Some(q) =
        pieces.get(j).filter(|q| q.start == at && matches!(q.role, Role::Person | Role::Surname) && !name_goes_on(q))
    {
        return (q.end, Some(PersonRef::Known(q.clone())));
    }
    let mut end = at;
    while end < at + 3
        && (s.is_name_word(end) || s.is_initial(end))
        && (!covered(end) || person_piece(end).is_some_and(|q| q.role == Role::Surname))
    {
        end += 1;
        // `Nicole Pashinyan`: an unknown first name before a known surname.
        if let Some(q) = person_piece(end) {
            let mut q = q.clone();
            q.start = at;
            return (q.end, Some(PersonRef::Known(q)));
        }
    }
    if end > at { (end, Some(PersonRef::Unknown(at, end))) } else { (at, None) }
}

/// Fills in the person of a mention, or leaves the name for resolution.
fn attach_person(m: &mut Mention, person: Option<PersonRef>, lexicon: &Lexicon, date: Option<Date>, draft: &mut Draft) {
    let index = draft.mentions.len();
    match person {
        None => {}
        Some(PersonRef::Unknown(a, b)) => {
            let name = words_between(m, a, b);
            draft.pending.push(Pending { mention: index, name, surname_of: Vec::new() });
        }
        Some(PersonRef::Known(q)) if q.role == Role::Surname => {
            let name = m.text.rsplit(' ').next().unwrap_or(&m.text).to_owned();
            draft.pending.push(Pending { mention: index, name, surname_of: q.entries.clone() });
        }
        Some(PersonRef::Known(q)) => {
            let e = lexicon.entry(q.entries[0]);
            let valid = e.valid.holds_on(date);
            let written = m.country.take();
            m.code = Some(e.code.clone());
            m.name = Some(e.name.clone());
            m.country = e.country().map(str::to_owned);
            m.sector = (e.code.len() == 6).then(|| e.code[3..].to_owned());
            // `Serbian President Slobodan Milosevic` outside his dictionary
            // term: the country the report writes, in the person's sector.
            if !valid
                && let (Some(w), Some(sector)) = (written, m.sector.clone())
                && m.country.as_deref() != Some(w.as_str())
            {
                m.code = Some(format!("{w}{sector}"));
                m.country = Some(w);
            }
            m.role = e.role.clone();
            m.kind = MentionKind::Actor;
            m.confidence = if valid { 1.0 } else { 0.6 };
            let role = e.role.as_deref().unwrap_or("role");
            m.reason = match (date, valid) {
                (None, _) => format!("{} ({role})", e.name),
                (Some(_), true) => format!("{} ({role}) on the document date", e.name),
                (Some(_), false) => format!("{} did not hold the role {role} on the document date", e.name),
            };
        }
    }
}

/// The text of tokens `a..b` of the sentence a mention was built from:
/// taken from the mention's own text, whose last words they are.
fn words_between(m: &Mention, a: usize, b: usize) -> String {
    let n = b - a;
    let words: Vec<&str> = m.text.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}
