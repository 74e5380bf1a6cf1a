//! Sentence boundaries.
//!
//! Written here rather than taken from `sentencex` because truce needs
//! byte spans into its own repaired text, the abbreviation list as a
//! reviewable data file, and rules for machine-translated copy (a full stop
//! with no space after it: `ceasefire.The talks`), at tens of megabytes a
//! second.
//!
//! A boundary is a run of `.`, `!`, `?`, `…` (plus closing quotes and
//! brackets) followed by a space and a capital, digit or opening quote; or
//! `。！？` anywhere; or a full stop glued to a capitalized word after a
//! lower-case word. A full stop after an abbreviation (`data/text/
//! abbreviations.txt`) ends a sentence only when a common sentence starter
//! follows (`data/text/sentence-starters.txt`); one after an initial
//! (`J. Smith`) or a list number at the start (`1. The parties`) never does.

use crate::data;
use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;
use truce_core::Span;

/// How an abbreviation behaves before a following word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbreviation {
    /// Before a name or number: never ends a sentence.
    Title,
    /// A month: never ends a sentence before a day number.
    Month,
    /// Ends a sentence only before a sentence starter.
    Other,
}

pub(crate) static ABBREVIATIONS: LazyLock<HashMap<&'static str, Abbreviation>> = LazyLock::new(|| {
    let rows = data::ABBREVIATIONS.rows(2).expect("embedded abbreviations are checked by tests");
    rows.into_iter()
        .filter_map(|(_, f)| {
            let kind = match f[1] {
                "title" => Abbreviation::Title,
                "month" => Abbreviation::Month,
                "other" => Abbreviation::Other,
                _ => return None,
            };
            Some((f[0], kind))
        })
        .collect()
});

static STARTERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data::SENTENCE_STARTERS.entries().filter_map(|(_, f)| f.first().copied()).collect());

/// The abbreviation kind of `word` (written without its final dot).
pub(crate) fn abbreviation(word: &str) -> Option<Abbreviation> {
    if let Some(&kind) = ABBREVIATIONS.get(word) {
        return Some(kind);
    }
    // Initialisms not in the list: `U.S.A`, `D.P.R.K`.
    let bytes = word.as_bytes();
    let initialism = bytes.len() >= 3
        && bytes.iter().enumerate().all(|(i, b)| if i % 2 == 0 { b.is_ascii_alphabetic() } else { *b == b'.' });
    initialism.then_some(Abbreviation::Other)
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '›')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '‹' | '¿' | '¡' | '-' | '–' | '—')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// The word that ends right before byte `end` of `text` (letters, digits,
/// inner dots, hyphens and apostrophes).
fn word_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’'))
        .last()
        .map_or(end, |(i, _)| i);
    text[start..end].trim_start_matches(['.', '-', '\'', '’'])
}

/// The word that starts at byte `start` of `text`.
fn word_after(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).unwrap_or(rest.len());
    &rest[..end]
}

/// Decides whether the terminal run `text[run_start..run_end]` (already
/// extended over closing quotes) ends a sentence, given where the next
/// sentence would start.
fn is_boundary(text: &str, sentence_start: usize, run_start: usize, next: usize) -> bool {
    let run = &text[run_start..];
    let first = run.chars().next().unwrap_or('.');
    let next_char = text[next..].chars().next();
    let Some(next_char) = next_char else { return true };
    let starts_new = next_char.is_uppercase()
        || next_char.is_ascii_digit()
        || is_opening(next_char)
        || (next_char.is_alphabetic() && !next_char.is_lowercase() && !next_char.is_uppercase());
    if !starts_new {
        return false;
    }
    if first != '.' || run.starts_with("..") {
        return true;
    }
    let before = word_before(text, run_start);
    if before.is_empty() {
        return true;
    }
    let following = word_after(text, next);
    let starter_follows = STARTERS.contains(following);
    // `1. The parties shall…`: a list number opening the sentence.
    if before.bytes().all(|b| b.is_ascii_digit()) && text[sentence_start..run_start].trim() == before {
        return false;
    }
    match abbreviation(before) {
        Some(Abbreviation::Title) => return false,
        Some(Abbreviation::Month) => return !next_char.is_ascii_digit() && starter_follows,
        Some(Abbreviation::Other) => return starter_follows,
        None => {}
    }
    // `J. Smith`, `N. Pashinyan`: an initial before a name.
    let mut chars = before.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
        && next_char.is_uppercase()
        && !starter_follows
    {
        return false;
    }
    true
}

/// Splits the block `text[span]` into sentence spans.
pub fn split(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let block = span.slice(text);
    let base = span.start();
    let mut start = 0;
    let mut iter = block.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let cjk = is_cjk_terminal(c);
        if !(is_terminal(c) || cjk) {
            continue;
        }
        // Extend over the terminal run and closing quotes.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if is_terminal(d) || is_cjk_terminal(d) || is_closing(d) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let next = end + (block[end..].len() - block[end..].trim_start().len());
        let boundary = if next == block.len() || cjk {
            true
        } else if next == end {
            // No space: `ceasefire.The talks`, but not `U.S.`, `3.5`, `news.am`.
            c == '.' && glued_boundary(block, i, end)
        } else {
            is_boundary(block, start, i, next)
        };
        if boundary {
            push(block, base, start, end, &mut out);
            start = next;
        }
    }
    push(block, base, start, block.len(), &mut out);
    out
}

/// `…the ceasefire.The talks…`: machine translation dropped the space.
fn glued_boundary(block: &str, dot: usize, next: usize) -> bool {
    let before = word_before(block, dot);
    let mut after = block[next..].chars();
    let (Some(a), Some(b)) = (after.next(), after.next()) else { return false };
    before.chars().count() >= 2
        && before.chars().all(char::is_lowercase)
        && a.is_uppercase()
        && b.is_lowercase()
        && abbreviation(before).is_none()
}

fn push(block: &str, base: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &block[start..end];
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        let lead = s.len() - s.trim_start().len();
        out.push(Span::new(base + start + lead, base + start + lead + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, Span::new(0, text.len())).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn abbreviations_initials_and_numbers_do_not_split() {
        let text =
            "Gen. Ivanov met U.S. envoys on Dec. 3 at 3.5 km from St. George's. J. Smith said No. 5 held. It ended.";
        assert_eq!(
            sentences(text),
            [
                "Gen. Ivanov met U.S. envoys on Dec. 3 at 3.5 km from St. George's.",
                "J. Smith said No. 5 held.",
                "It ended."
            ]
        );
    }

    #[test]
    fn an_abbreviation_can_end_a_sentence() {
        assert_eq!(
            sentences("Talks moved to the U.S. The rebels refused."),
            ["Talks moved to the U.S.", "The rebels refused."]
        );
    }

    #[test]
    fn quotes_ellipses_and_questions() {
        assert_eq!(
            sentences("He said: “We will not retreat.” The army… Then what? Nobody knows!"),
            ["He said: “We will not retreat.”", "The army…", "Then what?", "Nobody knows!"]
        );
    }

    #[test]
    fn machine_translation_without_spaces() {
        assert_eq!(
            sentences("The truce was violated.The ministry said so. Visit news.am today."),
            ["The truce was violated.", "The ministry said so.", "Visit news.am today."]
        );
    }

    #[test]
    fn numbered_points_stay_whole() {
        assert_eq!(
            sentences("1. The parties shall cease fire. 2. Prisoners shall be exchanged."),
            ["1. The parties shall cease fire.", "2. Prisoners shall be exchanged."]
        );
    }

    #[test]
    fn chinese_and_russian() {
        assert_eq!(sentences("双方同意停火。谈判将继续！"), ["双方同意停火。", "谈判将继续！"]);
        assert_eq!(
            sentences("Перемирие нарушено. Стороны обвиняют друг друга."),
            ["Перемирие нарушено.", "Стороны обвиняют друг друга."]
        );
    }
}
