//! Match keys: the form in which dictionary phrases and text are compared.
//!
//! A key is lower-case, without diacritics (`Türkiye` → `turkiye`), with one
//! apostrophe (`’` → `'`), and with hyphens, underscores and runs of spaces
//! as one space (`Nagorno-Karabakh` and `Nagorno Karabakh` are one key).
//! Dots stay, so `U.S.` and `US` remain different keys that a dictionary
//! lists separately.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Appends the key form of `text` to `out`; returns nothing so callers can
/// reuse one buffer.
pub fn push_key(text: &str, out: &mut String) {
    let mut last_space = out.is_empty() || out.ends_with(' ');
    let mut push = |c: char, out: &mut String| {
        if c == ' ' {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
    };
    for c in text.chars() {
        match c {
            'A'..='Z' => push(c.to_ascii_lowercase(), out),
            'a'..='z' | '0'..='9' | '.' | '&' => push(c, out),
            '-' | '_' | ' ' | '\t' | '\n' | '‐' | '‑' | '–' | '—' => push(' ', out),
            '’' | '‘' | '`' | '\'' => push('\'', out),
            c if c.is_ascii() => push(c, out),
            c => {
                for d in c.to_lowercase().flat_map(|l| std::iter::once(l).nfd()) {
                    if canonical_combining_class(d) == 0 {
                        push(d, out);
                    }
                }
            }
        }
    }
}

/// The key of `text`, trimmed.
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_key(text, &mut out);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_diacritics_hyphens_and_apostrophes() {
        assert_eq!(key("Nagorno-Karabakh"), "nagorno karabakh");
        assert_eq!(key("Nagorno  Karabakh"), "nagorno karabakh");
        assert_eq!(key("Türkiye"), "turkiye");
        assert_eq!(key("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(key("U.S."), "u.s.");
        assert_eq!(key("Москва"), "москва");
        assert_eq!(key("FOREIGN_MINISTER_"), "foreign minister");
    }
}
