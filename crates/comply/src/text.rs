//! What a sentence says, read without a parse: word stems, place names
//! across spellings, counts of things, violations and denials. Used by the
//! verdict engine on the sentences behind each piece of evidence.

use crate::agreement::Provision;
use crate::observation::Observation;

/// Whether a sentence calls something a violation of an agreement.
pub(crate) fn says_violation(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    ["violat", "breach", "broke the", "broken the", "broke a ", "in defiance of"].iter().any(|w| lower.contains(w))
}

/// Whether a sentence has someone deny something.
pub(crate) fn says_denial(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    ["deni", "deny", "rejected the accusation", "dismissed the accusation", "rejected the claim", "dismissed the claim"]
        .iter()
        .any(|w| lower.contains(w))
}

/// The content words of a provision's object group (`fuel ships` → fuel,
/// ship), as stems.
pub(crate) fn object_words(provision: &Provision) -> Vec<String> {
    let Some(group) = provision.object.as_ref().and_then(|o| o.group.as_deref()) else { return Vec::new() };
    group
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2 && !matches!(*w, "the" | "and" | "all" | "for" | "from" | "with"))
        .map(|w| w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w).to_owned())
        .collect()
}

/// Whether `text` (lower case) has a word beginning with `stem`; a stem
/// with a space is matched as a phrase.
pub(crate) fn contains_stem(text: &str, stem: &str) -> bool {
    text.match_indices(stem).any(|(i, _)| i == 0 || !text[..i].chars().next_back().is_some_and(char::is_alphanumeric))
}

/// Whether an observation is at a place of that name: its location, or
/// the name in its sentence (spellings compared without case, accents,
/// hyphens or apostrophes).
pub(crate) fn names_place(o: &Observation, name: &str) -> bool {
    let wanted = fold(name);
    if wanted.is_empty() {
        return false;
    }
    let at = |s: &Option<String>| s.as_deref().is_some_and(|s| fold(s).contains(&wanted));
    if at(&o.place) || at(&o.place_text) {
        return true;
    }
    let sentence = fold(&o.sentence);
    sentence.match_indices(&wanted).any(|(i, _)| {
        let before = sentence[..i].chars().next_back();
        let after = sentence[i + wanted.len()..].chars().next();
        before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
    })
}

/// Lower case, letters and digits only, one space between words, common
/// accents dropped.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
            'è' | 'é' | 'ê' | 'ë' | 'ə' | 'ē' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ç' => 'c',
            'ş' | 'š' => 's',
            'ğ' => 'g',
            'ñ' => 'n',
            '\'' | '’' | 'ʼ' | '`' => continue,
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_owned()
}

/// Numbers written as words, cardinal and ordinal.
const NUMBER_WORDS: &[(&str, u64)] = &[
    ("one", 1),
    ("first", 1),
    ("two", 2),
    ("second", 2),
    ("three", 3),
    ("third", 3),
    ("four", 4),
    ("fourth", 4),
    ("five", 5),
    ("fifth", 5),
    ("six", 6),
    ("sixth", 6),
    ("seven", 7),
    ("seventh", 7),
    ("eight", 8),
    ("eighth", 8),
    ("nine", 9),
    ("ninth", 9),
    ("ten", 10),
    ("tenth", 10),
    ("eleven", 11),
    ("eleventh", 11),
    ("twelve", 12),
    ("twelfth", 12),
    ("thirteen", 13),
    ("thirteenth", 13),
    ("fourteen", 14),
    ("fourteenth", 14),
    ("fifteen", 15),
    ("fifteenth", 15),
    ("sixteen", 16),
    ("sixteenth", 16),
    ("seventeen", 17),
    ("seventeenth", 17),
    ("eighteen", 18),
    ("eighteenth", 18),
    ("nineteen", 19),
    ("nineteenth", 19),
    ("twenty", 20),
    ("twentieth", 20),
];

/// Month names, whose neighbouring numbers are days.
const MONTH_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Whether a sentence gives a running total rather than a batch: `in all`,
/// `so far`, `bringing the total to`, or an ordinal of the thing itself
/// (`the sixth tanker`; not `the second group of hostages`).
pub(crate) fn running_count(sentence: &str, things: &[String]) -> bool {
    let lower = sentence.to_lowercase();
    if ["total", "in all", "so far", "to date", "altogether", "in total"].iter().any(|w| lower.contains(w)) {
        return true;
    }
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().enumerate().any(|(i, w)| {
        let ordinal = NUMBER_WORDS
            .iter()
            .any(|(n, _)| n == w && (n.ends_with("th") || matches!(*n, "first" | "second" | "third")));
        ordinal && words[i + 1..words.len().min(i + 4)].iter().any(|x| things.iter().any(|t| x.starts_with(t.as_str())))
    })
}

/// The largest count a sentence gives that could be part of `quantity`
/// (`the fourth fuel ship`, `1,960 peacekeepers`, `12 ships`); years and
/// numbers far beyond the quantity are not counts.
pub(crate) fn largest_count(sentence: &str, quantity: u64, things: &[String]) -> Option<u64> {
    let lower = sentence.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ';' | ':' | '"'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '.' | ',' | '-')))
        .filter(|w| !w.is_empty())
        .collect();
    // `13 Israeli hostages … 39 Palestinian prisoners`: a count of the
    // provision's own things first; any count only when none is.
    let of_things = |i: usize| {
        words[i + 1..words.len().min(i + 4)].iter().any(|w| things.iter().any(|t| w.starts_with(t.as_str())))
    };
    if things.is_empty() {
        return count_in(&words, quantity, &|_| true);
    }
    count_in(&words, quantity, &of_things).or_else(|| count_in(&words, quantity, &|_| true))
}

/// The largest count among `words` that `keep` accepts.
fn count_in(words: &[&str], quantity: u64, keep: &dyn Fn(usize) -> bool) -> Option<u64> {
    let mut best: Option<u64> = None;
    for (i, word) in words.iter().copied().enumerate() {
        if !keep(i) {
            continue;
        }
        // `April 18th`, `18 April`: a day of the month counts nothing.
        let by_month = |j: Option<usize>| j.and_then(|j| words.get(j)).is_some_and(|w| MONTH_WORDS.contains(w));
        if word.starts_with(|c: char| c.is_ascii_digit()) && (by_month(i.checked_sub(1)) || by_month(Some(i + 1))) {
            continue;
        }
        // `on the 17th`: digits with an ordinal ending are days, not counts.
        let digits: String = word.chars().filter(|c| *c != ',').collect();
        let n = if let Ok(n) = digits.parse::<u64>() {
            let year_like = (1900..=2100).contains(&n) && !(1900..=2100).contains(&quantity);
            if year_like { None } else { Some(n) }
        } else {
            NUMBER_WORDS.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
        };
        if let Some(n) = n.filter(|n| *n > 0 && *n <= quantity.saturating_mul(10)) {
            best = Some(best.map_or(n, |b| b.max(n)));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_come_from_digits_and_ordinals_but_not_years() {
        assert_eq!(largest_count("The fourth fuel ship docked at Hodeidah.", 18, &[]), Some(4));
        assert_eq!(largest_count("In 2022, 12 ships docked.", 18, &[]), Some(12));
        assert_eq!(largest_count("1,960 peacekeepers arrived by November 14th.", 1960, &[]), Some(1960));
        assert_eq!(largest_count("Ships docked.", 18, &[]), None);
        assert_eq!(largest_count("Aden, April 18th: the sixth tanker arrived on 17 April.", 18, &[]), Some(6));
        assert_eq!(largest_count("The sixth tanker arrived on the 17th.", 18, &[]), Some(6));
        let hostages = ["hostage".to_owned()];
        assert!(running_count("The sixth fuel tanker docked.", &["tanker".to_owned()]));
        assert!(!running_count("The second group of 17 hostages was freed.", &hostages));
        assert_eq!(largest_count("Hamas freed 13 Israeli hostages and Israel 39 prisoners.", 50, &hostages), Some(13));
        assert_eq!(
            largest_count("More than 1,000 troops are in place.", 1960, &["peacekeeper".to_owned()]),
            Some(1000)
        );
    }

    #[test]
    fn place_names_match_across_spellings_of_case_and_accents() {
        assert_eq!(fold("Ağdam’s  district"), "agdams district");
        assert!(contains_stem("ceasefire violations", "violat"));
        assert!(!contains_stem("nonviolent", "violat"));
    }
}
