//! Document-level resolution: one identity for the many ways a report
//! names it.

use crate::Resources;
use crate::phrases::Draft;
use crate::similar::similarity;
use std::collections::HashMap;
use truce_core::{Document, Mention, MentionKind, Span};
use truce_lexicon::{Date, EntryKind, Lexicon};

/// Region codes: actors in CAMEO, but never a state with a ministry; and
/// the organisation prefixes, which are not states either.
const REGIONS: &[&str] = &["ASA", "AFR", "EUR", "MEA", "ARB", "CAU", "WST", "IGO", "NGO"];

/// Words that may be glued to a name by machine translation (`Inpridnestrov`).
const FUSED_PREFIXES: &[&str] = &["in", "the", "to", "of", "at", "on"];

/// What a linked name stands for.
#[derive(Clone, Debug)]
struct Identity {
    kind: MentionKind,
    code: Option<String>,
    name: Option<String>,
    country: Option<String>,
}

impl Identity {
    fn of(m: &Mention) -> Identity {
        Identity { kind: m.kind, code: m.code.clone(), name: m.name.clone(), country: m.country.clone() }
    }

    fn mention(&self, sentence: usize, span: Span, text: &str, confidence: f32, reason: String) -> Mention {
        Mention {
            span,
            text: text.to_owned(),
            sentence,
            kind: self.kind,
            code: self.code.clone(),
            name: self.name.clone(),
            country: self.country.clone(),
            sector: None,
            role: None,
            members: Vec::new(),
            group: None,
            confidence,
            reason,
        }
    }
}

/// Resolves the draft of a document into its final mentions.
pub fn document(doc: &Document, mut draft: Draft, resources: &Resources, date: Option<Date>) -> Vec<Mention> {
    let lexicon = resources.lexicon;
    link_people(&mut draft, resources, date);
    let aliases = parenthetical_aliases(doc, &mut draft);
    let translated = doc.source.style.as_deref() == Some("mt-zh") || resources.zh.translated_from_chinese(&doc.text);
    let contractions = if translated { syllable_contractions(lexicon) } else { Vec::new() };
    spelling_variants(&mut draft, &aliases, &contractions);
    misspelt_states(&mut draft, resources);
    let parties = parties(&draft.mentions);
    if translated {
        translation_artefacts(&mut draft, resources, lexicon, &parties);
    }
    two_sides(&mut draft.mentions, lexicon);
    titles_named_earlier(&mut draft.mentions);
    date_hint(&mut draft.mentions, date);
    draft.mentions
}

/// `Hans Grundberg, the UN Special Envoy … The Special Envoy thanked …`,
/// `Foreign Minister Sergei Lavrov … The foreign minister said`: a bare
/// title refers to the person last named in that role in the document.
fn titles_named_earlier(mentions: &mut [Mention]) {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| mentions[i].span.start());
    let mut last_in_role: HashMap<String, usize> = HashMap::new();
    for i in order {
        let m = &mentions[i];
        let Some(role) = m.role.clone() else { continue };
        let bare = m.reason == "title" && m.name.is_none();
        if !bare {
            if m.name.is_some() && m.code.as_deref().is_some_and(|c| c.len() >= 6) {
                last_in_role.insert(role, i);
            }
            continue;
        }
        let Some(&j) = last_in_role.get(&role) else { continue };
        let person = mentions[j].clone();
        let m = &mut mentions[i];
        m.code = person.code;
        m.country = person.country;
        m.sector = person.sector;
        m.name = person.name.clone();
        m.confidence = 0.7;
        m.reason = format!("the {role} named earlier: {}", person.name.unwrap_or_default());
    }
}

/// Names after titles and bare surnames, checked against the people who
/// held the title on the document's date.
fn link_people(draft: &mut Draft, resources: &Resources, date: Option<Date>) {
    let lexicon = resources.lexicon;
    let pending = std::mem::take(&mut draft.pending);
    for p in pending {
        let m = &draft.mentions[p.mention];
        let (country, role) = (m.country.clone(), m.role.clone());
        let fits = |e: &truce_lexicon::Entry| {
            country.as_deref().is_none_or(|c| e.country() == Some(c))
                && role.as_deref().is_none_or(|r| roles_agree(r, e.role.as_deref()))
        };
        let mut chosen: Option<(usize, f32, String)> = None;
        if !p.surname_of.is_empty() {
            let named_before = |name: &str| draft.mentions[..p.mention].iter().any(|m| m.name.as_deref() == Some(name));
            if let Some(&e) = p.surname_of.iter().find(|&&e| named_before(&lexicon.entry(e).name)) {
                let e = best_role(lexicon, &p.surname_of, &lexicon.entry(e).name, date);
                chosen = Some((e, 0.95, format!("surname of {} named earlier", lexicon.entry(e).name)));
            } else {
                let valid: Vec<usize> = p
                    .surname_of
                    .iter()
                    .copied()
                    .filter(|&e| lexicon.entry(e).valid.holds_on(date) && fits(lexicon.entry(e)))
                    .collect();
                // Machine translation garbles titles too (`the President
                // Peskov`): with no one fitting the role, the surname alone
                // decides among people of the same country.
                let valid: Vec<usize> = if valid.is_empty() {
                    p.surname_of
                        .iter()
                        .copied()
                        .filter(|&e| {
                            let who = lexicon.entry(e);
                            who.valid.holds_on(date) && country.as_deref().is_none_or(|c| who.country() == Some(c))
                        })
                        .collect()
                } else {
                    valid
                };
                let mut people: Vec<&str> = valid.iter().map(|&e| lexicon.entry(e).name.as_str()).collect();
                people.sort_unstable();
                people.dedup();
                if date.is_none() && people.len() > 1 {
                    // Without a date, the one who holds a fitting role now.
                    let current: Vec<&str> = valid
                        .iter()
                        .filter(|&&e| lexicon.entry(e).valid.to.is_none())
                        .map(|&e| lexicon.entry(e).name.as_str())
                        .collect();
                    if current.iter().all(|n| *n == current[0]) && !current.is_empty() {
                        people = vec![current[0]];
                    }
                }
                if let [who] = people[..] {
                    let e = best_role(lexicon, &valid, who, date);
                    let when = if date.is_some() { "on the document date" } else { "(no document date: latest role)" };
                    let confidence = if date.is_some() { 0.85 } else { 0.7 };
                    chosen =
                        Some((e, confidence, format!("the only {who} in the dictionaries with a fitting role {when}")));
                }
            }
        } else {
            // A transliterated name: the most similar name among the people
            // who held a fitting role on the date.
            let score_of = |e: &truce_lexicon::Entry| {
                let surname = e.name.split_whitespace().skip(1).collect::<Vec<_>>().join(" ");
                similarity(&p.name, &e.name)
                    .max(similarity(&p.name, &surname))
                    .max(e.name.split_whitespace().last().map_or(0.0, |last| similarity(&p.name, last)))
            };
            let best_among = |fitting_role: bool| {
                let mut best: Option<(usize, f64)> = None;
                for i in resources.people(country.as_deref()) {
                    let e = lexicon.entry(i);
                    if !e.valid.holds_on(date) || (fitting_role && !fits(e)) {
                        continue;
                    }
                    let score = score_of(e);
                    if best.is_none_or(|(_, b)| score > b) {
                        best = Some((i, score));
                    }
                }
                best
            };
            let constrained = country.is_some() && role.is_some();
            let needed = if constrained { 0.75 } else { 0.92 };
            // Titles get garbled too: failing the role, a closer match
            // among the country's (or organisation's) people will do.
            let best = best_among(true)
                .filter(|&(_, s)| s >= needed)
                .or_else(|| country.is_some().then(|| best_among(false)).flatten().filter(|&(_, s)| s >= 0.88));
            if let Some((e, score)) = best {
                let who = lexicon.entry(e);
                chosen = Some((
                    e,
                    (score as f32 * 0.9).min(0.9),
                    format!(
                        "{:?} read as {} ({}), who held the title then (similarity {:.2})",
                        p.name, who.name, who.code, score
                    ),
                ));
            }
        }
        // Nobody of that surname held a fitting role on the date (`President
        // Bush` in 2000, between the two): when all who ever did share one
        // actor code, that code, without a name.
        if chosen.is_none() && !p.surname_of.is_empty() {
            let fitting: Vec<&truce_lexicon::Entry> =
                p.surname_of.iter().map(|&e| lexicon.entry(e)).filter(|e| fits(e) && role.is_some()).collect();
            if let Some(first) = fitting.first()
                && fitting.iter().all(|e| e.code == first.code)
            {
                let m = &mut draft.mentions[p.mention];
                m.code = Some(first.code.clone());
                m.country = first.country().map(str::to_owned).or(m.country.take());
                m.sector = (first.code.len() == 6).then(|| first.code[3..].to_owned()).or(m.sector.take());
                m.kind = MentionKind::Actor;
                m.confidence = 0.6;
                m.reason = format!(
                    "no {:?} held the title on the document date; every one who did was {}",
                    p.name, first.code
                );
                continue;
            }
        }
        let m = &mut draft.mentions[p.mention];
        match chosen {
            Some((e, confidence, reason)) => {
                let who = lexicon.entry(e);
                m.code = Some(who.code.clone());
                m.name = Some(who.name.clone());
                m.country = who.country().map(str::to_owned).or(m.country.take());
                m.sector = (who.code.len() == 6).then(|| who.code[3..].to_owned()).or(m.sector.take());
                m.role = who.role.clone().or(m.role.take());
                m.kind = MentionKind::Actor;
                m.confidence = confidence;
                m.reason = reason;
            }
            None => {
                m.confidence = if m.code.is_some() { 0.7 } else { 0.0 };
                m.reason = format!("{} (person {:?} not identified)", m.reason, p.name);
            }
        }
    }
}

/// Of one person's role entries among `candidates`, the one holding on
/// `date`, else the most recent.
fn best_role(lexicon: &Lexicon, candidates: &[usize], name: &str, date: Option<Date>) -> usize {
    let mine: Vec<usize> = candidates.iter().copied().filter(|&e| lexicon.entry(e).name == name).collect();
    mine.iter()
        .copied()
        .find(|&e| date.is_some() && lexicon.entry(e).valid.holds_on(date))
        .or_else(|| mine.iter().copied().max_by_key(|&e| lexicon.entry(e).valid.from))
        .unwrap_or(candidates[0])
}

/// One name for roles written several ways.
fn canonical_role(r: &str) -> &str {
    match r {
        "deputy-secretary-of-state" => "deputy-foreign-minister",
        "secretary-of-state" | "foreign-secretary" => "foreign-minister",
        "president" => "head-of-state",
        "prime-minister" | "premier" => "head-of-government",
        "defense-minister" => "defence-minister",
        other => other,
    }
}

/// Roles of a title and of a dictionary person agree.
fn roles_agree(title: &str, person: Option<&str>) -> bool {
    let Some(person) = person else { return true };
    let (t, p) = (canonical_role(title), canonical_role(person));
    // `foreign-ministry-spokesperson` is a `spokesperson`; but a deputy,
    // vice, assistant or under- office is another office.
    let narrower = |long: &str, short: &str| {
        long.strip_suffix(short).and_then(|prefix| prefix.strip_suffix('-')).is_some_and(|prefix| {
            !["deputy", "vice", "assistant", "under", "former", "acting"]
                .iter()
                .any(|w| prefix.split('-').any(|x| x == *w))
        })
    };
    t == p || narrower(t, p) || narrower(p, t)
}

/// `Transnistria (Pridnestrov)`: the name in parentheses right after a
/// linked mention becomes an alias of it for this document.
fn parenthetical_aliases(doc: &Document, draft: &mut Draft) -> Vec<(String, Identity)> {
    let mut aliases = Vec::new();
    let dateline = doc.structure.dateline.as_ref().map(|d| d.span);
    let mut added = Vec::new();
    for m in &draft.mentions {
        if m.name.is_none() || dateline.is_some_and(|d| d.contains(m.span)) {
            continue;
        }
        let rest = &doc.text[m.span.end()..];
        let trimmed = rest.trim_start_matches(' ');
        let Some(inner) = trimmed.strip_prefix('(') else { continue };
        let Some(close) = inner.find(')').filter(|&c| c > 0 && c <= 40) else { continue };
        let alias = inner[..close].trim();
        let words: Vec<&str> = alias.split_whitespace().collect();
        let plausible = (1..=3).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-')
            });
        if !plausible {
            continue;
        }
        let start = m.span.end() + (rest.len() - trimmed.len()) + 1 + (inner.len() - inner.trim_start().len());
        let span = Span::new(start, start + alias.len());
        if draft.mentions.iter().any(|o| o.span.contains(span)) {
            continue;
        }
        let identity = Identity::of(m);
        let reason = format!("alias defined in parentheses after {}", m.text);
        added.push(identity.mention(m.sentence, span, alias, 0.9, reason));
        aliases.push((alias.to_owned(), identity));
    }
    draft.mentions.extend(added);
    aliases
}

/// Unknown capitalized words that are spelling variants of a name already
/// seen (`Pridnestr` for the alias `Pridnestrov`), also when glued to a short
/// word (`Inpridnestrov`).
fn spelling_variants(draft: &mut Draft, aliases: &[(String, Identity)], contractions: &[(String, Identity)]) {
    // The surface forms of linked names: aliases first, then mentions of
    // places, states and organisations, then (in translated copy) the
    // syllable contractions of the dictionary's places.
    let mut known: Vec<(String, Identity)> = aliases.to_vec();
    known.extend(contractions.iter().cloned());
    for m in &draft.mentions {
        let seen = known.iter().any(|(surface, _)| *surface == m.text);
        if matches!(m.kind, MentionKind::Place | MentionKind::Organisation) && m.name.is_some() && !seen {
            known.push((m.text.clone(), Identity::of(m)));
        }
    }
    let unknown = std::mem::take(&mut draft.unknown);
    for (sentence, span, word) in unknown {
        if draft.mentions.iter().any(|m| m.span.contains(span) || span.contains(m.span)) {
            continue;
        }
        let before = draft.mentions.len();
        let mut forms = vec![(word.clone(), false)];
        let lower = word.to_lowercase();
        for prefix in FUSED_PREFIXES {
            if lower.starts_with(prefix) && lower.len() >= prefix.len() + 3 {
                let rest = &word[prefix.len()..];
                forms.push((rest.to_owned(), true));
                // `in` + `Naka` written `inaka`: the shared letter once.
                let last = &prefix[prefix.len() - 1..];
                if !rest.to_lowercase().starts_with(last) {
                    forms.push((format!("{last}{rest}"), true));
                }
            }
        }
        let best = known
            .iter()
            .flat_map(|(surface, id)| forms.iter().map(move |(f, fused)| (similarity(f, surface), *fused, surface, id)))
            .filter(|(score, ..)| *score >= 0.88)
            // On a tie the earlier form wins: aliases the document defined,
            // then its own names, then dictionary contractions.
            .fold(None, |best: Option<(f64, bool, &String, &Identity)>, c| match best {
                Some(b) if b.0 >= c.0 => Some(b),
                _ => Some(c),
            });
        if let Some((score, fused, surface, id)) = best {
            let how = if fused { "with a short word glued on" } else { "" };
            let reason = format!("spelling variant of {surface} {how}(similarity {score:.2})").replace("  ", " ");
            draft.mentions.push(id.mention(sentence, span, &word, (score as f32 * 0.8).min(0.85), reason));
        }
        if draft.mentions.len() == before {
            draft.unknown.push((sentence, span, word));
        }
    }
}

/// A capitalized word no dictionary knows that is one letter off a
/// state's name or adjective of six letters or more (`Ethopia`,
/// `Phillippines`, `Azerbajani`, `Armenai`): that state, with less
/// confidence. One letter (a dropped, added, changed or swapped letter,
/// not one added or dropped at the end) is what hurried typing and OCR do;
/// two would reach real words.
/// True when `a` and `b` differ by one typing slip that leaves both ends
/// alone: two neighbouring letters swapped anywhere (`Armenai`), or one
/// letter changed, added or dropped inside the word (`Ethopia`,
/// `Phillippines`). A different last letter makes another word (`Indiana`
/// is no `Indians`).
fn inner_typo(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() == b.len() {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        return match diff[..] {
            [i] => i > 0 && i + 1 < a.len(),
            [i, j] => j == i + 1 && a[i] == b[j] && a[j] == b[i],
            _ => false,
        };
    }
    let (long, short) = if a.len() > b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() != short.len() + 1 {
        return false;
    }
    // The one extra letter, somewhere strictly inside.
    let at = (0..short.len()).find(|&i| long[i] != short[i]).unwrap_or(short.len());
    at > 0 && at < short.len() && long[at + 1..] == short[at..]
}

fn misspelt_states(draft: &mut Draft, resources: &Resources) {
    let lexicon = resources.lexicon;
    let unknown = std::mem::take(&mut draft.unknown);
    for (sentence, span, word) in unknown {
        let lower = word.to_lowercase();
        let length = lower.chars().count();
        let first = lower.chars().next();
        let mut states: Vec<(usize, &str)> = Vec::new();
        if length >= 6 && word.chars().all(char::is_alphabetic) {
            let near = (length - 1..=length + 1)
                .filter_map(|n| resources.state_spellings.get(&(first.unwrap_or(' '), n)))
                .flatten();
            for (name, entry) in near {
                if inner_typo(&lower, name) && !states.iter().any(|(e, _)| e == entry) {
                    states.push((*entry, name));
                }
            }
        }
        match states[..] {
            [(entry, name)] => {
                let e = lexicon.entry(entry);
                let adjective = lexicon.names().any(|n| {
                    n.entry == entry && n.kind == truce_lexicon::NameKind::Adjective && n.written.to_lowercase() == name
                });
                let id = Identity {
                    kind: MentionKind::Actor,
                    code: Some(e.code.clone()),
                    name: Some(e.name.clone()),
                    country: Some(e.code.clone()),
                };
                // The reasons the later stages read for a state's name or
                // adjective, with the spelling noted after them.
                let reason = if adjective { "nationality adjective" } else { "state name" };
                let reason = format!("{reason} (misspelt: {word:?} for {name:?})");
                draft.mentions.push(id.mention(sentence, span, &word, 0.6, reason));
            }
            _ => draft.unknown.push((sentence, span, word)),
        }
    }
}

/// Chinese copy shortens a two-word place name to the first syllable of
/// each word (纳卡 for 纳戈尔诺-卡拉巴赫), which translation renders as
/// `Naka` for Nagorno-Karabakh. These contractions, for every two-word
/// place in the dictionaries whose words both open with a consonant and a
/// vowel.
fn syllable_contractions(lexicon: &Lexicon) -> Vec<(String, Identity)> {
    let syllable = |w: &str| -> Option<String> {
        let mut chars = w.chars();
        let (c, v) = (chars.next()?, chars.next()?);
        let vowel = |x: char| "aeiou".contains(x.to_ascii_lowercase());
        (c.is_alphabetic() && !vowel(c) && vowel(v)).then(|| format!("{c}{v}"))
    };
    let mut out = Vec::new();
    for e in lexicon.entries().iter().filter(|e| e.kind == EntryKind::Place) {
        let words: Vec<&str> = e.name.split(['-', ' ']).filter(|w| !w.is_empty()).collect();
        if let [a, b] = words[..]
            && let (Some(x), Some(y)) = (syllable(a), syllable(b))
        {
            let id = Identity {
                kind: MentionKind::Place,
                code: Some(e.code.clone()),
                name: Some(e.name.clone()),
                country: Some(e.code.clone()),
            };
            out.push((format!("{x}{}", y.to_lowercase()), id));
        }
    }
    out
}

/// The states a document is about, most mentioned first (regions aside).
fn parties(mentions: &[Mention]) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in mentions {
        if let Some(c) = m.country.as_deref().filter(|c| !REGIONS.contains(c) && c.len() == 3) {
            *counts.entry(c).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.into_iter().map(|(c, _)| c.to_owned()).collect()
}

/// Names garbled by translation from Chinese (`the Ministry of Defense of
/// Asia`, `the Afghan army`, `Aya`), resolved to the document's parties.
fn translation_artefacts(draft: &mut Draft, resources: &Resources, lexicon: &Lexicon, parties: &[String]) {
    let counts = |code: &str| parties.iter().position(|p| p == code);
    // The parties a garbled name can stand for: the three most named.
    let top: Vec<String> = parties.iter().take(3).cloned().collect();
    let mut added = Vec::new();
    for m in &mut draft.mentions {
        let Some(country) = m.country.clone() else { continue };
        if m.kind == MentionKind::Place {
            continue;
        }
        let region = REGIONS.contains(&country.as_str());
        // A region acting is suspect, and so is a state outside the two the
        // document is most about.
        let suspect = region || counts(&country).is_none_or(|rank| rank >= 2);
        if !suspect {
            continue;
        }
        let Some((party, c)) = resources.zh.party_for(&country, &top) else { continue };
        let party_name =
            lexicon.entries().iter().find(|e| e.kind == EntryKind::Country && e.code == party).map(|e| e.name.clone());
        m.reason = format!(
            "{:?} read as {}: machine translation of the Chinese short form {c} (was {country})",
            m.text,
            party_name.as_deref().unwrap_or(&party)
        );
        m.code = Some(format!("{party}{}", m.sector.as_deref().unwrap_or("")));
        m.country = Some(party.clone());
        m.name = party_name;
        m.confidence = 0.6;
    }
    let unknown = std::mem::take(&mut draft.unknown);
    for (sentence, span, word) in unknown {
        if word.chars().count() < 2 || draft.mentions.iter().any(|m| m.span.contains(span)) {
            continue;
        }
        let Some(spelled) = resources.zh.parties_spelled(&word, &top) else { continue };
        let mut m = Identity { kind: MentionKind::Actor, code: None, name: None, country: None }.mention(
            sentence,
            span,
            &word,
            0.5,
            String::new(),
        );
        if let [one] = spelled.as_slice() {
            m.code = Some(one.clone());
            m.country = Some(one.clone());
        } else {
            m.members = spelled.clone();
        }
        m.reason = format!("{word:?} spells the Chinese short forms of {}", spelled.join(" and "));
        added.push(m);
    }
    draft.mentions.extend(added);
}

/// Binds `the two sides` to the pair the document is about: the pair of
/// sides most often named together (`Armenia and Azerbaijan`, `the
/// government and the Houthis`), else the two sides named most as actors. A
/// side is a state, or an armed group with its own code.
fn two_sides(mentions: &mut [Mention], lexicon: &Lexicon) {
    // A side is a state, or an armed group with its own code (`YEMREB`):
    // in a civil war the two sides share a country. Places listed together
    // (`flights to Amman and Cairo`) are no sides.
    let side = |m: &Mention| -> Option<String> {
        if !matches!(m.kind, MentionKind::Actor | MentionKind::Organisation) {
            return None;
        }
        let country = m.country.as_deref().filter(|c| !REGIONS.contains(c))?;
        let armed = m
            .code
            .as_deref()
            .filter(|c| c.get(3..6).is_some_and(|s| matches!(s, "REB" | "SEP" | "INS" | "RAD" | "UAF")));
        Some(armed.map_or(country, |c| &c[..6]).to_owned())
    };
    let mut groups: HashMap<u32, Vec<String>> = HashMap::new();
    for m in mentions.iter() {
        if let (Some(g), Some(c)) = (m.group, side(m)) {
            let members = groups.entry(g).or_default();
            if !members.contains(&c) {
                members.push(c);
            }
        }
    }
    // Without a pair named together, the two sides named most as actors
    // (places do not take sides: `flights to Amman` names no party).
    let mut ranked: Vec<(String, usize)> = Vec::new();
    for c in mentions.iter().filter_map(side) {
        match ranked.iter_mut().find(|(k, _)| *k == c) {
            Some(e) => e.1 += 1,
            None => ranked.push((c, 1)),
        }
    }
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let fallback: Vec<String> = ranked.iter().take(2).map(|(c, _)| c.clone()).collect();
    let mut pairs: HashMap<(String, String), usize> = HashMap::new();
    for members in groups.values().filter(|m| m.len() == 2) {
        let mut pair = [members[0].clone(), members[1].clone()];
        pair.sort();
        *pairs.entry((pair[0].clone(), pair[1].clone())).or_default() += 1;
    }
    let dyad = pairs
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|((a, b), _)| vec![a, b])
        .or_else(|| (fallback.len() >= 2).then_some(fallback));
    let Some(dyad) = dyad else { return };
    let names: Vec<String> = dyad
        .iter()
        .map(|c| {
            lexicon
                .entries()
                .iter()
                .find(|e| matches!(e.kind, EntryKind::Country | EntryKind::Group) && &e.code == c)
                .map_or(c.clone(), |e| e.name.clone())
        })
        .collect();
    for m in mentions.iter_mut().filter(|m| m.reason == "the two parties together") {
        m.members = dyad.clone();
        m.name = Some(names.join(" and "));
        m.confidence = 0.7;
        m.reason = format!("the two parties together: {}, the pair the document is about", names.join(" and "));
    }
}

/// Marks links whose person entries were not checked against any date.
fn date_hint(mentions: &mut [Mention], date: Option<Date>) {
    if date.is_some() {
        return;
    }
    for m in mentions.iter_mut().filter(|m| m.role.is_some() && m.name.is_some() && m.confidence > 0.8) {
        m.reason.push_str(" (no document date: roles not checked)");
    }
}
