//! Whitespace and invisible characters.
//!
//! Every run of blanks, line ends and invisible characters is rewritten to
//! its plain form: nothing (between two letters, for a zero-width space or
//! a soft hyphen), one space, one line end, or one blank line (a paragraph
//! break). Runs at the start or end of the text vanish.
//!
//! Left alone on purpose: the ideographic space U+3000 (correct in Chinese
//! and Japanese), the zero-width joiner and non-joiner (needed by emoji,
//! Persian and Indic scripts), and bidirectional marks (needed in Arabic
//! and Hebrew).

use super::{Fixer, Pass};
use truce_core::Span;

/// What a character contributes to a whitespace run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Blank {
    /// A space-like character.
    Space,
    /// A line end (`\n`, `\r`, NEL, LINE SEPARATOR).
    Line,
    /// A paragraph end (PARAGRAPH SEPARATOR, form feed).
    Paragraph,
    /// Invisible: dropped.
    Nothing,
}

fn blank(c: char) -> Option<Blank> {
    Some(match c {
        ' ' | '\t' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Blank::Space,
        '\n' | '\r' | '\u{B}' | '\u{85}' | '\u{2028}' => Blank::Line,
        '\u{C}' | '\u{2029}' => Blank::Paragraph,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => Blank::Nothing,
        c if c.is_control() => Blank::Nothing,
        _ => return None,
    })
}

/// Rewrites every run of blanks to its plain form.
pub(crate) fn repair(text: &str) -> Pass {
    let mut fixer = Fixer::new(text);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let Some(first) = blank(c) else { continue };
        let (mut spaces, mut lines, mut end) = (0usize, 0usize, start + c.len_utf8());
        let mut count = |b: Blank, prev_cr: bool, c: char| match b {
            Blank::Space => spaces += 1,
            // `\r\n` is one line end.
            Blank::Line if c == '\n' && prev_cr => {}
            Blank::Line => lines += 1,
            Blank::Paragraph => lines += 2,
            Blank::Nothing => {}
        };
        count(first, false, c);
        let mut prev_cr = c == '\r';
        while let Some(&(i, c)) = chars.peek() {
            let Some(b) = blank(c) else { break };
            count(b, prev_cr, c);
            prev_cr = c == '\r';
            end = i + c.len_utf8();
            chars.next();
        }
        let at_edge = start == 0 || end == text.len();
        let plain = match lines {
            _ if at_edge => "",
            0 if spaces == 0 => "",
            0 => " ",
            1 => "\n",
            _ => "\n\n",
        };
        let kind = if text[start..end].chars().any(|c| blank(c) == Some(Blank::Nothing)) { "control" } else { "space" };
        fixer.replace(Span::new(start, end), plain, kind);
    }
    fixer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_runs_are_not_edits() {
        let pass = repair("One two.\nThree.\n\nFour.");
        assert!(pass.map.is_identity());
    }

    #[test]
    fn runs_become_their_plain_form() {
        assert_eq!(repair("  lead\u{a0}\u{a0}and \r\n\r\n\r\n trail \n").text, "lead and\n\ntrail");
        assert_eq!(repair("soft\u{ad}ware").text, "software");
        assert_eq!(repair("a\u{2029}b").text, "a\n\nb");
    }
}
