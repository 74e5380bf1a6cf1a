//! Wire datelines: the place, date and credit that open a story.
//!
//! Forms read (each seen in real copy):
//! - `Moscow, December 3rd The foreign ministers …` (no separator)
//! - `MOSCOW, Dec 3 (Reuters) - …`
//! - `MOSCOW, October 10. /TASS/. …`
//! - `China News Service, Moscow, January 11 (Reporter Li Ming) …`
//! - `WASHINGTON (Reuters) - …`, `BEIRUT, LEBANON (8:40 A.M.) – …`
//! - `Washington: …`, `KYIV — …`
//! - `Baku/10.11.20/Turan: …`
//! - `YEREVAN (UrduPoint News / Sputnik - 11th November, 2020) …`
//!
//! The date stays as written; the time layer normalizes it.

use crate::data;
use crate::structure::CUES;
use foldhash::HashMap;
use std::sync::LazyLock;
use truce_core::{Dateline, Piece, Span};

static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let rows = data::MONTHS.rows(2).expect("embedded month table is checked by tests");
    rows.into_iter().filter_map(|(_, f)| Some((f[0].to_lowercase(), f[1].parse().ok()?))).collect()
});

/// A cursor over the start of a paragraph.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_spaces(&mut self) {
        self.at += self.rest().len() - self.rest().trim_start_matches([' ', '\n']).len();
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.at += s.len();
            true
        } else {
            false
        }
    }

    /// A word of letters (with inner `-`, `'`, `.`), returned with its span.
    fn word(&mut self) -> Option<Span> {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .take_while(|&(i, c)| c.is_alphabetic() || (i > 0 && matches!(c, '-' | '\'' | '’' | '.')))
            .map(|(i, c)| i + c.len_utf8())
            .last()?;
        let word = rest[..len].trim_end_matches(['-', '\'', '’']);
        // A final dot belongs to the word only for abbreviations (`St.`).
        let word = if word.ends_with('.') && word.matches('.').count() == 1 && word.len() > 4 {
            &word[..word.len() - 1]
        } else {
            word
        };
        let span = Span::new(self.at, self.at + word.len());
        self.at += word.len();
        Some(span)
    }

    fn number(&mut self) -> Option<(u32, Span)> {
        let len = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 || len > 4 {
            return None;
        }
        let value = self.rest()[..len].parse().ok()?;
        let span = Span::new(self.at, self.at + len);
        self.at += len;
        Some((value, span))
    }
}

/// A capitalized name of up to five words: `Moscow`, `United Nations`,
/// `China News Service`.
fn name(c: &mut Cursor) -> Option<Span> {
    let start = c.at;
    let mut end = None;
    for _ in 0..5 {
        let save = c.at;
        if !c.rest().starts_with(|ch: char| ch.is_uppercase()) {
            c.at = save;
            break;
        }
        let Some(w) = c.word() else { break };
        if MONTHS.contains_key(&w.slice(c.text).trim_end_matches('.').to_lowercase()) && end.is_some() {
            c.at = save;
            break;
        }
        end = Some(w.end());
        let before_space = c.at;
        if !c.eat(" ") {
            break;
        }
        if !c.rest().starts_with(|ch: char| ch.is_uppercase()) {
            c.at = before_space;
            break;
        }
    }
    let end = end?;
    c.at = end;
    Some(Span::new(start, end))
}

/// `December 3rd`, `Dec. 3, 2020`, `3 December 2020`, `11th November, 2020`,
/// `10.11.20`, `2020-11-10`.
fn date(c: &mut Cursor) -> Option<Span> {
    let start = c.at;
    let month = |c: &mut Cursor| -> bool {
        let save = c.at;
        match c.word() {
            Some(w) if MONTHS.contains_key(&w.slice(c.text).trim_end_matches('.').to_lowercase()) => {
                c.eat(".");
                true
            }
            _ => {
                c.at = save;
                false
            }
        }
    };
    let ordinal = |c: &mut Cursor| {
        for suffix in ["st", "nd", "rd", "th"] {
            if c.eat(suffix) {
                break;
            }
        }
    };
    let year = |c: &mut Cursor| {
        let save = c.at;
        c.eat(",");
        c.skip_spaces();
        match c.number() {
            Some((y, _)) if (1900..=2100).contains(&y) => {}
            _ => c.at = save,
        }
    };
    if month(c) {
        c.skip_spaces();
        let (day, _) = c.number()?;
        if !(1..=31).contains(&day) {
            return None;
        }
        ordinal(c);
        year(c);
        return Some(Span::new(start, c.at));
    }
    let (first, _) = c.number()?;
    if c.eat(".") || c.eat("-") || c.eat("/") {
        // Numeric dates: 10.11.20, 2020-11-10.
        let sep = c.text.as_bytes()[c.at - 1];
        c.number()?;
        if !c.eat(std::str::from_utf8(&[sep]).ok()?) {
            return None;
        }
        c.number()?;
        return Some(Span::new(start, c.at));
    }
    if !(1..=31).contains(&first) {
        return None;
    }
    ordinal(c);
    c.skip_spaces();
    if !month(c) {
        return None;
    }
    year(c);
    Some(Span::new(start, c.at))
}

/// `(Reuters)`, `(Reporter Li Ming)`: the span inside the parentheses.
fn parenthesized(c: &mut Cursor) -> Option<Span> {
    let save = c.at;
    c.skip_spaces();
    if !c.eat("(") {
        c.at = save;
        return None;
    }
    let close = c.rest().find(')').filter(|&i| i <= 80 && !c.rest()[..i].contains('('))?;
    let span = Span::new(c.at, c.at + close);
    c.at += close + 1;
    Some(span)
}

/// `/TASS/`, with an optional full stop after it.
fn slashed_agency(c: &mut Cursor) -> Option<Span> {
    let save = c.at;
    c.eat(".");
    c.skip_spaces();
    if c.eat("/")
        && let Some(close) = c.rest().find('/').filter(|&i| (2..=30).contains(&i))
    {
        let span = Span::new(c.at, c.at + close);
        c.at += close + 1;
        c.eat(".");
        return Some(span);
    }
    c.at = save;
    None
}

/// A separator between dateline and story: a dash or a colon (after a
/// date, also a comma or a full stop: `Moscow, October 9, Russian …`).
fn separator(c: &mut Cursor, after_date: bool) -> Option<&'static str> {
    let save = c.at;
    c.skip_spaces();
    let after_date_only: &[&str] = if after_date { &[",", "."] } else { &[] };
    for &sep in ["--", "-", "–", "—", ":"].iter().chain(after_date_only) {
        if c.eat(sep) {
            return Some(sep);
        }
    }
    c.at = save;
    None
}

/// True when the story proper starts here.
fn story_starts(c: &Cursor) -> bool {
    let rest = c.rest().trim_start();
    rest.starts_with(|ch: char| ch.is_uppercase() || ch.is_ascii_digit() || "\"“‘'«".contains(ch))
}

fn piece(text: &str, span: Span, base: usize) -> Piece {
    Piece { span: span.shift(base), text: span.slice(text).to_owned() }
}

fn is_agency(text: &str) -> bool {
    let lower = text.to_lowercase();
    CUES.agencies.contains(&lower)
        || ["news", "agency", "service", "press", "radio", "television", "network"]
            .iter()
            .any(|w| lower.split_whitespace().any(|x| x == *w))
}

fn not_a_place(text: &str) -> bool {
    let lower = text.to_lowercase();
    CUES.not_places.contains(&lower)
}

/// A paragraph that is nothing but a date (`November 10, 2020`), read as a
/// dateline without a place.
pub(crate) fn date_line(text: &str, base: usize) -> Option<Dateline> {
    if text.len() > 40 {
        return None;
    }
    let mut c = Cursor { text, at: 0 };
    let d = date(&mut c)?;
    (c.rest().trim().is_empty()).then(|| Dateline {
        span: d.shift(base),
        place: None,
        date: Some(piece(text, d, base)),
        credit: None,
    })
}

/// Length of a scraper's timestamp glued before the story
/// (`date 2020-10-10 `, `Published: 2020-10-10 `), or 0.
fn timestamp_prefix(text: &str) -> usize {
    let trimmed = text.trim_start();
    let mut at = text.len() - trimmed.len();
    let lower = trimmed.get(..12).unwrap_or(trimmed).to_ascii_lowercase();
    for label in ["date:", "date", "published:", "published", "updated:", "updated"] {
        if lower.starts_with(label) {
            at += label.len();
            break;
        }
    }
    let rest = &text[at..];
    let rest_trimmed = rest.trim_start();
    at += rest.len() - rest_trimmed.len();
    let b = rest_trimmed.as_bytes();
    let iso = b.len() > 10
        && b[..10].iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if iso && b[10] == b' ' { at + 11 } else { 0 }
}

/// Reads a dateline at the start of paragraph `text`, whose first byte is
/// at `base` in the document.
pub(crate) fn read(text: &str, base: usize) -> Option<Dateline> {
    let skip = timestamp_prefix(text);
    let head = &text[..text.floor_char_boundary(text.len().min(200 + skip))];
    let mut c = Cursor { text: head, at: skip };
    // Up to three comma-separated names, then a date or a credit.
    let mut names: Vec<Span> = Vec::new();
    while let Some(n) = name(&mut c) {
        names.push(n);
        let save = c.at;
        if names.len() < 3 && c.eat(",") {
            c.skip_spaces();
            let another_name = c.rest().starts_with(|ch: char| ch.is_uppercase())
                && date(&mut Cursor { text: head, at: c.at }).is_none();
            if another_name {
                continue;
            }
            c.at = save;
        }
        break;
    }
    let first = *names.first()?;
    if names.iter().any(|n| not_a_place(n.slice(head))) {
        return None;
    }
    // `Baku/10.11.20/Turan:`
    if names.len() == 1 && c.eat("/") {
        let d = date(&mut c)?;
        c.eat("/").then_some(())?;
        let credit = c.word().map(|w| name_from(&mut c, w))?;
        if separator(&mut c, false).is_none() || !story_starts(&c) {
            return None;
        }
        return Some(Dateline {
            span: Span::new(0, c.at).shift(base),
            place: Some(piece(head, first, base)),
            date: Some(piece(head, d, base)),
            credit: Some(piece(head, credit, base)),
        });
    }
    let (credit_names, place_names) = if names.len() >= 2 && is_agency(names[0].slice(head)) {
        (Some(names[0]), &names[1..])
    } else {
        (None, &names[..])
    };
    let place = Span::new(place_names.first()?.start(), place_names.last()?.end());
    let after_names = c.at;
    let mut d = None;
    if c.eat(",") {
        c.skip_spaces();
        d = date(&mut c);
        if d.is_none() {
            c.at = after_names;
        }
    }
    let mut credit = credit_names;
    if let Some(p) = parenthesized(&mut c) {
        credit = Some(p);
        if d.is_none() {
            // `YEREVAN (UrduPoint News / Sputnik - 11th November, 2020)`
            let inner = p.slice(head);
            if let Some(dash) = inner.rfind(" - ") {
                let mut ic = Cursor { text: head, at: p.start() + dash + 3 };
                if let Some(inner_date) = date(&mut ic).filter(|s| s.end() == p.end()) {
                    d = Some(inner_date);
                    credit = Some(Span::new(p.start(), p.start() + dash));
                }
            }
        }
    } else if let Some(s) = slashed_agency(&mut c) {
        credit = Some(s);
    }
    let sep = separator(&mut c, d.is_some() && credit.is_none());
    let has_separator = sep.is_some();
    // After `place, date,` machine translation may go on in lower case
    // (`Moscow, May 5, spokesman of the ministry said …`).
    let lower_start = d.is_some() && has_separator && c.rest().trim_start().starts_with(char::is_alphabetic);
    if !story_starts(&c) && !lower_start {
        return None;
    }
    let shouting = place.slice(head).chars().filter(|ch| ch.is_alphabetic()).all(char::is_uppercase);
    let accepted = match (d.is_some(), credit.is_some() && credit != credit_names, has_separator) {
        // A date after the place is the strongest sign.
        (true, _, _) => true,
        // `WASHINGTON (Reuters) -`
        (false, true, true) => true,
        // `Washington:` or `KYIV —`: a short place and a separator.
        (false, false, true) => {
            let words = place.slice(head).split_whitespace().count();
            words <= 3 && (shouting || sep == Some(":"))
        }
        _ => false,
    };
    if !accepted {
        return None;
    }
    Some(Dateline {
        span: Span::new(first.start(), c.at).shift(base),
        place: Some(piece(head, place, base)),
        date: d.map(|d| piece(head, d, base)),
        credit: credit.map(|s| piece(head, s, base)),
    })
}

/// Extends a credit word to the whole capitalized name it starts.
fn name_from(c: &mut Cursor, first: Span) -> Span {
    let mut end = first.end();
    while c.rest().starts_with(' ') && c.rest()[1..].starts_with(|ch: char| ch.is_uppercase()) {
        c.at += 1;
        match c.word() {
            Some(w) => end = w.end(),
            None => break,
        }
    }
    c.at = end;
    Span::new(first.start(), end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(text: &str) -> Option<(String, Option<String>, Option<String>)> {
        read(text, 0)
            .map(|d| (d.place.map(|p| p.text).unwrap_or_default(), d.date.map(|p| p.text), d.credit.map(|p| p.text)))
    }

    fn some(place: &str, date: Option<&str>, credit: Option<&str>) -> Option<(String, Option<String>, Option<String>)> {
        Some((place.to_owned(), date.map(str::to_owned), credit.map(str::to_owned)))
    }

    #[test]
    fn wire_forms() {
        assert_eq!(dl("Tbilisi, October 26 Georgia said"), some("Tbilisi", Some("October 26"), None));
        assert_eq!(dl("Geneva, March 4th The talks"), some("Geneva", Some("March 4th"), None));
        assert_eq!(dl("KHARTOUM, Dec 3 (Reuters) - Army said"), some("KHARTOUM", Some("Dec 3"), Some("Reuters")));
        assert_eq!(dl("KYIV, Feb. 24, 2022 (AP) — Explosions"), some("KYIV", Some("Feb. 24, 2022"), Some("AP")));
        assert_eq!(dl("ADEN, April 2. /TASS/. The coalition"), some("ADEN", Some("April 2"), Some("TASS")));
        assert_eq!(
            dl("China News Service, Beijing, January 11 (Reporter Li Ming) The ministry"),
            some("Beijing", Some("January 11"), Some("Reporter Li Ming"))
        );
        assert_eq!(
            dl("Xinhua News Agency, United Nations, May 5 (Reporter Wang Fang) The council"),
            some("United Nations", Some("May 5"), Some("Reporter Wang Fang"))
        );
        assert_eq!(dl("GAZA CITY (Reuters) - Israeli"), some("GAZA CITY", None, Some("Reuters")));
        assert_eq!(dl("SANAA, YEMEN (8:40 A.M.) – On Sunday"), some("SANAA, YEMEN", None, Some("8:40 A.M.")));
        assert_eq!(dl("Washington: Both sides agreed"), some("Washington", None, None));
        assert_eq!(dl("Tripoli/03.04.21/Libya Herald: The"), some("Tripoli", Some("03.04.21"), Some("Libya Herald")));
        assert_eq!(
            dl("DONETSK (Sputnik - 11th November, 2020) Shelling"),
            some("DONETSK", Some("11th November, 2020"), Some("Sputnik"))
        );
    }

    #[test]
    fn looser_forms_of_machine_translated_and_scraped_copy() {
        assert_eq!(dl("Kabul, August 9, Foreign Ministry spokesman said"), some("Kabul", Some("August 9"), None));
        assert_eq!(dl("Ankara, May 10. The ministry said"), some("Ankara", Some("May 10"), None));
        assert_eq!(dl("Ankara, May 10, spokesman of the ministry said"), some("Ankara", Some("May 10"), None));
        assert_eq!(
            dl(" date 2021-05-10 TRIPOLI, May 10. /TASS/. The talks"),
            some("TRIPOLI", Some("May 10"), Some("TASS"))
        );
        assert_eq!(date_line("May 10, 2021", 0).unwrap().date.unwrap().text, "May 10, 2021");
        assert!(date_line("May 10, 2021 was calm", 0).is_none());
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        for text in [
            "On September 27 this year, fighting broke out.",
            "Armenia, Azerbaijan agree to a truce from Oct 18",
            "The ceasefire held overnight, officials said.",
            "Update: The talks were postponed.",
            "Sunday, 18 October 2020_Baku said",
            "Russia said on Monday: We will help.",
            // A fuzzer finding: a multi-byte dash as the separator.
            "Ã\u{e2}–\"æ+¢\"i",
        ] {
            assert_eq!(dl(text), None, "{text}");
        }
    }
}
