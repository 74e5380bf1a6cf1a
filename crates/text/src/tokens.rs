//! Tokens: words, numbers, punctuation and symbols with byte spans.
//!
//! Kept whole: hyphenated words (`Nagorno-Karabakh`), abbreviations with
//! their dots (`U.S.`, `Gen.`, `a.m.`), numbers with separators (`1,960`,
//! `3.5`, `00:00`, `10.11.20`), contractions (`don't`). Split off: the
//! possessive `'s` (`Azerbaijan` `'s`), so the entity layer sees the name.
//! Chinese and Japanese characters are one token each (no word segmenter
//! is bundled; the entity layer matches over them).

use crate::sentences::abbreviation;
use truce_core::{Span, Token, TokenKind};
use unicode_normalization::char::canonical_combining_class;

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
}

/// Letters, digits and the marks that join them.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    (c.is_alphanumeric() && !is_cjk(c))
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
        || (!c.is_ascii() && canonical_combining_class(c) != 0)
}

/// Reads the word or number starting at `start` of `text`; returns its end.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let numeric = bytes[start].is_ascii_digit();
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if is_word_char(c) {
            end = at + c.len_utf8();
            continue;
        }
        let next = text[at + c.len_utf8()..].chars().next();
        let next_is_word = next.is_some_and(is_word_char);
        let next_is_digit = next.is_some_and(|n| n.is_ascii_digit());
        let prev_is_digit = at > 0 && bytes[at - 1].is_ascii_digit();
        let joins = match c {
            '-' | '‐' => next_is_word,
            '\'' | '’' => {
                // The possessive `'s` is its own token; `don't` stays whole.
                let rest = &text[at + c.len_utf8()..];
                let possessive = (rest.starts_with('s') || rest.starts_with('S'))
                    && !rest[1..].starts_with(|ch: char| is_word_char(ch));
                next_is_word && !possessive && !numeric
            }
            '.' => next_is_word && (numeric == next_is_digit),
            ',' => prev_is_digit && numeric && text[at + 1..].bytes().take_while(u8::is_ascii_digit).count() == 3,
            ':' | '/' => prev_is_digit && numeric && next_is_digit,
            _ => false,
        };
        if !joins {
            break;
        }
        end = at + c.len_utf8();
        // Skip the joiner; the loop continues with the next character.
        let _ = chars.peek();
    }
    // Take the final dot of an abbreviation: `U.S.`, `Gen.`, `J.`.
    if bytes.get(end) == Some(&b'.') && !numeric {
        let word = &text[start..end];
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if abbreviation(word).is_some() || initial || word.contains('.') {
            end += 1;
            // `U.S.-backed`
            if text[end..].starts_with('-') && text[end + 1..].starts_with(is_word_char) {
                return word_end(text, end + 1);
            }
        }
    }
    end
}

/// Tokenizes the sentence `text[span]`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    // About one token per five bytes of news text.
    let mut tokens = Vec::with_capacity(span.len() / 5 + 1);
    let s = span.slice(text);
    let base = span.start();
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let (end, kind) = if is_word_char(c) && (c.is_ascii() || canonical_combining_class(c) == 0) {
            let end = word_end(s, i);
            let kind = if c.is_ascii_digit() { TokenKind::Number } else { TokenKind::Word };
            (end, kind)
        } else if (c == '\'' || c == '’') && s[i + len..].starts_with(['s', 'S']) && i > 0 {
            // Possessive `'s` after a word.
            let end = i + len + 1;
            let glued = !s[end..].starts_with(|ch: char| is_word_char(ch));
            if glued { (end, TokenKind::Word) } else { (i + len, TokenKind::Punct) }
        } else if is_cjk(c) {
            (i + len, TokenKind::Word)
        } else if c.is_ascii_punctuation() || is_punctuation(c) {
            // Runs of one mark (`...`, `--`, `?!`) are one token.
            let run = s[i..].chars().take_while(|&d| d == c).count();
            (i + run * len, TokenKind::Punct)
        } else {
            // A symbol with any variation selectors or joiners after it.
            let mut end = i + len;
            while let Some(d) = s[end..].chars().next().filter(|&d| is_attached(d)) {
                end += d.len_utf8();
            }
            (end, TokenKind::Symbol)
        };
        let end = end.max(i + len);
        tokens.push(Token { span: Span::new(base + i, base + end), kind });
        i = end;
    }
    tokens
}

/// Characters that belong to the symbol before them: variation selectors,
/// joiners, emoji skin tones, combining marks.
fn is_attached(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{200D}' | '\u{1F3FB}'..='\u{1F3FF}') || canonical_combining_class(c) != 0
}

fn is_punctuation(c: char) -> bool {
    matches!(c,
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '«' | '»' | '¿' | '¡' | '·' | '§' | '¶'
        | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{0589}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len())).iter().map(|t| t.span.slice(text)).collect::<Vec<_>>()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            toks("Azerbaijan's U.S.-backed army sent 1,960 troops at 00:00 on 10.11.20, Gen. Ivanov said..."),
            [
                "Azerbaijan",
                "'s",
                "U.S.-backed",
                "army",
                "sent",
                "1,960",
                "troops",
                "at",
                "00:00",
                "on",
                "10.11.20",
                ",",
                "Gen.",
                "Ivanov",
                "said",
                "..."
            ]
        );
    }

    #[test]
    fn hyphens_contractions_and_quotes() {
        assert_eq!(
            toks("“Nagorno-Karabakh isn’t ours,” he said (3.5%)."),
            ["“", "Nagorno-Karabakh", "isn’t", "ours", ",", "”", "he", "said", "(", "3.5", "%", ")", "."]
        );
    }

    #[test]
    fn other_scripts() {
        assert_eq!(toks("停火协议"), ["停", "火", "协", "议"]);
        assert_eq!(toks("Ереван, 10 ноября."), ["Ереван", ",", "10", "ноября", "."]);
        assert_eq!(toks("وقف إطلاق النار"), ["وقف", "إطلاق", "النار"]);
        assert_eq!(toks("👍🏽 ok"), ["👍🏽", "ok"]);
    }

    #[test]
    fn spans_are_char_boundaries_and_cover_all_non_space() {
        let text = "Ð weird ‚ mix\u{301} of ½ things — “ok” 🇦🇲!";
        let covered: usize = tokenize(text, Span::new(0, text.len())).iter().map(|t| t.span.len()).sum();
        let non_space: usize = text.chars().filter(|c| !c.is_whitespace()).map(char::len_utf8).sum();
        assert_eq!(covered, non_space);
    }
}
