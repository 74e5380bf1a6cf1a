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
pub(crate) fn repair(text: &str) -> Option<Pass> {
    let bytes = text.as_bytes();
    let mut fixer = Fixer::new(text);
    let mut at = 0;
    while at < bytes.len() {
        // Fast path: printable ASCII is never blank.
        let b = bytes[at];
        if (0x21..0x7f).contains(&b) {
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        let Some(first) = blank(c) else {
            at += c.len_utf8();
            continue;
        };
        // A single plain space or line end between two non-blanks: as is.
        if (c == ' ' || c == '\n') && at > 0 && at + 1 < bytes.len() && (0x21..0x7f).contains(&bytes[at + 1]) {
            at += 1;
            continue;
        }
        let start = at;
        let (mut spaces, mut lines) = (0usize, 0usize);
        let mut prev_cr = false;
        let mut any_invisible = false;
        let mut end = start;
        let mut b = first;
        let mut ch = c;
        loop {
            match b {
                Blank::Space => spaces += 1,
                // `\r\n` is one line end.
                Blank::Line if ch == '\n' && prev_cr => {}
                Blank::Line => lines += 1,
                Blank::Paragraph => lines += 2,
                Blank::Nothing => any_invisible = true,
            }
            prev_cr = ch == '\r';
            end += ch.len_utf8();
            match text[end..].chars().next().and_then(|n| blank(n).map(|nb| (n, nb))) {
                Some((n, nb)) => {
                    ch = n;
                    b = nb;
                }
                None => break,
            }
        }
        let at_edge = start == 0 || end == text.len();
        let plain = match lines {
            _ if at_edge => "",
            0 if spaces == 0 => "",
            0 => " ",
            1 => "\n",
            _ => "\n\n",
        };
        fixer.replace(Span::new(start, end), plain, if any_invisible { "control" } else { "space" });
        at = end;
    }
    fixer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_runs_are_not_edits() {
        assert!(repair("One two.\nThree.\n\nFour.").is_none());
    }

    fn fixed(text: &str) -> String {
        repair(text).map_or_else(|| text.to_owned(), |p| p.text)
    }

    #[test]
    fn runs_become_their_plain_form() {
        assert_eq!(fixed("  lead\u{a0}\u{a0}and \r\n\r\n\r\n trail \n"), "lead and\n\ntrail");
        assert_eq!(fixed("soft\u{ad}ware"), "software");
        assert_eq!(fixed("a\u{2029}b"), "a\n\nb");
    }
}
