//! Mojibake: UTF-8 bytes that were decoded with the wrong single-byte
//! encoding (`â–³` for `△`, `Ã©` for `é`, `Russia‚Äôs` for `Russia’s`).
//!
//! Why not `plsfix`/ftfy: they return only the fixed string, and truce must
//! record where every change came from; and neither turns `â–³` back into
//! `△`. The method here is the same in spirit: each non-ASCII character is
//! mapped back to the byte it would have come from under Windows-1252
//! (with Latin-1's C1 controls) or Mac Roman; where a lead byte and its
//! continuation bytes form one valid UTF-8 character, that character
//! replaces the sequence. Each fixed character is its own edit, so the
//! offset map stays exact.
//!
//! Being conservative is the hard part. Correct text also contains
//! accented letters next to symbols (`«École»`, `l’été`, `ADIÓS”`). So a
//! candidate is *strong* (fixed on its own) only where real text almost
//! never has such a sequence: three- and four-byte sequences, and two-byte
//! ones that decode to Latin letters (`Ã©`). A *weak* candidate (two bytes
//! decoding to Cyrillic, Greek, Arabic…, or a Mac Roman sequence starting
//! with a letter) is fixed only when it sits right next to another
//! candidate, as mojibake of a whole word does (`Ð¡Ñ‚ÐµÐ¿`).
//!
//! The pass runs to a fixed point (at most four rounds), which undoes double
//! encoding (`Ã¢â‚¬â„¢` → `â€™` → `’`).

use super::{Fixer, Pass};
use std::sync::LazyLock;
use truce_core::Span;

/// A single-byte encoding's map from decoded character back to its byte.
struct Table {
    /// `(char, byte)` for every byte 0x80..=0xFF, sorted by char.
    reverse: Vec<(char, u8)>,
}

impl Table {
    fn build(encoding: &'static encoding_rs::Encoding, c1_as_bytes: bool) -> Table {
        let mut reverse = Vec::with_capacity(160);
        for b in 0x80u8..=0xFF {
            let byte = [b];
            let (text, _) = encoding.decode_without_bom_handling(&byte);
            if let Some(c) = text.chars().next().filter(|&c| c != '\u{FFFD}') {
                reverse.push((c, b));
            }
        }
        if c1_as_bytes {
            // Latin-1 decoders (and lenient Windows-1252 ones) turn bytes
            // 0x80..=0x9F into the C1 controls U+0080..=U+009F.
            for b in 0x80u8..=0x9F {
                reverse.push((char::from(b), b));
            }
        }
        reverse.sort_unstable();
        reverse.dedup_by_key(|(c, _)| *c);
        Table { reverse }
    }

    fn byte(&self, c: char) -> Option<u8> {
        self.reverse.binary_search_by_key(&c, |&(c, _)| c).ok().map(|i| self.reverse[i].1)
    }
}

static WINDOWS_1252: LazyLock<Table> = LazyLock::new(|| Table::build(encoding_rs::WINDOWS_1252, true));
static MAC_ROMAN: LazyLock<Table> = LazyLock::new(|| Table::build(encoding_rs::MACINTOSH, false));

/// A sequence that decodes to one character.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    span: Span,
    fixed: char,
    strong: bool,
}

/// How many continuation bytes follow a UTF-8 lead byte, if it is one.
fn continuation_count(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

/// Reads the sequence starting at byte `at` of `text` under `table`.
fn read_sequence(text: &str, at: usize, table: &Table) -> Option<(Span, char, u8)> {
    let mut chars = text[at..].char_indices();
    let (_, first) = chars.next()?;
    let lead = table.byte(first)?;
    let n = continuation_count(lead)?;
    let mut bytes = [lead, 0, 0, 0];
    let mut end = at + first.len_utf8();
    for slot in bytes.iter_mut().skip(1).take(n) {
        let (i, c) = chars.next()?;
        let b = table.byte(c).filter(|b| (0x80..=0xBF).contains(b))?;
        *slot = b;
        end = at + i + c.len_utf8();
    }
    let fixed = std::str::from_utf8(&bytes[..=n]).ok()?.chars().next()?;
    Some((Span::new(at, end), fixed, lead))
}

/// Latin letters and symbols of the Latin-1 Supplement and Latin
/// Extended-A blocks: what `Â`, `Ã`, `Ä` and `Å` sequences decode to.
/// (Extended-B is left out: `É’` in `PERCHÉ’` would decode into it.)
fn is_latin_target(c: char) -> bool {
    matches!(c, '\u{A0}'..='\u{17F}')
}

/// Private use, noncharacters and C0 controls are never what a writer
/// meant. (C1 controls are allowed: a doubly encoded `”` passes through
/// U+009D on its way back.)
fn is_implausible(c: char) -> bool {
    (c.is_control() && !matches!(c, '\u{80}'..='\u{9F}'))
        || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{FDD0}'..='\u{FDEF}' | '\u{FFFE}' | '\u{FFFF}')
        || matches!(c, '\u{F0000}'..)
}

fn candidate_at(text: &str, at: usize) -> Option<Candidate> {
    if let Some((span, fixed, _)) = read_sequence(text, at, &WINDOWS_1252)
        && !is_implausible(fixed)
    {
        let strong = (span_chars(text, span) > 2 || is_latin_target(fixed)) && !fixed.is_control();
        return Some(Candidate { span, fixed, strong });
    }
    if let Some(c) = lost_right_quote(text, at) {
        return Some(c);
    }
    let (span, fixed, lead) = read_sequence(text, at, &MAC_ROMAN)?;
    if is_implausible(fixed) {
        return None;
    }
    let lead_char = text[at..].chars().next()?;
    let strong = match continuation_count(lead)? {
        // `√©` is `é`; a letter or quote before a symbol is ordinary text.
        1 => matches!(lead_char, '¬' | '√' | 'ƒ' | '≈' | '∆') && is_latin_target(fixed),
        // `‚Äô` is `’`; `‡`, `·`, `‚`, `„`, `‰` do not start words.
        2 => matches!(lead_char, '‡' | '·' | '‚' | '„' | '‰'),
        _ => lead_char == '\u{F8FF}',
    };
    let weak_allowed = continuation_count(lead)? > 1;
    (strong || weak_allowed).then_some(Candidate { span, fixed, strong })
}

/// `”` is E2 80 9D, and 0x9D has no character in Windows-1252, so many
/// systems drop it and leave a bare `â€`. Nothing else reads as `â€`.
fn lost_right_quote(text: &str, at: usize) -> Option<Candidate> {
    let rest = &text[at..];
    if !rest.starts_with("â€") {
        return None;
    }
    let after = rest["â€".len()..].chars().next();
    let continues = after.and_then(|c| WINDOWS_1252.byte(c)).is_some_and(|b| (0x80..=0xBF).contains(&b));
    (!continues).then(|| Candidate { span: Span::new(at, at + "â€".len()), fixed: '”', strong: true })
}

fn span_chars(text: &str, span: Span) -> usize {
    span.slice(text).chars().count()
}

/// One round over the text.
fn repair_once(text: &str) -> Option<Pass> {
    if text.is_ascii() {
        return None;
    }
    let mut found: Vec<Candidate> = Vec::new();
    let mut at = 0;
    while let Some(offset) = text[at..].find(|c: char| !c.is_ascii()) {
        at += offset;
        match candidate_at(text, at) {
            Some(c) => {
                at = c.span.end();
                found.push(c);
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    let mut fixer = Fixer::new(text);
    let mut buf = [0u8; 4];
    for (i, c) in found.iter().enumerate() {
        let touches_prev = i > 0 && found[i - 1].span.end() == c.span.start();
        let touches_next = found.get(i + 1).is_some_and(|n| n.span.start() == c.span.end());
        if c.strong || touches_prev || touches_next {
            fixer.replace(c.span, c.fixed.encode_utf8(&mut buf), "mojibake");
        }
    }
    fixer.finish()
}

/// Repairs mojibake, running rounds until nothing changes.
pub(crate) fn repair(text: &str) -> Option<Pass> {
    let mut pass = repair_once(text)?;
    for _ in 0..3 {
        let Some(next) = repair_once(&pass.text) else { break };
        pass = pass.then(next);
    }
    Some(pass)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_cover_the_high_half() {
        assert_eq!(WINDOWS_1252.byte('€'), Some(0x80));
        assert_eq!(WINDOWS_1252.byte('\u{9d}'), Some(0x9d));
        assert_eq!(WINDOWS_1252.byte('é'), Some(0xE9));
        assert_eq!(MAC_ROMAN.byte('‚'), Some(0xE2));
        assert_eq!(MAC_ROMAN.byte('Ä'), Some(0x80));
    }

    #[test]
    fn each_fixed_character_is_its_own_edit() {
        let pass = repair("Ã©tÃ©").unwrap();
        assert_eq!(pass.text, "été");
        assert_eq!(pass.map.edits().len(), 2);
    }

    #[test]
    fn a_lone_weak_sequence_is_left_alone() {
        // D3 94 would be Cyrillic U+04D4; in real text this is `Ó` + `”`.
        assert!(repair("ADIÓS” said").is_none());
    }
}
