//! Reading dictionary files: truce's own tab-separated files (see
//! `data/lexicon/README.md`) and TABARI/PETRARCH `.actors` and `.agents`
//! files.
//!
//! A malformed line is an error naming the file, the line and what is
//! wrong; nothing is dropped silently.

use crate::entry::{Date, Entry, EntryKind, NameKind, Origin, Validity};

/// A dictionary line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LoadError {
    /// The file.
    pub file: String,
    /// 1-based line (0 when the problem is the whole file).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// An entry with the names it is known by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The entry.
    pub entry: Entry,
    /// Its names: canonical, aliases, adjectives, capitals.
    pub names: Vec<(String, NameKind)>,
}

/// The kinds of dictionary file truce reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `countries.tsv`
    Countries,
    /// `organisations.tsv`
    Organisations,
    /// `agents.tsv`
    Agents,
    /// `titles.tsv`
    Titles,
    /// `people.tsv`
    People,
    /// `places.tsv`
    Places,
    /// `groups.tsv`
    Groups,
    /// `peoples.tsv`
    Peoples,
    /// TABARI/PETRARCH `.actors`
    TabariActors,
    /// TABARI/PETRARCH `.agents`
    TabariAgents,
}

impl FileKind {
    /// Tells the kind from a file name: `…countries.tsv`, `….actors`, ….
    pub fn from_name(name: &str) -> Option<FileKind> {
        let lower = name.to_ascii_lowercase();
        let kinds = [
            ("countries.tsv", FileKind::Countries),
            ("organisations.tsv", FileKind::Organisations),
            ("organizations.tsv", FileKind::Organisations),
            ("agents.tsv", FileKind::Agents),
            ("titles.tsv", FileKind::Titles),
            ("people.tsv", FileKind::People),
            ("places.tsv", FileKind::Places),
            ("groups.tsv", FileKind::Groups),
            ("peoples.tsv", FileKind::Peoples),
            (".actors", FileKind::TabariActors),
            (".actors.txt", FileKind::TabariActors),
            (".agents", FileKind::TabariAgents),
            (".agents.txt", FileKind::TabariAgents),
        ];
        kinds.iter().find(|(suffix, _)| lower.ends_with(suffix)).map(|(_, k)| *k)
    }
}

/// Reads one dictionary file's text.
pub fn parse(file: &str, text: &str, kind: FileKind) -> Result<Vec<Loaded>, LoadError> {
    match kind {
        FileKind::TabariActors => parse_tabari(file, text, false),
        FileKind::TabariAgents => parse_tabari(file, text, true),
        _ => parse_native(file, text, kind),
    }
}

fn split_alternatives(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty() && *s != "-")
}

fn parse_native(file: &str, text: &str, kind: FileKind) -> Result<Vec<Loaded>, LoadError> {
    let columns = match kind {
        FileKind::Countries => 6,
        FileKind::Organisations => 4,
        FileKind::Agents => 3,
        FileKind::Titles => 4,
        FileKind::People => 7,
        FileKind::Places => 4,
        FileKind::Groups => 4,
        FileKind::Peoples => 4,
        FileKind::TabariActors | FileKind::TabariAgents => unreachable!("handled by parse"),
    };
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let err = |message: String| LoadError { file: file.to_owned(), line, message };
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = raw.split('\t').map(str::trim).collect();
        if f.len() != columns {
            return Err(err(format!("expected {columns} tab-separated fields, found {}", f.len())));
        }
        if let Some(empty) = f.iter().position(|x| x.is_empty()) {
            return Err(err(format!("field {} is empty (write - for none)", empty + 1)));
        }
        let origin = Origin { file: file.to_owned(), line };
        let code_ok = |code: &str, len: &[usize]| {
            len.contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        };
        let loaded = match kind {
            FileKind::Countries => {
                if !code_ok(f[0], &[3]) {
                    return Err(err(format!("country code {:?} is not three capital letters", f[0])));
                }
                let mut names = vec![(f[1].to_owned(), NameKind::Name)];
                names.extend(split_alternatives(f[2]).map(|a| (a.to_owned(), NameKind::Name)));
                names.extend(split_alternatives(f[3]).map(|a| (a.to_owned(), NameKind::Adjective)));
                // `Vietnamese-led forces`, `Saudi-led coalition`: what a
                // state leads is that state's. (`-backed` is not: forces
                // backed by a state are someone else's.)
                names.extend(
                    split_alternatives(f[3])
                        .filter(|a| !a.contains(' ') && !a.ends_with('s'))
                        .map(|a| (format!("{a}-led"), NameKind::Adjective)),
                );
                names.extend(split_alternatives(f[4]).map(|a| (a.to_owned(), NameKind::Capital)));
                let entry = entry(EntryKind::Country, f[0], f[1], None, Validity::default(), origin);
                Loaded { entry, names }
            }
            FileKind::Organisations => {
                if !code_ok(f[0], &[6]) || !(f[0].starts_with("IGO") || f[0].starts_with("NGO")) {
                    return Err(err(format!("organisation code {:?} is not IGO/NGO and three letters", f[0])));
                }
                let mut names = vec![(f[1].to_owned(), NameKind::Name)];
                names.extend(split_alternatives(f[2]).map(|a| (a.to_owned(), NameKind::Name)));
                let entry = entry(EntryKind::Organisation, f[0], f[1], None, Validity::default(), origin);
                Loaded { entry, names }
            }
            FileKind::Agents => {
                if !code_ok(f[0], &[3]) {
                    return Err(err(format!("sector code {:?} is not three capital letters", f[0])));
                }
                let words: Vec<(String, NameKind)> =
                    split_alternatives(f[1]).map(|a| (a.to_owned(), NameKind::Name)).collect();
                if words.is_empty() {
                    return Err(err("no words for the agent".into()));
                }
                let name = words[0].0.clone();
                Loaded { entry: entry(EntryKind::Agent, f[0], &name, None, Validity::default(), origin), names: words }
            }
            FileKind::Titles => {
                if !code_ok(f[1], &[3]) {
                    return Err(err(format!("sector code {:?} is not three capital letters", f[1])));
                }
                let mut words: Vec<(String, NameKind)> =
                    split_alternatives(f[0]).map(|a| (a.to_owned(), NameKind::Name)).collect();
                if words.is_empty() {
                    return Err(err("no words for the title".into()));
                }
                // `the foreign ministers of …`: titles are written singular.
                let plurals: Vec<(String, NameKind)> =
                    words.iter().filter_map(|(w, _)| plural_title(w)).map(|p| (p, NameKind::Name)).collect();
                words.extend(plurals);
                let name = words[0].0.clone();
                let e = entry(EntryKind::Title, f[1], &name, Some(f[2]), Validity::default(), origin);
                Loaded { entry: e, names: words }
            }
            FileKind::People => {
                if !code_ok(f[2], &[6]) {
                    return Err(err(format!("actor code {:?} is not six capital letters (e.g. RUSGOV)", f[2])));
                }
                let from = date_field(f[4], false).map_err(&err)?;
                let to = date_field(f[5], true).map_err(&err)?;
                if let (Some(a), Some(b)) = (from, to)
                    && a > b
                {
                    return Err(err(format!("role ends ({b}) before it begins ({a})")));
                }
                let mut names = vec![(f[0].to_owned(), NameKind::Name)];
                names.extend(split_alternatives(f[1]).map(|a| (a.to_owned(), NameKind::Name)));
                let surnames: Vec<String> = names.iter().filter_map(|(n, _)| surname(n)).collect();
                names.extend(surnames.into_iter().map(|s| (s, NameKind::Surname)));
                let e = entry(EntryKind::Person, f[2], f[0], Some(f[3]), Validity { from, to }, origin);
                Loaded { entry: e, names }
            }
            FileKind::Places => {
                if !code_ok(f[0], &[3]) {
                    return Err(err(format!("country code {:?} is not three capital letters", f[0])));
                }
                let mut names = vec![(f[1].to_owned(), NameKind::Name)];
                names.extend(split_alternatives(f[2]).map(|a| (a.to_owned(), NameKind::Name)));
                Loaded { entry: entry(EntryKind::Place, f[0], f[1], None, Validity::default(), origin), names }
            }
            FileKind::Peoples => {
                if !code_ok(f[0], &[3]) {
                    return Err(err(format!("country code {:?} is not three capital letters", f[0])));
                }
                // Every form is read as a country's adjective is: `Karen
                // guerrillas` are Myanmar's rebels.
                let mut names = vec![(f[1].to_owned(), NameKind::Adjective)];
                names.extend(split_alternatives(f[2]).map(|a| (a.to_owned(), NameKind::Adjective)));
                let entry = entry(EntryKind::Country, f[0], f[1], None, Validity::default(), origin);
                Loaded { entry, names }
            }
            FileKind::Groups => {
                if !code_ok(f[0], &[6]) || !f[0].bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(err(format!("group code {:?} is not six capital letters (e.g. YEMREB)", f[0])));
                }
                let mut names = vec![(f[1].to_owned(), NameKind::Name)];
                names.extend(split_alternatives(f[2]).map(|a| (a.to_owned(), NameKind::Name)));
                Loaded { entry: entry(EntryKind::Group, f[0], f[1], None, Validity::default(), origin), names }
            }
            FileKind::TabariActors | FileKind::TabariAgents => unreachable!("handled by parse"),
        };
        out.push(loaded);
    }
    Ok(out)
}

fn entry(kind: EntryKind, code: &str, name: &str, role: Option<&str>, valid: Validity, origin: Origin) -> Entry {
    Entry { kind, code: code.to_owned(), name: name.to_owned(), role: role.map(str::to_owned), valid, origin }
}

fn date_field(s: &str, end: bool) -> Result<Option<Date>, String> {
    if s == "-" {
        return Ok(None);
    }
    Date::parse(s, end).map(Some).ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))
}

/// The plural of a title: its head noun (the word before `of`, else the
/// last word) in the plural. `None` for titles that are not nouns.
fn plural_title(title: &str) -> Option<String> {
    let words: Vec<&str> = title.split(' ').collect();
    let head = words.iter().position(|w| *w == "of").map_or(words.len() - 1, |of| of.saturating_sub(1));
    let noun = words[head];
    if noun.ends_with('.') || noun.chars().count() < 3 {
        return None;
    }
    let plural = if let Some(stem) = noun.strip_suffix("man") {
        format!("{stem}men")
    } else if noun.ends_with('y') && !noun.ends_with("ey") && !noun.ends_with("ay") && !noun.ends_with("oy") {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if noun.ends_with('s') || noun.ends_with('x') || noun.ends_with("ch") || noun.ends_with("sh") {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    };
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    out[head] = plural;
    Some(out.join(" "))
}

/// The surname of a full name: its last word, when the name has two or
/// more words and the last is a real name (not `Jr.`, not an initial).
fn surname(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let mut last = words[words.len() - 1];
    if matches!(last, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III") {
        last = words[words.len() - 2];
    }
    // `Le Drian`, `al-Assad`, `bin Salman`, `von der Leyen`: keep particles.
    let particles = ["le", "la", "de", "del", "der", "van", "von", "bin", "ibn", "al", "el", "da", "di", "du", "abu"];
    let mut start = words.iter().rposition(|w| *w == last)?;
    while start > 1 && particles.contains(&words[start - 1].to_lowercase().as_str()) {
        start -= 1;
    }
    let surname = words[start..words.iter().rposition(|w| *w == last)? + 1].join(" ");
    (surname.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(surname)
}

/// Reads TABARI/PETRARCH actor or agent dictionaries.
///
/// The format, as those programs document it: one phrase a line with its
/// words joined by `_` and ending in `_` (`FOREIGN_MINISTER_`), followed by
/// codes in brackets: `[RUS]`, `[~GOV]` for agents, or dated codes
/// `[RUSGOV 000507-080507]`, `[USAGOV >090120]` (from), `[USAGOV <170120]`
/// (until). A line starting with `+` is another phrase for the entry above.
/// `;` starts a comment; `{…}` plural forms are read as more phrases.
fn parse_tabari(file: &str, text: &str, agents: bool) -> Result<Vec<Loaded>, LoadError> {
    let mut out: Vec<Loaded> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let err = |message: String| LoadError { file: file.to_owned(), line, message };
        let content = raw.split(';').next().unwrap_or("").trim();
        if content.is_empty() || content.starts_with('#') || content.starts_with('<') {
            continue;
        }
        let (synonym, content) = match content.strip_prefix('+') {
            Some(rest) => (true, rest.trim()),
            None => (false, content),
        };
        let phrase_end = content.find(['[', '{']).unwrap_or(content.len());
        let phrase = content[..phrase_end].trim();
        if phrase.is_empty() {
            return Err(err("a line with codes but no phrase".into()));
        }
        let mut phrases = vec![tabari_phrase(phrase)];
        let mut rest = &content[phrase_end..];
        let mut codes: Vec<(String, Validity)> = Vec::new();
        while let Some(open) = rest.find(['[', '{']) {
            let close_char = if rest.as_bytes()[open] == b'[' { ']' } else { '}' };
            let Some(close) = rest[open..].find(close_char) else {
                return Err(err(format!("unclosed {:?}", &rest[open..open + 1])));
            };
            let inside = rest[open + 1..open + close].trim();
            if close_char == '}' {
                phrases.extend(inside.split_whitespace().map(tabari_phrase));
            } else {
                codes.push(tabari_code(inside).map_err(&err)?);
            }
            rest = &rest[open + close + 1..];
        }
        if synonym {
            let Some(last) = out.last_mut() else {
                return Err(err("a `+` synonym before any entry".into()));
            };
            last.names.extend(phrases.into_iter().map(|p| (p, NameKind::Name)));
            continue;
        }
        if codes.is_empty() {
            return Err(err(format!("no [code] for {phrase:?}")));
        }
        let origin = Origin { file: file.to_owned(), line };
        for (code, valid) in codes {
            let (kind, code) = if agents || code.starts_with('~') {
                (EntryKind::Agent, code.trim_start_matches('~').chars().take(3).collect::<String>())
            } else if code.starts_with("IGO") || code.starts_with("NGO") {
                (EntryKind::Organisation, code)
            } else if code.len() == 3 {
                (EntryKind::Country, code)
            } else {
                (EntryKind::Person, code)
            };
            let name = title_case(&phrases[0]);
            let mut names: Vec<(String, NameKind)> = phrases.iter().map(|p| (p.clone(), NameKind::Name)).collect();
            if kind == EntryKind::Person {
                names.extend(surname(&name).map(|s| (s, NameKind::Surname)));
            }
            let entry = Entry { kind, code, name, role: None, valid, origin: origin.clone() };
            out.push(Loaded { entry, names });
        }
    }
    Ok(out)
}

fn tabari_phrase(p: &str) -> String {
    p.trim_matches('_').split('_').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn title_case(p: &str) -> String {
    p.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// `RUSGOV 000507-080507`, `USAGOV >090120`, `~GOV`.
fn tabari_code(inside: &str) -> Result<(String, Validity), String> {
    let mut parts = inside.split_whitespace();
    let code = parts.next().ok_or("empty [ ]")?.to_owned();
    if !code.trim_start_matches('~').bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(format!("bad code {code:?}"));
    }
    let mut valid = Validity::default();
    if let Some(dates) = parts.next() {
        if let Some(from) = dates.strip_prefix('>') {
            valid.from = Some(yymmdd(from)?);
        } else if let Some(to) = dates.strip_prefix('<') {
            valid.to = Some(yymmdd(to)?);
        } else if let Some((a, b)) = dates.split_once('-') {
            valid.from = Some(yymmdd(a)?);
            valid.to = Some(yymmdd(b)?);
        } else {
            return Err(format!("bad date range {dates:?}"));
        }
    }
    Ok((code, valid))
}

/// TABARI's six-digit dates; two-digit years from 50 are 19xx, below 20xx.
fn yymmdd(s: &str) -> Result<Date, String> {
    let bad = || format!("bad date {s:?} (YYMMDD)");
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let yy: i32 = s[..2].parse().map_err(|_| bad())?;
    let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
    Date::parse(&format!("{year}-{}-{}", &s[2..4], &s[4..6]), false).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_rows_need_a_six_letter_actor_code() {
        let rows = parse("groups.tsv", "YEMREB\tHouthis\tAnsar Allah|Houthi rebels\tnews\n", FileKind::Groups).unwrap();
        assert_eq!(rows[0].entry.country(), Some("YEM"));
        assert_eq!(rows[0].names.len(), 3);
        let bad = parse("groups.tsv", "YEM\tHouthis\t-\tnews\n", FileKind::Groups).unwrap_err();
        assert!(bad.message.contains("six capital letters"), "{bad}");
    }

    #[test]
    fn native_rows_and_their_errors() {
        let text = "# comment\nARM\tArmenia\tRepublic of Armenia\tArmenian|Armenians\tYerevan\tISO\n";
        let rows = parse("countries.tsv", text, FileKind::Countries).unwrap();
        assert_eq!(rows[0].entry.code, "ARM");
        assert!(rows[0].names.contains(&("Armenians".into(), NameKind::Adjective)));
        let bad = parse("my/countries.tsv", "# x\nARM\tArmenia\n", FileKind::Countries).unwrap_err();
        assert_eq!((bad.file.as_str(), bad.line), ("my/countries.tsv", 2));
        assert!(bad.message.contains("expected 6"));
        let bad = parse("people.tsv", "A B\t-\tRUSGOV\tenvoy\t2020-13-01\t-\tx\n", FileKind::People).unwrap_err();
        assert!(bad.message.contains("not a date"), "{bad}");
        let bad = parse("people.tsv", "A B\t-\tRUSGOV\tenvoy\t2021\t2020\tx\n", FileKind::People).unwrap_err();
        assert!(bad.message.contains("ends"), "{bad}");
    }

    #[test]
    fn titles_get_their_plurals() {
        assert_eq!(plural_title("foreign minister").unwrap(), "foreign ministers");
        assert_eq!(plural_title("minister of foreign affairs").unwrap(), "ministers of foreign affairs");
        assert_eq!(plural_title("co-chairman").unwrap(), "co-chairmen");
        assert_eq!(plural_title("deputy secretary of state").unwrap(), "deputy secretaries of state");
    }

    #[test]
    fn people_get_surnames_with_their_particles() {
        let text = "Jean-Yves Le Drian\t-\tFRAGOV\tforeign-minister\t2017-05-17\t2022-05-20\tofficial list\n";
        let rows = parse("people.tsv", text, FileKind::People).unwrap();
        assert!(rows[0].names.contains(&("Le Drian".into(), NameKind::Surname)));
        let v = rows[0].entry.valid;
        assert!(v.holds_on(Date::parse("2020-12-03", false)));
        assert!(!v.holds_on(Date::parse("2023-01-01", false)));
    }

    #[test]
    fn tabari_actors_and_agents() {
        let actors = "; a comment\nARMENIA_ [ARM]\n+REPUBLIC_OF_ARMENIA_\nSERGEY_LAVROV_ [RUSGOV 040309-] \n";
        assert!(parse("x.actors", actors, FileKind::TabariActors).is_err(), "an open range needs < or >");
        let actors = "ARMENIA_ [ARM]\n+REPUBLIC_OF_ARMENIA_\nSERGEY_LAVROV_ [RUSGOV >040309] ; since 2004\n";
        let rows = parse("x.actors", actors, FileKind::TabariActors).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].names[1].0, "REPUBLIC OF ARMENIA");
        assert_eq!(rows[1].entry.kind, EntryKind::Person);
        assert_eq!(rows[1].entry.valid.from, Date::parse("2004-03-09", false));
        let agents = "FOREIGN_MINISTER_ [~GOVFRM]\nSOLDIER_ {SOLDIERS_} [~MIL]\n";
        let rows = parse("x.agents", agents, FileKind::TabariAgents).unwrap();
        assert_eq!(rows[0].entry.code, "GOV");
        assert_eq!(rows[1].names.len(), 2);
        let bad = parse("x.agents", "SOLDIER_ [~MIL\n", FileKind::TabariAgents).unwrap_err();
        assert_eq!(bad.line, 1);
    }
}
