//! Finding time expressions in a sentence's tokens.
//!
//! A scanner tries, at each token, every pattern below and keeps the
//! longest match; what it returns is the expression's *meaning* before
//! anchoring ([`Expr`]). Normalization ([`crate::normalize`]) turns that
//! into a TIMEX3 value against the document's anchor.

use crate::words::{Words, Zone};

/// What an expression says, before anchoring. (Fields are named for what
/// they hold; each variant's comment says how to read them.)
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub enum Expr {
    /// A calendar date, as much of it as is written; `year_shift` for
    /// `this year` / `last year` after it, `lean` -1 or +1 for `last June`
    /// / `next June` (the previous or next occurrence, whatever the tense).
    Date { year: Option<i32>, month: Option<u32>, day: Option<u32>, year_shift: Option<i32>, lean: i32 },
    /// `the 10th`: a day of an unwritten month.
    DayOnly(u32),
    /// `yesterday`, `today`, `tomorrow`: days from the anchor.
    DayRel(i64),
    /// `Friday`, `last Friday`, `next Tuesday` (shift -1, 0, +1).
    Weekday { weekday: u32, shift: i32 },
    /// `this week`, `last year`, `next month` (unit, shift).
    UnitRel { unit: String, shift: i32 },
    /// `two days later` (+1, from the last date), `three weeks ago` (-1,
    /// from the anchor), `a week earlier` (-1, from the last date).
    Offset { amount: f64, unit: String, direction: i32, from_anchor: bool },
    /// A clock time, with its zone if written.
    Time { hour: u32, minute: u32, zone: Option<Zone>, local: bool, date: Option<Box<Expr>> },
    /// A part of a day (`the morning`, `Monday morning`, `tonight`).
    Part { part: String, date: Option<Box<Expr>> },
    /// `three years`, `72 hours`, `several days` (amount None = vague).
    Duration { amount: Option<f64>, unit: String },
    /// `every day`, `weekly`: the value of the SET.
    Set(String),
    /// `now`, `recently`, `the future`.
    Reference(String),
    /// `1994`.
    Year(i32),
    /// `the 1990s` → 199.
    Decade(i32),
    /// `the 20th century` → 19 (the hundreds of its years).
    Century(i32),
    /// `the third quarter (of 1998)`.
    Quarter { quarter: u32, year: Option<i32>, shift: Option<i32> },
    /// `this year's third quarter`, `the 1988 quarter`, `the 1989 period`:
    /// a quarter of a given (or shifted) year; without an ordinal, the
    /// quarter the document is reporting on.
    YearQuarter { year: Option<i32>, year_shift: i32, quarter: Option<u32> },
    /// `this summer`, `the spring of 1999`.
    Season { season: String, year: Option<i32>, shift: Option<i32> },
    /// `Christmas`, `Orthodox Easter 2023`, `Eid al-Fitr`: a holiday's rule
    /// (data/time/words.tsv) and the year if written.
    Holiday { rule: String, year: Option<i32> },
}

/// A recognized expression: tokens `start..end` of the sentence, what it
/// says, and its TIMEX3 modifier.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    pub modifier: Option<String>,
}

/// A sentence's words as written and lower-cased once.
#[allow(missing_docs)]
pub struct Tokens<'a> {
    pub text: Vec<&'a str>,
    pub lower: Vec<String>,
}

impl Tokens<'_> {
    fn at(&self, i: usize) -> &str {
        self.lower.get(i).map(String::as_str).unwrap_or("")
    }
}

/// A holiday's name, capitalized as names are (`Christmas`, `Eid
/// al-Fitr`, `Orthodox Easter`), with a year if one follows.
fn holiday(w: &Words, t: &Tokens, i: usize) -> Option<(usize, Expr)> {
    if !t.text.get(i).is_some_and(|s| s.starts_with(char::is_uppercase)) {
        return None;
    }
    let mut best = None;
    let mut parts: Vec<&str> = Vec::new();
    for j in i..(i + 6).min(t.lower.len()) {
        parts.push(t.at(j));
        if let Some(rule) = w.holiday.get(&crate::words::holiday_key(&parts.join(" "))) {
            best = Some((j + 1, rule.clone()));
        }
    }
    let (mut end, rule) = best?;
    let mut year = None;
    if t.at(end) == "of" && year_number(t.at(end + 1)).is_some() {
        end += 1;
    }
    if let Some(y) = year_number(t.at(end)) {
        year = Some(y);
        end += 1;
    }
    Some((end, Expr::Holiday { rule, year }))
}

/// A number written in digits or words (`72`, `two`, `twenty four`,
/// `1.5`): value and tokens used.
fn number(w: &Words, t: &Tokens, i: usize) -> Option<(f64, usize)> {
    let word = t.at(i);
    if word.is_empty() {
        return None;
    }
    if word.bytes().all(|b| b.is_ascii_digit() || b == b'.') && word.bytes().next()?.is_ascii_digit() {
        let v: f64 = word.parse().ok()?;
        return (v < 100_000.0).then_some((v, 1));
    }
    // `a couple of`, `a dozen`.
    if w.phrase_starts.contains(word)
        && let Some((end, &v)) = longest_phrase(&w.number, t, i, 3)
    {
        return Some((v, end - i));
    }
    let &v = w.number.get(word)?;
    // `twenty four`, `twenty-four`.
    if (20.0..100.0).contains(&v)
        && v % 10.0 == 0.0
        && let Some(&u) = w.number.get(t.at(i + 1)).filter(|u| (1.0..10.0).contains(*u))
    {
        return Some((v + u, 2));
    }
    Some((v, 1))
}

/// The longest phrase of two to `most` words from token `i` that `table`
/// holds: where it ends, and its value. (Built up in one buffer: this runs
/// on every `the` and `a`.)
fn longest_phrase<'w, V>(
    table: &'w foldhash::HashMap<String, V>,
    t: &Tokens,
    i: usize,
    most: usize,
) -> Option<(usize, &'w V)> {
    let mut phrase = t.at(i).to_owned();
    let mut best = None;
    for k in 1..most {
        let next = t.at(i + k);
        if next.is_empty() {
            break;
        }
        phrase.push(' ');
        phrase.push_str(next);
        if let Some(v) = table.get(&phrase) {
            best = Some((i + k + 1, v));
        }
    }
    best
}

/// A day of the month: `3`, `3rd`, `10th`, `third`.
fn day_number(w: &Words, word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let day = if !digits.is_empty() {
        let rest = &word[digits.len()..];
        if !(rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th")) {
            return None;
        }
        digits.parse().ok()?
    } else {
        u32::try_from(*w.ordinal.get(word)?).ok()?
    };
    (1..=31).contains(&day).then_some(day)
}

/// `ninety-six`, `ninety six`, `eighty`: 10 to 99 in words, and the
/// tokens used.
fn spoken_tens(w: &Words, t: &Tokens, i: usize) -> Option<(i32, usize)> {
    let word = t.at(i);
    let tens = |s: &str| w.number.get(s).copied().filter(|v| (20.0..100.0).contains(v) && v % 10.0 == 0.0);
    let unit = |s: &str| w.number.get(s).copied().filter(|v| (1.0..10.0).contains(v));
    if let Some((a, b)) = word.split_once('-') {
        return Some(((tens(a)? + unit(b)?) as i32, 1));
    }
    let ten = tens(word).or_else(|| w.number.get(word).copied().filter(|v| (10.0..20.0).contains(v)))?;
    if ten >= 20.0
        && let Some(u) = unit(t.at(i + 1))
    {
        return Some(((ten + u) as i32, 2));
    }
    Some((ten as i32, 1))
}

/// `1990s` → 199.
fn decade_number(word: &str) -> Option<i32> {
    let d: i32 = word.strip_suffix('s').filter(|d| d.len() == 4 && d.ends_with('0'))?.parse().ok()?;
    (1800..=2190).contains(&d).then_some(d / 10)
}

/// `20th`, `twentieth` → 20, for centuries.
fn century_number(w: &Words, word: &str) -> Option<i32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let n = if digits.is_empty() {
        *w.ordinal.get(word)?
    } else {
        matches!(&word[digits.len()..], "st" | "nd" | "rd" | "th").then(|| digits.parse().ok())??
    };
    (1..=21).contains(&n).then_some(n)
}

fn year_number(word: &str) -> Option<i32> {
    let y: i32 = (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok())??;
    (1800..=2199).contains(&y).then_some(y)
}

fn month(w: &Words, word: &str) -> Option<u32> {
    w.month.get(word.trim_end_matches('.')).copied()
}

/// `this year`, `last year`, `next year` after a date: the year shift.
fn year_shift(t: &Tokens, i: usize) -> Option<(i32, usize)> {
    let shift = match t.at(i) {
        "this" => 0,
        "last" => -1,
        "next" => 1,
        _ => return None,
    };
    (t.at(i + 1) == "year").then_some((shift, 2))
}

/// A calendar date: `December 3rd`, `Dec. 3, 2020`, `3 December 2020`,
/// `the 3rd of December`, `December 2020`, `2020-12-03`, `10.11.2020`.
fn date(w: &Words, t: &Tokens, i: usize) -> Option<(usize, Expr)> {
    let word = t.at(i);
    // ISO and numeric dates in one token.
    if let Some(e) = numeric_date(word) {
        return Some((i + 1, e));
    }
    let mut j = i;
    let mon;
    let (mut year, mut day) = (None, None);
    if let Some(m) = month(w, word) {
        // `may` and `march` are also ordinary words: months are capitalized.
        if matches!(word, "may" | "march") && t.text.get(i).is_some_and(|s| s.starts_with(char::is_lowercase)) {
            return None;
        }
        mon = Some(m);
        j += 1;
        if t.at(j) == "." {
            j += 1;
        }
        if let Some(d) = day_number(w, t.at(j)).filter(|_| !t.at(j).is_empty()) {
            day = Some(d);
            j += 1;
            if t.at(j) == "," && year_number(t.at(j + 1)).is_some() {
                j += 1;
            }
        } else if t.at(j) == "of" && year_number(t.at(j + 1)).is_some() {
            j += 1;
        }
        if let Some(y) = year_number(t.at(j)) {
            year = Some(y);
            j += 1;
        }
        if day.is_none() && year.is_none() {
            // A month alone (`in December`) is a date of unknown year.
            let prev = if i > 0 { t.at(i - 1) } else { "" };
            let after_preposition = matches!(
                prev,
                "in" | "since"
                    | "until"
                    | "of"
                    | "by"
                    | "last"
                    | "next"
                    | "this"
                    | "early"
                    | "late"
                    | "mid"
                    | "from"
                    | "before"
                    | "after"
                    | "during"
                    | "through"
                    | "to"
                    | "for"
                    | "and"
                    | "or"
                    | "between"
                    | "throughout"
                    | "around"
            );
            // `the October shelling`, `a June agreement`: before a noun.
            let before_noun =
                matches!(prev, "the" | "a") && !t.at(j).is_empty() && t.at(j).chars().all(char::is_alphabetic);
            if !after_preposition && !before_noun {
                return None;
            }
            // `Jan Kavan`: an abbreviation alone is a month only with its
            // period (`in Jan.`).
            if word.len() <= 4 && !matches!(word, "may" | "june" | "july") && t.at(i + 1) != "." {
                return None;
            }
            // `the October Revolution`, `the May Day rally`: a name.
            if t.text.get(j).is_some_and(|n| n.starts_with(char::is_uppercase)) && matches!(prev, "the" | "a") {
                return None;
            }
        }
    } else if let Some(d) = day_number(w, word) {
        // `3 December`, `3rd of December`.
        let mut k = i + 1;
        if t.at(k) == "of" {
            k += 1;
        }
        let m = month(w, t.at(k))?;
        day = Some(d);
        mon = Some(m);
        j = k + 1;
        if t.at(j) == "," && year_number(t.at(j + 1)).is_some() {
            j += 1;
        }
        if let Some(y) = year_number(t.at(j)) {
            year = Some(y);
            j += 1;
        }
    } else {
        return None;
    }
    let mut shift = None;
    if year.is_none()
        && let Some((s, n)) = year_shift(t, j)
    {
        shift = Some(s);
        j += n;
    }
    Some((j, Expr::Date { year, month: mon, day, year_shift: shift, lean: 0 }))
}

/// `2020-12-03`, `2020-12`, `10.11.2020`, `10/11/2020` (day first when
/// dotted, month first when slashed, as the conventions of the copy).
fn numeric_date(word: &str) -> Option<Expr> {
    let parts: Vec<&str> = word.split(['-', '.', '/']).collect();
    if parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) || parts.len() < 2 {
        return None;
    }
    let n: Vec<i32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let sep = word.chars().find(|c| !c.is_ascii_digit())?;
    let (y, m, d) = match (parts.len(), sep) {
        (3, '-') if parts[0].len() == 4 => (n[0], n[1], Some(n[2])),
        (2, '-') if parts[0].len() == 4 && parts[1].len() == 2 => (n[0], n[1], None),
        (3, '.') if parts[2].len() == 4 => (n[2], n[1], Some(n[0])),
        (3, '/') if parts[2].len() == 4 => (n[2], n[0], Some(n[1])),
        _ => return None,
    };
    let ok = (1800..=2199).contains(&y) && (1..=12).contains(&m) && d.is_none_or(|d| (1..=31).contains(&d));
    ok.then(|| Expr::Date { year: Some(y), month: Some(m as u32), day: d.map(|d| d as u32), year_shift: None, lean: 0 })
}

/// `00:00`, `5:00`, `7 p.m.`, `7pm`, `2 AM`, `1600 GMT`, `noon`,
/// `midnight`, each with an optional zone (`Moscow time`, `GMT`,
/// `local time`, `UTC+4`).
fn time(w: &Words, t: &Tokens, i: usize) -> Option<(usize, Expr)> {
    let word = t.at(i);
    let mut j = i + 1;
    let (mut hour, mut minute, mut clock) = (None, 0u32, false);
    if let Some((h, m)) = word.split_once(':') {
        let (h, m): (u32, u32) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
        hour = Some(h);
        minute = m;
        clock = true;
    } else if word == "noon" || word == "midday" {
        hour = Some(12);
    } else if word == "midnight" {
        hour = Some(0);
    } else if let Some(digits) =
        word.strip_suffix("am").or(word.strip_suffix("pm")).or(word.strip_suffix("a.m.")).or(word.strip_suffix("p.m."))
    {
        let h: u32 = digits.parse().ok()?;
        hour = Some(if word.contains('p') && h < 12 {
            h + 12
        } else if word.contains('a') && h == 12 {
            0
        } else {
            h
        });
        clock = true;
    } else if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        // `1600 GMT`: military time only with a zone after it.
        let zone_next = w.zones.contains_key(t.at(i + 1));
        if !zone_next {
            return None;
        }
        hour = Some(word[..2].parse().ok()?);
        minute = word[2..].parse().ok()?;
        clock = true;
    } else if let Some((h, m)) = word.split_once('.').filter(|(h, m)| {
        // `08.05 am`, `20.30 hours`: a dot between hour and minute, only
        // with a word that makes it a clock (else it is a decimal).
        (1..=2).contains(&h.len())
            && m.len() == 2
            && matches!(t.at(i + 1), "a.m." | "am" | "a.m" | "p.m." | "pm" | "p.m" | "hours" | "hrs" | "local")
    }) {
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        if h > 24 || m > 59 {
            return None;
        }
        hour = Some(h);
        minute = m;
        clock = true;
        if matches!(t.at(i + 1), "hours" | "hrs") {
            j += 1;
        }
    } else if let Ok(h) = word.parse::<u32>() {
        let ampm = t.at(i + 1);
        if matches!(ampm, "a.m." | "am" | "a.m" | "p.m." | "pm" | "p.m") {
            hour = Some(if ampm.starts_with('p') && h < 12 {
                h + 12
            } else if ampm.starts_with('a') && h == 12 {
                0
            } else {
                h
            });
            j += 1;
            clock = true;
        } else if h <= 24
            && t.at(i + 2) != "ago"
            && (ampm == "o'clock"
                // `at 16 hours` is a clock time; `24 hours a day`, `after
                // 12 hours` are durations.
                || (matches!(ampm, "hours" | "hrs")
                    && i > 0
                    && matches!(t.at(i - 1), "at" | "from" | "until" | "till" | "to")))
        {
            hour = Some(h);
            j += 1;
            clock = true;
        } else {
            return None;
        }
    }
    let mut hour = hour?;
    if clock && matches!(t.at(j), "a.m." | "am" | "p.m." | "pm") {
        let pm = t.at(j).starts_with('p');
        hour = if pm && hour < 12 {
            hour + 12
        } else if !pm && hour == 12 {
            0
        } else {
            hour
        };
        j += 1;
    }
    if hour > 24 || minute > 59 {
        return None;
    }
    let (zone, local, used) = zone_after(w, t, j);
    j += used;
    // `9 a.m. Tuesday`, `10:30 p.m. on March 4`.
    let mut date_after = None;
    let k = if t.at(j) == "on" { j + 1 } else { j };
    if let Some(&wd) = w.weekday.get(t.at(k)).filter(|_| t.at(k).len() >= 6) {
        date_after = Some(Box::new(Expr::Weekday { weekday: wd, shift: 0 }));
        j = k + 1;
    } else if let Some((end, e)) = date(w, t, k).filter(|(_, e)| matches!(e, Expr::Date { day: Some(_), .. })) {
        date_after = Some(Box::new(e));
        j = end;
    }
    Some((j, Expr::Time { hour: hour % 24, minute, zone, local, date: date_after }))
}

/// A zone after a time: `Moscow time`, `GMT`, `UTC+4`, `local time`.
fn zone_after(w: &Words, t: &Tokens, j: usize) -> (Option<Zone>, bool, usize) {
    let one = t.at(j);
    let two = format!("{} {}", one, t.at(j + 1));
    if two == "local time" {
        return (None, true, 2);
    }
    if let Some(z) = w.zones.get(&two) {
        return (Some(z.clone()), false, 2);
    }
    // `UTC+4`, `GMT+03:00`, `UTC + 4`.
    for base in ["utc", "gmt"] {
        if let Some(rest) = one.strip_prefix(base).filter(|r| r.starts_with(['+', '-']))
            && let Some(off) = crate::words::parse_offset(rest)
        {
            return (Some(Zone::Fixed(off)), false, 1);
        }
        if one == base
            && matches!(t.at(j + 1), "+" | "-")
            && let Some(off) = crate::words::parse_offset(&format!("{}{}", t.at(j + 1), t.at(j + 2)))
        {
            return (Some(Zone::Fixed(off)), false, 3);
        }
    }
    match w.zones.get(one) {
        Some(z) if one.len() >= 3 => (Some(z.clone()), false, 1),
        _ => (None, false, 0),
    }
}

/// A unit word (`days`, `year`), or the unit half of `two-month`.
fn unit(w: &Words, word: &str) -> Option<String> {
    w.unit.get(word).cloned()
}

/// `three years`, `72 hours`, `two-month`, `a week`, `several days`,
/// `twenty four hours`; then `later`, `earlier`, `ago` make it an offset.
fn duration(w: &Words, t: &Tokens, i: usize) -> Option<(usize, Expr)> {
    let word = t.at(i);
    // `day-long`, `decades-long`: a duration of one, or of some, units.
    if let Some(u) = word.strip_suffix("-long").and_then(|u| unit(w, u)) {
        let amount = (!word.trim_end_matches("-long").ends_with('s')).then_some(1.0);
        return Some((i + 1, Expr::Duration { amount, unit: u }));
    }
    // `two-month`, `72-hour`, `five-year` (not `three-quarters`, a share).
    if let Some((n, u)) = word.split_once('-') {
        let u = unit(w, u).filter(|u| u != "Q")?;
        let amount = w.number.get(n).copied().or_else(|| n.parse().ok())?;
        return Some((i + 1, Expr::Duration { amount: Some(amount), unit: u }));
    }
    let (amount, used) = match number(w, t, i) {
        Some((v, n)) => (Some(v), n),
        None if w.vague.contains_key(word) => (None, 1),
        None => return None,
    };
    let mut j = i + used;
    // `5 1/2 hours`: a written fraction after the whole number.
    let amount = match (amount, t.at(j)) {
        (Some(a), "1/2") => {
            j += 1;
            Some(a + 0.5)
        }
        (Some(a), "1/4") => {
            j += 1;
            Some(a + 0.25)
        }
        (Some(a), "3/4") => {
            j += 1;
            Some(a + 0.75)
        }
        (a, _) => a,
    };
    // `a year and a half` is beyond this scanner; `one and a half years`.
    if matches!(t.at(j), "more" | "additional" | "straight" | "consecutive" | "full") {
        j += 1;
    }
    let u = unit(w, t.at(j))?;
    // `a` as the amount: `four flights a week`, `$1 billion a year` are
    // rates, not durations; `a second betrayal` is an ordinal.
    if matches!(word, "a" | "an") {
        let prev = if i > 0 { t.at(i - 1) } else { "" };
        let after = t.at(j + 1);
        let offset_after = matches!(after, "ago" | "earlier" | "later" | "before" | "after");
        let counted = prev.len() > 3 && prev.ends_with('s') && prev.chars().all(char::is_alphabetic);
        let amount_before = prev.starts_with(|c: char| c.is_ascii_digit())
            || matches!(prev, "million" | "billion" | "thousand" | "hundred" | "dollars" | "percent");
        if (counted || amount_before) && !offset_after && !matches!(prev, "was" | "has" | "is" | "as" | "this") {
            return None;
        }
        if u == "S" && after.chars().next().is_some_and(char::is_alphabetic) && !offset_after && after != "of" {
            return None;
        }
    }
    // Years are not durations: `2020 years` is not said.
    if amount.is_some_and(|a| a >= 1800.0) {
        return None;
    }
    // An age (`52 years old`) tells of a person, not of a time.
    if t.at(j + 1) == "old" {
        return None;
    }
    j += 1;
    let direction = match t.at(j) {
        "later" | "after" | "hence" => Some((1, false)),
        "earlier" | "before" | "previously" => Some((-1, false)),
        "ago" => Some((-1, true)),
        _ => None,
    };
    if let Some((d, from_anchor)) = direction {
        // `after`/`before` followed by more words are prepositions, not
        // the end of an offset.
        let dangling = matches!(t.at(j), "after" | "before") && !t.at(j + 1).is_empty() && t.at(j + 1) != ",";
        if !dangling {
            // `several years ago`: a time in the past, not a date.
            let Some(amount) = amount else {
                let reference = if d < 0 { "PAST_REF" } else { "FUTURE_REF" };
                return Some((j + 1, Expr::Reference(reference.into())));
            };
            return Some((j + 1, Expr::Offset { amount, unit: u, direction: d, from_anchor }));
        }
    }
    Some((j, Expr::Duration { amount, unit: u }))
}

/// Everything else that starts with a word: days, weekdays, relative units,
/// references, sets, years, decades, quarters, seasons, parts of day.
fn word_forms(w: &Words, t: &Tokens, i: usize) -> Option<(usize, Expr)> {
    let word = t.at(i);
    let next = t.at(i + 1);
    if let Some(&d) = w.dayword.get(word) {
        if word == "tonight" {
            return Some((i + 1, Expr::Part { part: "NI".into(), date: Some(Box::new(Expr::DayRel(0))) }));
        }
        // `yesterday morning`.
        if let Some(p) = w.part.get(next) {
            return Some((i + 2, Expr::Part { part: p.clone(), date: Some(Box::new(Expr::DayRel(d))) }));
        }
        return Some((i + 1, Expr::DayRel(d)));
    }
    // `on Fridays`: every Friday.
    if let Some(&wd) = word.strip_suffix('s').filter(|s| s.len() >= 6).and_then(|s| w.weekday.get(s))
        && t.text.get(i).is_some_and(|s| s.starts_with(char::is_uppercase))
    {
        return Some((i + 1, Expr::Set(format!("XXXX-WXX-{wd}"))));
    }
    if let Some(&wd) = w.weekday.get(word.trim_end_matches('.')) {
        // `Monday and Tuesday nights`: a night of every such week, the
        // plural shared by the weekdays before it.
        let plural_part = |k: usize| {
            let p = t.at(k).strip_suffix('s').and_then(|p| w.part.get(p))?;
            Some(Expr::Set(format!("XXXX-WXX-{wd}T{p}")))
        };
        if word.len() >= 6 {
            if let Some(set) = plural_part(i + 1) {
                return Some((i + 2, set));
            }
            if matches!(next, "and" | "or")
                && w.weekday.contains_key(t.at(i + 2))
                && let Some(set) = plural_part(i + 3)
            {
                return Some((i + 1, set));
            }
        }
        // Abbreviations (`Sun`, `Wed`) are too often other words.
        if word.len() < 6 || t.text.get(i).is_some_and(|s| s.starts_with(char::is_lowercase)) {
            return None;
        }
        // `Saturday, April 25`: the written date decides.
        let k = if next == "," { i + 2 } else { i + 1 };
        if let Some((end, e)) = date(w, t, k).filter(|(_, e)| matches!(e, Expr::Date { day: Some(_), .. })) {
            return Some((end, e));
        }
        if let Some(p) = w.part.get(next) {
            return Some((
                i + 2,
                Expr::Part { part: p.clone(), date: Some(Box::new(Expr::Weekday { weekday: wd, shift: 0 })) },
            ));
        }
        return Some((i + 1, Expr::Weekday { weekday: wd, shift: 0 }));
    }
    let shift = match word {
        "last" | "past" | "previous" => Some(-1),
        "this" | "current" => Some(0),
        "next" | "coming" | "following" => Some(1),
        _ => None,
    };
    if let Some(s) = shift {
        if let Some(&wd) = w.weekday.get(next) {
            return Some((i + 2, Expr::Weekday { weekday: wd, shift: s }));
        }
        if let Some(u) = unit(w, next).filter(|u| matches!(u.as_str(), "D" | "W" | "M" | "Y" | "WE" | "Q" | "DE")) {
            if next.ends_with('s') {
                return None;
            }
            if matches!(word, "past" | "following") && u != "WE" {
                // `the past year` is a duration; `the following day` a date.
                if word == "past" {
                    return Some((i + 2, Expr::Duration { amount: Some(1.0), unit: u }));
                }
                return Some((i + 2, Expr::Offset { amount: 1.0, unit: u, direction: 1, from_anchor: false }));
            }
            return Some((i + 2, Expr::UnitRel { unit: u, shift: s }));
        }
        if let Some(season) = w.season.get(next) {
            return Some((i + 2, Expr::Season { season: season.clone(), year: None, shift: Some(s) }));
        }
        // `the next morning`, `the following evening`: of the day after the
        // last date named.
        if matches!(word, "next" | "following")
            && i > 0
            && t.at(i - 1) == "the"
            && let Some(p) = w.part.get(next)
        {
            let day = Expr::Offset { amount: 1.0, unit: "D".into(), direction: 1, from_anchor: false };
            return Some((i + 2, Expr::Part { part: p.clone(), date: Some(Box::new(day)) }));
        }
        if let Some(m) = month(w, next) {
            // `last June`: the most recent June, which may be this year's.
            let year_shift = if s == 0 { Some(0) } else { None };
            return Some((i + 2, Expr::Date { year: None, month: Some(m), day: None, year_shift, lean: s }));
        }
        if word == "this" && w.part.contains_key(next) {
            return Some((i + 2, Expr::Part { part: w.part[next].clone(), date: Some(Box::new(Expr::DayRel(0))) }));
        }
        // `last night`, `last evening`: of the day before.
        if word == "last" && matches!(next, "night" | "evening") {
            return Some((i + 2, Expr::Part { part: w.part[next].clone(), date: Some(Box::new(Expr::DayRel(-1))) }));
        }
        // `the past two years`, `in the next 72 hours`: a duration (but
        // `will last 72 hours` is a verb).
        let prev = if i > 0 { t.at(i - 1) } else { "" };
        if matches!(word, "past" | "last" | "next")
            && matches!(prev, "the" | "for" | "in" | "over" | "during" | "within")
            && let Some((end, Expr::Duration { amount, unit })) = duration(w, t, i + 1)
        {
            return Some((end, Expr::Duration { amount, unit }));
        }
    }
    // `the next day`, `the same day`, `the day before`, `that day`.
    if word == "same" && next == "day" {
        return Some((i + 2, Expr::Offset { amount: 0.0, unit: "D".into(), direction: 1, from_anchor: false }));
    }
    if word == "day" && next == "before" && matches!(t.at(i + 2), "" | "," | "." | "yesterday") {
        return Some((i + 2, Expr::Offset { amount: 1.0, unit: "D".into(), direction: -1, from_anchor: false }));
    }
    // `recent days`, `recent years`: vague durations.
    if word == "recent"
        && next.ends_with('s')
        && let Some(u) = unit(w, next)
    {
        return Some((i + 2, Expr::Duration { amount: None, unit: u }));
    }
    if let Some(r) = w.reference.get(word) {
        return Some((i + 1, Expr::Reference(r.clone())));
    }
    // `the future`, `at the moment`, `the coming days`: the longest
    // phrase of up to four words. (`the past` only after `in`, and not
    // before a count: `the past two years` is a duration.)
    if w.phrase_starts.contains(word)
        && let Some((end, r)) = longest_phrase(&w.reference, t, i, 4)
    {
        return Some((end, Expr::Reference(r.clone())));
    }
    if word == "the"
        && next == "past"
        && i > 0
        && t.at(i - 1) == "in"
        && unit(w, t.at(i + 2)).is_none()
        && number(w, t, i + 2).is_none()
        && !matches!(t.at(i + 2), "few" | "several" | "couple" | "many")
    {
        return Some((i + 2, Expr::Reference("PAST_REF".into())));
    }
    // `the weeks ahead`: some weeks to come.
    if word == "the"
        && next.ends_with('s')
        && t.at(i + 2) == "ahead"
        && let Some(u) = unit(w, next)
    {
        return Some((i + 3, Expr::Duration { amount: None, unit: u }));
    }
    if let Some(s) = w.set.get(word) {
        return Some((i + 1, Expr::Set(s.clone())));
    }
    // `each July`, `every Thursday`: the month or the weekday of every
    // year or week.
    if matches!(word, "every" | "each") {
        if let Some(m) = month(w, next).filter(|_| next.len() > 3 || next == "may") {
            return Some((i + 2, Expr::Set(format!("XXXX-{m:02}"))));
        }
        if let Some(&d) = w.weekday.get(next) {
            return Some((i + 2, Expr::Set(format!("XXXX-WXX-{d}"))));
        }
    }
    if matches!(word, "every" | "each" | "per")
        && let Some(u) = unit(w, next)
    {
        return Some((
            i + 2,
            Expr::Set(format!("P1{}", if matches!(u.as_str(), "H" | "MIN" | "S") { format!("T{u}") } else { u })),
        ));
    }
    if let Some(y) = year_number(word) {
        // Not a count of something: `2020 troops` (but `fiscal 1989
        // results`, `in 1989 elections` name the year).
        let year_word_before = i > 0 && matches!(t.at(i - 1), "fiscal" | "in" | "since" | "of" | "during" | "until");
        if next.ends_with('s') && next.len() > 3 && !matches!(next, "was" | "has" | "is") && !year_word_before {
            return None;
        }
        return Some((i + 1, Expr::Year(y)));
    }
    // `nineteen ninety-six`, `nineteen eighty`: a year read out.
    if matches!(word, "eighteen" | "nineteen")
        && let Some((y, used)) = spoken_tens(w, t, i + 1)
    {
        let century = if word == "eighteen" { 1800 } else { 1900 };
        return Some((i + 1 + used, Expr::Year(century + y)));
    }
    // `year end`, `year's end`, `the full year`: the anchor's year.
    if word == "year" && next == "end" {
        return Some((i + 2, Expr::UnitRel { unit: "Y".into(), shift: 0 }));
    }
    if word == "year" && matches!(next, "'s" | "’s") && t.at(i + 2) == "end" {
        return Some((i + 3, Expr::UnitRel { unit: "Y".into(), shift: 0 }));
    }
    if word == "full" && next == "year" && i > 0 && t.at(i - 1) == "the" {
        return Some((i + 2, Expr::UnitRel { unit: "Y".into(), shift: 0 }));
    }
    // `the year 2000`, `the year two thousand`.
    if word == "year" {
        if let Some(y) = year_number(next) {
            return Some((i + 2, Expr::Year(y)));
        }
        if next == "two" && t.at(i + 2) == "thousand" {
            return Some((i + 3, Expr::Year(2000)));
        }
    }
    // `1990s`, `'90s`, `the nineties`.
    if let Some(d) = decade_number(word) {
        return Some((i + 1, Expr::Decade(d)));
    }
    // `mid-November`, `early-1990s`-style compounds: the modifier is kept
    // by `extend_left`; here the month or year after the hyphen.
    if let Some(rest) = ["mid-", "early-", "late-"].iter().find_map(|p| word.strip_prefix(p)) {
        if let Some(m) = month(w, rest) {
            return Some((i + 1, Expr::Date { year: None, month: Some(m), day: None, year_shift: None, lean: 0 }));
        }
        if let Some(y) = year_number(rest) {
            return Some((i + 1, Expr::Year(y)));
        }
        if let Some(d) = decade_number(rest) {
            return Some((i + 1, Expr::Decade(d)));
        }
    }
    // `the 20th century`, `the eleventh century`.
    if next == "century"
        && let Some(n) = century_number(w, word)
    {
        return Some((i + 2, Expr::Century(n - 1)));
    }
    // `that year`, `that same day`, `later that month`: the unit of the
    // date the document named last.
    let that = match word {
        "that" if next == "same" => Some(i + 2),
        "that" => Some(i + 1),
        "later" | "earlier" if next == "that" => Some(i + 2),
        _ => None,
    };
    if let Some(k) = that
        && let Some(u) = unit(w, t.at(k)).filter(|u| matches!(u.as_str(), "D" | "W" | "M" | "Y"))
        && !t.at(k).ends_with('s')
    {
        return Some((k + 1, Expr::Offset { amount: 0.0, unit: u, direction: 1, from_anchor: false }));
    }
    // `year-end`, `year's end`: the last day of the anchor's year.
    if word == "year-end" {
        return Some((i + 1, Expr::UnitRel { unit: "Y".into(), shift: 0 }));
    }
    // `the nineties`.
    if i > 0 && t.at(i - 1) == "the" {
        let decade = match word {
            "twenties" => Some(192),
            "thirties" => Some(193),
            "forties" => Some(194),
            "fifties" => Some(195),
            "sixties" => Some(196),
            "seventies" => Some(197),
            "eighties" => Some(198),
            "nineties" => Some(199),
            _ => None,
        };
        if let Some(d) = decade {
            return Some((i + 1, Expr::Decade(d)));
        }
    }
    // `third-quarter`, `fourth-quarter`.
    if let Some(q) = word.strip_suffix("-quarter").and_then(|o| w.ordinal.get(o)).filter(|&&q| (1..=4).contains(&q)) {
        return Some((i + 1, Expr::Quarter { quarter: *q as u32, year: None, shift: None }));
    }
    // `the quarter`, `the latest quarter`, `the current quarter`: the
    // quarter last reported, before the one the document is written in.
    if word == "quarter" && i > 0 && matches!(t.at(i - 1), "the" | "latest" | "current" | "recent" | "same") {
        let shift = if t.at(i - 1) == "current" { 0 } else { -1 };
        return Some((i + 1, Expr::Quarter { quarter: 0, year: None, shift: Some(shift) }));
    }
    if matches!(word, "year-earlier" | "year-ago") {
        return Some((i + 1, Expr::Offset { amount: 1.0, unit: "Y".into(), direction: -1, from_anchor: true }));
    }
    // `the weekend`: the anchor's week's.
    if word == "weekend" && i > 0 && matches!(t.at(i - 1), "the" | "this") {
        return Some((i + 1, Expr::UnitRel { unit: "WE".into(), shift: 0 }));
    }
    // `the year`: a duration after `for`, `over`, `during`; else this year.
    if word == "year" && i > 1 && t.at(i - 1) == "the" && !matches!(next, "before" | "after" | "of" | "in") {
        if matches!(t.at(i - 2), "for" | "over" | "during" | "throughout" | "through") {
            return Some((i + 1, Expr::Duration { amount: Some(1.0), unit: "Y".into() }));
        }
        return Some((i + 1, Expr::UnitRel { unit: "Y".into(), shift: 0 }));
    }
    // `years`, `weeks or months`: vague durations after a preposition.
    if let Some(u) = unit(w, word).filter(|_| word.ends_with('s') && i > 0)
        && matches!(
            t.at(i - 1),
            "for" | "in" | "within" | "over" | "recent" | "coming" | "past" | "several" | "few" | "or"
        )
    {
        return Some((i + 1, Expr::Duration { amount: None, unit: u }));
    }
    if let Some(&q) = w.ordinal.get(word).filter(|&&q| (1..=4).contains(&q))
        && next == "quarter"
    {
        let mut j = i + 2;
        let mut year = None;
        if t.at(j) == "of" && year_number(t.at(j + 1)).is_some() {
            year = year_number(t.at(j + 1));
            j += 2;
        }
        return Some((j, Expr::Quarter { quarter: q as u32, year, shift: None }));
    }
    if let Some(season) = w.season.get(word) {
        let mut j = i + 1;
        let mut year = None;
        if t.at(j) == "of" && year_number(t.at(j + 1)).is_some() {
            year = year_number(t.at(j + 1));
            j += 2;
        } else if let Some(y) = year_number(next) {
            year = Some(y);
            j += 1;
        }
        if year.is_some() || (i > 0 && matches!(t.at(i - 1), "the" | "early" | "late" | "mid")) {
            return Some((j, Expr::Season { season: season.clone(), year, shift: None }));
        }
    }
    if let Some(p) = w.part.get(word) {
        // `the morning`, `in the evening`; `morning of the 10th`.
        let prev = if i > 0 { t.at(i - 1) } else { "" };
        if matches!(prev, "the" | "this" | "that" | "early" | "late" | "mid") {
            return Some((i + 1, Expr::Part { part: p.clone(), date: None }));
        }
    }
    None
}

/// All expressions of a sentence, left to right, not overlapping.
pub fn scan(w: &Words, t: &Tokens) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut i = 0;
    while i < t.lower.len() {
        // (Frequent words that start an expression only before certain
        // words are passed over cheaply.)
        let needs_next = match t.at(i) {
            "that" => !(t.at(i + 1) == "same" || w.unit.contains_key(t.at(i + 1))),
            "later" | "earlier" => t.at(i + 1) != "that",
            "full" => t.at(i + 1) != "year",
            _ => false,
        };
        if needs_next || !w.could_start(t.at(i)) {
            i += 1;
            continue;
        }
        let mut best: Option<(usize, Expr)> = None;
        for found in [date(w, t, i), time(w, t, i), duration(w, t, i), word_forms(w, t, i), holiday(w, t, i)]
            .into_iter()
            .flatten()
        {
            if best.as_ref().is_none_or(|b| found.0 > b.0) {
                best = Some(found);
            }
        }
        let Some((end, expr)) = best else {
            i += 1;
            continue;
        };
        let (start, modifier) = extend_left(w, t, i, &expr, hits.last().map_or(0, |h: &Hit| h.end));
        let mut hit = Hit { start, end, expr, modifier };
        extend_right(w, t, &mut hit);
        year_quarter(w, t, &mut hit);
        i = hit.end;
        hits.push(hit);
    }
    hits
}

/// Takes in a determiner or a modifier before an expression (`the 1990s`,
/// `early 1998`, `about three years`, `the morning`).
fn extend_left(w: &Words, t: &Tokens, i: usize, expr: &Expr, floor: usize) -> (usize, Option<String>) {
    let mut start = i;
    let mut modifier = None;
    for len in [3usize, 2, 1] {
        if start >= floor + len {
            let phrase = t.lower[start - len..start].join(" ");
            // Amount modifiers (`over`, `more than`) belong to amounts of
            // time, not to a day or a period (`quiet over Orthodox Easter`,
            // `over the weekend`, `over the long term`).
            let amount = matches!(phrase.as_str(), "over" | "more than" | "less than" | "under" | "at least");
            let of_amount = matches!(expr, Expr::Duration { .. } | Expr::Offset { .. });
            if let Some(m) = w.modifier.get(&phrase).filter(|_| !amount || of_amount) {
                modifier = Some(m.clone());
                start -= len;
                break;
            }
        }
    }
    if t.at(i).starts_with("mid-") {
        modifier = Some("MID".to_owned());
    } else if t.at(i).starts_with("early-") {
        modifier = Some("START".to_owned());
    } else if t.at(i).starts_with("late-") {
        modifier = Some("END".to_owned());
    }
    let takes_the = matches!(
        expr,
        Expr::Decade(_)
            | Expr::Century(_)
            | Expr::Quarter { .. }
            | Expr::Season { .. }
            | Expr::Part { .. }
            | Expr::DayOnly(_)
            | Expr::Offset { .. }
            | Expr::UnitRel { .. }
    ) || matches!(expr, Expr::Duration { .. } if matches!(t.at(i), "past" | "last" | "next" | "first" | "previous"))
        || matches!(expr, Expr::Year(_) if t.at(i) == "year");
    if start > floor && takes_the && t.at(start - 1) == "the" {
        start -= 1;
    }
    (start, modifier)
}

/// `this year's third quarter`, `the 1988 second quarter`, `the 1989
/// period`: a year followed by a quarter or a period.
fn year_quarter(w: &Words, t: &Tokens, hit: &mut Hit) {
    let (year, year_shift) = match hit.expr {
        Expr::Year(y) => (Some(y), 0),
        Expr::UnitRel { ref unit, shift } if unit == "Y" => (None, shift),
        _ => return,
    };
    let mut k = hit.end;
    if matches!(t.at(k), "'s" | "’s") {
        k += 1;
    }
    let quarter = w.ordinal.get(t.at(k)).filter(|&&q| (1..=4).contains(&q)).map(|&q| q as u32);
    if quarter.is_some() {
        k += 1;
    }
    if matches!(t.at(k), "quarter" | "period") {
        hit.expr = Expr::YearQuarter { year, year_shift, quarter };
        hit.end = k + 1;
    }
}

/// Takes in what follows an expression: `of the 10th` after a part of day,
/// `of 1998` after a month.
fn extend_right(w: &Words, t: &Tokens, hit: &mut Hit) {
    if let Expr::Part { date: None, .. } = hit.expr
        && t.at(hit.end) == "of"
    {
        let mut k = hit.end + 1;
        if t.at(k) == "the" {
            k += 1;
        }
        if let Some(d) = day_number(w, t.at(k)) {
            if let Expr::Part { date, .. } = &mut hit.expr {
                *date = Some(Box::new(Expr::DayOnly(d)));
            }
            hit.end = k + 1;
        }
    }
}

/// Drops the hits that are names, titles or measures, not times:
/// - a unit or part of day capitalized inside a sentence in lower case
///   (`CBS's "60 Minutes"`, ABC's `"This Week"`, `the Six-Day War`, `High
///   Noon`); holidays, months and weekdays are capitalized anyway and are
///   kept, and so is every hit of a headline written in title case;
/// - a year after a name (`Orion 1980`), a night named by what follows;
/// - rates: `24 hours a day`, `instructions per second`.
pub fn drop_names_and_measures(w: &Words, t: &Tokens, hits: &mut Vec<Hit>) {
    if hits.is_empty() {
        return;
    }
    let is_unit = |k: usize| w.unit.contains_key(t.at(k));
    hits.retain(|h| match &h.expr {
        Expr::Duration { .. } => !(matches!(t.at(h.end), "a" | "an" | "per" | "each") && is_unit(h.end + 1)),
        // `per second` after a counted noun measures a speed.
        Expr::Set(_) if t.at(h.start) == "per" => {
            let before = if h.start > 0 { t.at(h.start - 1) } else { "" };
            !(before.len() > 3 && before.ends_with('s') && before.chars().all(char::is_alphabetic))
        }
        _ => true,
    });
    let words: Vec<&str> = t.text.iter().copied().filter(|x| x.starts_with(char::is_alphabetic)).collect();
    let capitals = words.iter().filter(|x| x.starts_with(char::is_uppercase)).count();
    if words.is_empty() || capitals * 2 > words.len() {
        return;
    }
    // The first word of the sentence, after any opening quote or bracket.
    let first = t.text.iter().position(|x| x.starts_with(char::is_alphanumeric)).unwrap_or(0);
    let unit_like = |lower: &str| {
        let singular = lower.strip_suffix('s').unwrap_or(lower);
        w.unit.contains_key(lower)
            || w.unit.contains_key(singular)
            || w.part.contains_key(lower)
            || matches!(lower, "noon" | "midnight")
    };
    let capitalized_name = |k: usize| {
        t.text.get(k).is_some_and(|x| x.starts_with(char::is_uppercase) && x.chars().all(char::is_alphabetic))
            && !w.month.contains_key(t.at(k))
            && !w.weekday.contains_key(t.at(k))
            && !w.season.contains_key(t.at(k))
    };
    hits.retain(|h| {
        if matches!(h.expr, Expr::Holiday { .. }) {
            return true;
        }
        // `Orion 1980`, `Vision 2030`: a name, not the year (after a word
        // capitalized inside the sentence, not `Since 1993`).
        if matches!(h.expr, Expr::Year(_))
            && h.end == h.start + 1
            && h.start > first + 1
            && capitalized_name(h.start - 1)
        {
            return false;
        }
        // `the night of Oct. 23`, `the night the plane went down`: a night
        // named by what follows, not the document's.
        if matches!(h.expr, Expr::Part { date: None, .. })
            && t.at(h.start) == "the"
            && (matches!(t.at(h.end), "of" | "when" | "the" | "a" | "an" | "he" | "she" | "they" | "we" | "i" | "it")
                || capitalized_name(h.end))
        {
            return false;
        }
        !(h.start..h.end).any(|k| {
            k > first
                && t.text.get(k).is_some_and(|x| x.starts_with(char::is_uppercase))
                && t.lower.get(k).is_some_and(|x| x.split('-').any(unit_like))
        })
    });
}

/// `the 3rd`, `on the 10th`: day-only dates, which need a `the` before them.
pub fn day_only_and_clock_dates(w: &Words, t: &Tokens, hits: &mut Vec<Hit>) {
    let mut extra = Vec::new();
    for i in 1..t.lower.len() {
        if t.at(i - 1) != "the" || hits.iter().any(|h| h.start <= i && i < h.end) {
            continue;
        }
        let word = t.at(i);
        let Some(d) = day_number(w, word) else { continue };
        // Ordinal words (`the third`) are too often counts; digits with a
        // suffix are dates when nothing countable follows.
        if !word.starts_with(|c: char| c.is_ascii_digit()) || word.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let next = t.at(i + 1);
        let glue = [
            "and", "at", "of", "in", "to", "that", "when", "after", "before", "from", "until", "the", "while", "as",
            "with", "by", "on", "said", "was", "were", "will",
        ];
        if !next.is_empty() && next.chars().all(char::is_alphabetic) && !glue.contains(&next) {
            continue;
        }
        // `the 11th U.S. Circuit Court`, `the 101st Airborne`: a name.
        let capitalized = t.text.get(i + 1).is_some_and(|n| n.starts_with(char::is_uppercase));
        if capitalized && !w.month.contains_key(next) {
            continue;
        }
        extra.push(Hit { start: i - 1, end: i + 1, expr: Expr::DayOnly(d), modifier: None });
    }
    hits.extend(extra);
    hits.sort_by_key(|h| h.start);
    // A clock time takes the date written next to it in the sentence
    // (`00:00 Moscow time ... on the 10th`): the nearest date after it
    // within a few words, else the nearest before it, else any after.
    let dates: Vec<(usize, usize, Expr)> = hits
        .iter()
        .filter(|h| {
            matches!(
                h.expr,
                Expr::Date { day: Some(_), .. } | Expr::DayOnly(_) | Expr::DayRel(_) | Expr::Weekday { .. }
            )
        })
        .map(|h| (h.start, h.end, h.expr.clone()))
        .collect();
    // Which parenthesis each token is in (0: none): a time in parentheses
    // takes its date from inside them, one outside from outside them
    // (`19:00 local time (00:00 Beijing time on the 3rd) on the 2nd`).
    let mut group = vec![0usize; t.lower.len() + 1];
    let (mut depth, mut next_group, mut current) = (0usize, 0usize, 0usize);
    for (i, word) in t.lower.iter().enumerate() {
        if word == "(" {
            depth += 1;
            next_group += 1;
            current = next_group;
        }
        group[i] = if depth > 0 { current } else { 0 };
        if word == ")" && depth > 0 {
            depth -= 1;
            if depth == 0 {
                current = 0;
            }
        }
    }
    for hit in hits.iter_mut() {
        if let Expr::Time { date, .. } = &mut hit.expr {
            if date.is_some() {
                continue;
            }
            let (s, e) = (hit.start, hit.end);
            let mine = group[s];
            let mut same: Vec<&(usize, usize, Expr)> = dates.iter().filter(|d| group[d.0] == mine).collect();
            if same.is_empty() {
                // `(5:00 Beijing time)` with no date inside: the date of the
                // sentence around the parentheses.
                same = dates.iter().filter(|d| group[d.0] == 0).collect();
            }
            let dates = same;
            let after_near = dates.iter().filter(|d| d.0 >= e && d.0 - e <= 8).min_by_key(|d| d.0);
            let before = dates.iter().filter(|d| d.1 <= s).max_by_key(|d| d.1);
            let after_any = dates.iter().filter(|d| d.0 >= e).min_by_key(|d| d.0);
            if let Some(found) = after_near.or(before).or(after_any) {
                *date = Some(Box::new(found.2.clone()));
            }
        }
    }
}
