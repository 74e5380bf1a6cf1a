//! The events stage: sentences coded into CAMEO events — who did what to
//! whom, when, where, and whether it happened, was promised, demanded,
//! alleged or denied.
//!
//! Without a parser: each sentence is scanned for the heads of the
//! patterns in `data/events/patterns.tsv` (a verb in any inflection, or a
//! noun), and a pattern matches when its other words follow in the clause;
//! the longest match wins, and the words it uses are not coded again
//! (`called on mercenaries to withdraw` is one demand, not also a
//! withdrawal). The source is the subject of the clause (the first actor
//! named in it: after `said`, `that` or a semicolon for reported speech), or
//! the agent after `by` in the passive; the target is the first actor after
//! the head. The date is the sentence's date expression, else the document
//! date; the place is the sentence's first place. Modality comes from the
//! words around the head: `will`, `agreed to` (planned), `called on … to`
//! (requested), `accused … of` (alleged), `denied`, `not` (denied), `if`,
//! `could` (hypothetical). One event per happening: repeats within a
//! document are merged.

pub mod dictionary;

use std::collections::HashSet;

use dictionary::{Dictionary, Pattern};
use truce_core::{BlockKind, Document, Event, EventActor, EventLocation, Evidence, Mention, MentionKind, Span};

/// What the stage needs besides the document.
pub struct Resources {
    dictionary: Dictionary,
}

impl Default for Resources {
    fn default() -> Resources {
        Resources::new()
    }
}

impl Resources {
    /// The embedded dictionaries.
    pub fn new() -> Resources {
        Resources { dictionary: Dictionary::load() }
    }

    /// The embedded dictionaries plus a user's pattern files, given as
    /// (name, text), in the format of `data/events/patterns.tsv`.
    pub fn with_patterns(files: &[(String, String)]) -> Result<Resources, dictionary::PatternError> {
        let mut dictionary = Dictionary::load();
        for (name, text) in files {
            dictionary.add_patterns(name, text)?;
        }
        Ok(Resources { dictionary })
    }

    /// Resources over a dictionary built by the caller.
    pub fn from_dictionary(dictionary: Dictionary) -> Resources {
        Resources { dictionary }
    }

    /// The code table entry of a CAMEO code.
    pub fn code(&self, code: &str) -> Option<&dictionary::Code> {
        self.dictionary.code(code)
    }
}

/// How far (in tokens) a pattern's words may lie from the word before.
const GAP: usize = 6;

/// The gap allowed before an infinitive after `to` (see `matches_at`).
const CONTROL_GAP: usize = 10;

/// A pattern found at a head.
struct Match<'a> {
    head: usize,
    /// Token indices of the pattern's other words.
    used: Vec<usize>,
    pattern: &'a Pattern,
}

/// Words that end a clause for the purpose of finding a subject.
/// True when the clause reported after a speech verb at `head` says that
/// someone must or should act (`said the parties must withdraw`).
fn says_must(lower: &[String], head: usize) -> bool {
    lower[head + 1..]
        .iter()
        .take(12)
        .take_while(|w| !matches!(w.as_str(), "." | ";"))
        .any(|w| matches!(w.as_str(), "must" | "should"))
}

/// The two states a report is about: the two named most often, when the
/// second is named at least twice and at least half as often as the first
/// (a report on Armenia and Azerbaijan that also names Russia and France).
fn document_pair(doc: &Document) -> Vec<EventActor> {
    let actor = |c: &String| EventActor {
        text: String::new(),
        code: Some(c.clone()),
        country: Some(c.clone()),
        sector: None,
        name: None,
    };
    // The pair the entities stage bound `the two sides` to, when it did.
    if let Some(m) =
        doc.mentions.iter().find(|m| m.reason.starts_with("the two parties together") && m.members.len() == 2)
    {
        return m.members.iter().map(actor).collect();
    }
    // Two states named together (`Armenia and Azerbaijan`), most often.
    let states: Vec<&Mention> = doc
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Actor && m.country.as_deref().is_some_and(is_state))
        .collect();
    let mut together: Vec<((String, String), usize)> = Vec::new();
    for w in states.windows(2) {
        let (a, b) = (w[0], w[1]);
        let between = doc.text.get(a.span.end()..b.span.start()).unwrap_or_default().trim();
        let (Some(ca), Some(cb)) = (a.country.clone(), b.country.clone()) else { continue };
        if a.sentence == b.sentence && ca != cb && matches!(between, "and" | "," | "&") {
            let key = if ca < cb { (ca, cb) } else { (cb, ca) };
            match together.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 += 1,
                None => together.push((key, 1)),
            }
        }
    }
    together.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if let Some(((a, b), _)) = together.first() {
        return vec![actor(a), actor(b)];
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in doc.mentions.iter().filter(|m| m.kind == MentionKind::Actor) {
        let Some(c) = m.country.clone().filter(|c| is_state(c)) else { continue };
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some(entry) => entry.1 += 1,
            None => counts.push((c, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    match &counts[..] {
        [(a, na), (b, nb), rest @ ..] if *nb >= 2 && nb * 2 >= *na && rest.first().is_none_or(|(_, nc)| nc < nb) => {
            [a, b].into_iter().map(actor).collect()
        }
        _ => Vec::new(),
    }
}

/// A state's code (`AZE`), not a bloc's (`IGO`, `NGO`).
fn is_state(country: &str) -> bool {
    country.len() == 3 && !matches!(country, "IGO" | "NGO")
}

/// An agent with a sector and no country (`GOV`, `MIL`), or no code at
/// all: not an organisation (`IGOUNO`), whose code is complete.
fn bare_agent(actor: &EventActor) -> bool {
    actor.country.is_none() && actor.code.as_ref().is_none_or(|c| c.len() <= 3 && !matches!(c.as_str(), "IGO" | "NGO"))
}

/// Puts an agent without a country (`GOV`) in country `c` (`UGAGOV`).
fn give_country(actor: &mut EventActor, c: String) {
    let sector = actor.code.clone().unwrap_or_default();
    actor.code = Some(format!("{c}{sector}"));
    actor.country = Some(c);
    actor.sector = Some(sector).filter(|s| !s.is_empty());
}

fn opens_clause(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "say"
            | "claimed"
            | "claims"
            | "reported"
            | "that"
            | ";"
            | "stated"
            | "added"
            | "while"
            | "but"
            | "which"
            | "who"
    )
}

fn matches_at<'a>(lower: &[String], head: usize, pattern: &'a Pattern, taken: &[bool]) -> Option<Match<'a>> {
    let mut m =
        matches_after(lower, head, pattern, taken).or_else(|| matches_before_passive(lower, head, pattern, taken))?;
    // Subject words (`s:trucks`) stand before the head, in its clause.
    if !pattern.subject.is_empty() {
        let start =
            lower[..head].iter().rposition(|w| matches!(w.as_str(), "." | ";" | "said" | "that")).map_or(0, |i| i + 1);
        for alternatives in &pattern.subject {
            let found = (start..head)
                .rev()
                .find(|&k| !taken[k] && !m.used.contains(&k) && alternatives.iter().any(|a| *a == lower[k]))?;
            m.used.push(found);
        }
    }
    Some(m)
}

/// `Prisoners of war will be exchanged`, `the district was handed over`:
/// in the passive the words a verb pattern requires stand before it, in
/// the subject, in the same order.
fn matches_before_passive<'a>(
    lower: &[String],
    head: usize,
    pattern: &'a Pattern,
    taken: &[bool],
) -> Option<Match<'a>> {
    let aux = |w: &str| matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being");
    let chain = |w: &str| {
        aux(w)
            || matches!(w, "will" | "shall" | "would" | "must" | "should" | "can" | "could" | "may" | "might" | "to")
            || matches!(w, "has" | "have" | "had" | "not" | "already" | "also" | "now" | "reportedly" | "finally")
    };
    if pattern.noun || pattern.rest.is_empty() || head == 0 || !lower[..head].iter().rev().take(3).any(|w| aux(w)) {
        return None;
    }
    // The subject ends where the verb group begins.
    let mut end = head;
    while end > 0 && chain(&lower[end - 1]) {
        end -= 1;
    }
    let start = (0..end)
        .rev()
        .take(GAP + 2)
        .take_while(|&k| !matches!(lower[k].as_str(), "." | ";" | "said" | "that"))
        .last()?;
    let mut used = Vec::with_capacity(pattern.rest.len());
    let mut from = start;
    let mut rest = &pattern.rest[..];
    // A phrasal verb keeps its particle after it (`shall be handed over`).
    let particle = |w: &str| matches!(w, "over" | "out" | "back" | "off" | "up" | "down");
    if let (Some(first), Some(next)) = (rest.first(), lower.get(head + 1))
        && particle(next)
        && !taken[head + 1]
        && first.iter().any(|a| a == next)
    {
        used.push(head + 1);
        rest = &rest[1..];
    }
    for alternatives in rest {
        let found = (from..end).find(|&k| !taken[k] && alternatives.iter().any(|a| *a == lower[k]))?;
        used.push(found);
        from = found + 1;
    }
    Some(Match { head, used, pattern })
}

fn matches_after<'a>(lower: &[String], head: usize, pattern: &'a Pattern, taken: &[bool]) -> Option<Match<'a>> {
    let mut used = Vec::with_capacity(pattern.rest.len());
    let mut at = head;
    for alternatives in &pattern.rest {
        // A verb's object can stand between it and the infinitive it
        // controls (`told the state broadcaster in the north to halt`): a
        // required word right after `to` may lie further.
        let found = (at + 1..(at + 1 + CONTROL_GAP).min(lower.len()))
            .take_while(|&k| !matches!(lower[k].as_str(), "." | ";"))
            .filter(|&k| k <= at + GAP || lower[k - 1] == "to")
            .find(|&k| !taken[k] && alternatives.iter().any(|a| *a == lower[k]))?;
        used.push(found);
        at = found;
    }
    Some(Match { head, used, pattern })
}

/// Whether `no` negates the phrase of the head: `No attacks were
/// recorded`, `no immediate reports of fighting` (the `no` before the head
/// in its noun phrase), `carried out no air strikes` (between the head and
/// its last required word).
fn negated_by_no(lower: &[String], head: usize, last: usize) -> bool {
    let ends_phrase = |w: &str| {
        matches!(
            w,
            "." | ";"
                | ","
                | "was"
                | "were"
                | "is"
                | "are"
                | "has"
                | "have"
                | "had"
                | "said"
                | "says"
                | "that"
                | "which"
                | "who"
                | "been"
                | "be"
                | "but"
        )
    };
    let before =
        (head.saturating_sub(6)..head).rev().take_while(|&k| !ends_phrase(&lower[k])).any(|k| lower[k] == "no");
    before || lower[head + 1..=last.max(head)].iter().any(|w| w == "no")
}

/// Whether force at `head` is said to have lessened or stopped: `a sharp
/// fall in fighting`, `a lull in the shelling`, `fighting has subsided` —
/// a report of calm, not of an attack.
fn abated(lower: &[String], head: usize) -> bool {
    const LESS: &[&str] = &[
        "fall",
        "drop",
        "decline",
        "lull",
        "halt",
        "end",
        "reduction",
        "decrease",
        "pause",
        "cessation",
        "absence",
        "stop",
        "respite",
        "easing",
        "de-escalation",
    ];
    const SUBSIDE: &[&str] = &[
        "subsided",
        "eased",
        "ebbed",
        "stopped",
        "ceased",
        "halted",
        "abated",
        "declined",
        "dropped",
        "fell",
        "calmed",
        "died",
        "waned",
        "diminished",
        "lessened",
    ];
    let before = lower[head.saturating_sub(4)..head].iter().map(String::as_str).collect::<Vec<_>>();
    let less_before = before.windows(2).any(|w| LESS.contains(&w[0]) && matches!(w[1], "in" | "to" | "of" | "the"))
        || before.windows(3).any(|w| LESS.contains(&w[0]) && matches!(w[1], "in" | "to" | "of") && w[2] == "the");
    let subsides_after = lower[head + 1..].iter().take(4).any(|w| SUBSIDE.contains(&w.as_str()));
    less_before || subsides_after
}

/// The modality of an event whose head is at `head`.
fn modality(lower: &[String], head: usize, code: &str) -> &'static str {
    let before: Vec<&str> = lower[head.saturating_sub(6)..head].iter().map(String::as_str).collect();
    let near = |words: &[&str]| before.iter().rev().take(3).any(|w| words.contains(w));
    // (`denied the claim and said X had attacked`: what is said after is
    // not denied.)
    let clause_start = lower[..head]
        .iter()
        .rposition(|w| matches!(w.as_str(), "." | ";" | "said" | "says" | "added"))
        .map_or(0, |i| i + 1);
    let earlier: Vec<&str> = lower[clause_start..head].iter().map(String::as_str).collect();
    // `denied that its troops had shelled`: the shelling is denied (the
    // denial itself, coded 016, is asserted).
    let denial_before = earlier.iter().any(|w| w.starts_with("deni") || w.starts_with("deny"));
    // `failed to reach agreement`: what was tried did not happen.
    let failed = before.last() == Some(&"to") && before.iter().rev().take(4).any(|w| w.starts_with("fail"));
    if near(&["not", "n't", "never", "no"]) || (denial_before && !code.starts_with("01")) || failed {
        return "denied";
    }
    // (`respond to any breach`: no breach has happened.)
    if near(&["if", "could", "might", "may", "unless"]) || before.iter().rev().take(2).any(|w| *w == "any") {
        return "hypothetical";
    }
    let root = &code[..2.min(code.len())];
    let speech_act = matches!(root, "02" | "10" | "11" | "12" | "13");
    let prev = before.last().copied().unwrap_or("");
    let to_before = before.iter().rev().take(3).any(|w| *w == "to");
    if !speech_act
        && to_before
        && earlier.iter().any(|w| {
            ["call", "urge", "demand", "ask", "appeal", "request", "press", "insist"].iter().any(|a| w.starts_with(a))
        })
    {
        return "requested";
    }
    if !speech_act
        && earlier.iter().any(|w| {
            ["accus", "alleg", "claim", "blam", "charg"].iter().any(|a| w.starts_with(a)) || *w == "reportedly"
        })
    {
        return "alleged";
    }
    // `with Hamas to free 20 more hostages`: what someone is to do.
    let with_to = prev == "to" && lower[head.saturating_sub(5)..head.saturating_sub(1)].iter().any(|w| w == "with");
    let planned = with_to
        || near(&["will", "shall", "'ll", "would"])
        || (prev == "to"
            && earlier.iter().any(|w| {
                [
                    "agree", "plan", "intend", "pledg", "promis", "expect", "decid", "prepar", "vow", "swear", "swor",
                    "willing", "ready", "commit",
                ]
                .iter()
                .any(|a| w.starts_with(a))
            }));
    if planned { "planned" } else { "asserted" }
}

fn actor(m: &Mention) -> EventActor {
    EventActor {
        text: m.text.clone(),
        code: m.code.clone(),
        country: m.country.clone(),
        sector: m.sector.clone(),
        name: m.name.clone(),
    }
}

/// The actors a mention stands for: itself, its group, or the members of
/// `the two sides`.
fn expand(m: &Mention, mentions: &[&Mention]) -> Vec<EventActor> {
    if !m.members.is_empty() {
        return m
            .members
            .iter()
            .map(|c| EventActor {
                text: m.text.clone(),
                code: Some(c.clone()),
                // (`YEMREB`, one side of a civil war, is in Yemen.)
                country: Some(c.get(..3).unwrap_or(c).to_owned()),
                sector: c.get(3..).filter(|s| !s.is_empty()).map(str::to_owned),
                name: None,
            })
            .collect();
    }
    match m.group {
        Some(g) => mentions.iter().filter(|o| o.group == Some(g)).map(|o| actor(o)).collect(),
        None => vec![actor(m)],
    }
}

fn precision(value: &str) -> &'static str {
    match value.len() {
        10 => "day",
        7 if value.contains('W') => "week",
        7 => "month",
        4 => "year",
        _ => "other",
    }
}

/// Fills `doc.events`.
pub fn annotate(doc: &mut Document, resources: &Resources) {
    let dict = &resources.dictionary;
    let pair = document_pair(doc);
    let dateline = doc.structure.dateline.as_ref().map(|d| d.span);
    let mut events: Vec<Event> = Vec::new();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        if !matches!(sentence.block_kind, BlockKind::Paragraph | BlockKind::Title) {
            continue;
        }
        let lower: Vec<String> = sentence.tokens.iter().map(|t| t.span.slice(&doc.text).to_lowercase()).collect();
        let start_of = |k: usize| sentence.tokens[k].span.start();
        // `According to the statement of the foreign ministry, …`: who is
        // quoted as the source of a report is not the actor of its events.
        let attribution = lower.iter().position(|w| w == "according").and_then(|a| {
            let comma = lower[a..].iter().position(|w| w == ",")? + a;
            Some(Span::new(start_of(a), start_of(comma)))
        });
        let actors: Vec<&Mention> = doc
            .mentions
            .iter()
            .filter(|m| m.sentence == index && m.kind != MentionKind::Place)
            .filter(|m| dateline.is_none_or(|d| !d.contains(m.span)))
            .filter(|m| attribution.is_none_or(|a| !a.contains(m.span)))
            .collect();
        // Every head, its longest pattern; longer matches claim their words.
        let mut found: Vec<Match> = Vec::new();
        for (k, word) in lower.iter().enumerate() {
            let Some(patterns) = dict.by_form.get(word) else { continue };
            // After a determiner a verb form is a noun (`the fire
            // agreement`): only noun patterns may start there.
            let noun_only =
                k > 0 && matches!(lower[k - 1].as_str(), "the" | "a" | "an" | "this" | "its" | "their" | "his" | "her");
            // `the statement released on the website`: a participle after a
            // document is not an act of the subject.
            let after_document = k > 0
                && word.ends_with("ed")
                && matches!(
                    lower[k - 1].as_str(),
                    "statement"
                        | "report"
                        | "video"
                        | "document"
                        | "footage"
                        | "data"
                        | "figures"
                        | "communique"
                        | "text"
                );
            if after_document {
                continue;
            }
            // `riot police`, `peace envoy`: a word inside an actor's name
            // describes the actor, it is no event.
            let in_actor =
                actors.iter().any(|a| a.span.contains(sentence.tokens[k].span) && a.span != sentence.tokens[k].span);
            if in_actor {
                continue;
            }
            let patterns: Vec<&Pattern> = patterns.iter().filter(|p| p.noun || !noun_only).collect();
            let taken = vec![false; lower.len()];
            let best = patterns
                .iter()
                .filter_map(|p| matches_at(&lower, k, p, &taken))
                // More required words, then the deeper code, then the
                // tighter match (`withdraw inspectors … from` is about the
                // inspectors), then the earlier line.
                .max_by_key(|m| {
                    let reach = m.used.last().map_or(0, |&u| u.abs_diff(m.head));
                    (m.used.len(), m.pattern.code.len(), usize::MAX - reach, usize::MAX - m.pattern.line)
                });
            if let Some(m) = best {
                found.push(m);
            }
        }
        found.sort_by_key(|m| std::cmp::Reverse(m.used.len()));
        let mut taken = vec![false; lower.len()];
        let mut kept: Vec<Match> = Vec::new();
        for m in found {
            if taken[m.head] || m.used.iter().any(|&u| taken[u]) {
                continue;
            }
            taken[m.head] = true;
            for &u in &m.used {
                taken[u] = true;
            }
            kept.push(m);
        }
        kept.sort_by_key(|m| m.head);
        // Who each earlier event of this sentence acted on, with its source:
        // `The Houthis said they would release detainees and welcomed …`
        // — the detainees did not welcome anything.
        // (Head, target, source.)
        let mut acted_on: Vec<(usize, Span, Vec<EventActor>)> = Vec::new();
        for m in kept {
            let head_at = start_of(m.head);
            let last_word = m.used.iter().copied().max().unwrap_or(m.head).max(m.head);
            // The clause the head is in, for its subject: after `said`,
            // `that`, a semicolon, or `, and` before a new subject.
            let mut clause_start = lower[..m.head].iter().rposition(|w| opens_clause(w)).map_or(0, |i| i + 1);
            if let Some(and) = (clause_start + 1..m.head).rev().find(|&k| lower[k] == "and" && lower[k - 1] == ",") {
                let after = start_of(and);
                if actors.iter().any(|a| a.span.start() > after && a.span.end() <= head_at) {
                    clause_start = and + 1;
                }
            }
            // `Students who marched to the ministry are demanding …`:
            // when the verb group comes after the relative clause (its
            // auxiliary is not right after `who`), the subject is the
            // antecedent before `who`.
            if clause_start >= 2 && matches!(lower[clause_start - 1].as_str(), "who" | "which") {
                let aux = |w: &str| matches!(w, "are" | "is" | "were" | "was" | "have" | "has" | "had" | "will");
                let own_aux = (clause_start..m.head).find(|&k| aux(&lower[k]));
                if own_aux.is_some_and(|k| k > clause_start) {
                    let relative = start_of(clause_start - 1);
                    if let Some(antecedent) = actors.iter().rev().find(|a| a.span.end() <= relative) {
                        clause_start = sentence.tokens.partition_point(|t| t.span.start() < antecedent.span.start());
                    }
                }
            }
            let clause_from = if clause_start < lower.len() { start_of(clause_start) } else { head_at };
            let passive_by = lower[m.head + 1..].iter().position(|w| w == "by").map(|p| m.head + 1 + p);
            // Passive with its agent: `was shelled by`, and the reduced
            // form `houses, shelled by artillery overnight`.
            let source_mention = match passive_by.filter(|&by| {
                by == m.head + 1
                    || lower[..m.head]
                        .iter()
                        .rev()
                        .take(2)
                        .any(|w| matches!(w.as_str(), "was" | "were" | "been" | "is" | "are"))
            }) {
                Some(by) => actors.iter().find(|a| a.span.start() > start_of(by)).copied(),
                // A reported clause (`the government said the attack
                // showed …`) does not take the speaker as its subject.
                None => {
                    let reported = clause_start > 0
                        && matches!(
                            lower[clause_start - 1].as_str(),
                            "said" | "says" | "say" | "claimed" | "claims" | "reported" | "stated" | "added" | "that"
                        );
                    // (`said it would withdraw`: a pronoun takes the
                    // speaker; `say the other side was firing` does not.)
                    let pronoun = lower[clause_start..m.head].iter().take(4).any(|w| {
                        matches!(w.as_str(), "it" | "they" | "he" | "she" | "we" | "its" | "their" | "his" | "her")
                    });
                    actors
                        .iter()
                        .find(|a| a.span.start() >= clause_from && a.span.end() <= head_at)
                        .or_else(|| {
                            if reported && (m.pattern.noun || !pronoun) {
                                None
                            } else {
                                actors.iter().rev().find(|a| a.span.end() <= head_at)
                            }
                        })
                        .copied()
                }
            };
            // `Azerbaijani artillery and rocket fire`, `attacks from the
            // Azerbaijani armed forces`: a noun of force names its author
            // right before it or after `from`/`by`, whoever the clause's
            // subject (`Armenia reported …`).
            // (`rocket attacks from …` reads as a verb form too: the rule
            // after `from` holds for any head of force.)
            // (`Armenia's withdrawal`, `the Russian withdrawal`: any noun
            // takes an actor written right before it.)
            let force_head = matches!(m.pattern.code.get(..2), Some("18" | "19" | "20"));
            let reach = if force_head { 3 } else { 1 };
            let noun_author = if m.pattern.noun || (force_head && lower.get(m.head + 1).is_some_and(|w| w == "from")) {
                let token_of = |byte: usize| sentence.tokens.partition_point(|t| t.span.start() < byte);
                let attributive = |k: usize| {
                    let w = lower[k].as_str();
                    !(w.ends_with("ed")
                        || matches!(w, "said" | "says" | "was" | "were" | "is" | "are" | "has" | "have" | "had" | "."))
                };
                let before = actors.iter().rev().filter(|_| m.pattern.noun).find(|a| {
                    let end = token_of(a.span.end());
                    a.span.end() <= head_at && end + reach >= m.head && (end..m.head).all(attributive)
                });
                let after = lower
                    .get(m.head + 1)
                    .filter(|w| force_head && matches!(w.as_str(), "from" | "by"))
                    .and_then(|_| {
                        actors.iter().find(|a| {
                            let at = token_of(a.span.start());
                            at > m.head + 1 && at <= m.head + 4
                        })
                    });
                after.or(before).copied()
            } else {
                None
            };
            let source_mention = noun_author.or(source_mention);
            let mut source = source_mention.map(|s| expand(s, &actors)).unwrap_or_default();
            // An object of an earlier verb of the same clause is no subject.
            if let Some(s) = source_mention.filter(|_| noun_author.is_none())
                && let Some((_, _, earlier)) = acted_on.iter().find(|(head, t, _)| *t == s.span && *head >= clause_from)
            {
                source = earlier.clone();
            }
            // `Azerbaijan's defence ministry said its army shelled …`: an
            // agent after `its` or `their` belongs to the actor named last.
            if source.len() == 1
                && bare_agent(&source[0])
                && let Some(s) = source_mention
            {
                let at = sentence.tokens.partition_point(|t| t.span.start() < s.span.start());
                if at > 0 && matches!(lower[at - 1].as_str(), "its" | "their") {
                    let owner = actors
                        .iter()
                        .rev()
                        .filter(|a| a.span.end() <= s.span.start())
                        .find_map(|a| a.country.clone().filter(|c| is_state(c)));
                    if let Some(c) = owner {
                        give_country(&mut source[0], c);
                    }
                }
            }
            // `to break up crowds of students protesting the fees`: a
            // participle right after an actor is that actor's act.
            let participle_of = (m.head > 0 && lower[m.head].ends_with("ing"))
                .then(|| {
                    let before_head = start_of(m.head - 1);
                    actors.iter().find(|a| a.span.start() <= before_head && a.span.end() > before_head)
                })
                .flatten();
            if let Some(a) = participle_of {
                source = expand(a, &actors);
            }
            // The target lies in the head's own clause: `A fired at B, and C
            // said …` does not make C a target.
            // `… in the valley where a dozen villagers died`: a relative
            // clause of place tells of other people.
            let clause_end = (last_word + 1..lower.len())
                .find(|&k| {
                    lower[k] == ";"
                        || lower[k] == "where"
                        // `will not accept refugees if war starts in Iraq`:
                        // a condition or a cause is another clause — but a
                        // threat's condition names whom it threatens
                        // (`threatened to stop talks if the United States …`).
                        || (matches!(lower[k].as_str(), "if" | "unless" | "because" | "although" | "though")
                            && !m.pattern.code.starts_with("13"))
                        || (matches!(lower[k].as_str(), "and" | "but" | "while" | "whereas") && lower[k - 1] == ",")
                })
                .map_or(usize::MAX, start_of);
            // `…, police said`: the speaker of a trailing report is no target.
            // (`…, Kenyan police here said`, `…, officials on Monday said`:
            // an adverb or a day may come between.)
            let speaker = |a: &Mention| {
                let mut next = sentence.tokens.partition_point(|t| t.span.start() < a.span.end());
                while lower.get(next).is_some_and(|w| {
                    matches!(
                        w.as_str(),
                        "here"
                            | "there"
                            | "also"
                            | "later"
                            | "earlier"
                            | "today"
                            | "yesterday"
                            | "on"
                            | "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                    )
                }) {
                    next += 1;
                }
                lower.get(next).is_some_and(|w| matches!(w.as_str(), "said" | "says" | "told" | "reported" | "stated"))
            };
            // `a ban on the Georgian language`, `camps on the Iranian border`:
            // an adjective of a language or a frontier names no one.
            // (`shelled the Armenian border village` still aims at Armenia.)
            let describes_thing = |a: &Mention| {
                let next = sentence.tokens.partition_point(|t| t.span.start() < a.span.end());
                let at = sentence.tokens.partition_point(|t| t.span.start() < a.span.start());
                let located = at >= 2
                    && lower[at - 1] == "the"
                    && matches!(lower[at - 2].as_str(), "on" | "near" | "along" | "at" | "across");
                a.reason.starts_with("nationality adjective")
                    && lower.get(next).is_some_and(|w| {
                        matches!(w.as_str(), "language" | "languages")
                            || (located && matches!(w.as_str(), "border" | "borders" | "frontier"))
                    })
            };
            let target_mention = actors
                .iter()
                .find(|a| {
                    !describes_thing(a)
                        // The agent of a passive (`shelled by the Armenian
                        // troops`) is its source, not its target.
                        && source_mention.is_none_or(|s| s.span != a.span)
                        && a.span.start() > head_at
                        && a.span.start() < clause_end
                        && !speaker(a)
                        && source_mention.is_none_or(|s| s.group.is_none() || a.group != s.group)
                })
                .copied();
            let mut target = target_mention.map(|t| expand(t, &actors)).unwrap_or_default();
            // `withdraw inspectors and aid workers from Iraq`: what is
            // withdrawn is not the target; the state it leaves is.
            let withdrawing = matches!(m.pattern.code.get(..2), Some("16")) || m.pattern.code.starts_with("087");
            if withdrawing && let Some(t) = target_mention {
                let after_target = sentence.tokens.partition_point(|tok| tok.span.start() < t.span.end());
                let from = (after_target..lower.len().min(after_target + 6)).find(|&k| lower[k] == "from");
                let state = from.and_then(|f| {
                    let at = start_of(f);
                    doc.mentions.iter().find(|p| {
                        p.sentence == index
                            && p.span.start() > at
                            && sentence.tokens.partition_point(|tok| tok.span.start() < p.span.start()) <= f + 2
                            && p.code.as_deref().is_some_and(|c| c.len() == 3 && is_state(c))
                    })
                });
                if let Some(p) = state.filter(|p| p.span.start() < clause_end) {
                    let code = p.code.clone().unwrap_or_default();
                    target = vec![EventActor {
                        text: p.text.clone(),
                        code: Some(code.clone()),
                        country: Some(code),
                        sector: None,
                        name: p.name.clone(),
                    }];
                } else if source_mention.is_some_and(|s| {
                    s.country.is_some()
                        && (s.country == t.country || (t.country.is_none() && t.code.as_deref() == Some("MIL")))
                }) {
                    // `said they would withdraw troops`: one's own forces,
                    // withdrawn from somewhere unnamed, are no target.
                    target.clear();
                }
            }
            // In the passive the subject is what was acted on: `a convoy of
            // Kurdish fighters was hit by Turkish drones`.
            let passive = source_mention.is_some_and(|s| passive_by.is_some_and(|by| s.span.start() > start_of(by)));
            // `Prisoners will be exchanged`, `the district shall be returned
            // to Azerbaijan`: a passive matched on its subject has no agent.
            // (`Three civilians were killed in the shelling`: the civilians
            // are its target, not its source.)
            // (`is committed to`, `are prepared to` describe a will, not a
            // deed done to the subject.)
            let passive_voice = !m.pattern.noun
                && !lower[m.head].ends_with("ing")
                && lower.get(m.head + 1).is_none_or(|w| w != "to")
                && {
                    let mut k = m.head;
                    while k > 0
                        && matches!(
                            lower[k - 1].as_str(),
                            "not" | "already" | "also" | "reportedly" | "reportedly," | "just"
                        )
                    {
                        k -= 1;
                    }
                    k > 0 && matches!(lower[k - 1].as_str(), "is" | "are" | "was" | "were" | "be" | "been" | "being")
                };
            // (A pattern's subject words, `s:soldiers`, name who acts: the
            // subject stays the source.)
            let agentless =
                !passive && (passive_voice || (m.pattern.subject.is_empty() && m.used.iter().any(|&u| u < m.head)));
            if passive || agentless {
                let subject = actors.iter().find(|a| a.span.start() >= clause_from && a.span.end() <= head_at).copied();
                if let Some(s) = subject {
                    target = expand(s, &actors);
                }
            }
            if agentless {
                source.clear();
                let code = m.pattern.code.as_str();
                if pair.len() == 2 && (code == "0841" || code == "0871") {
                    // An exchange or a truce with no one named: the report's
                    // two parties, each with the other.
                    source = pair.clone();
                    target = pair.iter().rev().cloned().collect();
                } else if pair.len() == 2 && (code.starts_with("084") || code == "0874") && target.len() == 1 {
                    // Returned to one party: by the other.
                    if let Some(other) = pair
                        .iter()
                        .find(|p| p.code != target[0].code.as_ref().and_then(|c| c.get(..3)).map(str::to_owned))
                    {
                        source = vec![other.clone()];
                    }
                }
            }
            // `ended the curfew in Georgia`, `halted food aid in Tigray`,
            // `pull observers out of Syria`: aid, concessions,
            // protests, sanctions and coercion with no one named are aimed
            // at the people of the place they happen in.
            // (A threat of the same measures or of force aims at the same
            // people: `threatened to impose a curfew in Algiers`.)
            let at_a_place = (matches!(m.pattern.code.get(..2), Some("07" | "08" | "14" | "16" | "17"))
                || matches!(m.pattern.code.get(..3), Some("132" | "137" | "138")))
                && m.pattern.code != "0871";
            if target.is_empty() && at_a_place {
                let place = doc.mentions.iter().find(|p| {
                    p.sentence == index
                        && p.kind == MentionKind::Place
                        && p.span.start() > head_at
                        && p.span.start() < clause_end
                        && dateline.is_none_or(|d| !d.contains(p.span))
                        && {
                            let at = sentence.tokens.partition_point(|t| t.span.start() < p.span.start());
                            at > 0 && matches!(lower[at - 1].as_str(), "in" | "from" | "into" | "inside" | "across")
                        }
                });
                if let Some(p) = place.and_then(|p| p.code.clone().map(|c| (p, c))).filter(|(_, c)| is_state(c)) {
                    target.push(EventActor {
                        text: p.0.text.clone(),
                        code: Some(p.1.clone()),
                        country: Some(p.1),
                        sector: None,
                        name: p.0.name.clone(),
                    });
                }
            }
            // `war broke out between A and B`: each side against the other.
            let between = lower[m.head..].iter().take(6).any(|w| w == "between");
            if between && target.len() == 2 && (source.is_empty() || m.pattern.code.starts_with("19")) {
                source = target.clone();
                target.reverse();
            }
            // A clause without a subject of its own (`…, and called on …`,
            // a run-on sentence) continues the last actor's.
            // A gerund opening its clause (`Fighting around Marib had
            // intensified`) names a happening, not an act of the last actor.
            let gerund_subject = lower[m.head].ends_with("ing") && m.head <= clause_start;
            // Only a clause that truly has no subject continues: the words
            // before the verb are auxiliaries and adverbs, or `and`. (`The
            // sixth tanker … docked` has a subject, though not an actor.)
            let no_subject = (clause_start..m.head).all(|k| {
                matches!(
                    lower[k].as_str(),
                    "and"
                        | ","
                        | "also"
                        | "then"
                        | "later"
                        | "will"
                        | "would"
                        | "shall"
                        | "has"
                        | "have"
                        | "had"
                        | "not"
                        | "to"
                        | "again"
                        | "subsequently"
                        | "reportedly"
                        | "but"
                        | "was"
                        | "were"
                        | "is"
                        | "are"
                )
            });
            if source.is_empty() && !m.pattern.noun && !gerund_subject && no_subject {
                source =
                    events.last().filter(|e| e.sentence + 1 >= index).map(|e| e.source.clone()).unwrap_or_default();
            }
            // `the two sides accused each other`, `A and B will exchange
            // prisoners`: each is the other's target.
            // Two parties that agree or cease fire with no one else
            // named do so with each other.
            let joint = target.is_empty() && m.pattern.code.starts_with("08");
            let mutual = lower[m.head..].iter().take(8).any(|w| w == "each")
                || ["exchang", "swap", "trade"].iter().any(|v| lower[m.head].starts_with(v))
                || joint;
            let target_is_state = target.iter().any(|t| t.country.as_deref().is_some_and(|c| c.len() == 3));
            if mutual && source.len() == 2 && !target_is_state {
                target = vec![source[1].clone(), source[0].clone()];
            }
            // `Security forces in Guinea`, `Doctors from two American aid
            // groups`: a source agent without a country takes the country
            // named with it, before the verb.
            if source.len() == 1
                && bare_agent(&source[0])
                && let Some(s) = source_mention
            {
                let country = doc
                    .mentions
                    .iter()
                    .filter(|p| p.sentence == index && p.span.start() >= s.span.end() && p.span.end() <= head_at)
                    .find_map(|p| p.country.clone().filter(|c| is_state(c)));
                if let Some(c) = country {
                    give_country(&mut source[0], c);
                }
            }
            // The state of the report's dateline, when this sentence opens
            // with it (`DONETSK, Feb 16 (Wire) - Separatist fighters …`):
            // places elsewhere in a sentence are often other places (`the
            // ceasefire agreed in Minsk`).
            let place_country = || {
                doc.mentions
                    .iter()
                    .filter(|p| p.sentence == index && p.kind == MentionKind::Place)
                    .filter(|p| dateline.is_some_and(|d| d.contains(p.span)))
                    .find_map(|p| p.code.clone().filter(|c| is_state(c)))
            };
            // `military aid to war-torn Mozambique`, `refugees … in Liberia`:
            // an agent without a country belongs to the country named next.
            if target.len() == 1 && bare_agent(&target[0]) {
                let after = target_mention.map_or(head_at, |t| t.span.end());
                let country = doc
                    .mentions
                    .iter()
                    .filter(|p| p.sentence == index && p.span.start() >= after && !describes_thing(p))
                    .find_map(|p| p.country.clone().filter(|c| is_state(c)));
                // `Opposition groups in Zimbabwe demand that President
                // Mugabe …`: else a domestic agent of the source's country.
                let source_country = source
                    .first()
                    .and_then(|s| s.country.clone())
                    .filter(|c| is_state(c))
                    .filter(|c| source.iter().all(|s| s.country.as_ref() == Some(c)));
                // (Force is not domestic by default: `Russian forces shelled
                // … civilians` in Ukraine are Ukraine's; the dateline says
                // whose.)
                // (Rebels and guerrillas a state fights are its own, as
                // before.)
                let force_code = matches!(m.pattern.code.get(..2), Some("18" | "19" | "20"));
                let armed =
                    target[0].code.as_deref().is_some_and(|c| matches!(c, "INS" | "REB" | "SEP" | "UAF" | "RAD"));
                let fallback = if force_code && !armed { place_country() } else { source_country };
                if let Some(c) = country.or(fallback) {
                    give_country(&mut target[0], c);
                }
            }
            // `Separatist fighters kept up attacks on Debaltseve`: an armed
            // agent without a country fights where the sentence is.
            if source.len() == 1
                && bare_agent(&source[0])
                && matches!(m.pattern.code.get(..2), Some("18" | "19" | "20"))
                && let Some(c) = place_country()
            {
                give_country(&mut source[0], c);
            }
            // `President Museveni threatened to ban Ugandan opposition
            // candidates`: a source official with no country of its own acts
            // at home, in the country of its target.
            if source.len() == 1 && bare_agent(&source[0]) && source[0].code.is_some() {
                let target_country = target
                    .first()
                    .and_then(|t| t.country.clone())
                    .filter(|c| is_state(c))
                    .filter(|c| target.iter().all(|t| t.country.as_ref() == Some(c)));
                if let Some(c) = target_country {
                    give_country(&mut source[0], c);
                }
            }
            // `the fight against poverty`, `the war on drugs`: a
            // noun of force aimed at no actor is a figure of speech.
            let force = matches!(m.pattern.code.get(..2), Some("18" | "19" | "20"));
            if force && abated(&lower, m.head) {
                continue;
            }
            // `a breach of the truce`, `the start of the ceasefire`: a truce
            // named as what something else is of is not declared here.
            let of_truce = m.pattern.noun
                && m.pattern.code == "0871"
                && m.used.is_empty()
                && m.head >= 2
                && (lower[m.head - 1] == "of"
                    || (lower[m.head - 2] == "of"
                        && matches!(lower[m.head - 1].as_str(), "the" | "a" | "this" | "that")));
            if of_truce {
                continue;
            }
            // `free 20 hostages in exchange for 60 prisoners`: a connective,
            // not a second happening.
            if m.head > 0 && lower[m.head - 1] == "in" && lower.get(m.head + 1).is_some_and(|w| w == "for") {
                continue;
            }
            // `the combat zone`, `attack helicopters`, `fighting
            // positions`: a noun of force before another noun names a
            // thing or a place, not a happening.
            let modifies = m.pattern.noun
                && m.used.is_empty()
                && lower.get(m.head + 1).is_some_and(|w| {
                    matches!(
                        w.as_str(),
                        "zone"
                            | "zones"
                            | "area"
                            | "areas"
                            | "readiness"
                            | "experience"
                            | "aircraft"
                            | "helicopter"
                            | "helicopters"
                            | "vehicle"
                            | "vehicles"
                            | "uniform"
                            | "uniforms"
                            | "training"
                            | "unit"
                            | "units"
                            | "engineers"
                            | "footage"
                            | "positions"
                            | "drills"
                            | "veterans"
                            | "troops"
                    )
                });
            if force && modifies {
                continue;
            }
            // `the army accused the Houthis of attacking its positions`:
            // the attack, if any, is the accused's act, aimed at the
            // accuser.
            if let Some(acc) = (clause_start..m.head)
                .rev()
                .find(|&k| ["accus", "blam", "charg"].iter().any(|a| lower[k].starts_with(a)))
                && let Some(of) = (acc + 1..m.head).find(|&k| matches!(lower[k].as_str(), "of" | "for"))
                && m.head <= of + 4
                && let Some(accused) =
                    actors.iter().find(|a| a.span.start() > start_of(acc) && a.span.end() <= start_of(of))
            {
                let accuser = std::mem::replace(&mut source, expand(accused, &actors));
                if target.is_empty() || target.iter().any(|t| source.iter().any(|s| s.code == t.code)) {
                    target = accuser;
                }
            }
            if m.pattern.noun
                && force
                && target.is_empty()
                && lower.get(m.head + 1).is_some_and(|w| matches!(w.as_str(), "against" | "on"))
            {
                continue;
            }
            // `militias shelled the town, killing nine`: the killing is
            // what the shelling did, one happening with its toll, not a
            // second attack.
            let consequence = force
                && m.head > 0
                && lower[m.head - 1] == ","
                && lower[m.head].ends_with("ing")
                && events.iter().any(|e| e.sentence == index && matches!(e.cameo_root.as_str(), "18" | "19" | "20"));
            if consequence {
                continue;
            }
            // `suspended deliveries after the shelling`: a noun in an
            // adjunct of time or cause is another happening, not an act of
            // the clause's subject; `killed in shelling`, `wounded in a bomb
            // attack`: the means of a force event already coded.
            let earlier_force =
                events.iter().any(|e| e.sentence == index && matches!(e.cameo_root.as_str(), "18" | "19" | "20"));
            let adjunct = |k: usize| {
                matches!(lower[k].as_str(), "after" | "before" | "during" | "following" | "amid" | "despite" | "since")
                    // `because of fighting`, `due to the shelling`
                    || (k > 0 && lower[k] == "of" && lower[k - 1] == "because")
                    || (k > 0 && lower[k] == "to" && matches!(lower[k - 1].as_str(), "due" | "owing"))
                    || (force && earlier_force && matches!(lower[k].as_str(), "in" | "by"))
            };
            let nominal = m.pattern.noun || lower[m.head].ends_with("ing");
            let in_adjunct = nominal
                && ((m.head >= 1 && adjunct(m.head - 1))
                    || (m.head >= 2
                        && matches!(lower[m.head - 1].as_str(), "the" | "a" | "an")
                        && adjunct(m.head - 2)));
            if in_adjunct {
                continue;
            }
            // `revenge the deaths of civilians killed in a night
            // bombardment of Ganja`, `issued a report on the violation of
            // the ceasefire`: a noun of force inside a phrase of place,
            // manner or topic is no act of the clause's subject; only its
            // own author (`Azerbaijani shelling`) makes it one.
            let within = |words: &[&str]| {
                (m.head.saturating_sub(3)..m.head).any(|k| {
                    words.contains(&lower[k].as_str())
                        && lower.get(k + 1).is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the"))
                })
            };
            let topic = (m.head.saturating_sub(4)..m.head).any(|k| {
                matches!(lower[k].as_str(), "report" | "reports" | "accusations" | "claims" | "allegations")
                    && lower.get(k + 1).is_some_and(|w| matches!(w.as_str(), "on" | "of" | "about"))
            });
            if force && nominal && noun_author.is_none() && (within(&["in"]) || topic) {
                continue;
            }
            // `A new truce will come into force at 06:00`: a truce
            // coming into force with no one named binds the two parties the
            // report is about — the effective time a monitor needs.
            if source.is_empty() && m.pattern.noun && m.pattern.code == "0871" && pair.len() == 2 {
                source = pair.clone();
                target = pair.iter().rev().cloned().collect();
            }
            // A noun alone (`the fire agreement`) is an event only with an
            // actor doing it; a bare statement without a speaker is noise.
            // (`the handover was completed`, `the joint centre opened`: a
            // noun of cooperation with the words that make it a happening
            // stands without one.)
            let described_happening = m.pattern.noun
                && !m.pattern.rest.is_empty()
                && matches!(m.pattern.code.get(..2), Some("05" | "07" | "08"));
            if source.is_empty() && (m.pattern.noun || m.pattern.code.starts_with("01")) && !described_happening {
                continue;
            }
            source.dedup_by(|a, b| a.code == b.code);
            // `Hungarian and Romanian officials agreed that their countries
            // should cooperate`, `Israelis and Palestinians failed to reach
            // agreement`: parties acting together are not their own target.
            // (Yielding acts keep each other as targets: a truce or an
            // exchange binds each side to the other.)
            let country = |a: &EventActor| a.code.as_deref().and_then(|c| c.get(..3)).map(str::to_owned);
            let source_countries: HashSet<String> = source.iter().filter_map(country).collect();
            let together = source_countries.len() >= 2
                && !m.pattern.code.starts_with("08")
                && !matches!(m.pattern.code.get(..2), Some("18" | "19" | "20"));
            if together
                && !target.is_empty()
                && target.iter().all(|t| country(t).is_some_and(|c| source_countries.contains(&c)))
            {
                target.clear();
            }
            let code = m.pattern.code.clone();
            // The date: for what was said, the date before the verb (a date
            // after it is usually what was talked about); for what was done,
            // the nearest. Without one, the sentence before in the same
            // paragraph lends its date (`On November 9 … signed a statement.
            // According to the statement, … will exchange …`), else the
            // document date.
            let dates = || {
                // A clock time with its day (`06:00 local time on March 2`)
                // dates the event as well as a date does. A date after
                // `since` opens a period the sentence looks back over (`the
                // first halt since 2016`): it is not when the event was.
                doc.timexes.iter().filter(|t| {
                    let before = doc.text.get(..t.span.start()).unwrap_or("").trim_end();
                    let since = before.len() >= 5
                        && before.get(before.len() - 5..).is_some_and(|w| w.eq_ignore_ascii_case("since"))
                        && !before[..before.len() - 5].ends_with(|c: char| c.is_alphanumeric());
                    t.sentence == index
                        && !since
                        && (t.kind == "DATE" || (t.kind == "TIME" && t.value.len() >= 10))
                        && t.value.starts_with(|c: char| c.is_ascii_digit())
                })
            };
            let said = matches!(&code[..2.min(code.len())], "01" | "02" | "05" | "10" | "11" | "12" | "13");
            let date_timex = if said {
                dates().rfind(|t| t.span.end() <= head_at)
            } else {
                dates().min_by_key(|t| (t.span.start() as i64 - head_at as i64).abs())
            };
            let previous = events
                .iter()
                .find(|e| e.sentence + 1 == index && doc.sentences[e.sentence].block == sentence.block)
                .filter(|_| dates().next().is_none())
                .and_then(|e| e.date.clone());
            let date = date_timex
                .map(|t| if t.kind == "TIME" { t.value.chars().take(10).collect() } else { t.value.clone() })
                .or(previous)
                .or_else(|| doc.source.date.clone());
            let time =
                doc.timexes.iter().find(|t| t.sentence == index && t.instant.is_some()).and_then(|t| t.instant.clone());
            let location = doc
                .mentions
                .iter()
                .find(|p| {
                    p.sentence == index && p.kind == MentionKind::Place && dateline.is_none_or(|d| !d.contains(p.span))
                })
                .map(|p| EventLocation {
                    text: p.text.clone(),
                    name: p.name.clone(),
                    geonameid: None,
                    lat: None,
                    lon: None,
                    country: p.country.clone().or(p.code.clone()),
                    admin1: None,
                    precision: if p.reason.contains("state") { "country".into() } else { "region".into() },
                });
            let mut modality = modality(&lower, m.head, &code).to_owned();
            if negated_by_no(&lower, m.head, last_word) {
                modality = "denied".into();
            }
            // `the deadline for Armenia's withdrawal from Kalbajar`: what a
            // deadline is for has not happened yet.
            if modality == "asserted"
                && (m.head.saturating_sub(4)..m.head)
                    .any(|k| matches!(lower[k].as_str(), "deadline" | "deadlines" | "timetable" | "schedule"))
            {
                modality = "planned".into();
            }
            // `will halt attacks, allow ships in and reopen the airport`: a
            // verb in the base form coordinated with a promise or a demand
            // shares its modality.
            if modality == "asserted" && !m.pattern.noun {
                let word = lower[m.head].as_str();
                let base = !(word.ends_with("ed") || word.ends_with("ing") || word.ends_with('s'));
                // (`allow ships to enter the port`: what is allowed shares
                // the allowing's modality too.)
                let coordinated = m.head > 0 && matches!(lower[m.head - 1].as_str(), "," | "and" | "or" | "to");
                let earlier = events.iter().rev().find(|e| e.sentence == index);
                // (`must withdraw its troops and return …`: what is owed is
                // not yet done.)
                let clause_modal = lower[clause_start..m.head]
                    .iter()
                    .any(|w| matches!(w.as_str(), "will" | "shall" | "would" | "must" | "should"));
                if base && coordinated {
                    if let Some(e) = earlier.filter(|e| matches!(e.modality.as_str(), "planned" | "requested")) {
                        modality = e.modality.clone();
                    } else if clause_modal {
                        modality = "planned".into();
                    }
                }
            }
            // `the ceasefire will take effect`: a noun's tense is in the
            // words that follow it.
            if m.pattern.noun
                && modality == "asserted"
                && lower[m.head + 1..=last_word.max(m.head)]
                    .iter()
                    .any(|w| matches!(w.as_str(), "will" | "shall" | "'ll"))
            {
                modality = "planned".into();
            }
            let root = code[..2.min(code.len())].to_owned();
            let before: Vec<&str> = lower[m.head.saturating_sub(3)..m.head].iter().map(String::as_str).collect();
            // A promise of force or pressure (`would blockade`, `will
            // expel`) is a threat; `must withdraw` is a demand: CAMEO codes
            // the words, not the deed.
            let head_word = lower[m.head].as_str();
            // `will withdraw … unless …`: a conditional promise is a threat.
            let conditional = lower[m.head..].iter().take(12).any(|w| w == "unless");
            let refusal = modality == "denied"
                && ["accept", "agree", "allow", "approv", "recogni"].iter().any(|v| head_word.starts_with(v));
            let code = if refusal {
                // `will not accept`: a rejection.
                modality = "asserted".into();
                "120".to_owned()
            } else if conditional && modality == "planned" {
                modality = "asserted".into();
                "130".to_owned()
            } else if modality == "planned" && matches!(root.as_str(), "14" | "15" | "16" | "17" | "18" | "19" | "20") {
                modality = "asserted".into();
                if matches!(root.as_str(), "18" | "19" | "20") { "138".to_owned() } else { "130".to_owned() }
            } else if before.contains(&"must") && !matches!(root.as_str(), "01" | "02" | "10") {
                modality = "asserted".into();
                "100".to_owned()
            } else if code == "010" && says_must(&lower, m.head) {
                // `said US forces must ensure security`: whatever is to be
                // done, saying that another must do it is a demand.
                "100".to_owned()
            } else {
                code
            };
            // `Baku says the Armenian army fired rockets at Barda`, `Armenian
            // units shelled a village, Azerbaijan's ministry said`: force
            // that one party reports of another is that party's allegation
            // until others confirm it.
            if modality == "asserted" && matches!(code.get(..2), Some("18" | "19" | "20")) {
                let country_of = |a: &Mention| {
                    a.country.clone().or_else(|| a.code.as_ref().and_then(|c| c.get(..3).map(str::to_owned)))
                };
                let said = |w: &str| {
                    matches!(w, "said" | "says" | "say" | "claimed" | "claims" | "stated" | "reported" | "told")
                };
                // The speaker before (`X said that …`) or after (`…, X said`).
                let before_speaker = (0..m.head).rev().find(|&v| said(&lower[v])).and_then(|v| {
                    let at = start_of(v);
                    actors.iter().rev().find(|a| a.span.end() <= at).copied()
                });
                let after_speaker = actors
                    .iter()
                    .find(|a| {
                        a.span.start() > head_at && {
                            let next = sentence.tokens.partition_point(|t| t.span.start() < a.span.end());
                            lower.get(next).is_some_and(|w| said(w))
                        }
                    })
                    .copied();
                let speaker = before_speaker.or(after_speaker);
                let speaker_country = speaker.and_then(country_of).filter(|c| is_state(c));
                let source_countries: Vec<&String> = source.iter().filter_map(|s| s.country.as_ref()).collect();
                // Within one country the sides are the state and the
                // armed groups: `the Houthis' spokesman said government
                // forces shelled …` is the Houthis' claim.
                let armed_group = |code: &str| {
                    code.get(3..6).is_some_and(|s| matches!(s, "REB" | "SEP" | "INS" | "RAD" | "UAF" | "OPP"))
                };
                let other_side = speaker.and_then(|s| s.code.as_deref()).is_some_and(|sc| {
                    armed_group(sc)
                        && !source.is_empty()
                        && source
                            .iter()
                            .all(|a| a.code.as_deref().is_some_and(|c| !armed_group(c) || c.get(..3) != sc.get(..3)))
                });
                if other_side
                    || (speaker_country
                        .as_ref()
                        .is_some_and(|c| !source_countries.is_empty() && source_countries.iter().all(|s| *s != c)))
                {
                    modality = "alleged".into();
                }
            }
            let table = dict.code(&code);
            // A promise of cooperation (`will give`, `agreed to release`)
            // is what PLOVER calls AGREE, whatever is promised; the CAMEO
            // code keeps what it is.
            let promised =
                modality == "planned" && matches!(&code[..2.min(code.len())], "04" | "05" | "06" | "07" | "08");
            let plover = if promised { Some("AGREE".to_owned()) } else { table.and_then(|t| t.plover.clone()) };
            let confidence = 0.4
                + if source.iter().any(|s| s.code.is_some()) { 0.25 } else { 0.0 }
                + if target.iter().any(|t| t.code.is_some()) { 0.15 } else { 0.0 }
                + 0.05 * m.used.len().min(3) as f32
                + if date_timex.is_some() { 0.05 } else { 0.0 };
            let evidence_span = Span::new(sentence.span.start(), sentence.span.end());
            if let Some(t) = target_mention {
                acted_on.push((head_at, t.span, source.clone()));
            }
            events.push(Event {
                id: String::new(),
                doc: doc.id.to_string(),
                sentence: index,
                evidence: Evidence { text: sentence.text.clone(), span: evidence_span },
                trigger: sentence.tokens.get(m.head).map(|t| t.span),
                date_precision: date.as_deref().map(|d| precision(d).to_owned()),
                date,
                time,
                source,
                target,
                cameo_root: code[..2.min(code.len())].to_owned(),
                quad_class: table.map_or(0, |t| t.quad),
                goldstein: table.map_or(0.0, |t| t.goldstein),
                plover,
                cameo: code,
                modality,
                location,
                confidence: confidence.min(0.95),
            });
        }
    }
    // `X said (that) Y …`: the statement is only the channel of what it
    // reports; a bare statement (010) stands alone only in a sentence that
    // reports nothing else.
    let substantive: HashSet<usize> = events.iter().filter(|e| e.cameo != "010").map(|e| e.sentence).collect();
    events.retain(|e| e.cameo != "010" || !substantive.contains(&e.sentence));
    // One event per happening: the same code, actors, date and modality
    // again (a headline repeated in the body, a recap) is merged.
    let key = |e: &Event| {
        let codes = |a: &[EventActor]| {
            let mut c: Vec<String> = a.iter().filter_map(|x| x.code.clone()).collect();
            c.sort();
            c
        };
        (e.cameo.clone(), codes(&e.source), codes(&e.target), e.date.clone(), e.modality.clone())
    };
    let mut seen = Vec::new();
    events.retain(|e| {
        let k = key(e);
        if seen.contains(&k) {
            false
        } else {
            seen.push(k);
            true
        }
    });
    for (n, e) in events.iter_mut().enumerate() {
        e.id = format!("{}-e{}", doc.id, n + 1);
    }
    doc.events = events;
}
